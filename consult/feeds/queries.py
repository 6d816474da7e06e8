"""What the feeds read from the database, in a fixed number of statements whatever their size.

`feed_state` is the one cheap statement a conditional request costs: the data version, the
subject of the feed (member, organ, sitting) and how many cancelled sittings have left the feeds.
`feed_events` loads a whole feed in three statements (organs, sittings, topics).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import and_, bindparam, func, or_, select
from sqlalchemy.sql.elements import ColumnElement

from consult.committee.models import Committee
from consult.extensions import built_once, db
from consult.feeds.descriptions import (
    assembly_text,
    attendance_texts,
    contact_text,
    leave_text,
    sitting_description,
)
from consult.feeds.ical import POSTPONED_PREFIX, FeedEvent, consultation_categories
from consult.feeds.models import FeedVersion
from consult.feeds.window import cancelled_cutoff
from consult.meetings.kinds import ACTIVITY_KINDS
from consult.meetings.models import Invitation, Meeting, Topic
from consult.meetings.numbering import number_label, sitting_name
from consult.meetings.statuses import IN_FEEDS, SHOWN_TO_PUBLIC
from consult.members.models import Member, Organ, organ_member

# The single-sitting download also offers cancelled sittings of any age; staff also get drafts.
EVENT_STATUS = {
    "published": "CONFIRMED",
    "held": "CONFIRMED",
    "postponed": "TENTATIVE",
    "cancelled": "CANCELLED",
    "draft": "TENTATIVE",
}


@dataclass(frozen=True, slots=True)
class FeedState:
    """Everything a conditional request needs, read in one statement."""

    data_version: int
    data_changed_at: datetime
    time_zone: str
    cutoff: datetime  # cancelled sittings starting before this have left the feeds
    dropped: int  # how many have left: rises, for the same data, only when one more leaves
    last_dropped_start: datetime | None
    subject_id: int | None  # the member (by feed token), the organ (by slug) or the sitting
    subject_status: str | None  # the sitting's status, for a single sitting
    subject_visibility: str | None = None  # the sitting's visibility, for a single sitting
    reminder: str = ""  # the member's chosen reminder, for a member's feed
    # The feed's row of feed_version (None before its first build): what its ETag was computed from.
    stored_source: str | None = None
    stored_etag: str | None = None
    stored_changed_at: datetime | None = None


def feed_state(
    kind: str, key: str | int | None, now: datetime, time_zone_hint: str, variant: str = ""
) -> FeedState | None:
    """Return the state of feed `kind` ("all", "organ", "member", "meeting") for `key` at `now`, with the
    feed_version row of its `variant`.

    `time_zone_hint` is the committee's zone as last seen; the cutoff depends on it, so when the
    committee's zone turns out to differ, the statement is run again with the right one. Returns
    None when the committee row does not exist yet.
    """
    state = _read_state(kind, key, now, time_zone_hint, variant)
    if state is not None and state.time_zone != time_zone_hint:
        state = _read_state(kind, key, now, state.time_zone, variant)
    return state


def _read_state(kind: str, key: str | int | None, now: datetime, time_zone: str, variant: str) -> FeedState | None:
    cutoff = cancelled_cutoff(now, time_zone)
    dropped_filter = and_(Meeting.status == "cancelled", Meeting.starts_at < cutoff)
    columns = [
        Committee.data_version,
        Committee.data_changed_at,
        Committee.time_zone,
        select(func.count(Meeting.id)).where(dropped_filter).scalar_subquery(),
        select(func.max(Meeting.starts_at)).where(dropped_filter).scalar_subquery(),
    ]
    subject = None
    # A former member's private feed and a disabled organ's feed answer 404, like an unknown token or slug.
    if kind == "member":
        subject = select(Member.id).where(Member.feed_token == key, Member.active.is_(True)).scalar_subquery()
    elif kind == "organ":
        subject = select(Organ.id).where(Organ.slug == key, Organ.active.is_(True)).scalar_subquery()
    elif kind == "meeting":
        subject = select(Meeting.id).where(Meeting.id == key).scalar_subquery()
    stored = and_(
        FeedVersion.kind == kind,
        FeedVersion.subject_id == (subject if subject is not None else 0),
        FeedVersion.variant == variant,
    )
    columns += [select(column).where(stored).scalar_subquery() for column in (
        FeedVersion.source_version, FeedVersion.etag, FeedVersion.changed_at,
    )]  # fmt: skip
    if subject is not None:
        columns.append(subject)
    if kind == "member":
        columns.append(select(Member.feed_reminder).where(Member.feed_token == key).scalar_subquery())
    elif kind == "meeting":
        columns.append(select(Meeting.status).where(Meeting.id == key).scalar_subquery())
        columns.append(select(Meeting.visibility).where(Meeting.id == key).scalar_subquery())
    row = db.session.execute(select(*columns).order_by(Committee.id).limit(1)).first()
    if row is None:
        return None
    version, changed_at, zone, dropped, last_dropped, stored_source, stored_etag, stored_at, *subject = row
    return FeedState(
        data_version=version,
        data_changed_at=changed_at,
        time_zone=zone,
        cutoff=cutoff,
        dropped=dropped or 0,
        last_dropped_start=last_dropped,
        subject_id=subject[0] if subject else None,
        subject_status=subject[1] if kind == "meeting" else None,
        subject_visibility=subject[2] if kind == "meeting" else None,
        reminder=(subject[1] or "") if kind == "member" else "",
        stored_source=stored_source,
        stored_etag=stored_etag,
        stored_changed_at=stored_at,
    )


def listed_filter(cutoff: datetime) -> ColumnElement[bool]:
    """Return the condition for a sitting to be in the feeds: published, postponed or held, or cancelled
    after `cutoff`."""
    return or_(
        Meeting.status.in_(IN_FEEDS),
        and_(Meeting.status == "cancelled", Meeting.starts_at >= cutoff),
    )


def feed_filter(kind: str, subject_id: int | None, cutoff: datetime, statuses=None) -> ColumnElement[bool]:
    """Return the condition selecting the sittings of feed `kind` about `subject_id`.

    The committee's and the organs' feeds are public: they carry public sittings only. A member's feed
    carries every sitting the member is invited to, whatever its visibility.
    For "meeting", `statuses` lists the statuses that may be shown (the cutoff does not apply).
    Raises ValueError for an unknown kind.
    """
    public = Meeting.visibility == "public"
    if kind == "all":
        return and_(listed_filter(cutoff), public)
    if kind == "organ":
        return and_(listed_filter(cutoff), public, Meeting.organ_id == subject_id)
    if kind == "member":
        invited = select(Invitation.meeting_id).where(Invitation.member_id == subject_id)
        return and_(listed_filter(cutoff), Meeting.id.in_(invited))
    if kind == "meeting":
        return and_(Meeting.id == subject_id, Meeting.status.in_(statuses or SHOWN_TO_PUBLIC))
    raise ValueError(f"unknown feed kind {kind!r}")


def feed_events(
    where: ColumnElement[bool],
    time_zone: str,
    sitting_url: Callable[[int], str],
    prefix: str = "",
    *,
    leave_days: int | None = None,
    reminder: timedelta | None = None,
) -> list[FeedEvent]:
    """Return the calendar events of the sittings matching `where`, in order of start.

    Three statements whatever the number of sittings. `sitting_url(meeting_id)` gives the link
    to a sitting's page. SUMMARY starts with the committee's short name `prefix` (区政协), so that on a
    phone that also shows other bodies' events it is plain whose sitting it is: 区政协八届十五次常委会议：…
    for a numbered sitting, 区政协经济委员会：… for another; a postponed one starts with 【延期，时间另定】.
    DESCRIPTION holds what a notice holds, with the leave instruction when `leave_days` (days before the
    start) is given; `reminder` adds a VALARM that long before each sitting (a member's own feed).
    """
    organs = {organ.id: organ for organ in db.session.scalars(select(Organ))}
    presiding = Member.__table__.alias("presiding")
    rows = db.session.execute(
        select(
            Meeting.id,
            Meeting.uuid,
            Meeting.organ_id,
            Meeting.sitting_kind,
            Meeting.consultation_form,
            Meeting.title,
            Meeting.starts_at,
            Meeting.ends_at,
            Meeting.location,
            Meeting.status,
            Meeting.cancel_reason,
            Meeting.postpone_reason,
            Meeting.assembly_at,
            Meeting.assembly_place,
            Meeting.guests,
            Meeting.observers,
            Meeting.term,
            Meeting.number,
            Meeting.revision,
            Meeting.created_at,
            Meeting.updated_at,
            presiding.c.name,
            Meeting.contact_name,
            Meeting.contact_phone,
            _invitee_count(organ_only=True),
            _invitee_count(organ_only=False),
        )
        .outerjoin(presiding, presiding.c.id == Meeting.presiding_member_id)
        .where(where)
        .order_by(Meeting.starts_at, Meeting.id)
    ).all()
    topics: dict[int, list[str]] = defaultdict(list)
    topic_rows = db.session.execute(
        select(Topic.meeting_id, Topic.title)
        .where(Topic.meeting_id.in_(select(Meeting.id).where(where)))
        .order_by(Topic.meeting_id, Topic.position, Topic.id)
    )
    for meeting_id, title in topic_rows:
        topics[meeting_id].append(title)

    labels = {organ_id: number_label(organ.kind, organ.number_label) for organ_id, organ in organs.items()}
    events = []
    for (
        meeting_id, uuid, organ_id, kind, form, title, starts_at, ends_at, location,
        status, cancel_reason, postpone_reason, assembly_at, assembly_place, guests, observers,
        term, number, revision, created_at, updated_at, presiding_name,
        contact_name, contact_phone, organ_invitees, all_invitees,
    ) in rows:  # fmt: skip
        if term and number and labels[organ_id]:
            name = sitting_name(term, number, labels[organ_id], title, prefix)
        else:
            name = f"{prefix}{organs[organ_id].name}：{title}" if prefix else title
        if status == "postponed":
            name = f"{POSTPONED_PREFIX}{name}"
        url = sitting_url(meeting_id)
        cancelled = status == "cancelled"
        activity = kind in ACTIVITY_KINDS
        attendance, observer_members = attendance_texts(
            organs[organ_id].name, organ_invitees or 0, (all_invitees or 0) - (organ_invitees or 0)
        )
        leave = ""
        if leave_days is not None and status == "published":  # not once held, cancelled or postponed
            leave = leave_text(starts_at, time_zone, leave_days, contact_name, f"{prefix}办公室", activity=activity)
        events.append(
            FeedEvent(
                uid=f"{uuid}@consult",
                dtstamp=updated_at,
                created=created_at,
                last_modified=updated_at,
                sequence=revision or 0,
                start=starts_at,
                end=ends_at,
                tzid=time_zone,
                summary=name,
                status=EVENT_STATUS[status],
                location=location or "",
                description=sitting_description(
                    topics.get(meeting_id, ()), presiding_name or "", url, cancel_reason or "", cancelled,
                    activity=activity, postponed=status == "postponed",
                    postpone_reason=postpone_reason or "",
                    assembly=assembly_text(assembly_at, assembly_place, time_zone),
                    guests=_lines(guests), observers=_lines(observers),
                    attendance=attendance, observer_members=observer_members,
                    contact=contact_text(contact_name, contact_phone), leave=leave,
                ),
                url=url,
                categories=consultation_categories(organs[organ_id].name, form, kind),
                reminder=reminder,
            )
        )
    return events


def _invitee_count(*, organ_only: bool):
    """The number of a sitting's invitees (a column of the sittings' statement): all of them, or only
    those who sit in the sitting's organ (the others are 列席委员)."""
    condition = Invitation.meeting_id == Meeting.id
    if organ_only:
        seats = select(organ_member.c.member_id).where(organ_member.c.organ_id == Meeting.organ_id)
        condition = and_(condition, Invitation.member_id.in_(seats))
    return select(func.count()).select_from(Invitation).where(condition).correlate(Meeting).scalar_subquery()


def _lines(text: str | None) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def member_by_access_token(token: str) -> Member | None:
    """Return the active member whose personal page token is `token`, or None: a former member's personal link
    opens nothing, like an unknown one."""
    return db.session.scalars(_member_by_access_token(), {"token": token}).first()


@built_once
def _member_by_access_token():
    return select(Member).where(Member.access_token == bindparam("token"), Member.active.is_(True))
