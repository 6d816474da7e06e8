"""Where a decision stands, and its counts: tables of cases, no app."""

from datetime import date

import pytest

from consult.followup.states import (
    ADOPTED,
    ANSWER_BEFORE_SITTING,
    ANSWER_IN_FUTURE,
    CLOSED,
    DUE_BEFORE_SITTING,
    IN_PROGRESS,
    NOT_ADOPTED,
    NOT_ASSIGNED,
    OVERDUE,
    PARTLY_ADOPTED,
    closed_late,
    count_decisions,
    date_problem,
    days_overdue,
    decision_state,
)

TODAY = date(2030, 6, 15)


@pytest.mark.parametrize(
    ("department", "due_on", "outcome", "expected"),
    [
        # not yet assigned: no department, whatever the dates
        ("", None, "", NOT_ASSIGNED),
        ("", date(2030, 6, 1), "", NOT_ASSIGNED),  # a due date alone assigns nothing
        ("   ", None, "", NOT_ASSIGNED),  # blanks are no department
        # assigned, open
        ("区科技局", None, "", IN_PROGRESS),  # no due date: never overdue
        ("区科技局", date(2030, 6, 15), "", IN_PROGRESS),  # due today: not overdue yet
        ("区科技局", date(2030, 6, 14), "", OVERDUE),  # due yesterday
        ("区科技局", date(2029, 12, 31), "", OVERDUE),  # due last year
        ("区科技局", date(2031, 1, 1), "", IN_PROGRESS),
        # closed, on time or late, whatever the outcome
        ("区科技局", date(2030, 6, 30), ADOPTED, CLOSED),
        ("区科技局", date(2030, 5, 1), PARTLY_ADOPTED, CLOSED),  # closed late: closed, not overdue
        ("区科技局", None, NOT_ADOPTED, CLOSED),
        # reopened: the outcome is taken away, the state follows the due date again
        ("区科技局", date(2030, 5, 1), "", OVERDUE),
        ("区科技局", date(2030, 7, 1), "", IN_PROGRESS),
    ],
)
def test_decision_state(department, due_on, outcome, expected):
    assert decision_state(department=department, due_on=due_on, outcome=outcome, today=TODAY) == expected


@pytest.mark.parametrize(
    ("due_on", "answered_on", "outcome", "late"),
    [
        (date(2030, 5, 31), date(2030, 6, 1), ADOPTED, True),  # answered a day after its due date
        (date(2030, 5, 31), date(2030, 5, 31), ADOPTED, False),  # on its due date: on time
        (None, date(2030, 6, 1), ADOPTED, False),  # no due date, never late
        (date(2030, 5, 31), date(2030, 6, 1), "", False),  # an interim answer closes nothing
        (date(2030, 5, 31), None, ADOPTED, False),
    ],
)
def test_closed_late(due_on, answered_on, outcome, late):
    assert closed_late(due_on=due_on, answered_on=answered_on, outcome=outcome) is late


@pytest.mark.parametrize(
    ("due_on", "days"),
    [(None, 0), (date(2030, 6, 15), 0), (date(2030, 6, 14), 1), (date(2030, 5, 16), 30), (date(2030, 7, 1), 0)],
)
def test_days_overdue(due_on, days):
    assert days_overdue(due_on, TODAY) == days


SITTING = date(2030, 2, 26)


@pytest.mark.parametrize(
    ("due_on", "answered_on", "problem"),
    [
        (None, None, None),
        (SITTING, None, None),  # due the day of the sitting
        (date(2030, 2, 25), None, DUE_BEFORE_SITTING),
        (date(2040, 1, 1), None, None),  # far ahead is allowed
        (None, SITTING, None),
        (None, TODAY, None),  # answered today
        (None, date(2030, 2, 25), ANSWER_BEFORE_SITTING),
        (None, date(2030, 6, 16), ANSWER_IN_FUTURE),
        (date(2030, 2, 1), date(2030, 6, 16), DUE_BEFORE_SITTING),  # the first problem is told
    ],
)
def test_date_problem(due_on, answered_on, problem):
    assert date_problem(sitting_day=SITTING, today=TODAY, due_on=due_on, answered_on=answered_on) == problem


def test_counts_do_not_overlap_and_keep_the_outcomes():
    rows = [
        ("", None, ""),  # not assigned: open
        ("区科技局", None, ""),  # in progress: open
        ("区科技局", date(2030, 6, 1), ""),  # overdue
        ("区财政局", date(2030, 6, 1), ADOPTED),  # closed late
        ("区财政局", None, PARTLY_ADOPTED),
        ("区财政局", None, ADOPTED),
    ]
    counts = count_decisions(rows, TODAY)
    assert (counts.closed, counts.open, counts.overdue, counts.not_assigned) == (3, 2, 1, 1)
    assert counts.total == 6 and counts.not_closed == 3
    assert counts.outcomes == {ADOPTED: 2, PARTLY_ADOPTED: 1}
    other = count_decisions([("区科技局", None, NOT_ADOPTED)], TODAY)
    counts.merge(other)
    assert counts.closed == 4 and counts.outcomes[NOT_ADOPTED] == 1
