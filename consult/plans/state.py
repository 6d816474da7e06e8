"""Where each plan item stands, and the year's tallies.

Pure functions over plain values: no Flask, no database. `today` (a date in the committee's zone)
is always passed in.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

from consult.meetings.kinds import function_of
from consult.meetings.statuses import LIVE

NOT_SCHEDULED = "not_scheduled"  # 未安排: no live sitting carries the item out
SCHEDULED = "scheduled"  # 已安排: a draft, published or postponed sitting is linked
HELD = "held"  # 已完成: a linked sitting has been held (a 视察 is carried out, not 召开)
OVERDUE = "overdue"  # 逾期: the planned month (or the quarter's last month) has passed and nothing was held

# Statuses of a linked sitting that is still to happen (cancelled ones do not carry the item out).
LIVE_STATUSES = frozenset(LIVE)


def due_month(planned_month: int | None, planned_quarter: int | None, planned_half: int | None = None) -> int:
    """Return the last month (1–12) in which the item is on time.

    A planned month is its own due month; a quarter is due by its last month (Q2 → June); a half-year
    by June (上半年) or December (下半年); an item with none of them is due by December. Raises
    ValueError for a month outside 1–12, a quarter outside 1–4 or a half outside 1–2.
    """
    if planned_month is not None:
        if not 1 <= planned_month <= 12:
            raise ValueError(f"planned month must be 1–12, not {planned_month}")
        return planned_month
    if planned_quarter is not None:
        if not 1 <= planned_quarter <= 4:
            raise ValueError(f"planned quarter must be 1–4, not {planned_quarter}")
        return planned_quarter * 3
    if planned_half is not None:
        if planned_half not in (1, 2):
            raise ValueError(f"planned half must be 1 or 2, not {planned_half}")
        return planned_half * 6
    return 12


def is_past_due(
    year: int, planned_month: int | None, planned_quarter: int | None, today: date, planned_half: int | None = None
) -> bool:
    """Return True when `today` lies after the whole of the item's due month in `year`."""
    month = due_month(planned_month, planned_quarter, planned_half)
    return (today.year, today.month) > (year, month)


def item_state(
    year: int,
    planned_month: int | None,
    planned_quarter: int | None,
    sitting_statuses: Iterable[str],
    today: date,
    planned_half: int | None = None,
) -> str:
    """Return the state of a plan item of `year` from the statuses of its linked sittings.

    HELD when a linked sitting was held; otherwise OVERDUE when the due month has passed; otherwise
    SCHEDULED when a draft or published sitting is linked; otherwise NOT_SCHEDULED. Cancelled sittings
    count for nothing. Raises ValueError for an invalid month, quarter or half.
    """
    statuses = set(sitting_statuses)
    if "held" in statuses:
        return HELD
    if is_past_due(year, planned_month, planned_quarter, today, planned_half):
        return OVERDUE
    if statuses & LIVE_STATUSES:
        return SCHEDULED
    return NOT_SCHEDULED


@dataclass(frozen=True)
class ItemFacts:
    """What the year's tallies need of one plan item."""

    organ_id: int
    consultation_form: str
    state: str
    held_sittings: int = 0  # linked sittings that were held (a research visit and then the meeting: 2)


@dataclass
class Tally:
    """Items of one organ or one form, by state."""

    planned: int = 0
    states: Counter = field(default_factory=Counter)
    held_sittings: int = 0  # linked sittings held

    @property
    def carried_out(self) -> int:
        """Return how many items were carried out (held)."""
        return self.states[HELD]


@dataclass
class OrganTally(Tally):
    """An organ's plan against what it did: also every sitting it held in the year, planned or not."""

    sittings_held_in_year: int = 0


@dataclass
class YearSummary:
    """The year at a glance: totals, per organ, per form and per function (consultation, supervision,
    research: the consultation statistics count the consultation forms only)."""

    total: int = 0
    states: Counter = field(default_factory=Counter)
    by_organ: dict[int, OrganTally] = field(default_factory=dict)
    by_form: dict[str, Tally] = field(default_factory=dict)
    by_function: dict[str, Tally] = field(default_factory=dict)

    def share_carried_out(self) -> int:
        """Return the percentage (0–100, rounded down) of items held; 0 for an empty plan."""
        return self.states[HELD] * 100 // self.total if self.total else 0


def summarise_year(items: Iterable[ItemFacts], held_per_organ: Mapping[int, int] | None = None) -> YearSummary:
    """Return the year's tallies of `items`.

    `held_per_organ` maps an organ id to the number of its meetings held in the year (activities such
    as 视察 are not 召开 and are not counted there), whether planned or not; organs that appear there
    without items get a tally with nothing planned. Each item counts under the function of its form
    (a form of no known function under none). Raises nothing.
    """
    summary = YearSummary()
    for item in items:
        summary.total += 1
        summary.states[item.state] += 1
        organ = summary.by_organ.setdefault(item.organ_id, OrganTally())
        form = summary.by_form.setdefault(item.consultation_form, Tally())
        tallies = [organ, form]
        function = function_of(item.consultation_form)
        if function is not None:
            tallies.append(summary.by_function.setdefault(function, Tally()))
        for tally in tallies:
            tally.planned += 1
            tally.states[item.state] += 1
            tally.held_sittings += item.held_sittings
    for organ_id, held in (held_per_organ or {}).items():
        summary.by_organ.setdefault(organ_id, OrganTally()).sittings_held_in_year = held
    return summary
