"""Reads of the meetings domain: what each page shows, in a fixed number of statements.

Every other domain asks here for sittings (a member's or an organ's coming sittings, booked slots,
the organs in their order) instead of querying the meeting tables itself.
"""

from __future__ import annotations

import calendar
from collections import defaultdict, namedtuple
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import and_, bindparam, exists, func, or_, select, tuple_
from sqlalchemy.orm import joinedload, load_only, selectinload
from sqlalchemy.sql.elements import ColumnElement

from consult.extensions import built_once, db
from consult.meetings.models import Invitation, Meeting, MeetingChange, Topic
from consult.meetings.numbering import number_label, numbered_search, short_numbered_name, sitting_name
from consult.meetings.scheduling import SittingSlot
from consult.meetings.statuses import BOOKS_TIME, SHOWN_TO_PUBLIC, shown_statuses
from consult.members.models import ORGAN_ORDER, Member, Organ, Sector


@dataclass(frozen=True)
class Audience:
    """Who is looking: staff see everything (of `organ_ids` only, for an account limited to those organs:
    consult/auth/scope.py); a member (recognised by their personal link) sees public sittings and those they
    are invited to; anyone else sees public sittings only.
    """

    staff: bool = False
    member_id: int | None = None  # or a bind parameter, in a statement built once
    organ_ids: frozenset[int] | None = None


PUBLIC = Audience()
STAFF = Audience(staff=True)


def visible_to(audience: Audience) -> ColumnElement[bool]:
    """Return the condition for a sitting to be shown to `audience` (status and visibility)."""
    if audience.staff:
        if audience.organ_ids is not None:
            return and_(Meeting.status.in_(shown_statuses(True)), Meeting.organ_id.in_(audience.organ_ids))
        return Meeting.status.in_(shown_statuses(True))
    public = and_(Meeting.status.in_(SHOWN_TO_PUBLIC), Meeting.visibility == "public")
    if audience.member_id is None:
        return public
    invited = select(Invitation.meeting_id).where(Invitation.member_id == audience.member_id)
    return and_(Meeting.status.in_(SHOWN_TO_PUBLIC), or_(Meeting.visibility == "public", Meeting.id.in_(invited)))


def visible_statuses(staff: bool) -> tuple[str, ...]:
    """Return the statuses a person sees: staff see drafts too."""
    return shown_statuses(staff)


def _audience(staff: bool, organ_ids: frozenset[int] | None) -> Audience:
    """Return the audience of a list: staff (of some organs only, when `organ_ids` is given) or the public."""
    return Audience(staff=True, organ_ids=organ_ids) if staff else PUBLIC


def _filtered(query, criteria: dict, staff: bool, organ_ids: frozenset[int] | None = None):
    query = query.where(visible_to(_audience(staff, organ_ids)))
    for name, value in criteria.items():
        query = query.where(getattr(Meeting, name) == value)
    return query


@dataclass(frozen=True)
class ListSearch:
    """What the sittings list searches besides the column filters: words (title, topics, location, or a
    numbered name such as 八届十二次), a status (checked against what the reader may see by the caller),
    and a year of the committee's zone."""

    text: str = ""
    status: str | None = None
    year: int | None = None
    time_zone: str = "Asia/Shanghai"


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _searched(query, search: ListSearch):
    text = " ".join(search.text.split())
    if text:
        pattern = _like(text)
        matches = [
            Meeting.title.ilike(pattern, escape="\\"),
            Meeting.location.ilike(pattern, escape="\\"),
            Meeting.id.in_(select(Topic.meeting_id).where(Topic.title.ilike(pattern, escape="\\"))),
        ]
        term, number = numbered_search(text)
        if term is not None or number is not None:
            named = [Meeting.number.is_not(None)]
            if term is not None:
                named.append(Meeting.term == term)
            if number is not None:
                named.append(Meeting.number == number)
            matches.append(and_(*named))
        query = query.where(or_(*matches))
    if search.status:
        query = query.where(Meeting.status == search.status)
    if search.year is not None:
        zone = ZoneInfo(search.time_zone)
        start = datetime(search.year, 1, 1, tzinfo=zone).astimezone(UTC)
        end = datetime(search.year + 1, 1, 1, tzinfo=zone).astimezone(UTC)
        query = query.where(Meeting.starts_at >= start, Meeting.starts_at < end)
    return query


