"""Kinds of sitting and forms of work: the one home of both lists and of what follows from them.

A 政协 keeps three functions apart (政治协商, 民主监督, 参政议政): a plan item or a sitting has a
*form* that belongs to exactly one function. Sittings are of a *kind*; some kinds are meetings that
are 召开 (counted as "全年召开常委会议×次"), the others are activities that are 开展 (视察, 调研, 走访 …),
led by a 带队 leader and with their own assembly time and place.

Pure: no flask, no database (labels are lazy strings, translated when shown).
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

# --- kinds of sitting -------------------------------------------------------------------------------

SITTING_KINDS = {
    "meeting": _l("Meeting"),
    "symposium": _l("Symposium"),
    "study_lecture": _l("Study lecture"),
    "inspection": _l("Inspection"),
    "research_visit": _l("Research visit"),
    "appraisal": _l("Appraisal"),
    "visit": _l("Visit to the public"),
    "charity": _l("Public-welfare activity"),
    "other": _l("Other activity"),
}

# Kinds that are meetings held (召开/举办) in a room, with a presiding person (主持).
MEETING_KINDS = frozenset({"meeting", "symposium", "study_lecture"})
# Kinds that are activities (开展): a 带队 leader, and an assembly time and place of their own.
ACTIVITY_KINDS = frozenset(SITTING_KINDS) - MEETING_KINDS

# The activities an annual work report counts one by one (开展视察×次、调研×次、民主评议×次).
REPORTED_ACTIVITIES = ("inspection", "research_visit", "appraisal")

# --- functions and forms ----------------------------------------------------------------------------

CONSULTATION = "consultation"  # 政治协商
SUPERVISION = "supervision"  # 民主监督
RESEARCH = "research"  # 参政议政（调研）

FUNCTIONS = {
    CONSULTATION: _l("Political consultation"),
    SUPERVISION: _l("Democratic supervision"),
    RESEARCH: _l("Research"),
}

# Form → function. Order is the order of lists and of the plan's tallies.
FORM_FUNCTIONS = {
    "general": CONSULTATION,  # 全会协商 (全体会议总体协商)
    "thematic": CONSULTATION,  # 专题协商 (常委会, 主席会议)
    "counterpart": CONSULTATION,  # 对口协商 (专委会 with its government department)
    "sector": CONSULTATION,  # 界别协商
    "proposal_handling": CONSULTATION,  # 提案办理协商
    "symposium": CONSULTATION,  # 协商座谈会 (双月, 季度)
    "online": CONSULTATION,  # 网络议政 / 远程协商
    "other_consultation": CONSULTATION,
    "inspection": SUPERVISION,  # 视察
    "appraisal": SUPERVISION,  # 民主评议
    "follow_up": SUPERVISION,  # 跟踪督查
    "research": RESEARCH,  # 调研
}

FORMS = {
    "general": _l("General consultation"),
    "thematic": _l("Thematic consultation"),
    "counterpart": _l("Counterpart consultation"),
    "sector": _l("Sector consultation"),
    "proposal_handling": _l("Proposal-handling consultation"),
    "symposium": _l("Consultation symposium"),
    "online": _l("Online or remote consultation"),
    "other_consultation": _l("Other consultation"),
    "inspection": _l("Supervisory inspection"),
    "appraisal": _l("Democratic appraisal"),
    "follow_up": _l("Follow-up supervision"),
    "research": _l("Research study"),
}

# What a sitting's form may be: every form, or none (a sitting that is neither, e.g. a study lecture).
CONSULTATION_FORMS = {**FORMS, "none": _l("None of these")}

# Chinese names for generated text (calendar categories, documents).
FUNCTION_NAMES_ZH = {CONSULTATION: "政治协商", SUPERVISION: "民主监督", RESEARCH: "参政议政（调研）"}
FORM_NAMES_ZH = {
    "general": "全会协商", "thematic": "专题协商", "counterpart": "对口协商", "sector": "界别协商",
    "proposal_handling": "提案办理协商", "symposium": "协商座谈会", "online": "网络议政",
    "other_consultation": "其他协商",
    "inspection": "视察", "appraisal": "民主评议", "follow_up": "跟踪督查", "research": "调研",
}
KIND_NAMES_ZH = {
    "meeting": "会议", "symposium": "座谈会", "study_lecture": "学习报告会", "inspection": "视察",
    "research_visit": "调研", "appraisal": "民主评议", "visit": "走访", "charity": "公益活动", "other": "其他活动",
}


def function_of(form: str) -> str | None:
    """Return the function (CONSULTATION, SUPERVISION, RESEARCH) of a form, or None for "none" or an unknown form."""
    return FORM_FUNCTIONS.get(form)


def is_consultation(form: str) -> bool:
    """Return True when `form` is a form of political consultation (counted in the consultation statistics)."""
    return FORM_FUNCTIONS.get(form) == CONSULTATION


def forms_of(function: str) -> list[str]:
    """Return the forms of one function, in list order."""
    return [form for form, owner in FORM_FUNCTIONS.items() if owner == function]


def is_activity(kind: str) -> bool:
    """Return True for a kind of sitting that is an activity (视察, 调研, 走访 …), False for a meeting."""
    return kind in ACTIVITY_KINDS


def leader_label(kind: str):
    """Return the label of the person in charge: 带队 for an activity, 主持 for a meeting (a lazy string)."""
    return _l("Led by") if is_activity(kind) else _l("Presiding")
