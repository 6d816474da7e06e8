"""The absence rules at their boundaries, as tables of cases: no app, no database."""

from __future__ import annotations

from datetime import date

import pytest

from consult.records.counting import SittingFacts, SittingLine
from consult.records.rules import (
    DEFAULT_RULES,
    TERM,
    YEAR,
    Absence,
    AbsenceRule,
    absences_from,
    crossings,
    infer_terms,
    rule_problem,
    rule_words_zh,
)

STANDING, PLENARY, ECONOMY, FINANCE = 1, 2, 3, 4
KINDS = {STANDING: "standing_committee", PLENARY: "plenary", ECONOMY: "special_committee",
         FINANCE: "special_committee"}


def absences(organ: int, days, term: int | None = 8) -> list[Absence]:
    return [Absence(index, organ, KINDS[organ], day, term=term) for index, day in enumerate(days, start=organ * 100)]


def in_2029(count: int) -> list[date]:
    return [date(2029, month, 10) for month in range(1, count + 1)]


STANDING_YEAR = AbsenceRule(3, YEAR, organ_kind="standing_committee")
PLENARY_TERM = AbsenceRule(3, TERM, organ_kind="plenary")


@pytest.mark.parametrize(("count", "reached"), [(0, False), (1, False), (2, False), (3, True), (4, True)])
def test_the_standing_committee_rule_at_its_boundary(count, reached):
    found = crossings([STANDING_YEAR], absences(STANDING, in_2029(count)), 2029)
    assert bool(found) is reached
    if reached:
        assert len(found[0].absences) == count and found[0].period_value == 2029


def test_a_count_of_one_flags_the_first_absence():
    assert crossings([AbsenceRule(1, YEAR, organ_kind="standing_committee")], absences(STANDING, in_2029(1)), 2029)


def test_per_year_counts_only_the_year_and_per_term_across_years():
    days = [date(2027, 1, 12), date(2028, 1, 11), date(2029, 1, 9)]
    year_rule = AbsenceRule(3, YEAR, organ_kind="plenary")
    assert crossings([year_rule], absences(PLENARY, days), 2029) == []
    found = crossings([PLENARY_TERM], absences(PLENARY, days), 2029, terms={8})
    assert [(c.period_value, [a.day.year for a in c.absences]) for c in found] == [(8, [2027, 2028, 2029])]


@pytest.mark.parametrize(("terms_of_absences", "reached"), [
    ((8, 8, 8), True),
    ((7, 8, 8), False),  # the first was in the previous term
    ((8, 8, None), False),  # a sitting of no known term does not count per term
])
def test_per_term_counts_the_sittings_of_the_same_term(terms_of_absences, reached):
    found = [Absence(n, PLENARY, "plenary", date(2026 + n, 1, 10), term=term)
             for n, term in enumerate(terms_of_absences)]
    assert bool(crossings([PLENARY_TERM], found, 2029, terms={8})) is reached


def test_per_term_stops_at_the_end_of_the_reports_year():
    days = [date(2028, 1, 11), date(2029, 1, 9), date(2030, 1, 8)]
    assert crossings([PLENARY_TERM], absences(PLENARY, days), 2029, terms={8}) == []
    assert crossings([PLENARY_TERM], absences(PLENARY, days), 2030, terms={8})


def test_per_term_looks_only_at_the_terms_given():
    assert crossings([PLENARY_TERM], absences(PLENARY, in_2029(3)), 2029, terms={9}) == []


@pytest.mark.parametrize(("rule", "organ", "reached"), [
    (STANDING_YEAR, STANDING, True),
    (STANDING_YEAR, ECONOMY, False),  # another organ's sittings
    (AbsenceRule(3, YEAR, organ_kind="special_committee"), ECONOMY, True),  # every organ of the kind
    (AbsenceRule(3, YEAR, organ_id=ECONOMY), ECONOMY, True),  # one organ
    (AbsenceRule(3, YEAR, organ_id=FINANCE), ECONOMY, False),  # another organ of the same kind
])
def test_a_rule_counts_only_its_organ(rule, organ, reached):
    assert bool(crossings([rule], absences(organ, in_2029(3)), 2029)) is reached


def test_absences_of_one_kind_in_two_organs_add_up_for_the_kind_but_not_for_one_organ():
    found = absences(ECONOMY, in_2029(2)) + absences(FINANCE, [date(2029, 11, 3)])
    assert crossings([AbsenceRule(3, YEAR, organ_kind="special_committee")], found, 2029)
    assert crossings([AbsenceRule(3, YEAR, organ_id=ECONOMY)], found, 2029) == []


