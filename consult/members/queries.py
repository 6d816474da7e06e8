"""Reads of the members domain: each loads what a page shows in a fixed number of statements."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import and_, bindparam, case, exists, func, or_, select
from sqlalchemy.orm import selectinload

from consult.extensions import built_once, db
from consult.members.composition import is_active_on
from consult.members.models import (
    ORGAN_ORDER,
    Member,
    Membership,
    Organ,
    Sector,
    liaison_organ,
    liaison_sector,
    organ_member,
)
from consult.members.posts import post_rank

ROLE_RANK = {"chair": 0, "vice_chair": 1, "secretary_general": 2}


def member_order_key(role: str | None, protocol_order: int | None, name_sort_key: str, member_id: int) -> tuple:
    """Return the key that puts members in member_order() in Python: for long lists already loaded, where
    a database sort on text would cost more than sorting here (a test checks that the two agree)."""
    if role in ROLE_RANK:
        return (0, protocol_order or 0, ROLE_RANK[role], name_sort_key or "", member_id)
    return (1, 0, 0, name_sort_key or "", member_id)


def member_order():
    """Return the ORDER BY terms of every list of members: the leaders (chair, vice-chairs,
    secretary-general) first in protocol order (排序), then everyone in surname-stroke order (姓氏笔画).
    """
    leader = Member.role.in_(ROLE_RANK)
    return (
        case((leader, 0), else_=1),
        case((leader, Member.protocol_order), else_=0),
        case((leader, case(ROLE_RANK, value=Member.role, else_=9)), else_=0),
        Member.name_sort_key,
        Member.id,
    )


def member_sort_key(member: Member) -> tuple:
    """Return the Python sort key matching member_order(), for members already loaded."""
    leader = member.role in ROLE_RANK
    return (
        0 if leader else 1,
        member.protocol_order if leader else 0,
        ROLE_RANK.get(member.role or "", 9) if leader else 0,
        member.name_sort_key,
        member.id or 0,
    )


def in_member_order(members: Iterable[Member]) -> list[Member]:
    """Return the members in the order of member_order()."""
    return sorted(members, key=member_sort_key)


def active_members_in_order(member_ids: Iterable[int]) -> list[Member]:
    """Return the active members among `member_ids`, in the order of member_order() (one statement)."""
    ids = list(member_ids)
    if not ids:
        return []
    return in_member_order(db.session.scalars(select(Member).where(Member.id.in_(ids), Member.active.is_(True))))


# The name the older code used; the rule is member_order's.
sort_by_leadership = in_member_order


def standing_clause(day: date):
    """Return a WHERE clause true for members who sit in a standing committee on `day` (常委)."""
    return exists(
        select(organ_member.c.member_id)
        .join(Organ, Organ.id == organ_member.c.organ_id)
        .where(
            organ_member.c.member_id == Member.id,
            Organ.kind == "standing_committee",
            _active_clause(day),
        )
    )


def standing_member_ids(day: date) -> set[int]:
    """Return the ids of the members who sit in a standing committee on `day` (常委), in one statement."""
    return set(db.session.scalars(select(Member.id).where(standing_clause(day))))


def _active_clause(day: date):
    return and_(
        or_(organ_member.c.starts_on.is_(None), organ_member.c.starts_on <= day),
        or_(organ_member.c.ends_on.is_(None), organ_member.c.ends_on >= day),
    )


def composition(organ_id: int, on: date) -> list[int]:
    """Return the ids of the active members who sit in the organ on `on`, in member order (one statement)."""
    return compositions([(organ_id, on)])[(organ_id, on)]


def composition_ids(organ_id: int, on: date) -> set[int]:
    """Return the ids of the active members who sit in the organ on `on`, unordered (one statement): what a
    page needs to count 应到 and to tell 列席委员 apart. The dates follow composition.is_active_on."""
    return set(
        db.session.scalars(
            select(organ_member.c.member_id)
            .join(Member, Member.id == organ_member.c.member_id)
            .where(
                organ_member.c.organ_id == organ_id,
                Member.active.is_(True),
                or_(organ_member.c.starts_on.is_(None), organ_member.c.starts_on <= on),
                or_(organ_member.c.ends_on.is_(None), organ_member.c.ends_on >= on),
            )
        )
    )


def compositions(wanted: Iterable[tuple[int, date]]) -> dict[tuple[int, date], list[int]]:
    """Return the composition of each (organ id, day) asked for, in member order, in one statement."""
    wanted = list(dict.fromkeys(wanted))
    found: dict[tuple[int, date], list[int]] = {key: [] for key in wanted}
    if not wanted:
        return found
    organ_ids = {organ_id for organ_id, _ in wanted}
    query = (
        select(organ_member.c.organ_id, organ_member.c.member_id, organ_member.c.starts_on, organ_member.c.ends_on)
        .join(Member, Member.id == organ_member.c.member_id)
        .where(organ_member.c.organ_id.in_(organ_ids), Member.active.is_(True))
    )
    rows = db.session.execute(query.order_by(*member_order()))
    days_of: dict[int, list[date]] = {}
    for organ_id, day in wanted:
        days_of.setdefault(organ_id, []).append(day)
    for organ_id, member_id, starts_on, ends_on in rows:
        for day in days_of[organ_id]:
            if is_active_on(starts_on, ends_on, day):
                found[(organ_id, day)].append(member_id)
    return found


def memberships_for_organ(organ_id: int) -> list[Membership]:
    """Return the organ's memberships with their members and sectors loaded (2 statements), in member order."""
    memberships = list(
        db.session.scalars(
            select(Membership)
            .join(Member, Member.id == Membership.member_id)
            .where(Membership.organ_id == organ_id)
            .options(selectinload(Membership.member).selectinload(Member.sector))
            .order_by(*member_order())
        )
    )
    return memberships


