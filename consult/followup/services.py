"""Writes of the follow-up: the decisions of an approved version of the minutes become rows (record_approval),
and staff assign (交办), answer and close (办结) or reopen (重新办理) them. Services flush and log; the caller
commits once. Every write checks everything before it changes anything: a refused write changes nothing.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm.exc import StaleDataError

from consult.extensions import db
from consult.followup import states
from consult.followup.models import DEPARTMENT_MAX, NOTE_MAX, TEXT_MAX, ApprovedText, Decision, DecisionEvent
from consult.followup.syncing import Known, SyncPlan, plan_sync

log = logging.getLogger(__name__)

STALE = "stale"  # the decision changed after the form was opened
NO_DEPARTMENT = "no_department"
NOT_ASSIGNED = "not_assigned"  # an answer needs a department first
ALREADY_CLOSED = "already_closed"  # a closed decision is reopened before it is assigned anew
NOT_CLOSED = "not_closed"  # only a closed decision can be reopened
UNKNOWN_OUTCOME = "unknown_outcome"
NO_ANSWER = "no_answer"
NO_DATE = "no_date"  # an answer needs its date
BAD_TEXT = "bad_text"
TOO_LONG = "too_long"
DATE_PROBLEMS = (states.DUE_BEFORE_SITTING, states.ANSWER_BEFORE_SITTING, states.ANSWER_IN_FUTURE)

_UNSTORABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff]")


class FollowupError(Exception):
    """Why a write was refused: `code` is one of the constants of this module or states.DATE_PROBLEMS."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


@dataclass(frozen=True)
class Actor:
    """Who acts: the account's id and the name the history shows."""

    id: int | None
    name: str = ""


def actor(user_id: int | None) -> Actor:
    """Return who acts for the account `user_id`, with the name the history shows (auth.queries.user_name)."""
    from consult.auth.queries import user_name

    return Actor(user_id, user_name(user_id))


def _text(value: str | None, limit: int, *, one_line: bool = False) -> str:
    """Return `value` trimmed, line ends made \\n; raise FollowupError(BAD_TEXT) for a character no database or
    document holds, (TOO_LONG) past `limit` characters."""
    text = (value or "").replace("\r\n", "\n").replace("\r", "\n").strip()
    if _UNSTORABLE.search(text) or (one_line and "\n" in text):
        raise FollowupError(BAD_TEXT)
    if len(text) > limit:
        raise FollowupError(TOO_LONG)
    return text


def _event(decision: Decision, kind: str, actor: Actor, now: datetime, **values) -> None:
    decision.events.append(DecisionEvent(kind=kind, at=now, by_id=actor.id, by_name=actor.name[:50], **values))


def _check_revision(decision: Decision, revision: int | None, unchanged: bool) -> bool:
    """Return True when the write is a repeat of what is stored (a form sent twice): nothing to do. Raise
    FollowupError(STALE) when the decision changed since the form was opened and the form says otherwise."""
    if revision is None or revision == decision.revision:
        return unchanged
    if unchanged:
        return True
    raise FollowupError(STALE)


def _touch(decision: Decision, actor: Actor, now: datetime) -> None:
    # The revision is raised by the UPDATE itself (Decision's version counter).
    decision.updated_at, decision.updated_by_id = now, actor.id


def _flush() -> None:
    """Flush; raise FollowupError(STALE) when another request changed the decision since it was read (its UPDATE
    found the row at another revision). The caller rolls back."""
    try:
        db.session.flush()
    except StaleDataError:
        raise FollowupError(STALE) from None


# --- approval of the minutes ------------------------------------------------------------------------------


def record_approval(*, meeting_id: int, minutes_id: int, version_id: int, version: int, content, actor: Actor,
                    now: datetime) -> SyncPlan:
    """Keep what approved version `version` of a sitting's minutes says (`content`: a minutes.content.MinutesContent)
    and make its decisions rows: unchanged ones keep their follow-up, new ones are added, those it no longer holds
    are marked so (never deleted). Return the plan that was applied, flushed. Raises nothing."""
    db.session.add(ApprovedText(
        minutes_version_id=version_id, minutes_id=minutes_id, meeting_id=meeting_id, version=version,
        title=content.title or "", opening=content.opening or "",
        topics=[[topic.title, topic.summary or ""] for topic in content.topics],
        decisions=list(content.decisions), approved_at=now,
    ))
    known = list(db.session.scalars(select(Decision).where(Decision.minutes_id == minutes_id)))
    by_id = {decision.id: decision for decision in known}
    plan = plan_sync([Known(d.id, d.text, d.in_minutes) for d in known], content.decisions)
    for decision_id, position, text in plan.kept:
        decision = by_id[decision_id]
        decision.position, decision.text, decision.last_version = position, text, version
    for decision_id, position, text in plan.restored:
        decision = by_id[decision_id]
        decision.position, decision.text, decision.last_version, decision.in_minutes = position, text, version, True
        _touch(decision, actor, now)
        _event(decision, states.RESTORED, actor, now, version=version)
    for decision_id in plan.removed:
        decision = by_id[decision_id]
        decision.in_minutes = False
        _touch(decision, actor, now)
        _event(decision, states.REMOVED, actor, now, version=version)
    for position, text in plan.added:
        decision = Decision(
            meeting_id=meeting_id, minutes_id=minutes_id, position=position, text=text, first_version=version,
            last_version=version, in_minutes=True, department="", answer="", outcome="", created_at=now,
            updated_at=now, updated_by_id=actor.id,
        )
        db.session.add(decision)
        _event(decision, states.ADDED, actor, now, version=version)
    db.session.flush()
    log.info("decisions of meeting %s after version %s: %s kept, %s back, %s new, %s no longer in the minutes",
             meeting_id, version, len(plan.kept), len(plan.restored), len(plan.added), len(plan.removed))
    return plan


