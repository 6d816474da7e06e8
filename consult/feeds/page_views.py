"""Subscribe pages (links, QR code, instructions) and a member's own page with their private feed."""

from __future__ import annotations

from flask import (
    Response,
    abort,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from consult.auth.permissions import is_staff, staff_required
from consult.auth.redirects import safe_next
from consult.committee import clock
from consult.extensions import db
from consult.feeds.blueprint import bp, external_url, qr_svg, webcal_url
from consult.feeds.forms import RotateFeedTokenForm
from consult.feeds.queries import (
    member_by_access_token,
)
from consult.feeds.services import rotate_feed_token
from consult.meetings import queries as meeting_queries
from consult.meetings.statuses import MEETING_STATUSES
from consult.members.models import Member, Organ


def subscribe_box(feed_url: str) -> dict:
    """Return what a subscribe box shows for `feed_url`: the https and webcal links and a QR code."""
    webcal = webcal_url(feed_url)
    return {"https": feed_url, "webcal": webcal, "qr_svg": qr_svg(webcal)}


@bp.route("/feeds")
def index():
    """The feeds one can subscribe to: every sitting, and each organ's."""
    organs = meeting_queries.active_organs()
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
    sittings = meeting_queries.coming_sittings(
        audience=meeting_queries.Audience(member_id=member.id), member_id=member.id, now=clock.now(), limit=None
    )
    response = Response(
        render_template(
            "feeds/my_page.html",
            member=member,
            sittings=sittings,
            status_labels=MEETING_STATUSES,
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
    rotate_feed_token(member, now=clock.now(), by="member")
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
    rotate_feed_token(member, now=clock.now(), by=current_user.username)
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