def list_meetings(
    *, staff: bool, criteria: dict, now: datetime, past: bool, page: int, per_page: int = 50,
    search: ListSearch = ListSearch(), organ_ids: frozenset[int] | None = None,
) -> tuple[list[Meeting], int]:
    """Return one page of sittings (upcoming: not yet ended, soonest first; past: latest first) and
    the total count, filtered by `criteria` (column values) and `search` (staff limited to `organ_ids`: those
    organs' sittings only). Two statements whatever the count.
    """
    base = _searched(_filtered(select(Meeting), criteria, staff, organ_ids), search)
    base = base.where(Meeting.ends_at <= now) if past else base.where(Meeting.ends_at > now)
    total = db.session.scalar(select(func.count()).select_from(base.subquery())) or 0
    order = (Meeting.starts_at.desc(), Meeting.id.desc()) if past else (Meeting.starts_at, Meeting.id)
    rows = db.session.scalars(
        base.options(joinedload(Meeting.organ)).order_by(*order).limit(per_page).offset((page - 1) * per_page)
    ).all()
    return list(rows), total


def past_years(*, staff: bool, now: datetime, time_zone: str, organ_ids: frozenset[int] | None = None) -> list[int]:
    """Return the years (committee zone) of the first and the latest past sitting the reader may see, as the
    range between them, latest first; one statement."""
    first, last = db.session.execute(
        select(func.min(Meeting.starts_at), func.max(Meeting.starts_at)).where(
            visible_to(_audience(staff, organ_ids)), Meeting.ends_at <= now
        )
    ).one()
    if first is None:
        return []
    zone = ZoneInfo(time_zone)
    return list(range(last.astimezone(zone).year, first.astimezone(zone).year - 1, -1))


def coming_meetings(
    *, staff: bool, now: datetime, limit: int = 12, organ_ids: frozenset[int] | None = None
) -> list[Meeting]:
    """Return the next sittings that have not ended yet, soonest first, in one statement (staff limited to
    `organ_ids`: those organs' only)."""
    query = _filtered(select(Meeting), {}, staff, organ_ids).where(Meeting.ends_at > now)
    query = query.options(joinedload(Meeting.organ)).order_by(Meeting.starts_at, Meeting.id).limit(limit)
    return list(db.session.scalars(query))


def month_weeks(year: int, month: int) -> list[list[date]]:
    """Return the weeks (Monday first) that show `month`, each a list of seven dates."""
    return calendar.Calendar(firstweekday=0).monthdatescalendar(year, month)


def month_grid(
    *, year: int, month: int, time_zone: str, staff: bool, criteria: dict, organ_ids: frozenset[int] | None = None
) -> list[list[tuple[date, list[Meeting]]]]:
    """Return the weeks of the month, each day with the sittings on it (a multi-day sitting on each day).

    One statement: the sittings overlapping the shown weeks, with their organs.
    """
    zone = ZoneInfo(time_zone)
    weeks = month_weeks(year, month)
    first, last = weeks[0][0], weeks[-1][-1]
    start = datetime.combine(first, time(0), tzinfo=zone).astimezone(UTC)
    end = datetime.combine(last + timedelta(days=1), time(0), tzinfo=zone).astimezone(UTC)
    query = _filtered(select(Meeting), criteria, staff, organ_ids).where(
        Meeting.starts_at < end, Meeting.ends_at > start)
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


# What meeting_for_detail loads with the sitting.
_DETAIL = (joinedload(Meeting.organ), joinedload(Meeting.presiding_member), joinedload(Meeting.topics))


def meeting_for_detail(meeting_id: int) -> Meeting | None:
    """Return the sitting with what its page shows of it (organ, presiding member, topics), in one statement
    (a row per topic: a sitting has a handful), or None. The invitees come from invitees_for_page.
    """
    return db.session.scalars(_meeting_for_detail(), {"meeting_id": meeting_id}).unique().first()


