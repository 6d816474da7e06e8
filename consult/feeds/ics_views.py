"""Calendar feeds (.ics): every sitting, an organ's, a member's private feed, and one sitting.

The subscribe pages and the member's own page are in page_views.py; both use the blueprint of blueprint.py.
"""

from __future__ import annotations

from dataclasses import replace
from functools import partial
from urllib.parse import quote

from flask import (
    Response,
    abort,
    current_app,
    request,
)
from werkzeug.http import is_resource_modified

from consult.auth.scope import staff_for_organ_of
from consult.committee import clock, get_committee
from consult.extensions import db
from consult.feeds.blueprint import bp, external_url
from consult.feeds.cache import CachedFeed, content_etag, feed_store, source_version
from consult.feeds.ical import CalendarSettings, build_calendar
from consult.feeds.queries import (
    FeedState,
    feed_events,
    feed_filter,
    feed_state,
    member_by_access_token,
)
from consult.feeds.reminders import reminder_before
from consult.feeds.services import record_feed_content
from consult.meetings import queries as meeting_queries
from consult.meetings.queries import organ_of_meeting
from consult.members.models import Organ

PUBLIC_CACHE = "public, max-age=300"
PRIVATE_CACHE = "private, max-age=300"
# A number no sitting has, replaced in one built URL to link every sitting without calling url_for each time.
_SENTINEL_ID = 987654321012


def _sitting_url_builder():
    template = external_url("meetings.detail", meeting_id=_SENTINEL_ID)
    sentinel = str(_SENTINEL_ID)
    return lambda meeting_id: template.replace(sentinel, str(meeting_id))


def _state(kind: str, key, variant: str = "") -> FeedState:
    store = feed_store(current_app)
    hint = store.zone_hint or current_app.config["CONSULT_TIME_ZONE"]
    state = feed_state(kind, key, clock.now(), hint, variant)
    if state is None:
        get_committee()
        state = feed_state(kind, key, clock.now(), hint, variant)
    store.zone_hint = state.time_zone
    return state


def _serve(
    kind: str, key, state: FeedState, *, private: bool, settings, statuses=None, filename=None, download=False
) -> Response:
    """Answer a feed request: 304 when the client's copy is current — from this process's store or the
    feed_version row, without building —, else the body (gzipped when the client accepts it).

    `settings` is called only when the body has to be built; `download` leaves REFRESH-INTERVAL out (a
    copy for a one-off import).
    """
    base = external_url("feeds.index")
    variant = _variant(download)
    subject_id = state.subject_id or 0
    source = source_version(
        kind, subject_id, variant, ",".join(statuses or ()), state.data_version, state.dropped, state.reminder, base
    )
    store = feed_store(current_app)
    use_gzip = request.accept_encodings["gzip"] > 0  # "gzip;q=0" refuses it

    cached = store.get(source)
    if cached is not None:
        etag, last_modified = cached.etag, cached.last_modified
    elif state.stored_source == source:
        etag, last_modified = state.stored_etag, state.stored_changed_at
    else:
        etag = last_modified = None

    if etag is not None and not is_resource_modified(
        request.environ, etag=_representation_etag(etag, use_gzip), last_modified=last_modified
    ):
        response = Response(status=304)
    else:
        build = partial(_build, kind, state, source, variant, settings=settings, statuses=statuses, download=download)
        cached = store.get_or_build(source, build)
        etag, last_modified = cached.etag, cached.last_modified
        if use_gzip:
            response = Response(cached.gzip_body, mimetype="text/calendar")
            response.headers["Content-Encoding"] = "gzip"
        else:
            response = Response(cached.body, mimetype="text/calendar")
        if filename:
            response.headers["Content-Disposition"] = _attachment(filename() if callable(filename) else filename)
    response.set_etag(_representation_etag(etag, use_gzip))
    response.last_modified = last_modified
    response.vary.add("Accept-Encoding")
    response.headers["Cache-Control"] = PRIVATE_CACHE if private else PUBLIC_CACHE
    if private:
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["X-Robots-Tag"] = "noindex"
    return response


def _build(kind: str, state: FeedState, source: str, variant: str, *, settings, statuses, download) -> CachedFeed:
    """Return the feed built from the data named by `source`, with its content's ETag and the time that
    content was first seen, recorded in feed_version (and committed) when it differs from the row's."""
    where = feed_filter(kind, state.subject_id, state.cutoff, statuses)
    committee = get_committee()
    events = feed_events(
        where, state.time_zone, _sitting_url_builder(), committee.short_name,
        leave_days=committee.leave_deadline_days, reminder=reminder_before(state.reminder),
    )
    calendar_settings = settings()
    if download:
        calendar_settings = replace(calendar_settings, refresh=None)
    body = build_calendar(calendar_settings, events)
    etag = content_etag(body)
    if state.stored_etag == etag:
        # Unchanged content: nothing to write. The row keeps the source it was first seen with, so another
        # process builds this feed once more to learn that it is the same; a write per feed at every change
        # of the committee's data would cost more.
        return CachedFeed(body, etag, state.stored_changed_at)
    changed_at = record_feed_content(
        kind, state.subject_id or 0, variant, source, etag, now=clock.now(), previous_changed_at=state.stored_changed_at
    )
    db.session.commit()
    return CachedFeed(body, etag, changed_at)


