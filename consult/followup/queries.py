"""Reads of the follow-up, each in a fixed number of statements.

Every read that lists or counts decisions takes `organ_ids` (None: every organ), so that staff limited to some
organs see only theirs; sittings are found through meetings.queries, never through its tables. States are decided
in Python by states.decision_state (one home for the rule); a query only narrows the rows it reads.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from consult.extensions import db
from consult.followup import states
from consult.followup.models import ApprovedText, Decision
from consult.meetings import queries as meeting_queries


def _of_organs(query, organ_ids: Iterable[int] | None, *, starts_from: datetime | None = None,
               starts_before: datetime | None = None):
    if organ_ids is None and starts_from is None and starts_before is None:
        return query
    sittings = meeting_queries.sitting_ids(organ_ids=organ_ids, starts_from=starts_from, starts_before=starts_before)
    return query.where(Decision.meeting_id.in_(sittings))


def decisions_of_sitting(meeting_id: int) -> list[Decision]:
    """Return the decisions of a sitting with their history: those of the latest approved minutes in their order,
    then those no longer in them (two statements)."""
    return list(db.session.scalars(
        select(Decision).where(Decision.meeting_id == meeting_id).options(selectinload(Decision.events))
        .order_by(Decision.in_minutes.desc(), Decision.position, Decision.id)
    ))


def decisions_of_sittings(meeting_ids: Iterable[int]) -> dict[int, list[Decision]]:
    """Return, by sitting id, the decisions of the latest approved minutes of these sittings in their order, in one
    statement (sittings without decisions are left out)."""
    ids = list(set(meeting_ids))
    by_sitting: dict[int, list[Decision]] = {}
    if not ids:
        return by_sitting
    for decision in db.session.scalars(
        select(Decision).where(Decision.meeting_id.in_(ids), Decision.in_minutes.is_(True))
        .order_by(Decision.meeting_id, Decision.position, Decision.id)
    ):
        by_sitting.setdefault(decision.meeting_id, []).append(decision)
    return by_sitting


def decision_of_sitting(meeting_id: int, decision_id: int) -> Decision | None:
    """Return the decision `decision_id` of the sitting, or None when the sitting has no such decision."""
    return db.session.scalars(
        select(Decision).where(Decision.id == decision_id, Decision.meeting_id == meeting_id)
    ).first()


def approved_texts(meeting_ids: Iterable[int]) -> dict[int, ApprovedText]:
    """Return, by sitting id, what the latest approved version of each sitting's minutes says (one statement; the
    sittings without approved minutes are left out)."""
    ids = list(set(meeting_ids))
    if not ids:
        return {}
    latest = (
        select(ApprovedText.meeting_id, func.max(ApprovedText.version).label("version"))
        .where(ApprovedText.meeting_id.in_(ids)).group_by(ApprovedText.meeting_id).subquery()
    )
    rows = db.session.scalars(select(ApprovedText).join(
        latest, (latest.c.meeting_id == ApprovedText.meeting_id) & (latest.c.version == ApprovedText.version)))
    return {text.meeting_id: text for text in rows}


@dataclass(frozen=True)
class DecisionFacts:
    """What a count needs of a decision."""

    meeting_id: int
    department: str
    due_on: date | None
    outcome: str


def decision_facts(meeting_ids: Iterable[int]) -> list[DecisionFacts]:
    """Return the facts of the decisions in the approved minutes of these sittings, in one statement (none for no
    sittings)."""
    ids = list(set(meeting_ids))
    if not ids:
        return []
    rows = db.session.execute(
        select(Decision.meeting_id, Decision.department, Decision.due_on, Decision.outcome)
        .where(Decision.meeting_id.in_(ids), Decision.in_minutes.is_(True))
    )
    return [DecisionFacts(*row) for row in rows]


def counts_by_sitting(facts: Iterable[DecisionFacts], today: date) -> dict[int, states.DecisionCounts]:
    """Return the decision counts per sitting id of `facts` (no statement)."""
    counts: dict[int, states.DecisionCounts] = {}
    for fact in facts:
        state = states.decision_state(department=fact.department, due_on=fact.due_on, outcome=fact.outcome,
                                      today=today)
        counts.setdefault(fact.meeting_id, states.DecisionCounts()).add(state, fact.outcome)
    return counts


def decision_counts(meeting_ids: Iterable[int], today: date) -> dict[int, states.DecisionCounts]:
    """Return, by sitting id, how many decisions of its approved minutes are closed, open and overdue on `today`
    (one statement; a sitting without decisions is left out)."""
    return counts_by_sitting(decision_facts(meeting_ids), today)


def decisions_listed(*, starts_from: datetime | None = None, starts_before: datetime | None = None,
                     organ_ids: Iterable[int] | None = None, department: str = "",
                     open_only: bool = False) -> list[Decision]:
    """Return the decisions in approved minutes of the sittings starting in [starts_from, starts_before) of
    `organ_ids`, of the `department` ("" any; words within it match), only those not closed when `open_only`,
    by sitting and position, in one statement. The caller sorts and filters by state."""
    query = select(Decision).where(Decision.in_minutes.is_(True))
    query = _of_organs(query, organ_ids, starts_from=starts_from, starts_before=starts_before)
    if department:
        escaped = department.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        query = query.where(Decision.department.like(f"%{escaped}%", escape="\\"))
    if open_only:
        query = query.where(Decision.outcome == "")
    return list(db.session.scalars(query.order_by(Decision.meeting_id, Decision.position, Decision.id)))


def overdue_decisions(today: date, organ_ids: Iterable[int] | None = None) -> list[Decision]:
    """Return the decisions overdue on `today` (assigned, still open, due before today), the longest overdue first,
    in one statement."""
    candidates = decisions_listed(organ_ids=organ_ids, open_only=True)
    overdue = [d for d in candidates if states.decision_state(
        department=d.department, due_on=d.due_on, outcome=d.outcome, today=today) == states.OVERDUE]
    return sorted(overdue, key=lambda d: (d.due_on, d.meeting_id, d.position))


def overdue_count(today: date, organ_ids: Iterable[int] | None = None) -> int:
    """Return how many decisions are overdue on `today`, in one statement (the rows due before today and open)."""
    query = select(Decision.department, Decision.due_on, Decision.outcome).where(
        Decision.in_minutes.is_(True), Decision.outcome == "", Decision.due_on < today)
    query = _of_organs(query, organ_ids)
    return states.count_decisions(db.session.execute(query), today).overdue


def departments_used() -> list[str]:
    """Return the departments decisions were assigned to, each once, in one statement."""
    return list(db.session.scalars(
        select(Decision.department).where(Decision.department != "").distinct().order_by(Decision.department)))
