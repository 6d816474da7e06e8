"""Reading plan items from the rows of a CSV table, and the names people write for organs and forms.

Pure: no Flask, no database. The view decodes the file and reads the table with consult.csv_files,
passes the organs and members it knows as plain values, and gets back either items or every bad
row with its line and reason.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from consult.csv_files import N_, normalize_heading

# Column -> other headings it may have in a file.
PLAN_COLUMNS: dict[str, tuple[str, ...]] = {
    "topic": ("议题", "协商议题", "主题", "title"),
    "form": ("协商形式", "形式", "consultation_form", "consultation form"),
    "organ": ("机构", "协商机构", "会议", "组织"),
    "sitting_kind": ("活动类型", "类型", "kind", "sitting kind"),
    "month": ("月份", "计划月份", "planned_month", "planned month"),
    "quarter": ("季度", "计划季度", "planned_quarter", "planned quarter"),
    "lead": ("牵头领导", "牵头", "lead_member", "lead member", "leader"),
    "responsible_department": ("责任部门", "承办部门", "承办单位", "responsible", "department"),
    "participating_departments": ("参与部门", "参加部门", "参与单位", "participating", "departments"),
    "notes": ("备注", "说明", "note"),
}
REQUIRED_COLUMNS = {"topic", "form", "organ"}

TOPIC_MAX = 300
DEPARTMENT_MAX = 200

# Consultation forms by their Chinese names (GLOSSARY.md) as well as their identifiers.
FORM_ALIASES: dict[str, tuple[str, ...]] = {
    "general": ("总体协商", "全体会议总体协商", "全会总体协商", "general consultation"),
    "thematic": ("专题协商", "常委会专题协商", "专题协商会", "thematic consultation"),
    "focused": ("重点协商", "主席会议重点协商", "focused consultation"),
    "counterpart": ("对口协商", "专委会对口协商", "对口协商会", "counterpart consultation"),
    "sector": ("界别协商", "sector consultation"),
    "proposal_handling": ("提案办理协商", "提案协商", "proposal-handling consultation", "proposal handling"),
}
SITTING_KIND_ALIASES: dict[str, tuple[str, ...]] = {
    "meeting": ("会议", "协商会", "协商会议"),
    "inspection": ("视察",),
    "research_visit": ("调研", "专题调研", "research visit"),
    "symposium": ("座谈会", "座谈"),
    "appraisal": ("民主评议", "评议"),
}
# Organ kinds by the short names offices write (常委会 for the standing committee).
ORGAN_KIND_ALIASES: dict[str, tuple[str, ...]] = {
    "plenary": ("全会", "全体会议", "全体委员会议", "政协全会"),
    "standing_committee": ("常委会", "常务委员会", "常委会议"),
    "chair_meeting": ("主席会议", "主席会"),
}

_CHINESE_NUMBERS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10,
                    "十一": 11, "十二": 12}


def _key(text: str) -> str:
    return normalize_heading(text or "")


def choice_lookup(aliases: Mapping[str, tuple[str, ...]], labels: Mapping[str, object] = ()) -> dict[str, str]:
    """Return a map from every way of writing a choice (identifier, alias, label) to its identifier.

    Keys are compared case-insensitively, without spaces, `_` or `-`.
    """
    lookup: dict[str, str] = {}
    for value, names in aliases.items():
        for name in (value, *names):
            lookup[_key(name)] = value
    for value, label in dict(labels).items():
        lookup.setdefault(_key(str(label)), value)
    return lookup


@dataclass(frozen=True)
class OrganRef:
    """An organ as the import knows it."""

    id: int
    name: str
    slug: str
    kind: str
    number_label: str = ""


@dataclass(frozen=True)
class MemberRef:
    """A member as the import knows it: by name, or by member number when names repeat."""

    id: int
    name: str
    member_number: str | None = None


def organ_lookup(organs: Iterable[OrganRef]) -> dict[str, int | None]:
    """Return a map from names an organ may be written as to its id (None when the name is ambiguous).

    An organ is known by its name, slug and number label; the only organ of a kind also by the
    kind's identifier and short names (常委会, 主席会议).
    """
    lookup: dict[str, int | None] = {}
    by_kind: dict[str, list[OrganRef]] = {}
    for organ in organs:
        by_kind.setdefault(organ.kind, []).append(organ)
        for name in (organ.name, organ.slug, organ.number_label):
            if name:
                key = _key(name)
                lookup[key] = organ.id if lookup.get(key, organ.id) == organ.id else None
    for kind, members in by_kind.items():
        if len(members) != 1:
            continue
        for name in (kind, *ORGAN_KIND_ALIASES.get(kind, ())):
            lookup.setdefault(_key(name), members[0].id)
    return lookup


def member_lookup(members: Iterable[MemberRef]) -> dict[str, int | None]:
    """Return a map from member number and name to member id (None for a name two members share)."""
    members = list(members)
    lookup: dict[str, int | None] = {}
    for person in members:
        if person.member_number:
            lookup[_key(person.member_number)] = person.id
    for person in members:
        key = _key(person.name)
        if key in lookup and lookup[key] != person.id:
            lookup[key] = None
        else:
            lookup[key] = person.id
    return lookup


def parse_month(text: str) -> int | None:
    """Return the month written as 3, 03, 3月, 三月 or 2025-03; None for empty; raise ValueError otherwise
    (also for a number outside 1–12)."""
    value = (text or "").strip()
    if not value:
        return None
    match = re.fullmatch(r"(?:\d{4}\s*[-./年]\s*)?(\d{1,2})\s*月?(?:份)?", value)
    month = int(match.group(1)) if match else _CHINESE_NUMBERS.get(value.removesuffix("份").removesuffix("月"), 0)
    if not 1 <= month <= 12:
        raise ValueError(value)
    return month


def parse_quarter(text: str) -> int | None:
    """Return the quarter written as 2, Q2, 二季度 or 第二季度; None for empty; raise ValueError otherwise
    (also for a number outside 1–4)."""
    value = (text or "").strip().upper()
    if not value:
        return None
    match = re.fullmatch(r"(?:Q|第)?\s*(\d|[一二三四])\s*(?:季度|季)?", value)
    if not match:
        raise ValueError(value)
    raw = match.group(1)
    quarter = int(raw) if raw.isdigit() else _CHINESE_NUMBERS[raw]
    if not 1 <= quarter <= 4:
        raise ValueError(value)
    return quarter


@dataclass
class ImportedItem:
    """One row read into a plan item's values."""

    line: int
    topic: str
    consultation_form: str
    organ_id: int
    sitting_kind: str = "meeting"
    planned_month: int | None = None
    planned_quarter: int | None = None
    lead_member_id: int | None = None
    responsible_department: str = ""
    participating_departments: str = ""
    notes: str = ""


