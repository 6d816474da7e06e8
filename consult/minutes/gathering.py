"""Gather what the minutes of a sitting hold from the other domains (the sitting, the committee's settings,
attendance and leave, opinions, members in protocol order) and staff's edits, into a MinutesContent.

Every read goes through the owning domain's queries; the shaping rules are the pure functions of
consult.minutes.content.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from consult.meetings import queries as meeting_queries
from consult.meetings.models import Meeting
from consult.meetings.statuses import HELD, PUBLISHED
from consult.members import queries as member_queries
from consult.minutes import content as shape
from consult.minutes.models import Minutes
from consult.onsite import queries as onsite_queries
from consult.onsite.attendance import ON_LEAVE, PRESENT, tally
from consult.onsite.models import APPROVED as LEAVE_APPROVED
from consult.opinions import queries as opinion_queries
from consult.opinions.models import ACTIVE


def local_start(meeting: Meeting, committee) -> datetime:
    """Return the sitting's start in the committee's zone."""
    return meeting.starts_at.astimezone(ZoneInfo(committee.time_zone))


def can_have_minutes(status: str, starts_at: datetime, now: datetime) -> bool:
    """Return True when minutes may be written for a sitting: it was held, or it is published and has begun."""
    return status == HELD or (status == PUBLISHED and starts_at <= now)


@dataclass(frozen=True)
class Edits:
    """What staff edit before generating: the defaults for a sitting without minutes, else the stored draft."""

    title: str
    year: int
    issue_number: int
    office: str
    issued_on: date
    opening: str
    summaries: dict[int, str]
    decisions: str


def numbered_name(meeting: Meeting, committee) -> str:
    """Return the sitting's numbered name with the committee's prefix (区政协八届十二次常委会议), or ""."""
    return meeting.full_display_number(committee.short_name)


def default_edits(meeting: Meeting, committee, today: date, next_issue: int) -> Edits:
    """Return what the edit form starts from for a sitting without minutes: the title from the numbered name (or
    the sitting's own title), issue `next_issue` of `today`'s year, the committee's office, today, and the opening
    paragraph (time, place, who presided, the topics)."""
    presiding = meeting.presiding_member
    leader = shape.leader_text(committee.short_name, presiding.role if presiding else None,
                               presiding.name if presiding else "")
    name = numbered_name(meeting, committee)
    sitting = name or (meeting.title if meeting.title.startswith(committee.short_name)
                       else f"{committee.short_name}{meeting.title}")
    opening = shape.default_opening(
        local_start=local_start(meeting, committee), location=meeting.location, sitting=sitting,
        activity=meeting.is_activity, leader=leader, topics=[t.title for t in meeting.topics],
    )
    return Edits(
        title=shape.default_title(name, committee.short_name, meeting.title),
        year=today.year, issue_number=next_issue, office=committee.effective_minutes_office, issued_on=today,
        opening=opening, summaries={}, decisions="",
    )


def stored_edits(minutes: Minutes) -> Edits:
    """Return the edits kept in the draft."""
    return Edits(
        title=minutes.title, year=minutes.year, issue_number=minutes.issue_number, office=minutes.office,
        issued_on=minutes.issued_on, opening=minutes.opening,
        summaries={s.topic_id: s.text for s in minutes.summaries}, decisions=minutes.decisions,
    )


def gather(meeting: Meeting, committee, edits: Edits) -> shape.MinutesContent:
    """Return the content of the sitting's minutes with staff's `edits`. `meeting` comes with its organ, presiding
    member and topics (meetings.queries.meeting_for_detail). A fixed number of statements, whatever the number of
    opinions and members."""
    day = local_start(meeting, committee).date()
    composition = member_queries.composition(meeting.organ_id, day)
    invitees = meeting_queries.invitees_for_page(meeting.id)
    records = onsite_queries.records_of(meeting.id)
    statuses = {member_id: record.status for member_id, record in records.items()}
    approved_leave = {r.member_id for r in onsite_queries.leave_requests_of(meeting.id) if r.status == LEAVE_APPROVED}
    counted = tally(composition, [p.id for p in invitees], statuses, meeting.organ.effective_quorum_rule)

    opinions = opinion_queries.opinions_of_sitting(meeting.id)
    author_ids = {o.member_id for o in opinions if o.member_id is not None}
    members = member_queries.members_by_ids(set(composition) | set(counted.observer_ids) | author_ids)

    def sector_rank(member) -> tuple:
        return (member.sector.position, member.sector.id)

    def order_key(member) -> tuple:
        leader = member_queries.member_order_key(member.role, member.protocol_order, member.name_sort_key, member.id)
        return shape.attendance_order_key(leader, sector_rank(member))

    inside = [members[m] for m in composition if m in members]
    present = sorted((m for m in inside if statuses.get(m.id) == PRESENT), key=order_key)
    on_leave = sorted(
        (m for m in inside if statuses.get(m.id) == ON_LEAVE or (m.id in approved_leave and m.id not in statuses)),
        key=order_key,
    )
    observing = [members[m] for m in counted.observer_ids if m in members and statuses.get(m) == PRESENT]
    observers = [m.name for m in sorted(observing, key=order_key)]
    observers += [line.strip() for line in (meeting.observers or "").splitlines() if line.strip()]
    guests = [line.strip() for line in (meeting.guests or "").splitlines() if line.strip()]

    rows = _rows_from(opinions, members, sector_rank)
    return shape.MinutesContent(
        masthead=committee.effective_minutes_masthead,
        red_rule=bool(committee.minutes_red_rule),
        issue=f"第{edits.issue_number}期",
        office=edits.office,
        date_text=shape.chinese_day(edits.issued_on),
        title=edits.title,
        opening=edits.opening,
        topics=shape.group_opinions([(t.id, t.title) for t in meeting.topics], rows, edits.summaries),
        decisions=shape.numbered_decisions(edits.decisions),
        attendance=shape.Attendance(
            present=tuple(m.name for m in present), on_leave=tuple(m.name for m in on_leave),
            observers=tuple(observers), guests=tuple(guests), expected=counted.expected,
            present_count=counted.present,
        ),
        printed_opinion_ids=shape.printed_opinion_ids((t.id for t in meeting.topics), rows),
    )


def _rows_from(opinions, members: dict, sector_rank) -> list[shape.OpinionRow]:
    rows = []
    for opinion in opinions:
        member = members.get(opinion.member_id) if opinion.member_id is not None else None
        if opinion.member_id is not None and member is None:
            continue  # the member row is gone: nothing to name or group it by
        rows.append(shape.OpinionRow(
            id=opinion.id, topic_id=opinion.topic_id, text=opinion.text, named=opinion.named,
            active=opinion.status == ACTIVE, excluded=opinion.excluded_from_minutes,
            duplicate_of_id=opinion.duplicate_of_id, member_id=opinion.member_id,
            author=member.name if member else opinion.guest_name,
            sector=member.sector.name if member else "",
            sector_rank=sector_rank(member) if member else (),
            organisation="" if member else opinion.guest_organisation,
        ))
    return rows