@built_once
def _meeting_for_detail():
    return select(Meeting).where(Meeting.id == bindparam("meeting_id")).options(*_DETAIL)


def beside_sitting(entity, meeting_id):
    """Return a statement of rows (row of `entity`, its sitting): another domain's rows beside the sitting their
    column `meeting_id` names, with its organ and topics (what the sitting's pages on a phone show of it), so that
    the two come in one statement. The caller adds its WHERE and reads the result with .unique() (a row per
    topic)."""
    return select(entity, Meeting).join(Meeting, Meeting.id == meeting_id).options(
        joinedload(Meeting.organ), joinedload(Meeting.topics))


# At most this many drafts are offered for publishing together on one page.
DRAFTS_MAX = 200


def drafts_to_publish(
    *, series_id: str | None = None, ids: Iterable[int] = (), now: datetime, organ_ids: frozenset[int] | None = None
) -> list[Meeting]:
    """Return drafts to publish together, by start, with their organs, in one statement: those of the series
    `series_id`, or those with these `ids`, or (neither given) every draft not yet ended; at most DRAFTS_MAX; of
    `organ_ids` only when given (staff limited to some organs)."""
    query = select(Meeting).where(Meeting.status == "draft").options(joinedload(Meeting.organ))
    if organ_ids is not None:
        query = query.where(Meeting.organ_id.in_(organ_ids))
    ids = list(ids)
    if series_id:
        query = query.where(Meeting.series_id == series_id)
    elif ids:
        query = query.where(Meeting.id.in_(ids))
    else:
        query = query.where(Meeting.ends_at > now)
    return list(db.session.scalars(query.order_by(Meeting.starts_at, Meeting.id).limit(DRAFTS_MAX)))


def changes_of(meeting_id: int) -> list[MeetingChange]:
    """Return the recorded changes of a sitting's time and place, latest first, in one statement."""
    return list(
        db.session.scalars(
            select(MeetingChange)
            .where(MeetingChange.meeting_id == meeting_id)
            .order_by(MeetingChange.changed_at.desc(), MeetingChange.id.desc())
        )
    )


# One invitee as the meeting page lists them: plain values (reading a namedtuple costs a fraction of a Row).
Invitee = namedtuple(
    "Invitee",
    "id name role member_number protocol_order name_sort_key sector_id sector_name sector_position",
)


def invitees_for_page(meeting_id: int) -> list[Invitee]:
    """Return the invitees of a sitting as rows (id, name, role, member_number, sector_name, sector_position),
    by sector (position, name), then in the members' order (leaders in protocol order, then 姓氏笔画), in
    one statement.

    Plain rows rather than Member objects: the meeting page lists hundreds of names and needs only these.
    """
    from consult.members.queries import member_order_key

    rows = db.session.execute(
        select(
            Member.id, Member.name, Member.role, Member.member_number, Member.protocol_order, Member.name_sort_key,
            Sector.id.label("sector_id"), Sector.name.label("sector_name"), Sector.position.label("sector_position"),
        )
        .join(Invitation, Invitation.member_id == Member.id)
        .join(Sector, Member.sector_id == Sector.id)
        .where(Invitation.meeting_id == meeting_id)
    ).all()
    # Sorted here: the database would sort hundreds of keys under its text collation, several times slower.
    # The key reads the row as a plain tuple (id, name, role, number, protocol order, sort key, sector id,
    # sector name, sector position): named access on hundreds of rows costs more than the sort itself.
    keyed = []
    for row in rows:
        values = Invitee._make(row)
        keyed.append(((values[8], values[6], *member_order_key(values[2], values[4], values[5], values[0])), values))
    keyed.sort(key=lambda pair: pair[0])
    return [values for _, values in keyed]


def active_organs() -> list[Organ]:
    """Return the active organs in their order (position, then id: the one organ order), in one statement."""
    return list(db.session.scalars(select(Organ).where(Organ.active.is_(True)).order_by(*ORGAN_ORDER)))


