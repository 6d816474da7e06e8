"""The plans blueprint and what its view modules share."""

from __future__ import annotations

from flask import Blueprint, abort

from consult.auth.scope import require_organ
from consult.extensions import db
from consult.meetings.kinds import FUNCTIONS, SITTING_KINDS
from consult.meetings.queries import active_organs  # noqa: F401 (the one organ order, for the view modules)
from consult.meetings.statuses import MEETING_STATUSES
from consult.members import queries as member_queries
from consult.members.models import Member
from consult.plans.forms import (
    APPROVAL_LABELS,
    EXPECTED_RESULT_LABELS,
    HALVES,
    HOLIDAY_CHOICES,
    ITEM_STATES,
    MONTHS,
    ORDINALS,
    PLAN_FORMS,
    QUARTERS,
    RECURRENCES,
    WEEKDAYS,
)
from consult.plans.models import PlanItem

bp = Blueprint("plans", __name__)

LABELS = {
    "states": ITEM_STATES,
    "forms": PLAN_FORMS,
    "kinds": SITTING_KINDS,
    "statuses": MEETING_STATUSES,
    "recurrences": RECURRENCES,
    "weekdays": dict(WEEKDAYS),
    "ordinals": dict(ORDINALS),
    "holiday_choices": HOLIDAY_CHOICES,
    "months": dict(MONTHS),
    "quarters": dict(QUARTERS),
    "halves": dict(HALVES),
    "results": EXPECTED_RESULT_LABELS,
    "approvals": APPROVAL_LABELS,
    "functions": FUNCTIONS,
}


def check_year(year: int) -> None:
    """Answer 404 for a year no plan can have."""
    if not 2000 <= year <= 2100:
        abort(404)


def lead_choices(item: PlanItem | None = None) -> list[Member]:
    """Return who may lead a plan item (牵头领导): the chair meeting's members in protocol order, and the
    item's present lead if they no longer sit there (so that editing keeps them)."""
    leaders = member_queries.lead_candidates()
    if item is not None and item.lead_member is not None and item.lead_member not in leaders:
        leaders.append(item.lead_member)
    return leaders


def default_lead(organ_id: int | None) -> Member | None:
    """Return the leader who keeps in touch (分工联系) with the organ (a street committee, a sector group …),
    the lead an item of that organ gets when staff choose none; None when no leader does."""
    return member_queries.liaison_leader_for(organ_id=organ_id) if organ_id else None


def load_item(item_id: int) -> PlanItem:
    """Return the plan item, or answer 404 (also to staff limited to organs that neither hold nor organise it)."""
    item = db.session.get(PlanItem, item_id)  # the int converter keeps ids within the database's range
    if item is None:
        abort(404)
    require_organ(item.organ_id, item.organising_organ_id)
    return item
