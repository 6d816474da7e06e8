"""Reads of the members domain: each loads what a page shows in a fixed number of statements."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import case, func, or_, select
from sqlalchemy.orm import selectinload

from consult.extensions import db
from consult.members.models import Member, Organ, Sector, organ_member

ROLE_RANK = {"chair": 0, "vice_chair": 1, "secretary_general": 2}
PUBLIC_STATUSES = ("published", "held")


def leadership_order():
    """Return ORDER BY terms that put the chair, vice-chairs, secretary-general, then standing members first."""
    return (
        case(ROLE_RANK, value=Member.role, else_=9),
        case((Member.is_standing.is_(True), 0), else_=1),
    )


def sort_by_leadership(members: list[Member]) -> list[Member]:
    """Return members sorted: leadership by rank, standing members, then by sector and name."""
    return sorted(
        members,
        key=lambda m: (ROLE_RANK.get(m.role or "", 9), not m.is_standing, m.sector.position, m.sector.name, m.name),
    )


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
    query = select(Organ).order_by(Organ.position, Organ.id)
    if active_only:
        query = query.where(Organ.active.is_(True))
    return list(db.session.scalars(query))


def organs_with_counts(include_inactive: bool) -> list[tuple[Organ, int]]:
    """Return (organ, number of its active members) in display order."""
    active_members = (
        select(organ_member.c.organ_id, func.count().label("n"))
        .join(Member, Member.id == organ_member.c.member_id)
        .where(Member.active.is_(True))
        .group_by(organ_member.c.organ_id)
        .subquery()
    )
    query = (
        select(Organ, func.coalesce(active_members.c.n, 0))
        .outerjoin(active_members, active_members.c.organ_id == Organ.id)
        .order_by(Organ.position, Organ.id)
    )
    if not include_inactive:
        query = query.where(Organ.active.is_(True))
    return [(organ, count) for organ, count in db.session.execute(query)]


@dataclass(frozen=True)
class DirectoryFilter:
    """What the member directory shows."""

    sector_id: int | None = None
    organ_id: int | None = None
    text: str = ""
    include_inactive: bool = False


def directory(criteria: DirectoryFilter, staff: bool) -> list[Member]:
    """Return the members the directory shows, leadership first, with sector and organs loaded (3 statements).

    Searching matches the name and the work unit; staff also find members by number, phone and email.
    """
    query = (
        select(Member)
        .join(Member.sector)
        .options(selectinload(Member.sector), selectinload(Member.organs))
        .order_by(*leadership_order(), Sector.position, Sector.name, Member.name, Member.id)
    )
    if not (staff and criteria.include_inactive):
        query = query.where(Member.active.is_(True))
    if criteria.sector_id:
        query = query.where(Member.sector_id == criteria.sector_id)
    if criteria.organ_id:
        query = query.where(Member.organs.any(Organ.id == criteria.organ_id))
    text = criteria.text.strip()
    if text:
        escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        pattern = f"%{escaped}%"
        searched = [Member.name.ilike(pattern, escape="\\"), Member.affiliation.ilike(pattern, escape="\\")]
        if staff:
            searched += [
                Member.member_number.ilike(pattern, escape="\\"),
                Member.phone.ilike(pattern, escape="\\"),
                Member.email.ilike(pattern, escape="\\"),
            ]
        query = query.where(or_(*searched))
    return list(db.session.scalars(query))


def member_for_page(member_id: int) -> Member | None:
    """Return the member with sector and organs loaded, or None."""
    return db.session.scalars(
        select(Member)
        .where(Member.id == member_id)
        .options(selectinload(Member.sector), selectinload(Member.organs))
    ).first()


def organ_for_page(slug: str) -> Organ | None:
    """Return the organ with its members and their sectors loaded, or None."""
    return db.session.scalars(
        select(Organ)
        .where(Organ.slug == slug)
        .options(selectinload(Organ.members).selectinload(Member.sector))
    ).first()


def members_for_choice() -> list[Member]:
    """Return the active members (and their sectors) for checkbox lists, by sector then name."""
    return list(
        db.session.scalars(
            select(Member)
            .join(Member.sector)
            .where(Member.active.is_(True))
            .options(selectinload(Member.sector))
            .order_by(Sector.position, Sector.name, *leadership_order(), Member.name)
        )
    )
