"""The year's consultation results (年度协商成果汇编) as a Word document: plain content in, .docx bytes out, laid out
by the one layout module (consult.documents.layout). No Flask, no database: consult.followup.compiling gathers the
content from the domains.

Order: the title and a note of what the compilation holds; 一、全年概况 — meetings and activities per organ (the
sentence of the annual work report first), sittings per form of work, the plan carried out against planned, the
decisions and how they were handled; 二、协商成果 — every sitting held in the year in date order, with its numbered
name (or its title), day, topics, the summary of its approved minutes, its decisions and their answers; then the
issuing office and the date. A year without sittings gives a short document saying so.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from consult.documents.layout import OfficialDocument, chinese_date, clean_text
from consult.followup.states import (
    ADOPTED,
    CLOSED,
    NOT_ADOPTED,
    NOT_ASSIGNED,
    OUTCOME_NAMES_ZH,
    OVERDUE,
    PARTLY_ADOPTED,
    DecisionCounts,
)
from consult.meetings.numbering import chinese_numeral
from consult.minutes.document import one_line, paragraphs

APPROVED, APPROVED_WITHOUT_TEXT, NO_MINUTES = "approved", "approved_without_text", "none"
TABLE_WIDTH_MM = 156


@dataclass(frozen=True)
class DecisionEntry:
    """One decision of a sitting and where its follow-up stands (states.decision_state on the compilation's day)."""

    text: str
    state: str = NOT_ASSIGNED
    department: str = ""
    due_on: date | None = None
    answer: str = ""
    answered_on: date | None = None
    outcome: str = ""


@dataclass(frozen=True)
class SittingEntry:
    """One sitting held in the year, as the compilation prints it."""

    name: str  # 区政协八届十二次常委会议, or the title of a sitting without a number
    day: date
    title: str = ""  # the sitting's own title when `name` is its number ("" otherwise)
    organ: str = ""
    form: str = ""  # 专题协商 … ("" for a sitting of no form of work)
    topics: tuple[str, ...] = ()
    minutes: str = NO_MINUTES  # APPROVED, APPROVED_WITHOUT_TEXT (approved before texts were kept) or NO_MINUTES
    version: int = 0
    opening: str = ""
    summaries: tuple[tuple[str, str], ...] = ()  # (topic title, summary) of the approved version
    decisions: tuple[DecisionEntry, ...] = ()


@dataclass(frozen=True)
class CountLine:
    """One row of a table of counts: its label and its figures."""

    label: str
    values: tuple[int, ...]


@dataclass(frozen=True)
class CompilationContent:
    """Everything the compilation prints."""

    committee: str  # 政协崇川区委员会
    year: int
    office: str  # the 落款: 政协崇川区委员会办公室
    as_of: date  # the day the answers are counted on
    created: datetime
    report_sentence: str = ""  # 全年召开常委会议4次、主席会议12次，开展视察3次……
    organs: tuple[CountLine, ...] = ()  # organ: meetings held, activities carried out
    forms: tuple[CountLine, ...] = ()  # form of work: sittings held
    plan: tuple[CountLine, ...] = ()  # function: planned, carried out, scheduled, overdue
    plan_items: int = 0
    plan_carried_out: int = 0
    sittings: tuple[SittingEntry, ...] = field(default_factory=tuple)


def compilation_title(committee: str, year: int) -> str:
    """Return the document's title: 政协崇川区委员会2030年度协商成果汇编."""
    return f"{one_line(committee)}{year}年度协商成果汇编"


def decision_totals(sittings) -> DecisionCounts:
    """Return the counts of the decisions of every sitting by state and outcome."""
    totals = DecisionCounts()
    for sitting in sittings:
        for decision in sitting.decisions:
            totals.add(decision.state, decision.outcome)
    return totals


def handling_sentence(totals: DecisionCounts, minutes: int) -> str:
    """Return the sentence on the year's decisions: 全年审定会议纪要5份，形成议定事项12项：已办结8项（采纳5项、
    部分采纳2项、未采纳1项），办理中3项，逾期未办结1项。"""
    if not totals.total:
        return f"全年审定会议纪要{minutes}份，未形成需跟踪办理的议定事项。" if minutes else "全年尚无审定的会议纪要。"
    text = f"全年审定会议纪要{minutes}份，形成议定事项{totals.total}项：已办结{totals.closed}项"
    outcomes = "、".join(f"{OUTCOME_NAMES_ZH[o]}{totals.outcomes[o]}项" for o in (ADOPTED, PARTLY_ADOPTED, NOT_ADOPTED)
                        if totals.outcomes[o])
    if outcomes:
        text += f"（{outcomes}）"
    in_progress = totals.open - totals.not_assigned
    parts = [f"办理中{in_progress}项" if in_progress else "", f"逾期未办结{totals.overdue}项" if totals.overdue else "",
             f"尚未交办{totals.not_assigned}项" if totals.not_assigned else ""]
    rest = "，".join(part for part in parts if part)
    return f"{text}，{rest}。" if rest else f"{text}。"


def follow_up_text(decision: DecisionEntry) -> str:
    """Return how a decision was handled, as the compilation prints it under the decision: 承办单位：区科技局；
    办理期限：2030年5月31日；办理结果：采纳（2030年5月20日答复）。"""
    if not decision.department:
        return "办理情况：尚未交办。"
    text = f"承办单位：{one_line(decision.department)}"
    if decision.due_on is not None:
        text += f"；办理期限：{chinese_date(decision.due_on)}"
    if decision.state == CLOSED:
        when = f"（{chinese_date(decision.answered_on)}答复）" if decision.answered_on else ""
        return f"{text}；办理结果：{OUTCOME_NAMES_ZH.get(decision.outcome, '')}{when}。"
    if decision.state == OVERDUE:
        return f"{text}；办理情况：逾期未办结。"
    return f"{text}；办理情况：办理中。"


def compilation_docx(content: CompilationContent) -> bytes:
    """Return the .docx bytes of the compilation (see the module's docstring for what it holds)."""
    title = compilation_title(content.committee, content.year)
    document = OfficialDocument(title=title, created=content.created)
    document.title(title)
    held = len(content.sittings)
    approved = sum(1 for s in content.sittings if s.minutes != NO_MINUTES)
    totals = decision_totals(content.sittings)
    if held:
        document.paragraph(
            f"本汇编收录{content.year}年召开的会议和开展的活动共{held}次，按时间顺序列出各次的议题、经审定的会议纪要摘要、"
            f"议定事项及其办理情况。办理情况截至{chinese_date(content.as_of)}。")
    else:
        document.paragraph(f"{content.year}年未召开会议、未开展活动，暂无协商成果可以汇编。")
    document.heading("一、全年概况", level=1)
    _overview(document, content, totals, approved)
    if held:
        document.heading("二、协商成果", level=1)
        for number, sitting in enumerate(content.sittings, start=1):
            _sitting(document, number, sitting)
    document.signature(one_line(content.office), chinese_date(content.as_of))
    return document.to_bytes()


def _overview(document: OfficialDocument, content: CompilationContent, totals: DecisionCounts, minutes: int) -> None:
    part = 0

    def heading(text: str) -> None:
        nonlocal part
        part += 1
        document.heading(f"（{chinese_numeral(part)}）{text}", level=2)

    heading("会议和活动")
    if content.report_sentence:
        document.paragraph(content.report_sentence)
    if content.organs:
        document.table(["组织", "召开会议（次）", "开展活动（次）"], _rows(content.organs), [76, 40, 40])
    if content.forms:
        heading("协商和监督、调研形式")
        document.table(["形式", "次数"], _rows(content.forms), [116, 40])
    heading("年度协商计划完成情况")
    if content.plan_items:
        share = content.plan_carried_out * 100 // content.plan_items
        document.paragraph(f"年度协商计划共列{content.plan_items}项，已完成{content.plan_carried_out}项，完成率{share}%。")
        if content.plan:
            document.table(["类别", "计划项数", "已完成", "已安排", "逾期"], _rows(content.plan), [48, 27, 27, 27, 27])
    else:
        document.paragraph(f"{content.year}年度协商计划未列项目。")
    heading("议定事项办理情况")
    document.paragraph(handling_sentence(totals, minutes))


def _rows(lines) -> list[list[str]]:
    return [[one_line(line.label), *(str(value) for value in line.values)] for line in lines]


def _sitting(document: OfficialDocument, number: int, sitting: SittingEntry) -> None:
    document.heading(f"（{chinese_numeral(number)}）{one_line(sitting.name)}", level=2)
    if sitting.title:
        document.labelled("主题", one_line(sitting.title))
    document.labelled("时间", chinese_date(sitting.day))
    if sitting.form:
        document.labelled("形式", one_line(sitting.form))
    topics = [one_line(topic) for topic in sitting.topics if one_line(topic)]
    if topics:
        document.labelled("议题", topics[0] if len(topics) == 1 else "；".join(
            f"{n}．{topic}" for n, topic in enumerate(topics, start=1)))
    if sitting.minutes == NO_MINUTES:
        document.paragraph("会议纪要尚未审定。")
        return
    if sitting.minutes == APPROVED_WITHOUT_TEXT:
        document.paragraph(f"会议纪要已审定（第{sitting.version}版），摘要见纪要原件。")
    for text in paragraphs(sitting.opening):
        document.paragraph(text)
    for topic, summary in sitting.summaries:
        lines = paragraphs(summary)
        if lines:
            document.paragraph(f"关于“{one_line(topic)}”：{lines[0]}")
            for text in lines[1:]:
                document.paragraph(text)
    if not sitting.decisions:
        if sitting.minutes == APPROVED:
            document.paragraph("会议纪要未列议定事项。")
        return
    document.paragraph("议定事项及办理情况：")
    for position, decision in enumerate(sitting.decisions, start=1):
        document.paragraph(f"{position}．{clean_text(one_line(decision.text))}")
        document.paragraph(follow_up_text(decision))
        lines = paragraphs(decision.answer) if decision.department else []
        if lines:
            document.paragraph(f"{'答复要点' if decision.state == CLOSED else '阶段性答复'}：{lines[0]}")
            for text in lines[1:]:
                document.paragraph(text)