def all_organs() -> list[Organ]:
    """Return every organ, active or not, in the one organ order, in one statement."""
    return list(db.session.scalars(_all_organs()))


@built_once
def _all_organs():
    return select(Organ).order_by(*ORGAN_ORDER)


def coming_sittings(
    *, audience: Audience, now: datetime, member_id: int | None = None, organ_id: int | None = None,
    limit: int | None = 20,
) -> list[Meeting]:
    """Return the sittings not yet ended that `audience` may see, soonest first, with organs and topics
    loaded: those `member_id` is invited to, or those of `organ_id`, or all. Two statements (the sittings with
    their organs, then their topics).

    Cancelled and postponed sittings are included (marked as such on the page): a member must see that
    a sitting they expect is not taking place.
    """
    query = select(Meeting).where(visible_to(audience), Meeting.ends_at > now)
    if member_id is not None:
        query = query.where(Meeting.id.in_(select(Invitation.meeting_id).where(Invitation.member_id == member_id)))
    if organ_id is not None:
        query = query.where(Meeting.organ_id == organ_id)
    query = query.options(joinedload(Meeting.organ), selectinload(Meeting.topics)).order_by(
        Meeting.starts_at, Meeting.id
    )
    if limit is not None:
        query = query.limit(limit)
    return list(db.session.scalars(query))


def coming_sittings_of_member(member_id: int, now: datetime) -> list[Meeting]:
    """Return the sittings not yet ended that the member is invited to and may see (visible_to the member: as
    coming_sittings shows them), soonest first, with organs and topics loaded: what their own page lists. One
    statement, built once (the page opens on every member's phone)."""
    return list(db.session.scalars(_coming_sittings_of_member(), {"member_id": member_id, "now": now}).unique())


@built_once
def _coming_sittings_of_member():
    member_id = bindparam("member_id")
    return (
        select(Meeting)
        .where(visible_to(Audience(member_id=member_id)), Meeting.ends_at > bindparam("now"),
               Meeting.id.in_(select(Invitation.meeting_id).where(Invitation.member_id == member_id)))
        .options(joinedload(Meeting.organ), joinedload(Meeting.topics))
        .order_by(Meeting.starts_at, Meeting.id)
    )


def booked_slots(starts_at: datetime, ends_at: datetime, exclude_meeting_id: int | None = None) -> list[SittingSlot]:
    """Return the sittings that book people and rooms (published and held) overlapping
    [starts_at, ends_at), with their invitees, in one statement. Titles are display names
    (八届十二次常委会议：title). The one query behind every conflict check (single sittings and series).
    """
    query = (
        select(
            Meeting.id, Meeting.title, Meeting.starts_at, Meeting.ends_at, Meeting.location, Meeting.term,
            Meeting.number, Organ.kind, Organ.number_label, Invitation.member_id,
        )
        .join(Organ, Meeting.organ_id == Organ.id)
        .outerjoin(Invitation, Invitation.meeting_id == Meeting.id)
        .where(Meeting.status.in_(BOOKS_TIME), Meeting.starts_at < ends_at, Meeting.ends_at > starts_at)
    )
    if exclude_meeting_id is not None:
        query = query.where(Meeting.id != exclude_meeting_id)
    slots: dict[int, dict] = {}
    for row in db.session.execute(query):
        entry = slots.get(row.id)
        if entry is None:
            title = sitting_name(row.term, row.number, number_label(row.kind, row.number_label), row.title)
            entry = slots[row.id] = {
                "title": title, "starts_at": row.starts_at, "ends_at": row.ends_at,
                "location": row.location or "", "members": set(),
            }
        if row.member_id is not None:
            entry["members"].add(row.member_id)
    return [
        SittingSlot(mid, e["title"], e["starts_at"], e["ends_at"], e["location"], frozenset(e["members"]))
        for mid, e in slots.items()
    ]


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