def _variant(download: bool) -> str:
    """Return the variant of a feed kept apart in feed_version: a copy for one-off import, or the feed."""
    return "download" if download else ""


def _representation_etag(etag: str, gzipped_body: bool) -> str:
    """Return the ETag of the body as sent: the gzipped bytes are another representation, with their own."""
    return f"{etag}-gz" if gzipped_body else etag


def _attachment(filename: str) -> str:
    """Return a Content-Disposition that saves the file as `filename` (Chinese allowed, RFC 6266)."""
    if filename.isascii():
        return f'attachment; filename="{filename}"'
    return f"attachment; filename=\"calendar.ics\"; filename*=UTF-8''{quote(filename)}"


def _names(kind: str, subject_id: int | None) -> tuple[str, str]:
    """Return the calendar name and description of feed `kind` in Chinese, as a phone shows them beside the
    person's other calendars: 区政协·全部会议活动, 区政协·常务委员会, 区政协·我的会议活动."""
    committee = get_committee()
    if kind == "organ":
        organ = db.session.get(Organ, subject_id)
        return f"{committee.short_name}·{organ.name}", f"{committee.name}{organ.name}已发布的会议活动"
    if kind == "member":
        return f"{committee.short_name}·我的会议活动", f"{committee.name}邀请您参加的会议活动"
    return f"{committee.short_name}·全部会议活动", f"{committee.name}已发布的全部会议、视察、调研和座谈会"


def _feed(kind: str, key, endpoint: str, *, private: bool, download: bool = False, **url_values) -> Response:
    """Answer the feed `kind` about `key` (404 when its subject does not exist); the calendar's name and
    description are read only when the body has to be built. `download` serves a copy to import once."""
    state = _state(kind, key, _variant(download))
    if kind != "all" and state.subject_id is None:
        abort(404)

    def settings() -> CalendarSettings:
        name, description = _names(kind, state.subject_id)
        return CalendarSettings(
            name=name, description=description, time_zone=state.time_zone,
            source_url=external_url(endpoint, **url_values),
        )

    def filename() -> str:
        return f"{_names(kind, state.subject_id)[0]}.ics"

    return _serve(
        kind, key, state, private=private, settings=settings, download=download,
        filename=filename if download else None,
    )


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


@bp.route("/feeds/download/all.ics")
def all_download():
    """Every public sitting as a calendar file to import once (phones that cannot subscribe)."""
    return _feed("all", None, "feeds.all_ics", private=False, download=True)


@bp.route("/feeds/download/organ/<slug>.ics")
def organ_download(slug: str):
    """One organ's public sittings as a calendar file to import once."""
    return _feed("organ", slug, "feeds.organ_ics", private=False, download=True, slug=slug)


@bp.route("/feeds/download/member/<token>.ics")
def member_download(token: str):
    """A member's sittings as a calendar file to import once (private, like the feed)."""
    return _feed("member", token, "feeds.member_ics", private=True, download=True, token=token)


@bp.route("/meetings/<int:meeting_id>.ics")
def meeting_ics(meeting_id: int):
    """One sitting as an .ics download: public sittings (published, postponed, held, cancelled) for all;
    drafts and internal or members-only sittings for staff (of its organ, for staff limited to some organs)."""
    return _one_sitting(meeting_id, allowed=lambda: staff_for_organ_of(lambda: organ_of_meeting(meeting_id)))


@bp.route("/my/<access_token>/sittings/<int:meeting_id>.ics")
def member_meeting_ics(access_token: str, meeting_id: int):
    """One sitting as an .ics download for a member invited to it, whatever its visibility."""
    member = member_by_access_token(access_token)
    if member is None or not member.active or not meeting_queries.is_invited(meeting_id, member.id):
        abort(404)
    return _one_sitting(meeting_id, allowed=lambda: True)


def _one_sitting(meeting_id: int, *, allowed) -> Response:
    """Serve one sitting's .ics; `allowed()` lets drafts (staff) and non-public sittings through. It is asked
    only for those, so that a public sitting's file never reads the session (no Vary: Cookie)."""
    state = _state("meeting", meeting_id)
    if state.subject_id is None:
        abort(404)
    draft = state.subject_status == "draft"
    if (draft or state.subject_visibility != "public") and not allowed():
        abort(404)
    statuses = ("draft",) if draft else None

    def settings() -> CalendarSettings:
        # A file to import once: no refresh interval (Xiaomi's importer refuses it).
        return CalendarSettings(
            name=get_committee().name, refresh=None,
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
