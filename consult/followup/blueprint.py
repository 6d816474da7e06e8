"""The follow-up blueprint and what its route modules share."""

from __future__ import annotations

from flask import Blueprint, abort
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from consult.auth.scope import organ_scope
from consult.committee import clock
from consult.followup import queries
from consult.followup.services import Actor
from consult.followup.states import COUNTS_LINE, EVENT_KINDS, OUTCOMES, STATES, counts_text
from consult.meetings import queries as meeting_queries
from consult.meetings.models import Meeting
from consult.plans import queries as plan_queries
from consult.responses import private  # noqa: F401  (the domain's views import it from here)

bp = Blueprint("followup", __name__)

LABELS = {"states": STATES, "outcomes": OUTCOMES, "events": EVENT_KINDS}
NO_SUCH_DECISION = _l("This sitting has no such decision. It may have been opened from an old page.")


def visible_organs() -> list[int] | None:
    """Return the ids of the organs whose decisions the staff member may follow (None: every organ): those of an
    account limited to some organs (consult/auth/scope.py), else every organ."""
    scope = organ_scope()
    return None if scope is None else sorted(scope)


def load_meeting(meeting_id: int) -> Meeting:
    """Return the sitting with its organ and topics, or answer 404 (also for a sitting of an organ the staff
    member may not follow)."""
    meeting = meeting_queries.meeting_for_detail(meeting_id)
    organs = visible_organs()
    if meeting is None or (organs is not None and meeting.organ_id not in organs):
        abort(404)
    return meeting


def sitting_day(meeting: Meeting):
    """Return the day the sitting began, in the committee's zone."""
    return clock.local(meeting.starts_at).date()


def current_actor() -> Actor:
    """Return who is acting: the logged-in account and the name the history shows."""
    return Actor(current_user.id, current_user.display_name or current_user.username)


def department_suggestions() -> list[str]:
    """Return the departments the 承办单位 field suggests: those the plans name and those decisions were assigned
    to, each once (two statements)."""
    return sorted(set(plan_queries.departments_named()) | set(queries.departments_used()))


def plain_labels() -> dict[str, dict[str, str]]:
    """Return the labels as plain text, translated once per request."""
    return {name: {key: str(label) for key, label in values.items()} for name, values in LABELS.items()}


@bp.app_template_global()
def counts_line_text(counts) -> str:
    """Return a decision count in one line: 已办结2项 · 未办结3项（其中逾期1项）."""
    return counts_text(str(COUNTS_LINE), counts)


@bp.app_template_global()
def sitting_results(meeting: Meeting):
    """Return the counts of the decisions of the sitting's approved minutes (states.DecisionCounts), or None when
    they hold none, for the staff part of the sitting's page (one statement)."""
    return queries.decision_counts([meeting.id], clock.today()).get(meeting.id)


@bp.app_template_global()
def overdue_decision_count() -> int:
    """Return how many decisions are overdue today, for the staff's home page (one statement)."""
    return queries.overdue_count(clock.today(), visible_organs())