def _chair_meeting_members(day: date) -> list[Member]:
    chair_meeting = (
        select(organ_member.c.member_id)
        .join(Organ, Organ.id == organ_member.c.organ_id)
        .where(Organ.kind == "chair_meeting", Organ.active.is_(True), _active_clause(day))
    )
    members = list(
        db.session.scalars(
            select(Member)
            .where(Member.active.is_(True), Member.id.in_(chair_meeting))
            .order_by(*member_order())
        )
    )
    if members:
        return members
    # No chair meeting organ (or an empty one): the leaders by their roles are its members.
    return list(
        db.session.scalars(
            select(Member).where(Member.active.is_(True), Member.role.in_(ROLE_RANK)).order_by(*member_order())
        )
    )


def lead_candidates(day: date | None = None) -> list[Member]:
    """Return who may lead a plan item (牵头领导): the chair meeting's members in protocol order."""
    from consult.committee import clock

    return _chair_meeting_members(day or clock.today())


def presiding_candidates(organ_id: int, day: date | None = None) -> list[Member]:
    """Return who may preside over (主持) a sitting of the organ: the organ's post holders (主任 first),
    then the chair meeting's members in protocol order; each once.
    """
    from consult.committee import clock

    day = day or clock.today()
    organ = db.session.get(Organ, organ_id)
    holders: list[Member] = []
    if organ is not None:
        rows = db.session.execute(
            select(Member, organ_member.c.post)
            .join(organ_member, organ_member.c.member_id == Member.id)
            .where(
                organ_member.c.organ_id == organ_id,
                organ_member.c.post.is_not(None),
                Member.active.is_(True),
                _active_clause(day),
            )
            .order_by(*member_order())
        ).all()
        holders = [m for m, _ in sorted(rows, key=lambda row: post_rank(organ.kind, row[1]))]
    seen = {m.id for m in holders}
    return holders + [m for m in _chair_meeting_members(day) if m.id not in seen]


def liaison_leader_for(organ_id: int | None = None, sector_id: int | None = None) -> Member | None:
    """Return the leader who keeps in touch (分工联系) with the organ, else with the sector, or None.

    When several do, the first in protocol order answers.
    """
    for table, column, value in ((liaison_organ, liaison_organ.c.organ_id, organ_id),
                                 (liaison_sector, liaison_sector.c.sector_id, sector_id)):
        if value is None:
            continue
        leader = db.session.scalars(
            select(Member)
            .join(table, table.c.member_id == Member.id)
            .where(column == value, Member.active.is_(True))
            .order_by(*member_order())
            .limit(1)
        ).first()
        if leader is not None:
            return leader
    return None


def all_sectors() -> list[Sector]:
    """Return every sector in display order."""
    return list(db.session.scalars(select(Sector).order_by(Sector.position, Sector.name)))


def sectors_with_counts(active_only: bool = True) -> list[tuple[Sector, int]]:
    """Return (sector, number of its members) in display order; counts active members unless told otherwise."""
    join_on = Member.sector_id == Sector.id
    if active_only:
        join_on = join_on & Member.active.is_(True)
    query = (
        select(Sector, func.count(Member.id))
        .outerjoin(Member, join_on)
        .group_by(Sector.id)
        .order_by(Sector.position, Sector.name)
    )
    return [(sector, count) for sector, count in db.session.execute(query)]


