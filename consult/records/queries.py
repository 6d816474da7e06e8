"""Reads of the duty records: the absence rules in force, and a year's report (or one member's record) gathered
from the domains that keep the facts — meetings, members, onsite, opinions, minutes — through their queries, in
a fixed number of statements whatever the number of members and sittings.

`organ_ids` limits a report to some organs (staff who look after only those); None means every organ.
"""

from __future__ import annotations

import gc
from collections import defaultdict
from collections.abc import Iterable
from contextlib import contextmanager
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import select

from consult.committee import get_committee
from consult.extensions import db
from consult.meetings import queries as meeting_queries
from consult.members import queries as member_queries
from consult.minutes import queries as minutes_queries
from consult.onsite import queries as onsite_queries
from consult.onsite.attendance import ABSENT
from consult.opinions import queries as opinion_queries
from consult.records.counting import HELD, LeaveFacts, MemberFacts, RecordFacts, Seat, SittingFacts
from consult.records.models import AbsenceRuleSet, StoredAbsenceRule
from consult.records.report import MemberInfo, OrganInfo, YearReport, build_report
from consult.records.rules import DEFAULT_RULES, TERM, AbsenceRule

NO_SECTOR_RANK = (10**9, 0)  # a member without a sector comes after every sector


def rules_in_force(committee_id: int) -> tuple[tuple[AbsenceRule, ...], bool]:
    """Return the committee's absence rules (in the order they were made) and whether they are its own: a committee
    that never edited them has the defaults (False). One statement."""
    rows = db.session.execute(
        select(AbsenceRuleSet.id, StoredAbsenceRule)
        .outerjoin(StoredAbsenceRule, StoredAbsenceRule.rule_set_id == AbsenceRuleSet.id)
        .where(AbsenceRuleSet.committee_id == committee_id)
        .order_by(StoredAbsenceRule.id)
    ).all()
    if not rows:
        return DEFAULT_RULES, False
    return tuple(
        AbsenceRule(rule.count, rule.period, organ_kind=rule.organ_kind, organ_id=rule.organ_id, id=rule.id)
        for _set_id, rule in rows if rule is not None
    ), True


def year_bounds(year: int, time_zone: str) -> tuple[datetime, datetime]:
    """Return the first instant of `year` and of the next one in the committee's zone, in UTC."""
    zone = ZoneInfo(time_zone)
    return (datetime(year, 1, 1, tzinfo=zone).astimezone(UTC), datetime(year + 1, 1, 1, tzinfo=zone).astimezone(UTC))


def _facts(row, zone: ZoneInfo) -> SittingFacts:
    return SittingFacts(
        id=row.id, organ_id=row.organ_id, day=row.starts_at.astimezone(zone).date(), status=row.status,
        name=row.name, label=row.label, sitting_kind=row.sitting_kind, term=row.term, starts_at=row.starts_at,
    )


