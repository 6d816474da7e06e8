"""Writes of the plans domain: plans, their items, the import and series of regular sittings.

Every function adds and flushes and logs; none commits — the view commits once per request.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import func, select

from consult import audit
from consult.csv_files import N_, CsvError, OrganChoice, Problem, checked_text, read_table
from consult.db_types import DB_INT_MAX
from consult.extensions import db
from consult.meetings.kinds import FORMS, SITTING_KINDS
from consult.meetings.models import Meeting
from consult.meetings.services import create_meeting, default_invitees, unlink_plan_item
from consult.members.models import Member, Organ
from consult.plans import importing
from consult.plans.importing import ImportedItem
from consult.plans.models import APPROVAL_BODIES, EXPECTED_RESULTS, ConsultationPlan, PlanItem
from consult.plans.series import SeriesPlan

log = logging.getLogger(__name__)

# Fields of a plan item that forms and the import may set.
ITEM_FIELDS = (
    "topic",
    "consultation_form",
    "sitting_kind",
    "organ_id",
    "organising_organ_id",
    "planned_month",
    "planned_quarter",
    "planned_half",
    "lead_member_id",
    "counterpart_department",
    "participating_departments",
    "expected_result",
    "report_to",
    "notes",
)
# What the audit log keeps of an item: names rather than ids.
ITEM_AUDIT_FIELDS = {
    **{name: (lambda field: lambda i: getattr(i, field))(name) for name in ITEM_FIELDS
       if name not in ("organ_id", "organising_organ_id", "lead_member_id")},
    "organ": lambda i: i.organ.name if i.organ is not None else None,
    "organising_organ": lambda i: i.organising_organ.name if i.organising_organ is not None else None,
    "lead_member": lambda i: i.lead_member.name if i.lead_member is not None else None,
}
TEXT_LIMITS = {"topic": 300, "counterpart_department": 200, "report_to": 200, "participating_departments": 2000,
               "notes": 5000}


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
    for name in ("topic", "counterpart_department", "report_to"):
        if name in cleaned:
            cleaned[name] = " ".join((cleaned[name] or "").split())
    for name in ("participating_departments", "notes"):
        if name in cleaned:
            cleaned[name] = (cleaned[name] or "").strip()
    for name, limit in TEXT_LIMITS.items():
        if "\x00" in (cleaned.get(name) or ""):
            raise PlanError("bad_text", f"{name} holds a NUL character")
        if len(cleaned.get(name) or "") > limit:
            raise PlanError("too_long", f"{name} is longer than {limit} characters")
    if "topic" in cleaned and not cleaned["topic"]:
        raise PlanError("empty_topic", "a plan item needs a topic")
    form = cleaned.get("consultation_form")
    if form is not None and form not in FORMS:
        raise PlanError("unknown_form", f"unknown consultation form {form!r}")
    result = cleaned.get("expected_result")
    if result and result not in EXPECTED_RESULTS:
        raise PlanError("unknown_result", f"unknown expected result {result!r}")
    kind = cleaned.get("sitting_kind")
    if kind is not None and kind not in SITTING_KINDS:
        raise PlanError("unknown_sitting_kind", f"unknown sitting kind {kind!r}")
    month, quarter = cleaned.get("planned_month"), cleaned.get("planned_quarter")
    half = cleaned.get("planned_half")
    if month is not None and not 1 <= month <= 12:
        raise PlanError("bad_month", "the month must be 1–12")
    if quarter is not None and not 1 <= quarter <= 4:
        raise PlanError("bad_quarter", "the quarter must be 1–4")
    if half is not None and half not in (1, 2):
        raise PlanError("bad_half", "the half of the year must be 1 or 2")
    # The most precise timing says it all: a month, else a quarter, else a half.
    if month is not None:
        cleaned["planned_quarter"] = None
    if month is not None or quarter is not None:
        cleaned["planned_half"] = None
    for name in ("organ_id", "organising_organ_id"):
        if name in cleaned and not _exists(Organ, cleaned[name]):
            raise PlanError("unknown_organ" if name == "organ_id" else "missing_organising_organ", "no such organ")
    lead = cleaned.get("lead_member_id")
    if lead is not None and not _exists(Member, lead):
        raise PlanError("unknown_member", "no such member")
    return cleaned


# Ids beyond the database's integer column never name a row (PostgreSQL would refuse the query).


def _exists(model, row_id) -> bool:
    return isinstance(row_id, int) and 0 < row_id <= DB_INT_MAX and db.session.get(model, row_id) is not None


def add_item(plan: ConsultationPlan, **values) -> PlanItem:
    """Add an item at the end of `plan` and return it (flushed).

    `values` are ITEM_FIELDS. Raises PlanError for an empty topic, an unknown organ, form, sitting
    kind, expected result or member, no organising organ ("missing_organising_organ"), a month outside
    1–12, a quarter outside 1–4, a half other than 1 or 2, a NUL character or a text too long.
    """
    return _add_item(plan, "plan_item.create", values)


def _item_values(item: PlanItem) -> dict:
    return {k: v for k, v in audit.snapshot(item, ITEM_AUDIT_FIELDS).values.items() if v not in (None, "")}


def _add_item(plan: ConsultationPlan, action: str, values: dict) -> PlanItem:
    cleaned = _clean(values)
    for name in ("topic", "consultation_form", "organ_id", "organising_organ_id"):
        if cleaned.get(name) is None:
            raise PlanError(f"missing_{name.removesuffix('_id')}", f"a plan item needs {name}")
    last = db.session.scalar(select(func.max(PlanItem.position)).where(PlanItem.plan_id == plan.id))
    item = PlanItem(plan_id=plan.id, position=(last or 0) + 1, sitting_kind="meeting", counterpart_department="",
                    participating_departments="", expected_result="", report_to="", notes="")
    for name, value in cleaned.items():
        setattr(item, name, value)
    db.session.add(item)
    db.session.flush()
    audit.record(action, item, after={"year": plan.year, **_item_values(item)})
    log.info("plan %s: item %s added (%s)", plan.year, item.id, item.topic)
    return item


def update_item(item: PlanItem, **values) -> PlanItem:
    """Apply `values` (ITEM_FIELDS) to `item` and return it. Raises PlanError as add_item does."""
    if "organising_organ_id" in values and values["organising_organ_id"] is None:
        raise PlanError("missing_organising_organ", "a plan item needs its organising organ")
    cleaned = _clean(values)
    taken = audit.snapshot(item, ITEM_AUDIT_FIELDS)
    for name, value in cleaned.items():
        setattr(item, name, value)
    db.session.flush()
    db.session.expire(item, ["organ", "organising_organ", "lead_member"])  # the names of the ids just set
    audit.record_changes("plan_item.update", item, taken)
    log.info("plan item %s changed", item.id)
    return item


def delete_item(item: PlanItem) -> int:
    """Delete `item` and return how many sittings were linked to it; they stay, unlinked."""
    unlinked = unlink_plan_item(item.id)
    audit.record("plan_item.delete", item, before=_item_values(item), after={"linked_sittings": unlinked} if unlinked
                 else None)
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
    audit.record("plan_item.move", item, before={"position": index + 1}, after={"position": other + 1})
    for position, each in enumerate(items, start=1):
        if each.position != position:
            each.position = position
    db.session.flush()
    log.info("plan item %s moved %s", item.id, direction)
    return True


def update_plan(plan: ConsultationPlan, *, title: str, approved_by: str, approved_on, document_number: str
                ) -> ConsultationPlan:
    """Set the plan's title and how it was adopted (by whom, on which day, under which 文号) and return it.

    Raises PlanError("unknown_approval") for an approving body not in APPROVAL_BODIES, ("bad_date") for a
    date outside 1900–2100 and ("bad_text") for a NUL character.
    """
    if approved_by and approved_by not in APPROVAL_BODIES:
        raise PlanError("unknown_approval", f"unknown approving body {approved_by!r}")
    if approved_on is not None and not 1900 <= approved_on.year <= 2100:
        raise PlanError("bad_date", "the date of adoption must lie in 1900–2100")
    title, document_number = " ".join((title or "").split()), " ".join((document_number or "").split())
    if "\x00" in title + document_number:
        raise PlanError("bad_text", "NUL character")
    taken = audit.snapshot(plan, ("title", "approved_by", "approved_on", "document_number"))
    plan.title, plan.approved_by = title[:200], approved_by or ""
    plan.approved_on, plan.document_number = approved_on, document_number[:60]
    db.session.flush()
    audit.record_changes("plan.update", plan, taken, label=str(plan.year))
    log.info("plan %s: adoption set (%s, %s, %s)", plan.year, plan.approved_by, plan.approved_on, plan.document_number)
    return plan


def set_public(plan: ConsultationPlan, public: bool, *, now: datetime) -> ConsultationPlan:
    """Publish (`public` True) or withdraw the read-only public version of `plan` and return it."""
    if plan.is_public != public:
        audit.record("plan.publish" if public else "plan.withdraw", plan, before={"is_public": plan.is_public},
                     after={"is_public": public}, label=str(plan.year), at=now)
    plan.is_public = public
    plan.published_at = now if public else None
    db.session.flush()
    log.info("plan %s %s", plan.year, "published" if public else "withdrawn from the public")
    return plan


@dataclass
class PlanImportPreview:
    """What importing a file would add: the items read, and every problem (none, or nothing is added)."""

    items: list[ImportedItem] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when the file has no problems and can be imported."""
        return not self.problems