def sittings_of_plan_items(item_ids: Iterable[int], audience: Audience) -> dict[int, list[Meeting]]:
    """Return, per plan item id, the sittings that carry it out and `audience` may see, by start, in one
    statement. Only what a plan shows of a sitting is loaded (id, organ, title, start, status, number):
    hundreds of sittings would otherwise bring every column.
    """
    ids = list(item_ids)
    by_item: dict[int, list[Meeting]] = {}
    if not ids:
        return by_item
    query = (
        select(Meeting)
        .where(Meeting.plan_item_id.in_(ids), visible_to(audience))
        .options(
            load_only(
                Meeting.id, Meeting.plan_item_id, Meeting.organ_id, Meeting.title, Meeting.starts_at,
                Meeting.status, Meeting.term, Meeting.number,
            )
        )
        .order_by(Meeting.starts_at, Meeting.id)
    )
    for meeting in db.session.scalars(query):
        by_item.setdefault(meeting.plan_item_id, []).append(meeting)
    return by_item


def held_counts(starts_at: datetime, ends_at: datetime) -> list[tuple[int, str, str, int]]:
    """Return (organ id, organ kind, kind of sitting, count) of the sittings held in [starts_at, ends_at),
    in one statement: what the annual report and the plan's tallies count."""
    return [
        tuple(row)
        for row in db.session.execute(
            select(Meeting.organ_id, Organ.kind, Meeting.sitting_kind, func.count(Meeting.id))
            .join(Organ, Meeting.organ_id == Organ.id)
            .where(Meeting.status == "held", Meeting.starts_at >= starts_at, Meeting.starts_at < ends_at)
            .group_by(Meeting.organ_id, Organ.kind, Meeting.sitting_kind)
        )
    ]



def invited_condition(meeting_id, member_id) -> ColumnElement[bool]:
    """Return the condition that the member is invited to the sitting (ids as values or bind parameters), as an
    EXISTS: is_invited asks it alone, a statement of another domain beside its own rows."""
    return exists().where(Invitation.meeting_id == meeting_id, Invitation.member_id == member_id)


def is_invited(meeting_id: int, member_id: int) -> bool:
    """Return True when the member is invited to the sitting (one statement)."""
    return bool(db.session.scalar(_is_invited(), {"meeting_id": meeting_id, "member_id": member_id}))


@built_once
def _is_invited():
    return select(invited_condition(bindparam("meeting_id"), bindparam("member_id")))


def invited_meeting_ids(member_id: int, meeting_ids: Iterable[int]) -> set[int]:
    """Return which of `meeting_ids` the member is invited to (one statement; none for no ids)."""
    ids = list(meeting_ids)
    if not ids:
        return set()
    return set(db.session.scalars(
        select(Invitation.meeting_id).where(Invitation.member_id == member_id, Invitation.meeting_id.in_(ids))
    ))


def sittings_by_ids(meeting_ids: Iterable[int]) -> dict[int, Meeting]:
    """Return the sittings with these ids by id, with their organs (one statement)."""
    ids = set(meeting_ids)
    if not ids:
        return {}
    rows = db.session.scalars(select(Meeting).where(Meeting.id.in_(ids)).options(joinedload(Meeting.organ)))
    return {meeting.id: meeting for meeting in rows}


def meetings_with_topics(meeting_ids: Iterable[int]) -> list[Meeting]:
    """Return the sittings with these ids, their organs and topics loaded, latest first, in two statements."""
    ids = set(meeting_ids)
    if not ids:
        return []
    return list(db.session.scalars(
        select(Meeting).where(Meeting.id.in_(ids))
        .options(joinedload(Meeting.organ), selectinload(Meeting.topics))
        .order_by(Meeting.starts_at.desc(), Meeting.id.desc())
    ))


def sittings_named(*, meeting_id: int | None = None, uuid: str | None = None, term: int | None = None,
                   number: int | None = None) -> list[Meeting]:
    """Return the sittings with this id, this UUID, or this term and number (of any numbered organ), with their
    organs, presiding members and topics, by start (three statements): what a command that names a sitting finds."""
    query = select(Meeting).options(
        joinedload(Meeting.organ), joinedload(Meeting.presiding_member), selectinload(Meeting.topics))
    if meeting_id is not None:
        query = query.where(Meeting.id == meeting_id)
    elif uuid is not None:
        query = query.where(Meeting.uuid == uuid)
    elif term is not None and number is not None:
        query = query.where(Meeting.term == term, Meeting.number == number)
    else:
        return []
    return list(db.session.scalars(query.order_by(Meeting.starts_at, Meeting.id)).unique())


