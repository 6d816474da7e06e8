"""The yearly duty report as plain values: one row per member (their record, 常委 or not, the rules they reached),
the year's totals per organ, month and sector, and the page's filters and sorting.

Pure: no Flask, no database. consult.records.queries gathers the facts and calls build_report.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from consult.members.composition import is_active_on
from consult.records.counting import (
    CountedSittings,
    DutyRecord,
    MemberFacts,
    SittingFacts,
    Tally,
    duty_record,
    ended_not_held,
    month_totals,
    organ_totals,
    sittings_per_organ,
)
from consult.records.rules import Absence, AbsenceRule, Crossing, absences_from, crossings, infer_terms

STANDING_KIND = "standing_committee"


@dataclass(frozen=True)
class OrganInfo:
    """An organ as the report names it."""

    id: int
    name: str
    kind: str


@dataclass(frozen=True)
class MemberInfo:
    """A member as the report lists them; `order_key` puts them in member order (leaders, then 姓氏笔画)."""

    id: int
    name: str
    sector_id: int | None
    sector_name: str
    sector_rank: tuple
    order_key: tuple
    active: bool = True


@dataclass(frozen=True)
class MemberRow:
    """One member in the report."""

    member: MemberInfo
    record: DutyRecord
    standing: bool  # held a seat in a standing committee on some day of the year (常委)
    organ_ids: frozenset[int]  # organs they sat in during the year or have counted sittings of
    crossings: tuple[Crossing, ...] = ()

    @property
    def flagged(self) -> bool:
        """Return True when the member reached an absence rule."""
        return bool(self.crossings)


@dataclass(frozen=True)
class YearReport:
    """The duty report of one year."""

    year: int
    organs: tuple[OrganInfo, ...]
    sittings: tuple[SittingFacts, ...]  # the counted sittings, in date order
    rows: tuple[MemberRow, ...]  # in member order
    rules: tuple[AbsenceRule, ...]
    held_by_organ: Mapping[int, int] = field(default_factory=dict)
    by_organ: Mapping[int, Tally] = field(default_factory=dict)
    by_month: Mapping[int, Tally] = field(default_factory=dict)
    not_held: tuple[SittingFacts, ...] = ()  # ended, published, never marked held: not counted

    @property
    def total(self) -> Tally:
        """Return the counts of every member together (人次)."""
        counts = Tally()
        for row in self.rows:
            counts += row.record.total
        return counts

    @property
    def flagged(self) -> list[MemberRow]:
        """Return the rows of the members who reached a rule, in member order."""
        return [row for row in self.rows if row.flagged]

    def organ(self, organ_id: int | None) -> OrganInfo | None:
        """Return the organ with this id among the report's organs, or None."""
        return next((organ for organ in self.organs if organ.id == organ_id), None)


def _overlaps_year(starts_on: date | None, ends_on: date | None, year: int) -> bool:
    return (starts_on is None or starts_on <= date(year, 12, 31)) and (ends_on is None or ends_on >= date(year, 1, 1))


def build_report(
    year: int,
    *,
    organs: Sequence[OrganInfo],
    sittings: Iterable[SittingFacts],
    members: Iterable[MemberInfo],
    facts: Mapping[int, MemberFacts],
    rules: Sequence[AbsenceRule],
    today: date,
    earlier: Iterable[SittingFacts] = (),
    earlier_absences: Mapping[int, Iterable[int]] | None = None,
    term_fallback: int | None = None,
    organ_ids: Iterable[int] | None = None,
    everyone: bool = True,
    all_lines: bool = True,
) -> YearReport:
    """Return the report of `year`. `sittings` are the year's (any status; the counted ones are kept), `facts` the
    members' facts by id, `earlier` the held sittings of the year's terms before the year and `earlier_absences`
    the ids of those a member was absent from without leave (for the per-term rules), `term_fallback` the term of
    sittings nothing numbered tells (the committee's). With `organ_ids` only those organs count; `everyone` lists
    every member given, otherwise only those with a seat or a counted sitting in the organs. With `all_lines` False
    the records keep only the lines the rules look at (duty_record): what a report of many members needs."""
    sittings = list(sittings)
    allowed = set(organ_ids) if organ_ids is not None else None
    if allowed is not None:
        sittings = [s for s in sittings if s.organ_id in allowed]
        organs = [o for o in organs if o.id in allowed]
    counted_year = CountedSittings(sittings, year)
    counted = counted_year.ordered
    kinds = {organ.id: organ.kind for organ in organs}
    earlier = [s for s in earlier if allowed is None or s.organ_id in allowed]
    terms = infer_terms([(s.id, s.day, s.term) for s in [*earlier, *counted]], term_fallback)
    year_terms = {terms[s.id] for s in counted if terms.get(s.id) is not None}
    by_id = {s.id: s for s in earlier}
    rows = []
    for member in sorted(members, key=lambda m: m.order_key):
        member_facts = facts.get(member.id, MemberFacts(member.id))
        record = duty_record(member_facts, counted_year, year, all_lines=all_lines)
        seats = [seat for seat in member_facts.seats if _overlaps_year(seat.starts_on, seat.ends_on, year)
                 and (allowed is None or seat.organ_id in allowed)]
        organ_set = frozenset({seat.organ_id for seat in seats} | set(record.by_organ))
        if not everyone and not organ_set:
            continue
        absences = absences_from(record.lines, kinds, terms)
        absences += _earlier_absences(member_facts, (earlier_absences or {}).get(member.id, ()), by_id, kinds, terms)
        rows.append(MemberRow(
            member=member, record=record,
            standing=any(kinds.get(seat.organ_id) == STANDING_KIND for seat in seats),
            organ_ids=organ_set, crossings=tuple(crossings(rules, absences, year, year_terms)),
        ))
    records = [row.record for row in rows]
    return YearReport(
        year=year, organs=tuple(organs), sittings=tuple(counted), rows=tuple(rows), rules=tuple(rules),
        held_by_organ=sittings_per_organ(counted, year), by_organ=organ_totals(records), by_month=month_totals(records),
        not_held=tuple(ended_not_held(sittings, today)),
    )