@contextmanager
def collector_paused():
    """Pause Python's cyclic garbage collector while a report is made and shown (a context manager; nested uses keep
    it paused until the outermost ends). A year of 400 members makes tens of thousands of small tuples, and the page
    that shows them tens of thousands of strings: each batch starts a collection that walks every object alive,
    the report included — measured, more than the counting and the rendering themselves. What the report makes has
    no cycles; reference counting frees it either way, and the collector runs again when the request ends."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def load_report(year: int, *, today: date, organ_ids: Iterable[int] | None = None,
                member_id: int | None = None, with_rules: bool = True) -> YearReport:
    """Return the duty report of `year` (every member, or only `member_id`'s record with every line), limited to
    the organs `organ_ids` when given; with `with_rules` False the counts alone, no rule reached (nor the earlier
    sittings of the term that the per-term rules read): what the member's page summary shows. A fixed number of
    statements (about fifteen), whatever the number of members and sittings."""
    with collector_paused():
        return _load_report(year, today, None if organ_ids is None else list(organ_ids), member_id, with_rules)


def _load_report(year: int, today: date, organ_ids: list[int] | None, member_id: int | None,
                 with_rules: bool) -> YearReport:
    committee = get_committee()
    zone = ZoneInfo(committee.time_zone)
    start, end = year_bounds(year, committee.time_zone)
    rows = meeting_queries.sittings_between(start, end, organ_ids)
    held_ids = [row.id for row in rows if row.status == HELD]
    sittings = [_facts(row, zone) for row in rows]
    rules = rules_in_force(committee.id)[0] if with_rules else ()
    organs = [OrganInfo(o.id, o.name, o.kind) for o in meeting_queries.all_organs()]
    earlier, earlier_absences = _earlier_in_terms(rules, rows, organs, start, zone, committee.term, organ_ids,
                                                  member_id)

    # One dict per kind of fact, by member: each row costs one lookup (a year holds tens of thousands of rows).
    invited: defaultdict[int, set] = defaultdict(set)
    records: defaultdict[int, dict] = defaultdict(dict)
    leave: defaultdict[int, dict] = defaultdict(dict)
    opinions: defaultdict[int, list] = defaultdict(list)
    taken: defaultdict[int, list] = defaultdict(list)
    seats: defaultdict[int, list] = defaultdict(list)
    # Only the invitations without an attendance record: a record puts the member on the sitting's roll already
    # (a closed sitting has one for every invitee, so this fetches a handful of pairs rather than every one).
    for meeting_id, person in meeting_queries.invitations_of(held_ids, member_id,
                                                             unless=onsite_queries.recorded_pairs(held_ids)):
        invited[person].add(meeting_id)
    corrected = onsite_queries.records_set_after_closing(held_ids, member_id)
    same: dict[tuple, RecordFacts] = {}  # one object for records alike (most are present, unchanged, no note)
    for meeting_id, person, status, note in onsite_queries.attendance_of_sittings(held_ids, member_id):
        changed = bool(corrected) and (meeting_id, person) in corrected
        facts = same.get((status, changed, note))
        if facts is None:
            facts = same[status, changed, note] = RecordFacts(status, changed, note)
        records[person][meeting_id] = facts
    for meeting_id, person, status, late, decided_at in onsite_queries.leave_of_sittings(held_ids, member_id):
        leave[person][meeting_id] = LeaveFacts(status, bool(late), decided_at)
    printed = minutes_queries.printed_opinion_ids(held_ids)
    for opinion_id, meeting_id, person in opinion_queries.member_opinions_of_sittings(held_ids, member_id):
        opinions[person].append(meeting_id)
        if opinion_id in printed:
            taken[person].append(meeting_id)
    for person, organ_id, starts_on, ends_on in member_queries.seats_of(member_id):
        seats[person].append(Seat(organ_id, starts_on, ends_on))
    on_record = set(invited) | set(records) | set(opinions)
    members = [_member_info(row) for row in member_queries.members_for_records(on_record, member_id=member_id)]
    empty: dict = {}
    facts = {
        member.id: MemberFacts(member.id, frozenset(invited.get(member.id, ())), records.get(member.id, empty),
                               leave.get(member.id, empty), tuple(opinions.get(member.id, ())),
                               tuple(taken.get(member.id, ())), tuple(seats.get(member.id, ())))
        for member in members
    }
    return build_report(
        year, organs=organs, sittings=sittings, members=members, facts=facts, rules=rules, today=today,
        earlier=earlier, earlier_absences=earlier_absences, term_fallback=committee.term, organ_ids=organ_ids,
        everyone=organ_ids is None, all_lines=member_id is not None,
    )


def _member_info(row) -> MemberInfo:
    rank = (row.sector_position or 0, row.sector_id) if row.sector_id is not None else NO_SECTOR_RANK
    return MemberInfo(
        id=row.id, name=row.name, sector_id=row.sector_id, sector_name=row.sector_name or "", sector_rank=rank,
        order_key=member_queries.member_order_key(row.role, row.protocol_order, row.name_sort_key, row.id),
        active=bool(row.active),
    )


def _earlier_in_terms(rules, rows, organs: list[OrganInfo], start: datetime, zone: ZoneInfo, term: int | None,
                      organ_ids, member_id) -> tuple[list[SittingFacts], dict[int, list[int]]]:
    """Return the held sittings of the year's terms before the year, and by member the ids of those they were absent
    from without leave: what the per-term rules count besides the year. Nothing (and no statement) without a
    per-term rule."""
    term_rules = [rule for rule in rules if rule.period == TERM]
    if not term_rules:
        return [], {}
    terms = {row.term for row in rows if row.status == HELD and row.term is not None} or ({term} if term else set())
    began = meeting_queries.first_start_in_terms(terms)
    if began is None or began >= start:
        return [], {}
    kinds = {organ.id: organ.kind for organ in organs}
    earlier = [_facts(row, zone) for row in meeting_queries.sittings_between(began, start, organ_ids)
               if row.status == HELD]
    counted = [s.id for s in earlier if s.is_meeting and any(r.applies_to(s.organ_id, kinds.get(s.organ_id, ""))
                                                              for r in term_rules)]
    absences: dict[int, list[int]] = {}
    for row in onsite_queries.attendance_of_sittings(counted, member_id, status=ABSENT):
        absences.setdefault(row.member_id, []).append(row.meeting_id)
    return earlier, absences