def organ_of_meeting(meeting_id: int) -> int | None:
    """Return the organ id of the sitting, or None when there is no such sitting (one statement)."""
    return db.session.scalar(select(Meeting.organ_id).where(Meeting.id == meeting_id))


# --- the JSON API's reads (consult.api): any audience, slices by offset ---------------------------------


@dataclass(frozen=True)
class SittingFilter:
    """What the API's list of sittings is filtered by besides its words and status (ListSearch): an organ, a
    kind of sitting, a consultation form, and the days (committee zone, both included) a sitting overlaps."""

    organ_id: int | None = None
    sitting_kind: str | None = None
    consultation_form: str | None = None
    first_day: date | None = None
    last_day: date | None = None


def find_sittings(
    audience: Audience, criteria: SittingFilter, search: ListSearch, *, newest_first: bool, offset: int, limit: int
) -> tuple[list[Meeting], int]:
    """Return the sittings `audience` may see that match, by start (latest first when `newest_first`), `limit`
    of them from `offset`, with their organs and topics loaded, and how many match in all. Three statements
    whatever the count."""
    query = _searched(select(Meeting).where(visible_to(audience)), search)
    for column, value in (("organ_id", criteria.organ_id), ("sitting_kind", criteria.sitting_kind),
                          ("consultation_form", criteria.consultation_form)):
        if value is not None:
            query = query.where(getattr(Meeting, column) == value)
    zone = ZoneInfo(search.time_zone)
    if criteria.first_day is not None:
        query = query.where(Meeting.ends_at > datetime.combine(criteria.first_day, time(0), tzinfo=zone))
    if criteria.last_day is not None:
        day_after = datetime.combine(criteria.last_day + timedelta(days=1), time(0), tzinfo=zone)
        query = query.where(Meeting.starts_at < day_after)
    total = db.session.scalar(select(func.count()).select_from(query.subquery())) or 0
    order = (Meeting.starts_at.desc(), Meeting.id.desc()) if newest_first else (Meeting.starts_at, Meeting.id)
    rows = db.session.scalars(
        query.options(joinedload(Meeting.organ), selectinload(Meeting.topics)).order_by(*order)
        .limit(limit).offset(offset)
    ).all()
    return list(rows), total


def visible_sitting(meeting_id: int, audience: Audience) -> Meeting | None:
    """Return the sitting when `audience` may see it, with its organ, presiding member and topics (two
    statements), or None: an unknown id and a sitting hidden from `audience` look the same."""
    return db.session.scalars(
        select(Meeting)
        .where(Meeting.id == meeting_id, visible_to(audience))
        .options(joinedload(Meeting.organ), joinedload(Meeting.presiding_member), selectinload(Meeting.topics))
    ).first()


# One sitting as the duty records count it: plain values, its display name made here (numbering's rule).
SittingRow = namedtuple("SittingRow", "id organ_id organ_kind name label starts_at status sitting_kind term")


def sittings_between(
    starts_at: datetime, ends_at: datetime, organ_ids: Iterable[int] | None = None
) -> list[SittingRow]:
    """Return every sitting (any status) starting in [starts_at, ends_at), of the organs `organ_ids` (None: all), by
    start, as SittingRow values with the display name (八届十二次常委会议：title) and the short one
    (八届十二次常委会议, or the title of a sitting without a number), in one statement: what the duty records
    count from (they keep the held ones)."""
    values = {"starts_at": starts_at, "ends_at": ends_at}
    if organ_ids is not None:
        values["organ_ids"] = list(organ_ids)
    found = []
    for row in db.session.connection().execute(_sittings_between(organ_ids is not None), values).all():
        label = number_label(row.kind, row.number_label)
        numbered = short_numbered_name("", row.term, row.number, label)
        found.append(SittingRow(row.id, row.organ_id, row.kind, sitting_name(row.term, row.number, label, row.title),
                                numbered or row.title, row.starts_at, row.status, row.sitting_kind, row.term))
    return found


