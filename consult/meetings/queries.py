"""Reads of the meetings domain: what each page shows, in a fixed number of statements."""

from __future__ import annotations

import calendar
from collections import defaultdict
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import joinedload, selectinload

from consult.extensions import db
from consult.meetings.models import Invitation, Meeting
from consult.members.models import Member, Organ, Sector

PUBLIC_STATUSES = ("published", "held", "cancelled")


def visible_statuses(staff: bool) -> tuple[str, ...]:
    """Return the statuses a person sees: staff see drafts too."""
    return ("draft", *PUBLIC_STATUSES) if staff else PUBLIC_STATUSES


def _filtered(query, criteria: dict, staff: bool):
    query = query.where(Meeting.status.in_(visible_statuses(staff)))
    for name, value in criteria.items():
        query = query.where(getattr(Meeting, name) == value)
    return query


def list_meetings(
    *, staff: bool, criteria: dict, now: datetime, past: bool, page: int, per_page: int = 50
) -> tuple[list[Meeting], int]:
    """Return one page of sittings (upcoming: not yet ended, soonest first; past: latest first) and
    the total count. Two statements whatever the count.
    """
    base = _filtered(select(Meeting), criteria, staff)
    base = base.where(Meeting.ends_at <= now) if past else base.where(Meeting.ends_at > now)
    total = db.session.scalar(select(func.count()).select_from(base.subquery())) or 0
    order = (Meeting.starts_at.desc(), Meeting.id.desc()) if past else (Meeting.starts_at, Meeting.id)
    rows = db.session.scalars(
        base.options(joinedload(Meeting.organ)).order_by(*order).limit(per_page).offset((page - 1) * per_page)
    ).all()
    return list(rows), total


def coming_meetings(*, staff: bool, now: datetime, limit: int = 12) -> list[Meeting]:
    """Return the next sittings that have not ended yet, soonest first, in one statement."""
    query = _filtered(select(Meeting), {}, staff).where(Meeting.ends_at > now)
    query = query.options(joinedload(Meeting.organ)).order_by(Meeting.starts_at, Meeting.id).limit(limit)
    return list(db.session.scalars(query))


def month_weeks(year: int, month: int) -> list[list[date]]:
    """Return the weeks (Monday first) that show `month`, each a list of seven dates."""
    return calendar.Calendar(firstweekday=0).monthdatescalendar(year, month)


def month_grid(
    *, year: int, month: int, time_zone: str, staff: bool, criteria: dict
) -> list[list[tuple[date, list[Meeting]]]]:
    """Return the weeks of the month, each day with the sittings on it (a multi-day sitting on each day).

    One statement: the sittings overlapping the shown weeks, with their organs.
    """
    zone = ZoneInfo(time_zone)
    weeks = month_weeks(year, month)
    first, last = weeks[0][0], weeks[-1][-1]
    start = datetime.combine(first, time(0), tzinfo=zone).astimezone(UTC)
    end = datetime.combine(last + timedelta(days=1), time(0), tzinfo=zone).astimezone(UTC)
    query = _filtered(select(Meeting), criteria, staff).where(Meeting.starts_at < end, Meeting.ends_at > start)
    meetings = db.session.scalars(
        query.options(joinedload(Meeting.organ)).order_by(Meeting.starts_at, Meeting.id)
    ).all()
    by_day: dict[date, list[Meeting]] = defaultdict(list)
    for meeting in meetings:
        day = max(meeting.starts_at.astimezone(zone).date(), first)
        # A sitting ending at midnight does not show on the next day.
        final = (meeting.ends_at - timedelta(microseconds=1)).astimezone(zone).date()
        while day <= min(final, last):
            by_day[day].append(meeting)
            day += timedelta(days=1)
    return [[(day, by_day.get(day, [])) for day in week] for week in weeks]


def meeting_for_page(meeting_id: int) -> Meeting | None:
    """Return the sitting with everything its page shows (organ, presiding, topics, invitees and
    their sectors), in a fixed number of statements, or None.
    """
    return db.session.scalars(
        select(Meeting)
        .where(Meeting.id == meeting_id)
        .options(
            joinedload(Meeting.organ),
            joinedload(Meeting.presiding_member),
            selectinload(Meeting.topics),
            selectinload(Meeting.invitations).joinedload(Invitation.member).joinedload(Member.sector),
        )
    ).first()


def meeting_for_detail(meeting_id: int) -> Meeting | None:
    """Return the sitting with what its page shows of it (organ, presiding member, topics), in two
    statements, or None. The invitees come from invitees_for_page.
    """
    return db.session.scalars(
        select(Meeting)
        .where(Meeting.id == meeting_id)
        .options(joinedload(Meeting.organ), joinedload(Meeting.presiding_member), selectinload(Meeting.topics))
    ).first()


def invitees_for_page(meeting_id: int) -> list:
    """Return the invitees of a sitting as rows (id, name, role, member_number, sector_name, sector_position),
    by sector (position, name), then in the members' order (leaders in protocol order, then 姓氏笔画), in
    one statement.

    Plain rows rather than Member objects: the meeting page lists hundreds of names and needs only these.
    """
    from consult.members.queries import member_order

    return db.session.execute(
        select(
            Member.id, Member.name, Member.role, Member.member_number,
            Sector.name.label("sector_name"), Sector.position.label("sector_position"),
        )
        .join(Invitation, Invitation.member_id == Member.id)
        .join(Sector, Member.sector_id == Sector.id)
        .where(Invitation.meeting_id == meeting_id)
        .order_by(Sector.position, Sector.id, *member_order())
    ).all()


def active_organs() -> list[Organ]:
    """Return the active organs in their order, in one statement."""
    return list(db.session.scalars(select(Organ).where(Organ.active.is_(True)).order_by(Organ.position, Organ.id)))


def members_for_form() -> list[Member]:
    """Return the active members with their sectors, by sector, then in member order (leaders in protocol
    order, then 姓氏笔画), in one statement."""
    from consult.members.queries import member_order

    return list(
        db.session.scalars(
            select(Member)
            .join(Sector, Member.sector_id == Sector.id)
            .where(Member.active.is_(True))
            .options(joinedload(Member.sector))
            .order_by(Sector.position, Sector.name, *member_order())
        )
    )