def all_organs(active_only: bool = False) -> list[Organ]:
    """Return the organs in display order."""
    query = select(Organ).order_by(*ORGAN_ORDER)
    if active_only:
        query = query.where(Organ.active.is_(True))
    return list(db.session.scalars(query))


def organs_with_counts(include_inactive: bool, on: date | None = None) -> list[tuple[Organ, int]]:
    """Return (organ, number of its active members on `on`, default today) in display order."""
    from consult.committee import clock

    active_members = (
        select(organ_member.c.organ_id, func.count().label("n"))
        .join(Member, Member.id == organ_member.c.member_id)
        .where(Member.active.is_(True), _active_clause(on or clock.today()))
        .group_by(organ_member.c.organ_id)
        .subquery()
    )
    query = (
        select(Organ, func.coalesce(active_members.c.n, 0))
        .outerjoin(active_members, active_members.c.organ_id == Organ.id)
        .order_by(*ORGAN_ORDER)
    )
    if not include_inactive:
        query = query.where(Organ.active.is_(True))
    return [(organ, count) for organ, count in db.session.execute(query)]


DIRECTORY_PAGE_SIZE = 50


@dataclass(frozen=True)
class DirectoryFilter:
    """What the member directory shows."""

    sector_id: int | None = None
    organ_id: int | None = None
    text: str = ""
    party: str = ""
    include_inactive: bool = False
    # Staff limited to some organs (consult/auth/scope.py) see only members who sit or sat in one of them.
    organ_ids: frozenset[int] | None = None


def _directory_query(criteria: DirectoryFilter, staff: bool, search_contacts: bool | None = None):
    """The directory's query; staff may include former members and (unless `search_contacts` says otherwise)
    find members by number, phone and e-mail."""
    query = select(Member).join(Member.sector)
    if not (staff and criteria.include_inactive):
        query = query.where(Member.active.is_(True))
    if criteria.sector_id:
        query = query.where(Member.sector_id == criteria.sector_id)
    if criteria.organ_id:
        query = query.where(Member.organs.any(Organ.id == criteria.organ_id))
    if criteria.organ_ids is not None:
        query = query.where(Member.organs.any(Organ.id.in_(criteria.organ_ids)))
    if criteria.party:
        query = query.where(Member.party == criteria.party)
    text = criteria.text.strip()
    if text:
        escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        pattern = f"%{escaped}%"
        searched = [
            Member.name.ilike(pattern, escape="\\"),
            Member.affiliation.ilike(pattern, escape="\\"),
            Sector.name.ilike(pattern, escape="\\"),
        ]
        if staff if search_contacts is None else search_contacts:
            searched += [
                Member.member_number.ilike(pattern, escape="\\"),
                Member.phone.ilike(pattern, escape="\\"),
                Member.email.ilike(pattern, escape="\\"),
            ]
        query = query.where(or_(*searched))
    return query


def _with_directory_rows(query):
    return query.options(
        selectinload(Member.sector), selectinload(Member.memberships).selectinload(Membership.organ)
    ).order_by(*member_order())


def directory(criteria: DirectoryFilter, staff: bool) -> list[Member]:
    """Return the members the directory shows in member order, with sector and memberships loaded (4 statements).

    Searching matches the name, the sector and the work unit; staff also find members by number, phone
    and email.
    """
    return list(db.session.scalars(_with_directory_rows(_directory_query(criteria, staff))))