@built_once
def _sittings_between(of_organs: bool):
    query = (
        select(Meeting.id, Meeting.organ_id, Organ.kind, Organ.number_label, Meeting.title, Meeting.starts_at,
               Meeting.status, Meeting.sitting_kind, Meeting.term, Meeting.number)
        .join(Organ, Meeting.organ_id == Organ.id)
        .where(Meeting.starts_at >= bindparam("starts_at"), Meeting.starts_at < bindparam("ends_at"))
        .order_by(Meeting.starts_at, Meeting.id)
    )
    if of_organs:
        query = query.where(Meeting.organ_id.in_(bindparam("organ_ids", expanding=True)))
    return query


def first_start_in_terms(terms: Iterable[int]) -> datetime | None:
    """Return the start of the earliest sitting numbered in any of `terms` (届), or None (one statement; none for no
    terms): where a term began, as far as the sittings tell."""
    wanted = list(terms)
    if not wanted:
        return None
    return db.session.scalar(select(func.min(Meeting.starts_at)).where(Meeting.term.in_(wanted)))


def invitations_of(meeting_ids: Iterable[int], member_id: int | None = None, unless=None) -> list[tuple[int, int]]:
    """Return the (sitting id, member id) pairs of the invitations to the sittings `meeting_ids`, only the member's
    when `member_id` is given, leaving out the pairs that `unless` selects (another domain's SELECT of (sitting id,
    member id) pairs) when given (one statement; none for no sittings)."""
    ids = list(meeting_ids)
    if not ids:
        return []
    query = select(Invitation.meeting_id, Invitation.member_id).where(Invitation.meeting_id.in_(ids))
    if member_id is not None:
        query = query.where(Invitation.member_id == member_id)
    if unless is not None:
        query = query.where(tuple_(Invitation.meeting_id, Invitation.member_id).not_in(unless))
    # Core, not the ORM: a year holds tens of thousands of invitations, and plain rows cost a fraction.
    return [(meeting_id, invited) for meeting_id, invited in db.session.connection().execute(query).all()]


def sitting_ids(*, organ_ids: Iterable[int] | None = None, starts_from: datetime | None = None,
                starts_before: datetime | None = None):
    """Return a SELECT of the ids of the sittings of `organ_ids` (None: every organ) starting in
    [starts_from, starts_before) (None: unbounded), for another domain to keep its rows of those sittings
    (`Row.meeting_id.in_(sitting_ids(...))`): a subquery, no statement of its own."""
    query = select(Meeting.id)
    if organ_ids is not None:
        query = query.where(Meeting.organ_id.in_(list(organ_ids)))
    if starts_from is not None:
        query = query.where(Meeting.starts_at >= starts_from)
    if starts_before is not None:
        query = query.where(Meeting.starts_at < starts_before)
    return query


# A held sitting as the year's figures count it: plain values.
HeldSitting = namedtuple("HeldSitting", "id organ_id sitting_kind consultation_form starts_at")


def held_sittings(starts_at: datetime, ends_at: datetime, organ_ids: Iterable[int] | None = None) -> list[HeldSitting]:
    """Return the sittings held in [starts_at, ends_at) (of `organ_ids`, None: every organ) by start, as
    HeldSitting rows, in one statement: what the year's figures count by month and what the compilation lists."""
    query = select(
        Meeting.id, Meeting.organ_id, Meeting.sitting_kind, Meeting.consultation_form, Meeting.starts_at,
    ).where(Meeting.status == "held", Meeting.starts_at >= starts_at, Meeting.starts_at < ends_at)
    if organ_ids is not None:
        query = query.where(Meeting.organ_id.in_(list(organ_ids)))
    return [HeldSitting._make(row) for row in db.session.execute(query.order_by(Meeting.starts_at, Meeting.id))]
