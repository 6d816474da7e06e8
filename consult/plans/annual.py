"""The counts an annual work report quotes: 全年召开常委会议×次、主席会议×次，开展视察×次、调研×次、民主评议×次.

Meetings (召开) are counted per organ kind, activities (开展) per kind of sitting, never together.
Pure: no flask, no database; the year page's query hands in what was held.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from flask_babel import lazy_gettext as _l

from consult.meetings.kinds import KIND_NAMES_ZH, MEETING_KINDS, REPORTED_ACTIVITIES, SITTING_KINDS

# Organ kinds whose meetings a report names one by one, in the report's order; any other organ's
# meetings (专委会, 街道工委, 界别小组) are counted together under OTHER_ORGANS.
REPORTED_ORGAN_KINDS = ("plenary", "standing_committee", "chair_meeting", "secretary_general_meeting")
OTHER_ORGANS = "other"
# Always named in the sentence, even when none was held (a report that omits 常委会议 would puzzle).
ALWAYS_NAMED_ORGAN_KINDS = ("standing_committee", "chair_meeting")

MEETING_LABELS = {
    "plenary": _l("Plenary sessions"),
    "standing_committee": _l("Standing committee meetings"),
    "chair_meeting": _l("Chair meetings"),
    "secretary_general_meeting": _l("Secretary-general meetings"),
    OTHER_ORGANS: _l("Meetings of other organs"),
}
MEETING_NAMES_ZH = {
    "plenary": "全体会议",
    "standing_committee": "常委会议",
    "chair_meeting": "主席会议",
    "secretary_general_meeting": "秘书长会议",
    OTHER_ORGANS: "专委会等其他会议",
}


@dataclass(frozen=True)
class HeldCount:
    """How many sittings of one kind one organ kind held in the year."""

    organ_kind: str
    sitting_kind: str
    count: int


@dataclass
class AnnualCounts:
    """Meetings held per organ kind and activities carried out per kind, each in report order."""

    meetings: dict[str, int] = field(default_factory=dict)
    activities: dict[str, int] = field(default_factory=dict)

    @property
    def meetings_total(self) -> int:
        """Return the number of meetings held (召开)."""
        return sum(self.meetings.values())

    @property
    def activities_total(self) -> int:
        """Return the number of activities carried out (开展)."""
        return sum(self.activities.values())


def annual_counts(held: Iterable[HeldCount]) -> AnnualCounts:
    """Return the year's meetings per organ kind and activities per kind of sitting.

    A sitting of a meeting kind (会议, 座谈会, 学习报告会) counts as a meeting of its organ's kind (or of
    OTHER_ORGANS); any other kind counts as an activity of its kind, whatever organ carried it out.
    The organ kinds of ALWAYS_NAMED_ORGAN_KINDS and the activities of REPORTED_ACTIVITIES are always
    present (0 when none); the others only when some were held. Raises nothing.
    """
    meetings: Counter = Counter()
    activities: Counter = Counter()
    for row in held:
        if row.sitting_kind in MEETING_KINDS:
            organ = row.organ_kind if row.organ_kind in REPORTED_ORGAN_KINDS else OTHER_ORGANS
            meetings[organ] += row.count
        else:
            activities[row.sitting_kind] += row.count
    counts = AnnualCounts()
    for organ in (*REPORTED_ORGAN_KINDS, OTHER_ORGANS):
        if meetings[organ] or organ in ALWAYS_NAMED_ORGAN_KINDS:
            counts.meetings[organ] = meetings[organ]
    for kind in SITTING_KINDS:
        if kind in MEETING_KINDS:
            continue
        if activities[kind] or kind in REPORTED_ACTIVITIES:
            counts.activities[kind] = activities[kind]
    return counts


def report_sentence(counts: AnnualCounts) -> str:
    """Return the sentence of the annual work report, in Chinese:
    全年召开常委会议4次、主席会议12次，开展视察3次、调研5次、民主评议1次。"""
    meetings = "、".join(f"{MEETING_NAMES_ZH[organ]}{n}次" for organ, n in counts.meetings.items())
    activities = "、".join(f"{KIND_NAMES_ZH[kind]}{n}次" for kind, n in counts.activities.items())
    return f"全年召开{meetings}，开展{activities}。"
