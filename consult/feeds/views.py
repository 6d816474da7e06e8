"""Calendar feeds (.ics), their subscribe pages, and a member's own page with their private feed."""

from __future__ import annotations

from datetime import datetime

import segno
from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from werkzeug.http import is_resource_modified

from consult.auth.permissions import is_staff, staff_required
from consult.auth.views import safe_next
from consult.committee import get_committee
from consult.db_types import utcnow
from consult.extensions import db
from consult.feeds.cache import feed_etag, feed_store
from consult.feeds.forms import RotateFeedTokenForm
from consult.feeds.ical import CalendarSettings, build_calendar
from consult.feeds.queries import (
    FeedState,
    coming_sittings,
    feed_events,
    feed_filter,
    feed_state,
    member_by_access_token,
)
from consult.feeds.services import rotate_feed_token
from consult.feeds.window import cancelled_leaves_at
from consult.members.models import Member, Organ

bp = Blueprint("feeds", __name__)

PUBLIC_CACHE = "public, max-age=300"
PRIVATE_CACHE = "private, max-age=300"
# A number no sitting has, replaced in one built URL to link every sitting without calling url_for each time.
_SENTINEL_ID = 987654321012


def now() -> datetime:
    """Return the current time; tests set app.config["CONSULT_CLOCK"] to a function returning another."""
    return current_app.config.get("CONSULT_CLOCK", utcnow)()


def external_url(endpoint: str, **values) -> str:
    """Return the absolute URL of `endpoint`: under CONSULT_PUBLIC_URL when set, else the request's host."""
    public = current_app.config.get("CONSULT_PUBLIC_URL")
    if public:
        path = url_for(endpoint, **values)
        return public.rstrip("/") + path[len(request.script_root) :]
    return url_for(endpoint, _external=True, **values)


def webcal_url(url: str) -> str:
    """Return `url` with the webcal:// scheme that asks a device to subscribe."""
    return "webcal://" + url.split("://", 1)[-1]


def qr_svg(url: str) -> str:
    """Return an inline SVG QR code of `url`."""
    return segno.make(url, error="m").svg_inline(scale=4, border=2, title=url)


def _sitting_url_builder():
    template = external_url("meetings.detail", meeting_id=_SENTINEL_ID)
    sentinel = str(_SENTINEL_ID)
    return lambda meeting_id: template.replace(sentinel, str(meeting_id))


def _state(kind: str, key) -> FeedState:
    store = feed_store(current_app)
    hint = store.zone_hint or current_app.config["CONSULT_TIME_ZONE"]
    state = feed_state(kind, key, now(), hint)
    if state is None:
        get_committee()
        state = feed_state(kind, key, now(), hint)
    store.zone_hint = state.time_zone
    return state


def _serve(kind: str, key, state: FeedState, *, private: bool, settings, statuses=None, filename=None) -> Response:
    """Answer a feed request: 304 from the state alone when the client's copy is current, else the body.

    `settings` is called only when the body has to be built.
    """
    base = external_url("feeds.index")
    variant = ",".join(statuses or ())
    etag = feed_etag(kind, key, variant, state.data_version, state.dropped, base)
    last_modified = state.data_changed_at
    if state.last_dropped_start is not None:
        last_modified = max(last_modified, cancelled_leaves_at(state.last_dropped_start, state.time_zone))

    if not is_resource_modified(request.environ, etag=etag, last_modified=last_modified):
        response = Response(status=304)
    else:

        def build() -> bytes:
            where = feed_filter(kind, state.subject_id, state.cutoff, statuses)
            events = feed_events(where, state.time_zone, _sitting_url_builder())
            return build_calendar(settings(), events)

        body = feed_store(current_app).get_or_build(etag, build)
        response = Response(body, mimetype="text/calendar")
        if filename:
            response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.set_etag(etag)
    response.last_modified = last_modified
    response.headers["Cache-Control"] = PRIVATE_CACHE if private else PUBLIC_CACHE
    if private:
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["X-Robots-Tag"] = "noindex"
    return response


@bp.route("/feeds/all.ics")
def all_ics():
    """Every published sitting of the committee as an iCalendar feed."""
    state = _state("all", None)

    def settings() -> CalendarSettings:
        committee = get_committee()
        return CalendarSettings(
            name=f"{committee.name}·全部会议",
            description=f"{committee.name}已发布的全部会议、视察、调研和座谈会",
            time_zone=state.time_zone,
            source_url=external_url("feeds.all_ics"),
        )

    return _serve("all", None, state, private=False, settings=settings)


@bp.route("/feeds/organ/<slug>.ics")
def organ_ics(slug: str):
    """The published sittings of one organ as an iCalendar feed."""
    state = _state("organ", slug)
    if state.subject_id is None:
        abort(404)

    def settings() -> CalendarSettings:
        committee, organ = get_committee(), db.session.get(Organ, state.subject_id)
        return CalendarSettings(
            name=f"{committee.name}·{organ.name}",
            description=f"{committee.name}{organ.name}已发布的会议和活动",
            time_zone=state.time_zone,
            source_url=external_url("feeds.organ_ics", slug=slug),
        )

    return _serve("organ", slug, state, private=False, settings=settings)


