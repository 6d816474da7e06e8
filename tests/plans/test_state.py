"""The state of plan items and the year's tallies: tables of cases, no app."""

from datetime import date

import pytest

from consult.plans.state import (
    HELD,
    NOT_SCHEDULED,
    OVERDUE,
    SCHEDULED,
    ItemFacts,
    due_month,
    item_state,
    summarise_year,
)

Y = 2025


@pytest.mark.parametrize(
    ("month", "quarter", "statuses", "today", "expected"),
    [
        # nothing linked
        (5, None, [], date(Y, 4, 30), NOT_SCHEDULED),
        (5, None, [], date(Y, 5, 31), NOT_SCHEDULED),  # the planned month is not over yet
        (5, None, [], date(Y, 6, 1), OVERDUE),
        (5, None, [], date(Y + 1, 1, 1), OVERDUE),
        (5, None, [], date(Y - 1, 12, 31), NOT_SCHEDULED),  # looking at next year's plan
        # linked draft or published
        (5, None, ["draft"], date(Y, 3, 1), SCHEDULED),
        (5, None, ["published"], date(Y, 5, 20), SCHEDULED),
        (5, None, ["postponed"], date(Y, 5, 20), SCHEDULED),  # 延期: still to happen
        (5, None, ["postponed"], date(Y, 6, 1), OVERDUE),
        (5, None, ["published"], date(Y, 6, 1), OVERDUE),  # month passed, never marked held
        # held wins over everything, even late
        (5, None, ["held"], date(Y, 4, 1), HELD),
        (5, None, ["held", "cancelled"], date(Y, 12, 1), HELD),
        (5, None, ["published", "held"], date(Y, 7, 1), HELD),
        # cancelled sittings count for nothing
        (5, None, ["cancelled"], date(Y, 4, 1), NOT_SCHEDULED),
        (5, None, ["cancelled", "cancelled"], date(Y, 6, 1), OVERDUE),
        (5, None, ["cancelled", "draft"], date(Y, 5, 1), SCHEDULED),
        # quarters are due by their last month
        (None, 2, [], date(Y, 6, 30), NOT_SCHEDULED),
        (None, 2, [], date(Y, 7, 1), OVERDUE),
        (None, 1, ["published"], date(Y, 3, 31), SCHEDULED),
        (None, 4, [], date(Y, 12, 31), NOT_SCHEDULED),
        (None, 4, [], date(Y + 1, 1, 1), OVERDUE),
        # neither month nor quarter: due by December
        (None, None, [], date(Y, 12, 31), NOT_SCHEDULED),
        (None, None, [], date(Y + 1, 1, 2), OVERDUE),
        # December item on New Year's Eve and Day
        (12, None, ["draft"], date(Y, 12, 31), SCHEDULED),
        (12, None, ["draft"], date(Y + 1, 1, 1), OVERDUE),
    ],
)
def test_item_state(month, quarter, statuses, today, expected):
    assert item_state(Y, month, quarter, statuses, today) == expected


@pytest.mark.parametrize(("month", "quarter", "expected"), [(3, None, 3), (None, 1, 3), (None, 3, 9), (None, None, 12),
                                                             (7, 4, 7)])
def test_due_month(month, quarter, expected):
    assert due_month(month, quarter) == expected


@pytest.mark.parametrize(("month", "quarter"), [(0, None), (13, None), (None, 0), (None, 5)])
def test_due_month_refuses_out_of_range(month, quarter):
    with pytest.raises(ValueError):
        due_month(month, quarter)


def test_summarise_year():
    items = [
        ItemFacts(1, "thematic", HELD, held_sittings=2),
        ItemFacts(1, "thematic", OVERDUE),
        ItemFacts(1, "general", SCHEDULED),
        ItemFacts(2, "counterpart", HELD, held_sittings=1),
        ItemFacts(2, "counterpart", NOT_SCHEDULED),
    ]
    summary = summarise_year(items, {1: 4, 3: 1})
    assert summary.total == 5
    assert summary.states == {HELD: 2, OVERDUE: 1, SCHEDULED: 1, NOT_SCHEDULED: 1}
    assert summary.share_carried_out() == 40
    assert summary.by_organ[1].planned == 3
    assert summary.by_organ[1].carried_out == 1
    assert summary.by_organ[1].held_sittings == 2
    assert summary.by_organ[1].sittings_held_in_year == 4
    assert summary.by_organ[2].planned == 2 and summary.by_organ[2].sittings_held_in_year == 0
    assert summary.by_organ[3].planned == 0 and summary.by_organ[3].sittings_held_in_year == 1
    assert summary.by_form["thematic"].planned == 2
    assert summary.by_form["thematic"].states[OVERDUE] == 1
    assert summary.by_form["counterpart"].carried_out == 1
    assert summarise_year([]).share_carried_out() == 0
