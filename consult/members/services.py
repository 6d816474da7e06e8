"""Writes of the members domain: members, sectors, organs, the committee's settings, the CSV import.

Services add and flush and log; the view commits once.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import bindparam, delete, func, insert, select, update

from consult.committee import get_committee
from consult.committee.models import Committee
from consult.committee.versioning import bump_data_version
from consult.csv_files import CsvError, read_table_with_columns
from consult.db_types import utcnow
from consult.extensions import db
from consult.members.models import Member, Organ, Sector, new_token, organ_member
from consult.members.roster import (
    MEMBER_COLUMNS,
    REQUIRED_MEMBER_COLUMNS,
    ExistingMember,
    ImportPlan,
    MemberRecord,
    OrganChoice,
    parse_member_row,
    plan_import,
)

log = logging.getLogger(__name__)

MEMBER_FIELDS = ("name", "role", "is_standing", "member_number", "affiliation", "phone", "email", "active")
ORGAN_FIELDS = ("kind", "name", "slug", "number_label", "quorum_rule", "notice_days", "prior_sittings_in_term",
                "active", "description")


# --- members ------------------------------------------------------------------------------------


def create_member(sector: Sector, organs: Iterable[Organ] = (), **fields) -> Member:
    """Return a new member of the sector, flushed. `fields` are Member attributes (MEMBER_FIELDS)."""
    member = Member(sector=sector, **_member_fields(fields))
    member.organs = list(organs)
    db.session.add(member)
    db.session.flush()
    log.info("member %s (%s) created", member.id, member.name)
    return member


def update_member(member: Member, sector: Sector, organs: Iterable[Organ], **fields) -> Member:
    """Return the member with the given sector, organs and attributes (MEMBER_FIELDS), flushed."""
    for name, value in _member_fields(fields).items():
        setattr(member, name, value)
    member.sector = sector
    member.organs = list(organs)
    db.session.flush()
    log.info("member %s (%s) updated", member.id, member.name)
    return member


def set_member_active(member: Member, active: bool) -> Member:
    """Return the member deactivated (no longer invited by default) or reactivated, flushed."""
    member.active = active
    db.session.flush()
    log.info("member %s (%s) %s", member.id, member.name, "reactivated" if active else "deactivated")
    return member


def _member_fields(fields: dict) -> dict:
    unknown = set(fields) - set(MEMBER_FIELDS)
    if unknown:
        raise TypeError(f"not member fields: {sorted(unknown)}")
    if "member_number" in fields:
        fields["member_number"] = (fields["member_number"] or "").strip() or None
    if "role" in fields:
        fields["role"] = fields["role"] or None
    return fields


def member_number_taken(number: str | None, except_id: int | None = None) -> bool:
    """Return True when another member already has this member number."""
    number = (number or "").strip()
    if not number:
        return False
    query = select(Member.id).where(Member.member_number == number)
    if except_id is not None:
        query = query.where(Member.id != except_id)
    return db.session.scalar(query.limit(1)) is not None


# --- sectors ------------------------------------------------------------------------------------


def create_sector(name: str) -> Sector:
    """Return a new sector placed after the others, flushed."""
    position = (db.session.scalar(select(func.max(Sector.position))) or 0) + 1
    sector = Sector(name=name.strip(), position=position)
    db.session.add(sector)
    db.session.flush()
    log.info("sector %s (%s) created", sector.id, sector.name)
    return sector


def rename_sector(sector: Sector, name: str) -> Sector:
    """Return the sector renamed, flushed."""
    old, sector.name = sector.name, name.strip()
    db.session.flush()
    log.info("sector %s renamed from %s to %s", sector.id, old, sector.name)
    return sector


def sector_name_taken(name: str, except_id: int | None = None) -> bool:
    """Return True when another sector already has this name."""
    query = select(Sector.id).where(Sector.name == name.strip())
    if except_id is not None:
        query = query.where(Sector.id != except_id)
    return db.session.scalar(query.limit(1)) is not None


# --- organs -------------------------------------------------------------------------------------


def create_organ(members: Iterable[Member] = (), **fields) -> Organ:
    """Return a new organ with the given members and attributes (ORGAN_FIELDS), flushed."""
    position = (db.session.scalar(select(func.max(Organ.position))) or 0) + 1
    organ = Organ(position=position, **_organ_fields(fields))
    organ.members = list(members)
    db.session.add(organ)
    db.session.flush()
    log.info("organ %s (%s) created", organ.id, organ.name)
    return organ


def update_organ(organ: Organ, members: Iterable[Member], **fields) -> Organ:
    """Return the organ with the given members and attributes (ORGAN_FIELDS), flushed."""
    for name, value in _organ_fields(fields).items():
        setattr(organ, name, value)
    organ.members = list(members)
    db.session.flush()
    log.info("organ %s (%s) updated", organ.id, organ.name)
    return organ


def _organ_fields(fields: dict) -> dict:
    unknown = set(fields) - set(ORGAN_FIELDS)
    if unknown:
        raise TypeError(f"not organ fields: {sorted(unknown)}")
    return fields


def organ_field_taken(column: str, value: str, except_id: int | None = None) -> bool:
    """Return True when another organ already has this name or slug (`column`)."""
    attribute = {"name": Organ.name, "slug": Organ.slug}[column]
    query = select(Organ.id).where(attribute == value)
    if except_id is not None:
        query = query.where(Organ.id != except_id)
    return db.session.scalar(query.limit(1)) is not None


# --- the committee ------------------------------------------------------------------------------


def update_committee(
    name: str, short_name: str, term: int, time_zone: str, formal_prefix: str = "", formal_suffix: str = "委员会"
) -> Committee:
    """Return the committee with its name, the parts of its formal name (政协崇川区 … 委员会), the
    prefix of sitting names (区政协), current term and time zone changed, flushed.

    A new term starts every organ's numbering afresh: the paper count of the old term
    (Organ.prior_sittings_in_term) no longer applies.
    """
    committee = get_committee()
    if term != committee.term:
        db.session.execute(update(Organ).values(prior_sittings_in_term=0))
        log.info("term changed from %s to %s: numbering starts again at 一 in every organ", committee.term, term)
    committee.name, committee.short_name, committee.term, committee.time_zone = name, short_name, term, time_zone
    committee.formal_prefix, committee.formal_suffix = formal_prefix or "", formal_suffix or "委员会"
    db.session.flush()
    log.info("committee settings changed: %s, %s, term %s, %s", name, short_name, term, time_zone)
    return committee


# --- the CSV import -----------------------------------------------------------------------------


def preview_member_import(text: str) -> ImportPlan:
    """Return what importing the CSV text would do, reading the database but changing nothing.

    Raises CsvError when the file is not a member table (wrong header, broken quoting).
    Runs a fixed number of statements whatever the number of rows.
    """
    present, rows = read_table_with_columns(text, MEMBER_COLUMNS, REQUIRED_MEMBER_COLUMNS)
    organs = [
        OrganChoice(o.id, o.name, o.kind, o.slug, o.number_label)
        for o in db.session.scalars(select(Organ).order_by(Organ.position, Organ.id))
    ]
    records: list[MemberRecord] = []
    problems = []
    for line, row in rows:
        record, row_problems = parse_member_row(line, row, present, organs)
        problems.extend(row_problems)
        if record is not None:
            records.append(record)
    return plan_import(records, _existing_members(), db.session.scalars(select(Sector.name)), problems)


def _existing_members() -> list[ExistingMember]:
    organ_ids: dict[int, set[int]] = {}
    for organ_id, member_id in db.session.execute(select(organ_member.c.organ_id, organ_member.c.member_id)):
        organ_ids.setdefault(member_id, set()).add(organ_id)
    rows = db.session.execute(
        select(Member.id, Member.name, Sector.name, Member.member_number, Member.role, Member.is_standing,
               Member.phone, Member.email, Member.affiliation).join(Member.sector)
    )
    return [
        ExistingMember(id_, name, sector, number, role, standing, phone, email, affiliation,
                       frozenset(organ_ids.get(id_, ())))
        for id_, name, sector, number, role, standing, phone, email, affiliation in rows
    ]


@dataclass(frozen=True)
class ImportResult:
    """What an import wrote."""

    created: int
    updated: int
    unchanged: int
    new_sectors: tuple[str, ...]


def import_members(text: str) -> ImportResult:
    """Import a member CSV: all rows or none. Returns the counts of what was written.

    The file is validated again against the database as it is now. Raises CsvError when the file
    is not a member table, and ImportRejected (with the plan) when any row has a problem; nothing
    is written then. Runs a fixed number of statements whatever the number of rows.
    """
    plan = preview_member_import(text)
    if not plan.ok:
        raise ImportRejected(plan)
    session = db.session
    session.flush()
    # Core statements with many parameter sets: one statement each, however many rows (the ORM
    # would insert members one by one on SQLite to learn their ids).
    if plan.new_sectors:
        start = (session.scalar(select(func.max(Sector.position))) or 0) + 1
        session.execute(
            insert(Sector.__table__),
            [{"name": name, "position": start + i} for i, name in enumerate(plan.new_sectors)],
        )
    sector_ids = dict(session.execute(select(Sector.name, Sector.id)).all())
    now = utcnow()

    new_ids: list[int] = []
    if plan.new:
        tokens = [new_token() for _ in plan.new]
        session.execute(
            insert(Member.__table__),
            [
                {
                    "name": r.name, "sector_id": sector_ids[r.sector], "role": r.role, "is_standing": r.is_standing,
                    "member_number": r.member_number, "affiliation": r.affiliation, "phone": r.phone,
                    "email": r.email, "active": True, "access_token": token, "feed_token": new_token(),
                    "created_at": now, "updated_at": now,
                }
                for r, token in zip(plan.new, tokens, strict=True)
            ],
        )
        found = session.execute(select(Member.access_token, Member.id).where(Member.access_token.in_(tokens)))
        id_of_token = dict(found.all())
        new_ids = [id_of_token[token] for token in tokens]

    if plan.updates:
        # Every parameter set has the same keys, so that this is one statement.
        session.execute(
            update(Member.__table__).where(Member.__table__.c.id == bindparam("member_id")),
            [
                {
                    "member_id": u.member_id,
                    "name": u.record.name,
                    "sector_id": sector_ids[u.record.sector],
                    **{f: getattr(u.record, f) for f in ("role", "is_standing", "phone", "email", "affiliation")
                       if _column_present(u.record, f)},
                    "member_number": u.record.member_number,
                    "updated_at": now,
                }
                for u in plan.updates
            ],
        )
    organ_rows = [
        {"organ_id": organ_id, "member_id": member_id}
        for member_id, r in zip(new_ids, plan.new, strict=True)
        for organ_id in sorted(r.organ_ids)
    ]
    regrouped = [u for u in plan.updates if "organ_ids" in u.changes]
    if regrouped:
        session.execute(delete(organ_member).where(organ_member.c.member_id.in_([u.member_id for u in regrouped])))
        organ_rows += [
            {"organ_id": organ_id, "member_id": u.member_id}
            for u in regrouped
            for organ_id in sorted(u.record.organ_ids)
        ]
    if organ_rows:
        session.execute(insert(organ_member), organ_rows)
    if plan.new or plan.updates:
        bump_data_version(session)  # Core statements bypass the flush that raises it
    session.expire_all()
    log.info("member import: %d new, %d updated, %d unchanged, new sectors %s",
             len(plan.new), len(plan.updates), len(plan.unchanged), plan.new_sectors)
    return ImportResult(len(plan.new), len(plan.updates), len(plan.unchanged), tuple(plan.new_sectors))


_COLUMN_OF_FIELD = {"role": "role", "is_standing": "standing", "phone": "phone", "email": "email",
                    "affiliation": "affiliation"}


def _column_present(record: MemberRecord, attribute: str) -> bool:
    return _COLUMN_OF_FIELD[attribute] in record.present


class ImportRejected(ValueError):
    """An import with problems: `plan.problems` lists every bad row."""

    def __init__(self, plan: ImportPlan) -> None:
        self.plan = plan
        super().__init__(f"{len(plan.problems)} rows have problems")


__all__ = [
    "CsvError", "ImportRejected", "ImportResult", "create_member", "update_member", "set_member_active",
    "member_number_taken", "create_sector", "rename_sector", "sector_name_taken", "create_organ", "update_organ",
    "organ_field_taken", "update_committee", "preview_member_import", "import_members",
]