@dataclass(frozen=True)
class RowProblem:
    """What is wrong with one row: `msgid` (English, with %(name)s placeholders) and its params."""

    line: int
    msgid: str
    params: dict = field(default_factory=dict)

    def message(self, gettext=None) -> str:
        """Return the problem as text, translated with `gettext(msgid, **params)` when given."""
        return gettext(self.msgid, **self.params) if gettext else self.msgid % self.params


def read_plan_rows(
    rows: Iterable[tuple[int, dict[str, str]]],
    organs: Mapping[str, int | None],
    members: Mapping[str, int | None],
    forms: Mapping[str, str],
    kinds: Mapping[str, str],
) -> tuple[list[ImportedItem], list[RowProblem]]:
    """Return the items read from `rows` and the problems of the bad rows, in file order.

    `organs` and `members` come from organ_lookup and member_lookup, `forms` and `kinds` from
    choice_lookup. Every problem of every row is listed: unknown or ambiguous organ, unknown form or
    sitting kind, month outside 1–12, quarter outside 1–4, empty or too long topic, unknown or
    ambiguous lead member. Raises nothing.
    """
    items: list[ImportedItem] = []
    problems: list[RowProblem] = []
    for line, row in rows:
        found: list[RowProblem] = []

        def problem(msgid: str, **params) -> None:
            found.append(RowProblem(line, msgid, params))  # noqa: B023 - used inside the loop only

        topic = " ".join(row.get("topic", "").split())
        if not topic:
            problem(N_("the topic is empty"))
        elif len(topic) > TOPIC_MAX:
            problem(N_("the topic is longer than %(max)d characters"), max=TOPIC_MAX)

        organ_text = row.get("organ", "")
        organ_id = organs.get(_key(organ_text)) if organ_text else None
        if not organ_text:
            problem(N_("the organ is empty"))
        elif _key(organ_text) not in organs:
            problem(N_("unknown organ “%(value)s”"), value=organ_text)
        elif organ_id is None:
            problem(N_("several organs are called “%(value)s”; write the organ's full name"), value=organ_text)

        form_text = row.get("form", "")
        form = forms.get(_key(form_text))
        if form is None or form == "none":
            problem(N_("unknown consultation form “%(value)s”"), value=form_text)

        kind_text = row.get("sitting_kind", "")
        kind = kinds.get(_key(kind_text)) if kind_text else "meeting"
        if kind is None:
            problem(N_("unknown sitting kind “%(value)s”"), value=kind_text)

        month = quarter = None
        try:
            month = parse_month(row.get("month", ""))
        except ValueError:
            problem(N_("the month “%(value)s” is not between 1 and 12"), value=row.get("month", ""))
        try:
            quarter = parse_quarter(row.get("quarter", ""))
        except ValueError:
            problem(N_("the quarter “%(value)s” is not between 1 and 4"), value=row.get("quarter", ""))
        if month is not None and quarter is not None and (month - 1) // 3 + 1 != quarter:
            problem(N_("month %(month)d is not in quarter %(quarter)d"), month=month, quarter=quarter)

        lead_text = row.get("lead", "")
        lead_id = None
        if lead_text:
            key = _key(lead_text)
            if key not in members:
                problem(N_("unknown lead member “%(value)s”"), value=lead_text)
            elif members[key] is None:
                problem(N_("several members are called “%(value)s”; write the member number"), value=lead_text)
            else:
                lead_id = members[key]

        responsible = row.get("responsible_department", "")
        if len(responsible) > DEPARTMENT_MAX:
            problem(N_("the responsible department is longer than %(max)d characters"), max=DEPARTMENT_MAX)

        if found:
            problems.extend(found)
            continue
        items.append(
            ImportedItem(
                line=line,
                topic=topic,
                consultation_form=form,
                organ_id=organ_id,
                sitting_kind=kind,
                planned_month=month,
                planned_quarter=None if month is not None else quarter,
                lead_member_id=lead_id,
                responsible_department=responsible,
                participating_departments=row.get("participating_departments", ""),
                notes=row.get("notes", ""),
            )
        )
    return items, problems
