"""Reading plan items from the rows of a CSV table, and the names people write for forms and kinds.

Pure: no Flask, no database. Built on the shared CSV toolkit (consult.csv_files): its Problem, key
normaliser and organ resolver, the same the member import uses, so the cell 常委 finds the standing
committee in both. The plans service passes the organs and members it knows as plain values, and gets
back either items or every bad row with its line and reason.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from consult.csv_files import N_, OrganChoice, Problem, match_organ, normalize_key

# Column -> other headings it may have in a file. 承办单位 is the 政协 body that organises the item (in a
# 协商计划), never the government unit (that is the 对口部门).
PLAN_COLUMNS: dict[str, tuple[str, ...]] = {
    "topic": ("议题", "协商议题", "主题", "title"),
    "form": ("协商形式", "形式", "工作形式", "consultation_form", "consultation form"),
    "organ": ("机构", "协商机构", "会议", "组织"),
    "organising_organ": ("承办", "承办单位", "承办专委会", "承办机构", "organising_organ", "organised by"),
    "sitting_kind": ("活动类型", "类型", "kind", "sitting kind"),
    "month": ("月份", "计划月份", "planned_month", "planned month"),
    "quarter": ("季度", "计划季度", "planned_quarter", "planned quarter"),
    "half": ("半年", "上下半年", "planned_half", "planned half"),
    "lead": ("牵头领导", "牵头", "lead_member", "lead member", "leader"),
    "counterpart_department": ("对口部门", "协商部门", "counterpart department", "counterpart"),
    "participating_departments": ("参与部门", "参加部门", "参与单位", "participating", "departments"),
    "expected_result": ("成果形式", "预期成果", "expected result"),
    "report_to": ("报送对象", "报送", "report to"),
    "notes": ("备注", "说明", "note"),
}
REQUIRED_COLUMNS = {"topic", "form", "organ", "organising_organ"}
# Columns the plan export adds (the item's state and its sittings, as the plan page shows them): the import
# accepts and ignores them, so that an exported file can be imported again.
EXPORT_ONLY_COLUMNS: dict[str, tuple[str, ...]] = {
    "state": ("进展", "状态", "state"),
    "sittings": ("会议活动", "已安排的会议活动", "sittings"),
}
READ_COLUMNS = {**PLAN_COLUMNS, **EXPORT_ONLY_COLUMNS}

TOPIC_MAX = 300
DEPARTMENT_MAX = 200

# Forms by their Chinese names (GLOSSARY.md) as well as their identifiers. 重点协商 (the chair meeting's
# "focused" consultation of old) is a 专题协商.
FORM_ALIASES: dict[str, tuple[str, ...]] = {
    "general": ("全会协商", "总体协商", "全体会议总体协商", "全会总体协商", "general consultation"),
    "thematic": ("专题协商", "常委会专题协商", "专题协商会", "重点协商", "主席会议重点协商", "focused",
                 "thematic consultation"),
    "counterpart": ("对口协商", "专委会对口协商", "对口协商会", "counterpart consultation"),
    "sector": ("界别协商", "sector consultation"),
    "proposal_handling": ("提案办理协商", "提案协商", "proposal-handling consultation", "proposal handling"),
    "symposium": ("协商座谈会", "双月协商座谈会", "consultation symposium"),
    "online": ("网络议政", "远程协商", "网络议政远程协商", "网络议政/远程协商", "online consultation"),
    "other_consultation": ("其他协商", "其他", "other consultation"),
    "inspection": ("视察", "集中视察", "专题视察", "民主监督视察"),
    "appraisal": ("民主评议", "评议"),
    "follow_up": ("跟踪督查", "督查", "民主监督督查", "follow-up"),
    "research": ("调研", "专题调研", "课题调研"),
}
SITTING_KIND_ALIASES: dict[str, tuple[str, ...]] = {
    "meeting": ("会议", "协商会", "协商会议"),
    "symposium": ("座谈会", "座谈"),
    "study_lecture": ("学习报告会", "报告会", "讲座", "学习讲座", "study lecture"),
    "inspection": ("视察",),
    "research_visit": ("调研", "专题调研", "research visit"),
    "appraisal": ("民主评议", "评议"),
    "visit": ("走访", "联系群众", "走访群众"),
    "charity": ("公益活动", "公益"),
    "other": ("其他", "其他活动"),
}
RESULT_ALIASES: dict[str, tuple[str, ...]] = {
    "opinions": ("协商意见", "意见建议", "opinions"),
    "recommendation": ("建议案", "recommendation"),
    "special_report": ("专报", "专题报告", "special report"),
    "research_report": ("调研报告", "research report"),
    "other": ("其他",),
}

_CHINESE_NUMBERS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10,
                    "十一": 11, "十二": 12}


def choice_lookup(aliases: Mapping[str, tuple[str, ...]], labels: Mapping[str, object] = ()) -> dict[str, str]:
    """Return a map from every way of writing a choice (identifier, alias, label) to its identifier.

    Keys are compared with the toolkit's normalize_key (case, spaces, `_` and `-` do not count).
    """
    lookup: dict[str, str] = {}
    for value, names in aliases.items():
        for name in (value, *names):
            lookup[normalize_key(name)] = value
    for value, label in dict(labels).items():
        lookup.setdefault(normalize_key(str(label)), value)
    return lookup


@dataclass(frozen=True)
class MemberRef:
    """A member as the import knows it: by name, or by member number when names repeat."""

    id: int
    name: str
    member_number: str | None = None


def member_lookup(members: Iterable[MemberRef]) -> dict[str, int | None]:
    """Return a map from member number and name to member id (None for a name two members share)."""
    members = list(members)
    lookup: dict[str, int | None] = {}
    for person in members:
        if person.member_number:
            lookup[normalize_key(person.member_number)] = person.id
    for person in members:
        key = normalize_key(person.name)
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


_HALVES = {"上半年": 1, "上": 1, "h1": 1, "1": 1, "下半年": 2, "下": 2, "h2": 2, "2": 2}


def parse_half(text: str) -> int | None:
    """Return the half of the year written as 上半年/下半年 (H1/H2, 1/2); None for empty; raise ValueError otherwise."""
    value = normalize_key(text)
    if not value:
        return None
    if value not in _HALVES:
        raise ValueError(text)
    return _HALVES[value]


@dataclass
class ImportedItem:
    """One row read into a plan item's values."""

    line: int
    topic: str
    consultation_form: str
    organ_id: int
    organising_organ_id: int
    sitting_kind: str = "meeting"
    planned_month: int | None = None
    planned_quarter: int | None = None
    planned_half: int | None = None
    lead_member_id: int | None = None
    counterpart_department: str = ""
    participating_departments: str = ""
    expected_result: str = ""
    report_to: str = ""
    notes: str = ""