@bp.route("/feeds/member/<token>.ics")
def member_ics(token: str):
    """The sittings one member is invited to (private: the token is the only key). 404 for a stale token."""
    state = _state("member", token)
    if state.subject_id is None:
        abort(404)

    def settings() -> CalendarSettings:
        committee, member = get_committee(), db.session.get(Member, state.subject_id)
        return CalendarSettings(
            name=f"{member.name}的会议·{committee.short_name}",
            description=f"{committee.name}邀请{member.name}委员参加的会议和活动",
            time_zone=state.time_zone,
            source_url=external_url("feeds.member_ics", token=token),
        )

    return _serve("member", token, state, private=True, settings=settings)


@bp.route("/meetings/<int:meeting_id>.ics")
def meeting_ics(meeting_id: int):
    """One sitting as an .ics download. Published, held and cancelled sittings for all; drafts for staff."""
    state = _state("meeting", meeting_id)
    if state.subject_id is None:
        abort(404)
    draft = state.subject_status == "draft"
    if draft and not is_staff():
        abort(404)
    statuses = ("draft",) if draft else None

    def settings() -> CalendarSettings:
        return CalendarSettings(
            name=get_committee().name,
            time_zone=state.time_zone,
            source_url=external_url("feeds.meeting_ics", meeting_id=meeting_id),
        )

    return _serve(
        "meeting",
        meeting_id,
        state,
        private=draft,
        settings=settings,
        statuses=statuses,
        filename=f"sitting-{meeting_id}.ics",
    )


def subscribe_box(feed_url: str) -> dict:
    """Return what a subscribe box shows for `feed_url`: the https and webcal links and a QR code."""
    webcal = webcal_url(feed_url)
    return {"https": feed_url, "webcal": webcal, "qr_svg": qr_svg(webcal)}


@bp.route("/feeds")
def index():
    """The feeds one can subscribe to: every sitting, and each organ's."""
    organs = db.session.scalars(select(Organ).where(Organ.active).order_by(Organ.position, Organ.name)).all()
    return render_template("feeds/index.html", organs=organs, staff=is_staff())


@bp.route("/feeds/all")
def subscribe_all():
    """The subscribe page of the feed of every sitting."""
    return render_template(
        "feeds/subscribe.html",
        title=_("All sittings"),
        box=subscribe_box(external_url("feeds.all_ics")),
        private=False,
    )


@bp.route("/feeds/organ/<slug>")
def subscribe_organ(slug: str):
    """The subscribe page of one organ's feed."""
    organ = db.session.scalars(select(Organ).where(Organ.slug == slug)).first() or abort(404)
    return render_template(
        "feeds/subscribe.html",
        title=organ.name,
        organ=organ,
        box=subscribe_box(external_url("feeds.organ_ics", slug=slug)),
        private=False,
    )


def _private_page(response: Response) -> Response:
    response.headers["Cache-Control"] = "private, no-store"
    response.headers["Referrer-Policy"] = "no-referrer"
    response.headers["X-Robots-Tag"] = "noindex"
    return response


@bp.route("/my/<access_token>")
def my_page(access_token: str):
    """A member's own page: their coming sittings and their private feed, with a button to renew its address."""
    member = member_by_access_token(access_token) or abort(404)
    sittings = coming_sittings(member.id, now())
    response = Response(
        render_template(
            "feeds/my_page.html",
            member=member,
            sittings=sittings,
            box=subscribe_box(external_url("feeds.member_ics", token=member.feed_token)),
            form=RotateFeedTokenForm(),
        )
    )
    return _private_page(response)


@bp.route("/my/<access_token>/feed-token", methods=["POST"])
def my_rotate_token(access_token: str):
    """Give the member a new private feed address; the old one stops working."""
    member = member_by_access_token(access_token) or abort(404)
    form = RotateFeedTokenForm()
    if not form.validate_on_submit():
        flash(_("The page had expired; please try again."), "error")
        return redirect(url_for("feeds.my_page", access_token=access_token))
    rotate_feed_token(member, now=now(), by="member")
    db.session.commit()
    flash(_("Your calendar has a new address. Subscribe again with it; the old address no longer works."), "success")
    return _private_page(redirect(url_for("feeds.my_page", access_token=access_token)))


@bp.route("/members/<int:member_id>/feed-token", methods=["POST"])
@staff_required
def rotate_member_token(member_id: int):
    """Staff: give a member a new private feed address (when the old one was shared or lost)."""
    member = db.session.get(Member, member_id) or abort(404)
    form = RotateFeedTokenForm()
    target = safe_next(form.next.data or request.args.get("next"))
    if not form.validate_on_submit():
        flash(_("The page had expired; please try again."), "error")
        return redirect(target)
    rotate_feed_token(member, now=now(), by=current_user.username)
    db.session.commit()
    flash(
        _("%(name)s's calendar has a new address; the old one no longer works.", name=member.name),
        "success",
    )
    return redirect(target)


@bp.app_template_global()
def member_feed_links(member: Member) -> dict:
    """Return, for templates, a member's personal page URL (with a QR code to print) and their feed's links."""
    personal_page = external_url("feeds.my_page", access_token=member.access_token)
    feed = external_url("feeds.member_ics", token=member.feed_token)
    return {
        "personal_page": personal_page,
        "personal_qr_svg": qr_svg(personal_page),
        "https": feed,
        "webcal": webcal_url(feed),
    }