class ImportRejected(PlanError):
    """The file has problems: nothing was imported. `preview` lists them."""

    def __init__(self, preview: PlanImportPreview):
        super().__init__("import_rejected", f"{len(preview.problems)} problems")
        self.preview = preview


def preview_plan_import(text: str) -> PlanImportPreview:
    """Return what importing the CSV `text` would add, with every problem of every row; writes nothing.

    Organs are resolved by the shared CSV toolkit (常委 finds the standing committee, as in the member
    import). Raises CsvError for a file in the wrong shape, or a header without rows.
    """
    rows = read_table(checked_text(text), importing.READ_COLUMNS, importing.REQUIRED_COLUMNS)
    if not rows:
        raise CsvError(N_("The file has a header but no rows."))
    organs = [OrganChoice(o.id, o.name, o.kind, o.slug, o.number_label) for o in db.session.scalars(select(Organ))]
    members = importing.member_lookup(
        importing.MemberRef(m.id, m.name, m.member_number) for m in db.session.scalars(select(Member))
    )
    items, problems = importing.read_plan_rows(
        rows,
        organs,
        members,
        importing.choice_lookup(importing.FORM_ALIASES, FORMS),
        importing.choice_lookup(importing.SITTING_KIND_ALIASES, SITTING_KINDS),
    )
    return PlanImportPreview(items, problems)


def import_plan_file(plan: ConsultationPlan, text: str) -> list[PlanItem]:
    """Read the CSV `text` again and add all its items at the end of `plan`, or none.

    Raises CsvError for a file in the wrong shape, ImportRejected when any row has a problem, and
    PlanError when an item cannot be held (the view rolls back).
    """
    preview = preview_plan_import(text)
    if not preview.ok:
        raise ImportRejected(preview)
    return import_items(plan, preview.items)


def import_items(plan: ConsultationPlan, items: Iterable[ImportedItem]) -> list[PlanItem]:
    """Add every imported item at the end of `plan`, in file order, and return them.

    All or nothing: raises PlanError on the first item the plan cannot hold (the view rolls back).
    """
    added = []
    for imported in items:
        values = {name: getattr(imported, name) for name in ITEM_FIELDS}
        added.append(_add_item(plan, "plan_item.import", values))
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