def directory_page(
    criteria: DirectoryFilter, staff: bool, page: int, per_page: int = DIRECTORY_PAGE_SIZE
) -> tuple[list[Member], int, int]:
    """Return one page of `directory` (pages count from 1; a page past the last gives the last), the total
    number of members that match and the page actually shown. Five statements whatever the count.
    """
    query = _directory_query(criteria, staff)
    total = db.session.scalar(select(func.count()).select_from(query.subquery())) or 0
    page = min(max(page, 1), max((total + per_page - 1) // per_page, 1))
    rows = db.session.scalars(_with_directory_rows(query).limit(per_page).offset((page - 1) * per_page))
    return list(rows), total, page


def directory_slice(
    criteria: DirectoryFilter, *, contacts: bool, offset: int, limit: int
) -> tuple[list[Member], int]:
    """Return `limit` members of the staff directory from `offset` (former members too when `criteria` asks), in
    member order with sector and memberships loaded, and how many match in all; words find phone and e-mail
    only when `contacts` (the reader may see them). Five statements whatever the count (the JSON API)."""
    query = _directory_query(criteria, True, search_contacts=contacts)
    total = db.session.scalar(select(func.count()).select_from(query.subquery())) or 0
    return list(db.session.scalars(_with_directory_rows(query).limit(limit).offset(offset))), total


def member_by_id(member_id: int) -> Member | None:
    """Return the member with id `member_id`, or None (one statement at most)."""
    return db.session.get(Member, member_id)


def organ_ids_of_member(member_id: int) -> set[int]:
    """Return the ids of the organs the member sits or sat in, whatever the dates (one statement): what decides
    whether staff limited to some organs may act on the member."""
    return set(db.session.scalars(select(organ_member.c.organ_id).where(organ_member.c.member_id == member_id)))


def member_for_page(member_id: int) -> Member | None:
    """Return the member with sector, organs, memberships and liaison loaded, or None."""
    return db.session.scalars(
        select(Member)
        .where(Member.id == member_id)
        .options(
            selectinload(Member.sector),
            selectinload(Member.organs),
            selectinload(Member.memberships).selectinload(Membership.organ),
            selectinload(Member.liaison_sectors),
            selectinload(Member.liaison_organs),
        )
    ).first()


def organ_for_page(slug: str) -> Organ | None:
    """Return the organ with its members and their sectors loaded, or None."""
    return db.session.scalars(
        select(Organ)
        .where(Organ.slug == slug)
        .options(selectinload(Organ.members).selectinload(Member.sector))
    ).first()


def members_for_choice() -> list[Member]:
    """Return the active members (and their sectors) for checkbox lists, by sector, then in member order."""
    return list(
        db.session.scalars(
            select(Member)
            .join(Member.sector)
            .where(Member.active.is_(True))
            .options(selectinload(Member.sector))
            .order_by(Sector.position, Sector.name, *member_order())
        )
    )


def members_by_ids(member_ids: Iterable[int]) -> dict[int, Member]:
    """Return the members with these ids (active or not) and their sectors, by id, in two statements at most."""
    ids = set(member_ids)
    if not ids:
        return {}
    rows = db.session.scalars(select(Member).where(Member.id.in_(ids)).options(selectinload(Member.sector)))
    return {member.id: member for member in rows}


def active_member_named(name: str) -> Member | None:
    """Return an active member whose name is `name` (spaces, also full-width, ignored), or None."""
    bare = "".join((name or "").split())
    if not bare:
        return None
    return db.session.scalars(
        select(Member).where(Member.active.is_(True), func.replace(Member.name, " ", "") == bare).limit(1)
    ).first()


def members_for_records(also_ids: Iterable[int] = (), member_id: int | None = None) -> list:
    """Return the members a duty report lists, as rows (id, name, role, protocol_order, name_sort_key, active,
    sector_id, sector_name, sector_position): every active member and those of `also_ids` (former members who sat
    in the year), or only the member `member_id` when given; a member without a sector has None there. One
    statement, unordered (member_order_key sorts them)."""
    if member_id is not None:
        query, values = _members_for_records("member"), {"member_id": member_id}
    else:
        also = list(set(also_ids))
        query, values = (_members_for_records("also"), {"also": also}) if also else (_members_for_records("active"), {})
    return list(db.session.connection().execute(query, values).all())


@built_once
def _members_for_records(which: str):
    query = select(
        Member.id, Member.name, Member.role, Member.protocol_order, Member.name_sort_key, Member.active,
        Sector.id.label("sector_id"), Sector.name.label("sector_name"), Sector.position.label("sector_position"),
    ).outerjoin(Sector, Member.sector_id == Sector.id)
    if which == "member":
        return query.where(Member.id == bindparam("member_id"))
    if which == "also":
        return query.where(or_(Member.active.is_(True), Member.id.in_(bindparam("also", expanding=True))))
    return query.where(Member.active.is_(True))


def seats_of(member_id: int | None = None) -> list:
    """Return the memberships of organs (organ_member) as rows (member_id, organ_id, starts_on, ends_on), only the
    member's when `member_id` is given (one statement): who sat where and when, for the duty records."""
    values = {"member_id": member_id} if member_id is not None else {}
    return list(db.session.connection().execute(_seats_of(member_id is not None), values).all())


@built_once
def _seats_of(of_member: bool):
    query = select(organ_member.c.member_id, organ_member.c.organ_id, organ_member.c.starts_on,
                   organ_member.c.ends_on)
    if of_member:
        query = query.where(organ_member.c.member_id == bindparam("member_id"))
    return query