def test_the_sittings_that_count_are_listed_in_date_order():
    found = crossings([STANDING_YEAR], absences(STANDING, [date(2029, 9, 1), date(2029, 2, 1), date(2029, 5, 1)]),
                      2029)
    assert [a.day.month for a in found[0].absences] == [2, 5, 9]


def test_both_default_rules_can_be_reached_at_once():
    found = absences(STANDING, in_2029(3)) + absences(PLENARY, [date(2027, 1, 12), date(2028, 1, 11),
                                                                date(2029, 1, 9)])
    assert [c.rule for c in crossings(DEFAULT_RULES, found, 2029, terms={8})] == list(DEFAULT_RULES)


def line(id, status, organ=STANDING, seated=True, kind="meeting", term=8) -> SittingLine:
    sitting = SittingFacts(id=id, organ_id=organ, day=date(2029, 3, id), status="held", sitting_kind=kind, term=term)
    return SittingLine(sitting, status, seated=seated)


def test_only_absences_without_leave_at_meetings_while_seated_count():
    lines = [line(1, "absent"), line(2, "on_leave"), line(3, "not_recorded"), line(4, "present"),
             line(5, "absent", seated=False),  # invited to observe (列席)
             line(6, "absent", kind="inspection"),  # an activity, not a 常委会议
             line(7, "absent", organ=PLENARY)]
    found = absences_from(lines, KINDS, {7: 9})
    assert [(a.sitting_id, a.organ_kind, a.term) for a in found] == [(1, "standing_committee", 8),
                                                                      (7, "plenary", 9)]


@pytest.mark.parametrize(("sittings", "fallback", "expected"), [
    ([(1, date(2029, 1, 9), 8), (2, date(2029, 3, 1), None), (3, date(2030, 1, 8), 9), (4, date(2030, 2, 1), None)],
     None, {1: 8, 2: 8, 3: 9, 4: 9}),
    ([(1, date(2029, 1, 2), None), (2, date(2029, 1, 9), 8)], None, {1: 8, 2: 8}),  # nothing before: the next one's
    ([(1, date(2029, 1, 2), None)], 8, {1: 8}),  # nothing numbered at all: the committee's term
    ([(1, date(2029, 1, 2), None)], None, {1: None}),
    ([], 8, {}),
])
def test_a_sitting_without_a_number_takes_the_term_around_it(sittings, fallback, expected):
    assert infer_terms(sittings, fallback) == expected


KNOWN = {"kinds": ("standing_committee", "plenary"), "organ_ids": (1, 2)}


@pytest.mark.parametrize(("count", "period", "kind", "organ", "problem"), [
    (3, YEAR, "standing_committee", None, None),
    (1, TERM, None, 2, None),
    (99, YEAR, "plenary", None, None),
    (0, YEAR, "plenary", None, "at least 1"),
    (-2, YEAR, "plenary", None, "at least 1"),
    (100, YEAR, "plenary", None, "at most 99"),
    (None, YEAR, "plenary", None, "whole number"),
    ("3", YEAR, "plenary", None, "whole number"),
    (True, YEAR, "plenary", None, "whole number"),
    (3, "month", "plenary", None, "per year or per term"),
    (3, YEAR, None, None, "Choose the organ"),
    (3, YEAR, "plenary", 1, "Choose the organ"),
    (3, YEAR, "no_such_kind", None, "Choose the organ"),
    (3, YEAR, None, 99, "Choose the organ"),
])
def test_rule_problems(count, period, kind, organ, problem):
    found = rule_problem(count, period, kind, organ, **KNOWN)
    assert (found is None) if problem is None else (problem in found)


@pytest.mark.parametrize(("rule", "organ", "words"), [
    (STANDING_YEAR, "", "一年内未请假缺席常委会议累计3次"),
    (PLENARY_TERM, "", "一届内未请假缺席全体会议累计3次"),
    (AbsenceRule(2, YEAR, organ_id=3), "经济委员会", "一年内未请假缺席经济委员会会议累计2次"),
    (AbsenceRule(4, TERM, organ_kind="sector_group"), "", "一届内未请假缺席界别小组会议累计4次"),
])
def test_rule_words_in_documents(rule, organ, words):
    assert rule_words_zh(rule, organ) == words
