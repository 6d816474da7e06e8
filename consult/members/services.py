"""Writes of the members domain: members, sectors, organs, the committee's settings, the CSV import.

Services add and flush and log; the view commits once.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date

from sqlalchemy import bindparam, delete, func, insert, select, update

from consult import audit
from consult.committee import get_committee
from consult.committee.models import Committee
from consult.committee.versioning import bump_data_version
from consult.csv_files import N_, CsvError, read_table_with_columns
from consult.db_types import utcnow
from consult.extensions import db
from consult.members.collation import name_sort_key
from consult.members.composition import period_problem
from consult.members.models import (
    ORGAN_ORDER,
    Member,
    Organ,
    Sector,
    default_quorum_rule,
    new_token,
    organ_member,
)
from consult.members.posts import post_problems
from consult.members.roster import (
    MEMBER_COLUMNS,
    REQUIRED_MEMBER_COLUMNS,
    ExistingMember,
    ImportPlan,
    MemberRecord,
    OrganChoice,
    Problem,
    parse_member_row,
    plan_import,
)

log = logging.getLogger(__name__)

MEMBER_FIELDS = ("name", "role", "is_standing", "member_number", "affiliation", "phone", "email", "active",
                 "protocol_order", "gender", "party", "liaison_sectors", "liaison_organs")
ORGAN_FIELDS = ("kind", "name", "slug", "number_label", "quorum_rule", "notice_days", "prior_sittings_in_term",
                "active", "description")


def _names(rows) -> list[str]:
    return sorted(row.name for row in rows)


# What the audit log keeps of a member, an organ and the committee: names rather than ids.
MEMBER_AUDIT_FIELDS = {
    **{name: (lambda field: lambda m: getattr(m, field))(name) for name in MEMBER_FIELDS
       if name not in ("is_standing", "liaison_sectors", "liaison_organs")},
    "sector": lambda m: m.sector.name if m.sector is not None else None,
    "organs": lambda m: _names(m.organs),
    "liaison_sectors": lambda m: _names(m.liaison_sectors),
    "liaison_organs": lambda m: _names(m.liaison_organs),
}
ORGAN_AUDIT_FIELDS = {
    **{name: (lambda field: lambda o: getattr(o, field))(name) for name in ORGAN_FIELDS},
    "members": lambda o: _names(o.members),
}
COMMITTEE_AUDIT_FIELDS = ("name", "formal_prefix", "formal_suffix", "short_name", "term", "time_zone",
                          "leave_deadline_days", "minutes_masthead", "minutes_office", "minutes_red_rule")


def _filled(values: dict) -> dict:
    """Return the values that say something (what a new row was created with)."""
    return {name: value for name, value in values.items() if value not in (None, "", [])}


# --- members ------------------------------------------------------------------------------------


def standing_organ() -> Organ | None:
    """Return the standing committee (the first active organ of that kind), or None when there is none."""
    return db.session.scalars(
        select(Organ).where(Organ.kind == "standing_committee").order_by(Organ.active.desc(), *ORGAN_ORDER)
    ).first()


def _with_standing(organs: Iterable[Organ], is_standing: bool | None) -> list[Organ]:
    """Return the organs with the standing committee added (常委) or removed; unchanged when None.

    The 常委 flag is membership of the standing committee: one fact, stored once.
    """
    organs = list(organs)
    if is_standing is None:
        return organs
    kept = [o for o in organs if o.kind != "standing_committee"]
    if not is_standing:
        return kept
    standing = [o for o in organs if o.kind == "standing_committee"] or [standing_organ()]
    if standing[0] is None:
        raise NoStandingCommittee()
    return kept + standing


class NoStandingCommittee(ValueError):
    """A member is marked 常委 but the committee has no standing-committee organ to put them in."""


def create_member(sector: Sector, organs: Iterable[Organ] = (), **fields) -> Member:
    """Return a new member of the sector, flushed. `fields` are Member attributes (MEMBER_FIELDS);
    `is_standing` puts the member in the standing committee (raises NoStandingCommittee when there is none).
    """
    fields = _member_fields(fields)
    organs = _with_standing(organs, fields.pop("is_standing", None))  # before the member joins the session
    member = Member(sector=sector, **fields)
    member.organs = organs
    db.session.add(member)
    db.session.flush()
    audit.record("member.create", member, after=_filled(audit.snapshot(member, MEMBER_AUDIT_FIELDS).values))
    log.info("member %s (%s) created", member.id, member.name)
    return member


def update_member(member: Member, sector: Sector, organs: Iterable[Organ], **fields) -> Member:
    """Return the member with the given sector, organs and attributes (MEMBER_FIELDS), flushed.

    `is_standing` adds or removes the standing committee among the organs (NoStandingCommittee when
    there is none to add).
    """
    fields = _member_fields(fields)
    organs = _with_standing(organs, fields.pop("is_standing", None))
    taken = audit.snapshot(member, MEMBER_AUDIT_FIELDS)
    for name, value in fields.items():
        setattr(member, name, value)
    member.sector = sector
    member.organs = organs
    db.session.flush()
    audit.record_changes("member.update", member, taken)
    log.info("member %s (%s) updated", member.id, member.name)
    return member


def set_member_active(member: Member, active: bool) -> Member:
    """Return the member deactivated (no longer invited by default) or reactivated, flushed."""
    if member.active != active:
        audit.record("member.reactivate" if active else "member.deactivate", member, before={"active": member.active},
                     after={"active": active})
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
    audit.record("sector.create", sector, after={"name": sector.name})
    log.info("sector %s (%s) created", sector.id, sector.name)
    return sector


def rename_sector(sector: Sector, name: str) -> Sector:
    """Return the sector renamed, flushed."""
    old, sector.name = sector.name, name.strip()
    db.session.flush()
    if old != sector.name:
        audit.record("sector.rename", sector, before={"name": old}, after={"name": sector.name})
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
    audit.record("organ.create", organ, after=_filled(audit.snapshot(organ, ORGAN_AUDIT_FIELDS).values))
    log.info("organ %s (%s) created", organ.id, organ.name)
    return organ


def update_organ(organ: Organ, members: Iterable[Member], **fields) -> Organ:
    """Return the organ with the given members and attributes (ORGAN_FIELDS), flushed."""
    fields = _organ_fields(fields)
    taken = audit.snapshot(organ, ORGAN_AUDIT_FIELDS)
    for name, value in fields.items():
        setattr(organ, name, value)
    organ.members = list(members)
    db.session.flush()
    audit.record_changes("organ.update", organ, taken)
    log.info("organ %s (%s) updated", organ.id, organ.name)
    return organ


@dataclass(frozen=True)
class SeatChange:
    """The dates and post one member should have in an organ."""

    member_id: int
    starts_on: date | None
    ends_on: date | None
    post: str | None


class CompositionRejected(ValueError):
    """Posts or dates that cannot be stored: `problems` are (msgid, params) pairs."""

    def __init__(self, problems: list[tuple[str, dict]]) -> None:
        self.problems = problems
        super().__init__(f"{len(problems)} problems")


def set_composition(organ: Organ, seats: Iterable[SeatChange]) -> int:
    """Store the dates and posts of the organ's members; return how many rows changed, flushed.

    Members not in the organ are ignored. Raises CompositionRejected, changing nothing, when a member
    would hold two posts, a post has more holders than it allows (two 主任), a post does not belong to
    the organ's kind, or a period is impossible.
    """
    seats = list(seats)
    problems: list[tuple[str, dict]] = []
    for problem in post_problems(organ.kind, [(s.member_id, s.post) for s in seats if s.post]):
        problems.append((problem.msgid, problem.params))
    for seat in seats:
        msgid = period_problem(seat.starts_on, seat.ends_on)
        if msgid:
            problems.append((msgid, {"member_id": seat.member_id}))
    if problems:
        raise CompositionRejected(problems)
    current = {
        row.member_id: row
        for row in db.session.execute(select(organ_member).where(organ_member.c.organ_id == organ.id))
    }
    changed = 0
    seats_before, seats_after = {}, {}
    for seat in seats:
        row = current.get(seat.member_id)
        if row is None or (row.starts_on, row.ends_on, row.post) == (seat.starts_on, seat.ends_on, seat.post):
            continue
        seats_before[seat.member_id] = {"starts_on": row.starts_on, "ends_on": row.ends_on, "post": row.post}
        seats_after[seat.member_id] = {"starts_on": seat.starts_on, "ends_on": seat.ends_on, "post": seat.post}
        db.session.execute(
            update(organ_member)
            .where(organ_member.c.organ_id == organ.id, organ_member.c.member_id == seat.member_id)
            .values(starts_on=seat.starts_on, ends_on=seat.ends_on, post=seat.post)
        )
        changed += 1
    if changed:
        bump_data_version(db.session)
        names = dict(db.session.execute(select(Member.id, Member.name).where(Member.id.in_(seats_after))).all())
        audit.record("organ.composition", organ,
                     before={"seats": {names.get(i, str(i)): v for i, v in seats_before.items()}},
                     after={"seats": {names.get(i, str(i)): v for i, v in seats_after.items()}})
    db.session.expire_all()
    log.info("composition of organ %s (%s): %d seats changed", organ.id, organ.name, changed)
    return changed


def _organ_fields(fields: dict) -> dict:
    unknown = set(fields) - set(ORGAN_FIELDS)
    if unknown:
        raise TypeError(f"not organ fields: {sorted(unknown)}")
    if "quorum_rule" in fields and not fields["quorum_rule"]:
        fields["quorum_rule"] = default_quorum_rule(fields.get("kind", ""))  # blank: the kind's default
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
    name: str, short_name: str, term: int, time_zone: str, formal_prefix: str = "", formal_suffix: str = "委员会",
    leave_deadline_days: int | None = None, minutes_masthead: str | None = None, minutes_office: str | None = None,
    minutes_red_rule: bool | None = None,
) -> Committee:
    """Return the committee with its name, the parts of its formal name (政协崇川区 … 委员会), the
    prefix of sitting names (区政协), current term, time zone and (unless None) the days before a sitting
    by which members ask for leave and the minutes' masthead, office and red rule changed, flushed. Raises
    ValueError for a leave deadline outside 0–30.

    A new term starts every organ's numbering afresh: the paper count of the old term
    (Organ.prior_sittings_in_term) no longer applies.
    """
    committee = get_committee()
    taken = audit.snapshot(committee, COMMITTEE_AUDIT_FIELDS)
    if term != committee.term:
        db.session.execute(update(Organ).values(prior_sittings_in_term=0))
        log.info("term changed from %s to %s: numbering starts again at 一 in every organ", committee.term, term)
    committee.name, committee.short_name, committee.term, committee.time_zone = name, short_name, term, time_zone
    committee.formal_prefix, committee.formal_suffix = formal_prefix or "", formal_suffix or "委员会"
    if leave_deadline_days is not None:
        if not 0 <= leave_deadline_days <= 30:
            raise ValueError("the leave deadline is 0 to 30 days before the start")
        committee.leave_deadline_days = leave_deadline_days
    # The minutes' masthead, office and red rule (None: left as they are; "": derived from the name).
    if minutes_masthead is not None:
        committee.minutes_masthead = minutes_masthead
    if minutes_office is not None:
        committee.minutes_office = minutes_office
    if minutes_red_rule is not None:
        committee.minutes_red_rule = minutes_red_rule
    db.session.flush()
    audit.record_changes("committee.update", committee, taken)
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
        for o in db.session.scalars(select(Organ).order_by(*ORGAN_ORDER))
    ]
    standing = [o.id for o in organs if o.kind == "standing_committee"]
    standing_id = standing[0] if standing else None
    records: list[MemberRecord] = []
    problems = []
    for line, row in rows:
        record, row_problems = parse_member_row(line, row, present, organs)
        problems.extend(row_problems)
        if record is not None:
            if record.is_standing and "standing" in record.present and standing_id is None:
                problems.append(Problem(line, N_("There is no standing committee to put a standing member (常委) in; "
                                                 "add the organ first.")))
                continue
            records.append(_standing_in_organs(record, standing_id))
    return plan_import(records, _existing_members(), db.session.scalars(select(Sector.name)), problems)


def _existing_members() -> list[ExistingMember]:
    organ_ids: dict[int, set[int]] = {}
    for organ_id, member_id in db.session.execute(select(organ_member.c.organ_id, organ_member.c.member_id)):
        organ_ids.setdefault(member_id, set()).add(organ_id)
    standing_ids = set(db.session.scalars(select(Organ.id).where(Organ.kind == "standing_committee")))
    rows = db.session.execute(
        select(Member.id, Member.name, Sector.name, Member.member_number, Member.role,
               Member.phone, Member.email, Member.affiliation, Member.gender, Member.party).join(Member.sector)
    )
    return [
        ExistingMember(id_, name, sector, number, role, bool(organ_ids.get(id_, set()) & standing_ids), phone, email,
                       affiliation, frozenset(organ_ids.get(id_, ())), gender, party)
        for id_, name, sector, number, role, phone, email, affiliation, gender, party in rows
    ]


def _standing_in_organs(record: MemberRecord, standing_id: int | None) -> MemberRecord:
    """Return the record with the standing committee among its organs exactly when it is flagged 常委."""
    if "standing" not in record.present or standing_id is None:
        return record
    others = record.organ_ids - {standing_id}
    return replace(record, organ_ids=others | {standing_id} if record.is_standing else others)


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
                    "name": r.name, "name_sort_key": name_sort_key(r.name), "sector_id": sector_ids[r.sector],
                    "role": r.role, "gender": r.gender, "party": r.party,
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
                    "name_sort_key": name_sort_key(u.record.name),
                    "sector_id": sector_ids[u.record.sector],
                    **{f: getattr(u.record, f) for f in ("role", "phone", "email", "affiliation", "gender", "party")
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
    # Without an organs column the 是否常委 column alone moves members in or out of the standing committee.
    restanding = [u for u in plan.updates if "is_standing" in u.changes and "organ_ids" not in u.changes]
    standing = standing_organ()
    if restanding and standing is not None:
        session.execute(delete(organ_member).where(
            organ_member.c.organ_id == standing.id,
            organ_member.c.member_id.in_([u.member_id for u in restanding]),
        ))
        organ_rows += [{"organ_id": standing.id, "member_id": u.member_id} for u in restanding if u.record.is_standing]
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
    _record_import(plan, new_ids)
    session.expire_all()
    log.info("member import: %d new, %d updated, %d unchanged, new sectors %s",
             len(plan.new), len(plan.updates), len(plan.unchanged), plan.new_sectors)
    return ImportResult(len(plan.new), len(plan.updates), len(plan.unchanged), tuple(plan.new_sectors))


# The fields of an imported row that the audit log keeps, by the names the other member entries use.
_IMPORTED_FIELDS = ("name", "sector", "role", "is_standing", "phone", "email", "member_number", "affiliation",
                    "gender", "party", "organ_ids")


def _record_import(plan: ImportPlan, new_ids: list[int]) -> None:
    """Write one audit entry per member the import created or changed (one INSERT for all)."""
    needs_organs = any("organs" in r.present for r in plan.new) or any(
        "organ_ids" in u.changes for u in plan.updates)
    organ_names = dict(db.session.execute(select(Organ.id, Organ.name)).all()) if needs_organs else {}

    def shown(name: str, value):
        if name == "organ_ids":
            return "organs", sorted(organ_names.get(i, str(i)) for i in value)
        return name, value

    def values(source, names) -> dict:
        return dict(shown(name, getattr(source, name)) for name in names)

    items = [
        (audit.Subject("member", member_id, record.name), None,
         _filled(values(record, [n for n in _IMPORTED_FIELDS if n in ("name", "sector") or _present(record, n)])))
        for member_id, record in zip(new_ids, plan.new, strict=True)
    ]
    items += [
        (audit.Subject("member", u.member_id, u.record.name),
         values(u.existing, u.changes) if u.existing is not None else None, values(u.record, u.changes))
        for u in plan.updates
    ]
    audit.record_many("member.import", items)


def _present(record: MemberRecord, attribute: str) -> bool:
    column = {"organ_ids": "organs", "member_number": "member_number"}.get(attribute) or _COLUMN_OF_FIELD[attribute]
    return column in record.present


_COLUMN_OF_FIELD = {"role": "role", "is_standing": "standing", "phone": "phone", "email": "email",
                    "affiliation": "affiliation", "gender": "gender", "party": "party"}


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
    "organ_field_taken", "update_committee", "preview_member_import", "import_members", "standing_organ",
    "NoStandingCommittee", "SeatChange", "CompositionRejected", "set_composition",
]