# --- follow-up ----------------------------------------------------------------------------------------------


def assign(decision: Decision, *, department: str, due_on: date | None, note: str = "", sitting_day: date,
           today: date, actor: Actor, now: datetime, revision: int | None = None) -> bool:
    """Assign (交办) the decision to `department` with the due date `due_on` (None: none), flushed; return False
    when the same assignment was sent again and nothing changed. Raises FollowupError: NO_DEPARTMENT, a date
    problem (DUE_BEFORE_SITTING), BAD_TEXT, TOO_LONG, ALREADY_CLOSED (reopen it first), STALE."""
    department = _text(department, DEPARTMENT_MAX, one_line=True)
    note = _text(note, NOTE_MAX)
    if not department:
        raise FollowupError(NO_DEPARTMENT)
    problem = states.date_problem(sitting_day=sitting_day, today=today, due_on=due_on)
    if problem:
        raise FollowupError(problem)
    unchanged = decision.department == department and decision.due_on == due_on
    if _check_revision(decision, revision, unchanged and not note):
        return False
    if decision.outcome:
        raise FollowupError(ALREADY_CLOSED)
    kind = states.REASSIGNED if decision.department else states.ASSIGNED
    decision.department, decision.due_on = department, due_on
    if decision.assigned_at is None:
        decision.assigned_at = now
    _touch(decision, actor, now)
    _event(decision, kind, actor, now, department=department, due_on=due_on, note=note)
    _flush()
    log.info("decision %s %s to %s, due %s, by %s", decision.id, kind, department, due_on, actor.id)
    return True


def record_answer(decision: Decision, *, answer: str, answered_on: date, outcome: str, sitting_day: date,
                  today: date, actor: Actor, now: datetime, revision: int | None = None) -> bool:
    """Record the department's answer (办理情况) of `answered_on`; with an `outcome` (states.OUTCOMES) the decision
    is closed (办结), without one the answer is an interim one and it stays open. Flushed; return False when the same
    answer was sent again. Raises FollowupError: NOT_ASSIGNED, NO_ANSWER, NO_DATE, UNKNOWN_OUTCOME, a date problem
    (ANSWER_BEFORE_SITTING, ANSWER_IN_FUTURE), BAD_TEXT, TOO_LONG, STALE."""
    answer = _text(answer, TEXT_MAX)
    if outcome and outcome not in states.OUTCOMES:
        raise FollowupError(UNKNOWN_OUTCOME)
    if not answer:
        raise FollowupError(NO_ANSWER)
    if answered_on is None:
        raise FollowupError(NO_DATE)
    problem = states.date_problem(sitting_day=sitting_day, today=today, answered_on=answered_on)
    if problem:
        raise FollowupError(problem)
    unchanged = (decision.answer, decision.answered_on, decision.outcome) == (answer, answered_on, outcome)
    if _check_revision(decision, revision, unchanged):
        return False
    if not decision.department:
        raise FollowupError(NOT_ASSIGNED)
    decision.answer, decision.answered_on, decision.outcome = answer, answered_on, outcome
    decision.closed_at = now if outcome else None
    _touch(decision, actor, now)
    _event(decision, states.CLOSED_EVENT if outcome else states.ANSWERED, actor, now, department=decision.department,
           answered_on=answered_on, outcome=outcome, note=answer)
    _flush()
    log.info("decision %s answered on %s (%s) by %s", decision.id, answered_on, outcome or "open", actor.id)
    return True


def reopen(decision: Decision, *, reason: str = "", actor: Actor, now: datetime, revision: int | None = None) -> bool:
    """Reopen (重新办理) a closed decision: its outcome is taken away, its answer kept as the last one; flushed.
    Return False when it was reopened since the form was opened. Raises FollowupError: NOT_CLOSED, BAD_TEXT,
    TOO_LONG, STALE."""
    reason = _text(reason, NOTE_MAX)
    if not decision.outcome:
        if revision is not None and revision != decision.revision:
            return False  # reopened since the form was opened: by this form sent twice, or by a colleague
        raise FollowupError(NOT_CLOSED)
    _check_revision(decision, revision, False)
    decision.outcome, decision.closed_at = "", None
    _touch(decision, actor, now)
    _event(decision, states.REOPENED, actor, now, department=decision.department, note=reason)
    _flush()
    log.info("decision %s reopened by %s", decision.id, actor.id)
    return True