def read_plan_rows(
    rows: Iterable[tuple[int, dict[str, str]]],
    organs: Iterable[OrganChoice],
    members: Mapping[str, int | None],
    forms: Mapping[str, str],
    kinds: Mapping[str, str],
    results: Mapping[str, str] | None = None,
) -> tuple[list[ImportedItem], list[Problem]]:
    """Return the items read from `rows` and the problems of the bad rows, in file order.

    `organs` are resolved with the toolkit's match_organ (names, short names such as 常委 or 全委会,
    a part of one name); `members` come from member_lookup, `forms`, `kinds` and `results` from
    choice_lookup. Every problem of every row is listed: empty, unknown or ambiguous organ or organising
    organ, unknown form, sitting kind or expected result, month outside 1–12, quarter outside 1–4, half
    not 上半年/下半年, timings that disagree, empty or too long topic or department, unknown or ambiguous
    lead member, a NUL character. Raises nothing.
    """
    organs = list(organs)
    results = results if results is not None else choice_lookup(RESULT_ALIASES)
    items: list[ImportedItem] = []
    problems: list[Problem] = []
    for line, row in rows:
        found: list[Problem] = []

        def problem(msgid: str, **params) -> None:
            found.append(Problem(line, msgid, params))  # noqa: B023 - used inside the loop only

        if any("\x00" in value for value in row.values()):
            problems.append(Problem(line, N_("the row holds a NUL character")))
            continue

        topic = " ".join(row.get("topic", "").split())
        if not topic:
            problem(N_("the topic is empty"))
        elif len(topic) > TOPIC_MAX:
            problem(N_("the topic is longer than %(max)d characters"), max=TOPIC_MAX)

        def organ_of(text: str, empty_msgid: str) -> int | None:
            if not text:
                problem(empty_msgid)
                return None
            organ, candidates = match_organ(text, organs)
            if organ is not None:
                return organ.id
            if candidates:
                problem(N_("the organ “%(value)s” could be %(candidates)s; write its full name"),
                        value=text, candidates="、".join(candidates))
            else:
                problem(N_("unknown organ “%(value)s”"), value=text)
            return None

        organ_id = organ_of(row.get("organ", ""), N_("the organ is empty"))
        organising_id = organ_of(
            row.get("organising_organ", ""),
            N_("the organising organ (承办) is empty: name the committee body that organises the item"),
        )

        form_text = row.get("form", "")
        form = forms.get(normalize_key(form_text))
        if form is None or form == "none":
            problem(N_("unknown consultation form “%(value)s”"), value=form_text)

        kind_text = row.get("sitting_kind", "")
        kind = kinds.get(normalize_key(kind_text)) if kind_text else "meeting"
        if kind is None:
            problem(N_("unknown sitting kind “%(value)s”"), value=kind_text)

        result_text = row.get("expected_result", "")
        result = results.get(normalize_key(result_text)) if result_text else ""
        if result is None:
            problem(N_("unknown expected result “%(value)s”"), value=result_text)

        month = quarter = half = None
        try:
            month = parse_month(row.get("month", ""))
        except ValueError:
            problem(N_("the month “%(value)s” is not between 1 and 12"), value=row.get("month", ""))
        try:
            quarter = parse_quarter(row.get("quarter", ""))
        except ValueError:
            problem(N_("the quarter “%(value)s” is not between 1 and 4"), value=row.get("quarter", ""))
        try:
            half = parse_half(row.get("half", ""))
        except ValueError:
            problem(N_("the half of the year “%(value)s” is neither 上半年 nor 下半年"), value=row.get("half", ""))
        if month is not None and quarter is not None and (month - 1) // 3 + 1 != quarter:
            problem(N_("month %(month)d is not in quarter %(quarter)d"), month=month, quarter=quarter)
        if half is not None and ((month is not None and (month - 1) // 6 + 1 != half)
                                 or (quarter is not None and (quarter - 1) // 2 + 1 != half)):
            problem(N_("the month or quarter is not in the half of the year given"))

        lead_text = row.get("lead", "")
        lead_id = None
        if lead_text:
            key = normalize_key(lead_text)
            if key not in members:
                problem(N_("unknown lead member “%(value)s”"), value=lead_text)
            elif members[key] is None:
                problem(N_("several members are called “%(value)s”; write the member number"), value=lead_text)
            else:
                lead_id = members[key]

        for column in ("counterpart_department", "report_to"):
            if len(row.get(column, "")) > DEPARTMENT_MAX:
                problem(N_("a department is longer than %(max)d characters"), max=DEPARTMENT_MAX)

        if found:
            problems.extend(found)
            continue
        items.append(
            ImportedItem(
                line=line,
                topic=topic,
                consultation_form=form,
                organ_id=organ_id,
                organising_organ_id=organising_id,
                sitting_kind=kind,
                planned_month=month,
                planned_quarter=None if month is not None else quarter,
                planned_half=None if month is not None or quarter is not None else half,
                lead_member_id=lead_id,
                counterpart_department=row.get("counterpart_department", ""),
                participating_departments=row.get("participating_departments", ""),
                expected_result=result,
                report_to=row.get("report_to", ""),
                notes=row.get("notes", ""),
            )
        )
    return items, problems
