"""The report's rows, filters, sorting and totals, built from plain facts: no app, no database."""

from __future__ import annotations

from datetime import date

import pytest

from consult.records.counting import MemberFacts, RecordFacts, Seat, SittingFacts, Tally
from consult.records.report import (
    Filters,
    MemberInfo,
    OrganInfo,
    build_report,
    filtered_rows,
    sector_totals,
    sorted_rows,
)
from consult.records.rules import DEFAULT_RULES

ORGANS = [OrganInfo(1, "全体委员会议", "plenary"), OrganInfo(2, "常务委员会", "standing_committee"),
          OrganInfo(3, "经济委员会", "special_committee")]
TODAY = date(2030, 3, 1)


def member(id, name, sector=1, order=None) -> MemberInfo:
    ranks = {1: (1, 1), 2: (2, 2), None: (10**9, 0)}
    names = {1: "教育界", 2: "医卫界", None: ""}
    return MemberInfo(id, name, sector, names[sector], ranks[sector], (1, 0, 0, order or name, id))


def held(id, organ, month, term=8) -> SittingFacts:
    return SittingFacts(id=id, organ_id=organ, day=date(2029, month, 10), status="held", name=f"会议{id}", term=term)


SITTINGS = [held(1, 1, 1), held(2, 2, 2), held(3, 2, 5), held(4, 2, 9), held(5, 3, 6),
            SittingFacts(6, 2, date(2029, 11, 1), "cancelled")]
MEMBERS = [member(1, "甲"), member(2, "乙", 2), member(3, "丙", None), member(4, "丁")]
FACTS = {
    1: MemberFacts(1, frozenset({1, 2, 3, 4}), {1: RecordFacts("present"), 2: RecordFacts("absent"),
                                                3: RecordFacts("absent"), 4: RecordFacts("absent")},
                   seats=(Seat(1), Seat(2))),
    2: MemberFacts(2, frozenset({1, 2, 3, 4, 5}), {n: RecordFacts("present") for n in (1, 2, 3, 4, 5)},
                   opinions=(1, 2, 2), printed=(2,), seats=(Seat(1), Seat(2), Seat(3))),
    3: MemberFacts(3, frozenset({1, 5}), {1: RecordFacts("on_leave"), 5: RecordFacts("absent")}, opinions=(5,),
                   seats=(Seat(1), Seat(3, ends_on=date(2028, 12, 31)))),
}


def report(**changes):
    values = dict(organs=ORGANS, sittings=SITTINGS, members=MEMBERS, facts=FACTS, rules=DEFAULT_RULES, today=TODAY,
                  term_fallback=8)
    values.update(changes)
    return build_report(2029, **values)


def test_every_member_is_a_row_in_member_order_with_their_record():
    page = report()
    assert [row.member.name for row in page.rows] == ["丁", "丙", "乙", "甲"]  # by their order keys
    by_name = {row.member.name: row for row in page.rows}
    assert by_name["丁"].record.total == Tally()  # a member with nothing to count is listed all the same
    assert by_name["甲"].record.total == Tally(sittings=4, present=1, absent=3)
    assert by_name["甲"].standing and by_name["乙"].standing and not by_name["丙"].standing
    assert by_name["甲"].flagged and not by_name["乙"].flagged
    assert [a.sitting_id for a in by_name["甲"].crossings[0].absences] == [2, 3, 4]
    assert len(page.sittings) == 5 and page.held_by_organ == {1: 1, 2: 3, 3: 1}
    assert page.total == Tally(sittings=11, present=6, on_leave=1, absent=4, opinions=4, printed=1)
    assert page.by_organ[3] == Tally(sittings=2, present=1, absent=1, opinions=1)


def test_an_organ_left_before_the_year_is_not_among_the_members_organs_but_its_sittings_are():
    row = {row.member.id: row for row in report().rows}[3]
    assert row.organ_ids == {1, 3}  # the seat in 3 ended in 2028, the sitting invited to keeps it


@pytest.mark.parametrize(("filters", "names"), [
    (Filters(), ["丁", "丙", "乙", "甲"]),
    (Filters(sector_id=1), ["丁", "甲"]),
    (Filters(sector_id=99), []),
    (Filters(organ_id=3), ["丙", "乙"]),
    (Filters(standing=True), ["乙", "甲"]),
    (Filters(flagged=True), ["甲"]),
    (Filters(sector_id=2, standing=True, flagged=True), []),
])
def test_filters(filters, names):
    assert [row.member.name for row in filtered_rows(report(), filters)] == names


@pytest.mark.parametrize(("sort", "descending", "organ", "names"), [
    ("name", False, None, ["丁", "丙", "乙", "甲"]),
    ("name", True, None, ["甲", "乙", "丙", "丁"]),
    ("absent", True, None, ["甲", "丙", "丁", "乙"]),  # ties keep member order
    ("absent", False, None, ["丁", "乙", "丙", "甲"]),
    ("rate", True, None, ["乙", "甲", "丙", "丁"]),  # 丁 has no rate: last either way
    ("rate", False, None, ["丙", "甲", "乙", "丁"]),
    ("sector", False, None, ["丁", "甲", "乙", "丙"]),  # the member without a sector after every sector
    ("opinions", True, None, ["乙", "丙", "丁", "甲"]),
    ("present", True, 3, ["乙", "丁", "丙", "甲"]),  # the counts of one organ
    ("flagged", True, None, ["甲", "丁", "丙", "乙"]),
    ("no-such-column", False, None, ["丁", "丙", "乙", "甲"]),
])
def test_sorting(sort, descending, organ, names):
    rows = sorted_rows(report().rows, sort, descending, organ)
    assert [row.member.name for row in rows] == names


def test_sector_totals_in_the_sectors_order_with_no_sector_last():
    assert [(name, t.opinions) for name, t in sector_totals(report().rows)] == [("教育界", 0), ("医卫界", 3), ("", 1)]


def test_a_year_with_no_sittings_is_an_empty_report_not_an_error():
    page = report(sittings=[], facts={})
    assert len(page.rows) == 4 and page.sittings == () and page.total == Tally() and page.flagged == []
    assert page.by_month[1] == Tally() and page.by_organ == {}


def test_limited_to_some_organs_only_those_count_and_only_their_members_are_listed():
    page = report(organ_ids=[3], everyone=False)
    assert [organ.id for organ in page.organs] == [3]
    assert {row.member.name: row.record.total.sittings for row in page.rows} == {"丙": 1, "乙": 1}
    assert page.flagged == []


def test_per_term_rule_counts_earlier_absences_of_the_term():
    earlier = [SittingFacts(10, 1, date(2027, 1, 12), "held", term=8), SittingFacts(11, 1, date(2028, 1, 11), "held",
                                                                                    term=8)]
    facts = {**FACTS, 3: MemberFacts(3, frozenset({1}), {1: RecordFacts("absent")}, seats=(Seat(1),))}
    page = report(facts=facts, earlier=earlier, earlier_absences={3: [10, 11]})
    row = {row.member.id: row for row in page.rows}[3]
    assert [(c.rule.period, c.period_value, [a.sitting_id for a in c.absences]) for c in row.crossings] == [
        ("term", 8, [10, 11, 1])]
