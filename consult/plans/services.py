"""Writes of the plans domain: plans, their items, the import and series of regular sittings.

Every function adds and flushes and logs; none commits — the view commits once per request.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import func, select, update

from consult.extensions import db
from consult.meetings.models import CONSULTATION_FORMS, SITTING_KINDS, Meeting
from consult.meetings.services import create_meeting, default_invitees
from consult.members.models import Member, Organ
from consult.plans.importing import ImportedItem
from consult.plans.models import ConsultationPlan, PlanItem
from consult.plans.series import SeriesPlan

log = logging.getLogger(__name__)

# Fields of a plan item that forms and the import may set.
ITEM_FIELDS = (
    "topic",
    "consultation_form",
    "sitting_kind",
    "organ_id",
    "planned_month",
    "planned_quarter",
    "lead_member_id",
    "responsible_department",
    "participating_departments",
    "notes",
)


class PlanError(ValueError):
    """A plan item with values the plan cannot hold. `code` names the problem for forms."""

    def __init__(self, code: str, message: str = ""):
        super().__init__(message or code)
        self.code = code


def find_plan(year: int) -> ConsultationPlan | None:
    """Return the plan of `year`, or None when there is none yet."""
    return db.session.scalars(select(ConsultationPlan).where(ConsultationPlan.year == year)).first()


def get_or_create_plan(year: int) -> ConsultationPlan:
    """Return the plan of `year`, adding an empty private one when there is none.

    Raises PlanError("bad_year") for a year outside 2000–2100.
    """
    if not 2000 <= year <= 2100:
        raise PlanError("bad_year", f"no plans for the year {year}")
    plan = find_plan(year)
    if plan is None:
        plan = ConsultationPlan(year=year, title="", is_public=False, notes="")
        db.session.add(plan)
        db.session.flush()
        log.info("plan %s created", year)
    return plan


def _clean(values: dict) -> dict:
    cleaned = {name: values[name] for name in ITEM_FIELDS if name in values}
    for name in ("topic", "responsible_department"):
        if name in cleaned:
            cleaned[name] = " ".join((cleaned[name] or "").split())
    for name in ("participating_departments", "notes"):
        if name in cleaned:
            cleaned[name] = (cleaned[name] or "").strip()
    if "topic" in cleaned and not cleaned["topic"]:
        raise PlanError("empty_topic", "a plan item needs a topic")
    form = cleaned.get("consultation_form")
    if form is not None and (form not in CONSULTATION_FORMS or form == "none"):
        raise PlanError("unknown_form", f"unknown consultation form {form!r}")
    kind = cleaned.get("sitting_kind")
    if kind is not None and kind not in SITTING_KINDS:
        raise PlanError("unknown_sitting_kind", f"unknown sitting kind {kind!r}")
    month, quarter = cleaned.get("planned_month"), cleaned.get("planned_quarter")
    if month is not None and not 1 <= month <= 12:
        raise PlanError("bad_month", "the month must be 1–12")
    if quarter is not None and not 1 <= quarter <= 4:
        raise PlanError("bad_quarter", "the quarter must be 1–4")
    if month is not None:
        cleaned["planned_quarter"] = None  # the month says more
    if "organ_id" in cleaned and db.session.get(Organ, cleaned["organ_id"]) is None:
        raise PlanError("unknown_organ", "no such organ")
    lead = cleaned.get("lead_member_id")
    if lead is not None and db.session.get(Member, lead) is None:
        raise PlanError("unknown_member", "no such member")
    return cleaned


def add_item(plan: ConsultationPlan, **values) -> PlanItem:
    """Add an item at the end of `plan` and return it (flushed).

    `values` are ITEM_FIELDS. Raises PlanError for an empty topic, an unknown organ, form, sitting
    kind or member, a month outside 1–12 or a quarter outside 1–4.
    """
    cleaned = _clean(values)
    for name in ("topic", "consultation_form", "organ_id"):
        if name not in cleaned:
            raise PlanError(f"missing_{name}", f"a plan item needs {name}")
    last = db.session.scalar(select(func.max(PlanItem.position)).where(PlanItem.plan_id == plan.id))
    item = PlanItem(plan_id=plan.id, position=(last or 0) + 1, sitting_kind="meeting", responsible_department="",
                    participating_departments="", notes="")
    for name, value in cleaned.items():
        setattr(item, name, value)
    db.session.add(item)
    db.session.flush()
    log.info("plan %s: item %s added (%s)", plan.year, item.id, item.topic)
    return item


def update_item(item: PlanItem, **values) -> PlanItem:
    """Apply `values` (ITEM_FIELDS) to `item` and return it. Raises PlanError as add_item does."""
    for name, value in _clean(values).items():
        setattr(item, name, value)
    db.session.flush()
    log.info("plan item %s changed", item.id)
    return item


def delete_item(item: PlanItem) -> int:
    """Delete `item` and return how many sittings were linked to it; they stay, unlinked."""
    unlinked = db.session.execute(
        update(Meeting).where(Meeting.plan_item_id == item.id).values(plan_item_id=None)
    ).rowcount
    db.session.delete(item)
    db.session.flush()
    log.info("plan item %s deleted; %s sittings unlinked", item.id, unlinked)
    return unlinked


def move_item(item: PlanItem, direction: str) -> bool:
    """Swap `item` with its neighbour above ("up") or below ("down") and return True; False at either end.

    Positions of the whole plan are renumbered 1, 2, 3 … so that repeated edits never leave ties.
    Raises PlanError("bad_direction") for another direction.
    """
    if direction not in ("up", "down"):
        raise PlanError("bad_direction", f"cannot move {direction!r}")
    items = list(
        db.session.scalars(
            select(PlanItem).where(PlanItem.plan_id == item.plan_id).order_by(PlanItem.position, PlanItem.id)
        )
    )
    index = items.index(item)
    other = index - 1 if direction == "up" else index + 1
    if not 0 <= other < len(items):
        return False
    items[index], items[other] = items[other], items[index]
    for position, each in enumerate(items, start=1):
        if each.position != position:
            each.position = position
    db.session.flush()
    log.info("plan item %s moved %s", item.id, direction)
    return True


def set_public(plan: ConsultationPlan, public: bool, *, now: datetime) -> ConsultationPlan:
    """Publish (`public` True) or withdraw the read-only public version of `plan` and return it."""
    plan.is_public = public
    plan.published_at = now if public else None
    db.session.flush()
    log.info("plan %s %s", plan.year, "published" if public else "withdrawn from the public")
    return plan


def import_items(plan: ConsultationPlan, items: Iterable[ImportedItem]) -> list[PlanItem]:
    """Add every imported item at the end of `plan`, in file order, and return them.

    All or nothing: raises PlanError on the first item the plan cannot hold (the view rolls back).
    """
    added = []
    for imported in items:
        values = {name: getattr(imported, name) for name in ITEM_FIELDS}
        added.append(add_item(plan, **values))
    log.info("plan %s: %s items imported", plan.year, len(added))
    return added


def create_series(
    organ: Organ,
    title: str,
    series: SeriesPlan,
    *,
    sitting_kind: str = "meeting",
    consultation_form: str = "none",
    location: str = "",
    topics: Iterable[str] = (),
    notes: str = "",
    plan_item_id: int | None = None,
    created_by=None,
) -> list[Meeting]:
    """Create one draft per date of `series`, all with one new series id, and return them in order.

    Each draft invites the organ's default members. Raises what create_meeting raises (MeetingError,
    PeriodError); the view rolls back so that no part of a series is kept.
    """
    series_id = str(uuid.uuid4())
    topics = list(topics)
    invitees = default_invitees(organ)  # once for the series, not once per sitting
    meetings = [
        create_meeting(
            organ,
            title,
            sitting.starts_at,
            sitting.ends_at,
            sitting_kind=sitting_kind,
            consultation_form=consultation_form,
            location=location,
            topics=topics,
            notes=notes,
            plan_item_id=plan_item_id,
            invitees=invitees,
            series_id=series_id,
            created_by=created_by,
        )
        for sitting in series.sittings
    ]
    log.info("series %s: %s drafts of organ %s created", series_id, len(meetings), organ.id)
    return meetings
