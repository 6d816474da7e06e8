"""Absence rules (缺席规则): a member who is absent without leave (缺席) from the sittings of an organ N times within a
year or within a term (届) is flagged in the duty report, with the sittings that count.

A rule names a count N (at least 1), an organ — every organ of a kind (the standing committee, the plenary …) or one
organ — and a period: per year (the report's year) or per term (the sittings of the same term, across years, up to
the end of the report's year). What counts towards it: the organ's meetings (not its activities such as 视察 or
调研, which are not 常委会议 or 全会), held, where the member was absent without leave while holding a seat in the
organ on that day (a member invited from outside the organ to observe, 列席, is not counted). Absences with leave,
or whose attendance is not recorded, never count.

Pure: no Flask, no database.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from flask_babel import lazy_gettext as _l

from consult.csv_files import N_
from consult.onsite.attendance import ABSENT
from consult.plans.annual import MEETING_NAMES_ZH
from consult.records.counting import SittingLine

YEAR, TERM = "year", "term"
PERIODS = {YEAR: _l("within a year"), TERM: _l("within a term")}
PERIOD_WORDS_ZH = {YEAR: "一年内", TERM: "一届内"}
COUNT_MAX = 99

# What a kind's meetings are called on the pages (translated) and in documents: 未请假缺席【常委会议】3次.
KIND_MEETINGS = {
    "plenary": _l("plenary sessions"),
    "standing_committee": _l("standing committee meetings"),
    "chair_meeting": _l("chair meetings"),
    "secretary_general_meeting": _l("secretary-general meetings"),
    "special_committee": _l("special committee meetings"),
    "street_committee": _l("street working committee meetings"),
    "sector_group": _l("sector group meetings"),
}
KIND_MEETINGS_ZH = {
    **{kind: name for kind, name in MEETING_NAMES_ZH.items() if kind != "other"},
    "special_committee": "专委会会议",
    "street_committee": "街道政协工委会议",
    "sector_group": "界别小组会议",
}


@dataclass(frozen=True)
class AbsenceRule:
    """N absences without leave from the sittings of an organ kind (or of one organ) within a period."""

    count: int
    period: str
    organ_kind: str | None = None
    organ_id: int | None = None
    id: int | None = None

    def applies_to(self, organ_id: int, organ_kind: str) -> bool:
        """Return True when sittings of the organ `organ_id` (of kind `organ_kind`) count towards the rule."""
        if self.organ_id is not None:
            return organ_id == self.organ_id
        return organ_kind == self.organ_kind


# A standing member absent from standing-committee meetings 3 times in a year; any member absent from the plenary
# 3 times in a term: the rules most committees' member regulations set.
DEFAULT_RULES = (
    AbsenceRule(3, YEAR, organ_kind="standing_committee"),
    AbsenceRule(3, TERM, organ_kind="plenary"),
)


def rule_problem(count, period: str, organ_kind: str | None, organ_id: int | None, *, kinds: Iterable[str],
                 organ_ids: Iterable[int]) -> str | None:
    """Return an English msgid saying what is wrong with a rule (count below 1 or above COUNT_MAX or not a whole
    number, an unknown period, neither or both of an organ kind and an organ, an unknown one), or None when it is
    fine."""
    if isinstance(count, bool) or not isinstance(count, int):
        return N_("The count must be a whole number.")
    if count < 1:
        return N_("A rule needs a count of at least 1: a count of 0 or less would flag every member.")
    if count > COUNT_MAX:
        return N_("The count can be at most 99.")
    if period not in PERIODS:
        return N_("Choose per year or per term.")
    if (organ_kind is None) == (organ_id is None):
        return N_("Choose the organ the rule counts.")
    if organ_kind is not None and organ_kind not in set(kinds):
        return N_("Choose the organ the rule counts.")
    if organ_id is not None and organ_id not in set(organ_ids):
        return N_("Choose the organ the rule counts.")
    return None


def rule_words_zh(rule: AbsenceRule, organ_name: str = "") -> str:
    """Return the rule as a document words it: 一年内未请假缺席常委会议3次 (`organ_name` for a rule on one organ)."""
    meetings = f"{organ_name}会议" if rule.organ_id is not None else KIND_MEETINGS_ZH.get(rule.organ_kind or "", "会议")
    return f"{PERIOD_WORDS_ZH.get(rule.period, '')}未请假缺席{meetings}累计{rule.count}次"


@dataclass(frozen=True)
class Absence:
    """One absence without leave that may count towards a rule."""

    sitting_id: int
    organ_id: int
    organ_kind: str
    day: date
    name: str = ""  # 八届十二次常委会议：title
    term: int | None = None
    label: str = ""  # 八届十二次常委会议, or the title


@dataclass(frozen=True)
class Crossing:
    """A rule a member reached: in which year or term, and the absences that count (in date order)."""

    rule: AbsenceRule
    period_value: int  # the year, or the term (届)
    absences: tuple[Absence, ...]


def infer_terms(sittings: Sequence[tuple[int, date, int | None]], fallback: int | None) -> dict[int, int | None]:
    """Return the term of each sitting given as (id, day, term): numbered sittings carry theirs; a sitting without
    one takes the term of the latest numbered sitting before it (by day, then id), else of the first after it,
    else `fallback`."""
    ordered = sorted(sittings, key=lambda s: (s[1], s[0]))
    terms: dict[int, int | None] = {}
    last = None
    for sitting_id, _start, term in ordered:
        last = term if term is not None else last
        terms[sitting_id] = last
    following = None
    for sitting_id, _start, term in reversed(ordered):
        following = term if term is not None else following
        if terms[sitting_id] is None:
            terms[sitting_id] = following if following is not None else fallback
    return terms


def absences_from(lines: Iterable[SittingLine], organ_kinds: Mapping[int, str],
                  terms: Mapping[int, int | None]) -> list[Absence]:
    """Return the absences of a member's record lines that may count towards a rule: absent without leave, at a
    meeting (not an activity), holding a seat in the organ that day."""
    return [
        Absence(line.sitting.id, line.sitting.organ_id, organ_kinds.get(line.sitting.organ_id, ""), line.sitting.day,
                line.sitting.name, terms.get(line.sitting.id, line.sitting.term), line.sitting.label)
        for line in lines
        if line.status == ABSENT and line.seated and line.sitting.is_meeting
    ]


def crossings(rules: Iterable[AbsenceRule], absences: Iterable[Absence], year: int,
              terms: Iterable[int] = ()) -> list[Crossing]:
    """Return the rules a member reached in the report's `year`: a per-year rule over the absences of that year, a
    per-term rule over the absences of each of `terms` (the terms of the year's sittings) up to the end of `year`.
    Reached means the absences that count are at least the rule's count."""
    absences = sorted(absences, key=lambda a: (a.day, a.sitting_id))
    found = []
    for rule in rules:
        matched = [a for a in absences if rule.applies_to(a.organ_id, a.organ_kind) and a.day.year <= year]
        if rule.period == YEAR:
            groups = [(year, [a for a in matched if a.day.year == year])]
        else:
            groups = [(term, [a for a in matched if a.term == term]) for term in sorted(set(terms))]
        for value, group in groups:
            if rule.count >= 1 and len(group) >= rule.count:
                found.append(Crossing(rule, value, tuple(group)))
    return found
