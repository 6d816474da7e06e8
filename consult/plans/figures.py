"""The year's figures the plan year page pictures: sittings held by organ and by month (meetings 召开 apart from
activities 开展, as the annual report counts them), and the decisions of their minutes by organ — closed, open,
overdue.

Pure: no Flask, no database. The year page's query hands in the held sittings and the decisions' counts; the chart
routes (chart_views) and the page's tables read the same YearFigures, so a picture never says what its table does
not.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from consult.followup.states import DecisionCounts
from consult.meetings.kinds import MEETING_KINDS


@dataclass
class HeldTally:
    """Sittings held: meetings (会议, 座谈会, 学习报告会) and activities (视察, 调研 …)."""

    meetings: int = 0
    activities: int = 0

    @property
    def total(self) -> int:
        """Return the sittings held, meetings and activities together."""
        return self.meetings + self.activities


@dataclass
class YearFigures:
    """Sittings held by month (12 tallies, January first) and by organ id, and decisions by organ id (staff only;
    empty for the public)."""

    by_month: list[HeldTally] = field(default_factory=lambda: [HeldTally() for _ in range(12)])
    by_organ: dict[int, HeldTally] = field(default_factory=dict)
    decisions_by_organ: dict[int, DecisionCounts] = field(default_factory=dict)

    @property
    def held(self) -> int:
        """Return the number of sittings held in the year."""
        return sum(tally.total for tally in self.by_month)


def year_figures(held: Iterable, time_zone: str, decisions: Mapping[int, DecisionCounts] | None = None) -> YearFigures:
    """Return the figures of the sittings `held` (rows with id, organ_id, sitting_kind and starts_at, as
    meetings.queries.held_sittings gives them), their month taken in `time_zone`, and of the decisions' counts by
    sitting id `decisions` (None: not shown). Raises nothing."""
    zone = ZoneInfo(time_zone)
    figures = YearFigures()
    for sitting in held:
        meeting = sitting.sitting_kind in MEETING_KINDS
        for tally in (figures.by_month[sitting.starts_at.astimezone(zone).month - 1],
                      figures.by_organ.setdefault(sitting.organ_id, HeldTally())):
            if meeting:
                tally.meetings += 1
            else:
                tally.activities += 1
        if decisions is not None and sitting.id in decisions:
            figures.decisions_by_organ.setdefault(sitting.organ_id, DecisionCounts()).merge(decisions[sitting.id])
    return figures
