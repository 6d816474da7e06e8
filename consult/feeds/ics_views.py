"""Calendar feeds (.ics): every sitting, an organ's, a member's private feed, and one sitting.

The subscribe pages and the member's own page are in page_views.py; both use the blueprint of blueprint.py.
"""

from __future__ import annotations

from flask import (
    Response,
    abort,
    current_app,
    request,
)
from werkzeug.http import is_resource_modified

from consult.auth.permissions import is_staff
from consult.committee import clock, get_committee
from consult.extensions import db
from consult.feeds.blueprint import bp, external_url
from consult.feeds.cache import feed_etag, feed_store
from consult.feeds.ical import CalendarSettings, build_calendar
from consult.feeds.queries import (
    FeedState,
    feed_events,
    feed_filter,
    feed_state,
    is_invited,
    member_by_access_token,
)
from consult.feeds.window import cancelled_leaves_at
from consult.members.models import Member, Organ

PUBLIC_CACHE = "public, max-age=300"
PRIVATE_CACHE = "private, max-age=300"
# A number no sitting has, replaced in one built URL to link every sitting without calling url_for each time.
_SENTINEL_ID = 987654321012


def _sitting_url_builder():
    template = external_url("meetings.detail", meeting_id=_SENTINEL_ID)
    sentinel = str(_SENTINEL_ID)
    return lambda meeting_id: template.replace(sentinel, str(meeting_id))


def _state(kind: str, key) -> FeedState:
    store = feed_store(current_app)
    hint = store.zone_hint or current_app.config["CONSULT_TIME_ZONE"]
    state = feed_state(kind, key, clock.now(), hint)
    if state is None:
        get_committee()
        state = feed_state(kind, key, clock.now(), hint)
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
            events = feed_events(where, state.time_zone, _sitting_url_builder(), get_committee().short_name)
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


def _names(kind: str, subject_id: int | None) -> tuple[str, str]:
    """Return the calendar name and description of feed `kind` in Chinese (what a phone shows beside the
    person's other calendars): 区政协·会议活动, 政协崇川区委员会·常务委员会, 区政协·我的会议活动."""
    committee = get_committee()
    if kind == "organ":
        organ = db.session.get(Organ, subject_id)
        return f"{committee.name}·{organ.name}", f"{committee.name}{organ.name}已发布的会议和活动"
    if kind == "member":
        member = db.session.get(Member, subject_id)
        return f"{committee.short_name}·我的会议活动", f"{committee.name}邀请{member.name}委员参加的会议和活动"
    return f"{committee.short_name}·会议活动", f"{committee.name}已发布的全部会议、视察、调研和座谈会"


def _feed(kind: str, key, endpoint: str, *, private: bool, **url_values) -> Response:
    """Answer the feed `kind` about `key` (404 when its subject does not exist); the calendar's name and
    description are read only when the body has to be built."""
    state = _state(kind, key)
    if kind != "all" and state.subject_id is None:
        abort(404)

    def settings() -> CalendarSettings:
        name, description = _names(kind, state.subject_id)
        return CalendarSettings(
            name=name, description=description, time_zone=state.time_zone,
            source_url=external_url(endpoint, **url_values),
        )

    return _serve(kind, key, state, private=private, settings=settings)


@bp.route("/feeds/all.ics")
def all_ics():
    """Every public sitting of the committee as an iCalendar feed."""
    return _feed("all", None, "feeds.all_ics", private=False)


@bp.route("/feeds/organ/<slug>.ics")
def organ_ics(slug: str):
    """The public sittings of one organ as an iCalendar feed."""
    return _feed("organ", slug, "feeds.organ_ics", private=False, slug=slug)


@bp.route("/feeds/member/<token>.ics")
def member_ics(token: str):
    """The sittings one member is invited to, whatever their visibility (private: the token is the only
    key). 404 for a stale token."""
    return _feed("member", token, "feeds.member_ics", private=True, token=token)


@bp.route("/meetings/<int:meeting_id>.ics")
def meeting_ics(meeting_id: int):
    """One sitting as an .ics download: public sittings (published, postponed, held, cancelled) for all;
    drafts and internal or members-only sittings for staff."""
    return _one_sitting(meeting_id, allowed=is_staff())


@bp.route("/my/<access_token>/sittings/<int:meeting_id>.ics")
def member_meeting_ics(access_token: str, meeting_id: int):
    """One sitting as an .ics download for a member invited to it, whatever its visibility."""
    member = member_by_access_token(access_token)
    if member is None or not member.active or not is_invited(member.id, meeting_id):
        abort(404)
    return _one_sitting(meeting_id, allowed=True)


def _one_sitting(meeting_id: int, *, allowed: bool) -> Response:
    """Serve one sitting's .ics; `allowed` lets drafts (staff) and non-public sittings through."""
    state = _state("meeting", meeting_id)
    if state.subject_id is None:
        abort(404)
    draft = state.subject_status == "draft"
    if (draft or state.subject_visibility != "public") and not allowed:
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
        private=draft or state.subject_visibility != "public",
        settings=settings,
        statuses=statuses,
        filename=f"sitting-{meeting_id}.ics",
    )