def _earlier_absences(member: MemberFacts, sitting_ids: Iterable[int], by_id: Mapping[int, SittingFacts],
                      kinds: Mapping[int, str], terms: Mapping[int, int | None]) -> list[Absence]:
    found = []
    for sitting_id in sitting_ids:
        sitting = by_id.get(sitting_id)
        if sitting is None or not sitting.is_meeting:
            continue
        seated = any(seat.organ_id == sitting.organ_id and is_active_on(seat.starts_on, seat.ends_on, sitting.day)
                     for seat in member.seats)
        if seated:
            found.append(Absence(sitting.id, sitting.organ_id, kinds.get(sitting.organ_id, ""), sitting.day,
                                 sitting.name, terms.get(sitting.id, sitting.term), sitting.label))
    return found


# --- filters and sorting ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Filters:
    """What the report shows: one sector, one organ (its counts in the columns), 常委 only, flagged only."""

    sector_id: int | None = None
    organ_id: int | None = None
    standing: bool = False
    flagged: bool = False


def filtered_rows(report: YearReport, filters: Filters) -> list[MemberRow]:
    """Return the report's rows matching `filters`, in member order. An organ filter keeps the members who sat in
    the organ during the year or have counted sittings of it."""
    return [
        row for row in report.rows
        if (filters.sector_id is None or row.member.sector_id == filters.sector_id)
        and (filters.organ_id is None or filters.organ_id in row.organ_ids)
        and (not filters.standing or row.standing)
        and (not filters.flagged or row.flagged)
    ]


SORTS = ("name", "sector", "standing", "sittings", "present", "on_leave", "absent", "not_recorded", "rate",
         "opinions", "printed", "flagged")
DEFAULT_SORT = "name"


def _sort_value(row: MemberRow, sort: str, organ_id: int | None):
    tally = row.record.tally(organ_id)
    if sort == "sector":
        return row.member.sector_rank
    if sort == "standing":
        return int(row.standing)
    if sort == "rate":
        return tally.rate
    if sort == "flagged":
        return len(row.crossings)
    return getattr(tally, sort)


def sorted_rows(rows: Iterable[MemberRow], sort: str, descending: bool = False,
                organ_id: int | None = None) -> list[MemberRow]:
    """Return the rows sorted by column `sort` (one of SORTS; anything else: member order), the counts being those
    of `organ_id` when given. Ties keep member order; members without an attendance rate come last either way."""
    rows = sorted(rows, key=lambda row: row.member.order_key)
    if sort not in SORTS or sort == DEFAULT_SORT:
        return rows[::-1] if descending else rows
    valued = [row for row in rows if _sort_value(row, sort, organ_id) is not None]
    empty = [row for row in rows if _sort_value(row, sort, organ_id) is None]
    return sorted(valued, key=lambda row: _sort_value(row, sort, organ_id), reverse=descending) + empty


def sector_totals(rows: Iterable[MemberRow], organ_id: int | None = None) -> list[tuple[str, Tally]]:
    """Return (sector name, counts of its members together) in the sectors' order; members without a sector are
    counted under the name ''."""
    totals: dict[tuple, tuple[str, Tally]] = {}
    for row in rows:
        key = row.member.sector_rank
        name, tally = totals.get(key, (row.member.sector_name, Tally()))
        totals[key] = (name, tally + row.record.tally(organ_id))
    return [totals[key] for key in sorted(totals)]
