"""Reads of the plans domain: the year page in a fixed number of statements, and a series' conflicts.

Each function runs the same number of SQL statements whatever the number of items and sittings.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import or_, select
from sqlalchemy.orm import joinedload

from consult.extensions import db
from consult.followup import queries as followup_queries
from consult.followup.states import DecisionCounts
from consult.meetings.kinds import MEETING_KINDS
from consult.meetings.models import Meeting
from consult.meetings.numbering import number_label, sitting_name
from consult.meetings.queries import (
    PUBLIC,
    STAFF,
    Audience,
    booked_slots,
    held_counts,
    held_sittings,
    sittings_of_plan_items,
)
from consult.meetings.scheduling import Conflict, SittingSlot, find_conflicts
from consult.members.models import ORGAN_ORDER, Organ
from consult.minutes import queries as minutes_queries
from consult.plans.annual import AnnualCounts, HeldCount, annual_counts
from consult.plans.figures import YearFigures, year_figures
from consult.plans.models import ConsultationPlan, PlanItem
from consult.plans.series import SeriesDate
from consult.plans.state import ItemFacts, YearSummary, item_state, summarise_year


@dataclass
class ItemRow:
    """One plan item on the year page, with its state and linked sittings (by start).

    The sittings carry only id, plan item, organ, title, start, status, term and number (load_only).
    """

    item: PlanItem
    state: str
    sittings: list[Meeting] = field(default_factory=list)
    # The decisions of its sittings' approved minutes: closed, open, overdue (staff only; None without any).
    results: DecisionCounts | None = None


@dataclass
class YearPage:
    """Everything the year page shows."""

    year: int
    plan: ConsultationPlan | None
    rows: list[ItemRow]
    organs: list[Organ]
    summary: YearSummary
    counts: AnnualCounts  # meetings held and activities carried out in the year, for the annual report
    organ_names: dict[int, str] = field(default_factory=dict)  # by organ id
    sitting_names: dict[int, str] = field(default_factory=dict)  # by sitting id: 八届十二次常委会议：title
    figures: YearFigures = field(default_factory=YearFigures)  # what the year's pictures show
    # Staff only (empty for the public): per sitting id, its decisions' counts and its latest approved minutes.
    results: dict[int, DecisionCounts] = field(default_factory=dict)
    minutes_versions: dict[int, int] = field(default_factory=dict)

    def organ(self, organ_id: int) -> Organ | None:
        """Return the organ with this id among those loaded, or None."""
        return next((o for o in self.organs if o.id == organ_id), None)


def year_bounds(year: int, time_zone: str) -> tuple[datetime, datetime]:
    """Return the start of `year` and of the next year in `time_zone`, as aware datetimes."""
    zone = ZoneInfo(time_zone)
    return datetime(year, 1, 1, tzinfo=zone), datetime(year + 1, 1, 1, tzinfo=zone)


def load_year(
    year: int, *, today: date, time_zone: str, public: bool = False, organ_ids: frozenset[int] | None = None
) -> YearPage:
    """Return the year page of `year` in six statements for the public: the plan, its items (with organ,
    organising organ and lead member), their linked sittings (with organ), the sittings held in the year per
    organ and kind, those sittings one by one (the figures by month), and the organs; staff get two more: the
    decisions of those sittings' approved minutes (followup.queries) and the minutes' latest approved versions
    (minutes.queries).

    With `public`, draft sittings are left out, and states are computed from what remains. The public page
    shows nothing of the minutes or of their decisions: minutes are shared with a sitting's invitees only, and
    how far the departments have got with what a sitting decided is the office's working material, not a
    publication (the office reports it in the year's compilation when it chooses). With `organ_ids` (staff
    limited to some organs) only the items those organs hold or organise, their sittings and their figures.
    Raises nothing.
    """
    plan = db.session.scalars(select(ConsultationPlan).where(ConsultationPlan.year == year)).first()
    plan_id = plan.id if plan is not None else -1
    # The organs first: an item's organ and organising organ, and a sitting's organ, are then found in the
    # session by id without a join or a statement of their own.
    organs = list(db.session.scalars(select(Organ).order_by(*ORGAN_ORDER)))
    query = select(PlanItem).where(PlanItem.plan_id == plan_id)
    if organ_ids is not None:
        query = query.where(or_(PlanItem.organ_id.in_(organ_ids), PlanItem.organising_organ_id.in_(organ_ids)))
    items = list(db.session.scalars(
        query.options(joinedload(PlanItem.lead_member)).order_by(PlanItem.position, PlanItem.id)
    ))
    audience = PUBLIC if public else (STAFF if organ_ids is None else Audience(staff=True, organ_ids=organ_ids))
    by_item = sittings_of_plan_items((item.id for item in items), audience)
    start, end = year_bounds(year, time_zone)
    held_rows = held_counts(start, end)
    held_per_organ: dict[int, int] = {}  # meetings (召开) only: activities are not counted as held meetings
    for organ_id, _organ_kind, sitting_kind, count in held_rows:
        if sitting_kind in MEETING_KINDS:
            held_per_organ[organ_id] = held_per_organ.get(organ_id, 0) + count
        else:
            held_per_organ.setdefault(organ_id, 0)
    counts = annual_counts(HeldCount(kind, sitting_kind, count) for _, kind, sitting_kind, count in held_rows)
    held = held_sittings(start, end, organ_ids)
    results: dict[int, DecisionCounts] = {}
    versions: dict[int, int] = {}
    if not public:
        sitting_ids = {m.id for sittings in by_item.values() for m in sittings} | {h.id for h in held}
        results = followup_queries.decision_counts(sitting_ids, today)
        versions = minutes_queries.latest_versions(sitting_ids)

    rows: list[ItemRow] = []
    facts: list[ItemFacts] = []
    for item in items:
        sittings = by_item.get(item.id, [])
        statuses = [m.status for m in sittings]
        state = item_state(year, item.planned_month, item.planned_quarter, statuses, today, item.planned_half)
        item_results = None
        for sitting in sittings:
            if sitting.id in results:
                item_results = item_results or DecisionCounts()
                item_results.merge(results[sitting.id])
        rows.append(ItemRow(item, state, sittings, item_results))
        facts.append(ItemFacts(item.organ_id, item.consultation_form, state, statuses.count("held")))
    labels = {organ.id: number_label(organ.kind, organ.number_label) for organ in organs}
    sitting_names = {
        m.id: sitting_name(m.term, m.number, labels.get(m.organ_id, ""), m.title)
        for sittings in by_item.values() for m in sittings
    }
    return YearPage(
        year, plan, rows, organs, summarise_year(facts, held_per_organ), counts,
        organ_names={organ.id: organ.name for organ in organs}, sitting_names=sitting_names,
        figures=year_figures(held, time_zone, None if public else results), results=results,
        minutes_versions=versions,
    )


def series_conflicts(
    sittings: Sequence[SeriesDate], location: str, invitee_ids: Iterable[int]
) -> list[list[Conflict]]:
    """Return, for each sitting of a series in order, its conflicts with published and held sittings.

    One statement for the whole series: the sittings booked over its whole span are loaded once and
    each date is checked against them with find_conflicts.
    """
    if not sittings:
        return []
    invited = frozenset(invitee_ids)
    others = booked_slots(min(s.starts_at for s in sittings), max(s.ends_at for s in sittings))
    return [
        find_conflicts(SittingSlot(None, "", s.starts_at, s.ends_at, location or "", invited), others)
        for s in sittings
    ]


def departments_named() -> list[str]:
    """Return the government departments the plans name (对口部门 and 参加部门 of every item), each once, in one
    statement: the suggestions of a follow-up's 承办单位."""
    from consult.plans.prefill import split_departments

    names: list[str] = []
    for counterpart, participating in db.session.execute(
        select(PlanItem.counterpart_department, PlanItem.participating_departments)
    ):
        names += split_departments(f"{counterpart or ''}\n{participating or ''}")
    return sorted(set(names))


def figures_of_year(year: int, *, today: date, time_zone: str, staff: bool,
                    organ_ids: frozenset[int] | None = None) -> tuple[YearFigures, list[Organ]]:
    """Return the year's figures (the same as the year page's) and the organs in their order, for the charts: the
    sittings held in the year (of `organ_ids` only, for staff limited to some organs), with staff the decisions of
    their approved minutes. Three statements for staff, two otherwise."""
    start, end = year_bounds(year, time_zone)
    held = held_sittings(start, end, organ_ids)
    decisions = followup_queries.decision_counts({h.id for h in held}, today) if staff else None
    organs = list(db.session.scalars(select(Organ).order_by(*ORGAN_ORDER)))
    return year_figures(held, time_zone, decisions), organs
