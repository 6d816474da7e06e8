"""The plans blueprint and what its view modules share."""

from __future__ import annotations

from flask import Blueprint, abort
from sqlalchemy import select

from consult.extensions import db
from consult.meetings.kinds import FUNCTIONS, SITTING_KINDS
from consult.meetings.models import MEETING_STATUSES
from consult.members.models import Member, Organ
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

# The largest id a row can have (the databases' integer column): larger ids in a URL answer 404, not 500.
MAX_ID = 2**31 - 1


def check_year(year: int) -> None:
    """Answer 404 for a year no plan can have."""
    if not 2000 <= year <= 2100:
        abort(404)


def active_organs() -> list[Organ]:
    """Return the active organs in their order."""
    return list(db.session.scalars(select(Organ).where(Organ.active.is_(True)).order_by(Organ.position, Organ.name)))


def active_members() -> list[Member]:
    """Return the active members by name."""
    return list(db.session.scalars(select(Member).where(Member.active.is_(True)).order_by(Member.name, Member.id)))


def load_item(item_id: int) -> PlanItem:
    """Return the plan item, or answer 404."""
    item = db.session.get(PlanItem, item_id) if 0 < item_id <= MAX_ID else None
    if item is None:
        abort(404)
    return item
