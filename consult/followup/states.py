"""Where a decision (议定事项) stands, and the counts the pages and the compilation quote.

Pure: no Flask, no database; `today` (a date in the committee's zone) is always passed in. The labels are lazy
strings, translated when shown; the Chinese words of the documents are plain text.

A decision is not yet assigned (未交办) until it has a department; then in progress (办理中) until it is closed
with an outcome (已办结: 采纳, 部分采纳 or 未采纳); it is overdue (逾期) when its due date (办理期限) has passed
and it is still open. Due today is not overdue. A decision without a due date is never overdue. Reopening
(重新办理) takes the outcome away, so the decision is open again (and overdue if its due date has passed).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from flask_babel import lazy_gettext as _l

NOT_ASSIGNED = "not_assigned"
IN_PROGRESS = "in_progress"
OVERDUE = "overdue"
CLOSED = "closed"

STATES = {
    NOT_ASSIGNED: _l("Not yet assigned"),
    IN_PROGRESS: _l("In progress"),
    OVERDUE: _l("Past due"),
    CLOSED: _l("Closed"),
}
STATE_NAMES_ZH = {NOT_ASSIGNED: "未交办", IN_PROGRESS: "办理中", OVERDUE: "逾期未办结", CLOSED: "已办结"}

# The three disjoint counts, as columns and chart series.
COUNT_LABELS = {
    "closed": _l("Closed"),
    "open": _l("Not closed, not yet due"),
    "overdue": _l("Past due"),
}

ADOPTED = "adopted"
PARTLY_ADOPTED = "partly_adopted"
NOT_ADOPTED = "not_adopted"

OUTCOMES = {
    ADOPTED: _l("Adopted in full"),
    PARTLY_ADOPTED: _l("Partly adopted"),
    NOT_ADOPTED: _l("Not adopted"),
}
OUTCOME_NAMES_ZH = {ADOPTED: "采纳", PARTLY_ADOPTED: "部分采纳", NOT_ADOPTED: "未采纳"}

# What the history of a decision records.
ADDED, REMOVED, RESTORED = "added", "removed", "restored"
ASSIGNED, REASSIGNED, ANSWERED, CLOSED_EVENT, REOPENED = "assigned", "reassigned", "answered", "closed", "reopened"
EVENT_KINDS = {
    ADDED: _l("Approved in version %(version)s of the minutes"),
    REMOVED: _l("No longer in version %(version)s of the minutes"),
    RESTORED: _l("Back in version %(version)s of the minutes"),
    ASSIGNED: _l("Assigned"),
    REASSIGNED: _l("Assignment changed"),
    ANSWERED: _l("Answer recorded"),
    CLOSED_EVENT: _l("Closed"),
    REOPENED: _l("Reopened"),
}


def decision_state(*, department: str, due_on: date | None, outcome: str, today: date) -> str:
    """Return CLOSED when the decision has an outcome, else NOT_ASSIGNED without a department, else OVERDUE when
    `today` is after its due date, else IN_PROGRESS. Raises nothing."""
    if outcome:
        return CLOSED
    if not (department or "").strip():
        return NOT_ASSIGNED
    if due_on is not None and today > due_on:
        return OVERDUE
    return IN_PROGRESS


def closed_late(*, due_on: date | None, answered_on: date | None, outcome: str) -> bool:
    """Return True for a decision closed with an answer dated after its due date (逾期办结)."""
    return bool(outcome) and due_on is not None and answered_on is not None and answered_on > due_on


def days_overdue(due_on: date | None, today: date) -> int:
    """Return how many days `today` lies after the due date (0 when not after it or without one)."""
    if due_on is None or today <= due_on:
        return 0
    return (today - due_on).days


@dataclass
class DecisionCounts:
    """Decisions by state: closed (with their outcomes), open (not assigned or in progress) and overdue. The three
    do not overlap: closed + open + overdue is every decision counted."""

    closed: int = 0
    open: int = 0
    overdue: int = 0
    not_assigned: int = 0  # among the open ones
    outcomes: Counter = field(default_factory=Counter)

    @property
    def total(self) -> int:
        """Return the number of decisions counted."""
        return self.closed + self.open + self.overdue

    @property
    def not_closed(self) -> int:
        """Return the decisions not closed: open and overdue together."""
        return self.open + self.overdue

    def add(self, state: str, outcome: str = "") -> None:
        """Count one decision in `state` (its outcome when closed)."""
        if state == CLOSED:
            self.closed += 1
            self.outcomes[outcome] += 1
        elif state == OVERDUE:
            self.overdue += 1
        else:
            self.open += 1
            if state == NOT_ASSIGNED:
                self.not_assigned += 1

    def merge(self, other: DecisionCounts) -> None:
        """Add the counts of `other` to these."""
        self.closed += other.closed
        self.open += other.open
        self.overdue += other.overdue
        self.not_assigned += other.not_assigned
        self.outcomes.update(other.outcomes)


def count_decisions(rows: Iterable[tuple[str, date | None, str]], today: date) -> DecisionCounts:
    """Return the counts of decisions given as (department, due date, outcome) rows."""
    counts = DecisionCounts()
    for department, due_on, outcome in rows:
        counts.add(decision_state(department=department, due_on=due_on, outcome=outcome, today=today), outcome)
    return counts


# The counts in one line (已办结2项 · 未办结3项（其中逾期1项）), filled by counts_text.
COUNTS_LINE = _l("Closed %(closed)d · not closed %(open)d (of which past due %(overdue)d)")


def counts_text(pattern: str, counts: DecisionCounts) -> str:
    """Return the counts in one line, `pattern` being COUNTS_LINE translated once (a page of hundreds of sittings
    would translate it hundreds of times)."""
    return pattern % {"closed": counts.closed, "open": counts.not_closed, "overdue": counts.overdue}


# --- the dates a follow-up may carry ----------------------------------------------------------------------

DUE_BEFORE_SITTING = "due_before_sitting"
ANSWER_BEFORE_SITTING = "answer_before_sitting"
ANSWER_IN_FUTURE = "answer_in_future"


def date_problem(*, sitting_day: date, today: date, due_on: date | None = None,
                 answered_on: date | None = None) -> str | None:
    """Return why the dates cannot be kept (DUE_BEFORE_SITTING, ANSWER_BEFORE_SITTING, ANSWER_IN_FUTURE), or
    None: a due date falls on or after the sitting's day, an answer between the sitting's day and today."""
    if due_on is not None and due_on < sitting_day:
        return DUE_BEFORE_SITTING
    if answered_on is not None:
        if answered_on < sitting_day:
            return ANSWER_BEFORE_SITTING
        if answered_on > today:
            return ANSWER_IN_FUTURE
    return None
