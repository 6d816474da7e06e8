"""The duty report as a Word document (履职情况通报), laid out by the one layout module (consult.documents.layout):
plain content in, .docx bytes out. `report_content` shapes a YearReport into that content.

Order: title, salutation, opening; 一、总体情况 (sittings held per organ, attendance in 人次 with the rate and how it
is counted, opinions and how many went into approved minutes); 二、各机构会议出席情况 (a table); 三、委员履职情况 (a
table of every member, by sector); 四、缺席规则 (the rules and the members who reached one, with the sittings that
count); the office and the date.

Pure: no Flask, no database.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from consult.documents.layout import OfficialDocument, chinese_date, clean_text
from consult.records.counting import Tally, rate_text
from consult.records.report import YearReport
from consult.records.rules import rule_words_zh

RATE_RULE = "出席率＝出席人次÷（出席＋请假＋缺席）人次，出席情况未登记的不计入"
ORGAN_COLUMNS = ("机构", "会议次数", "应出席人次", "出席", "请假", "缺席", "出席率")
ORGAN_WIDTHS_MM = (50, 16, 20, 16, 16, 16, 22)
MEMBER_COLUMNS = ("姓名", "界别", "应出席", "出席", "请假", "缺席", "出席率", "意见建议", "纪要采纳")
MEMBER_WIDTHS_MM = (24, 22, 19, 14, 14, 14, 19, 15, 15)
NUMERALS = "一二三四五六七八九十"


@dataclass(frozen=True)
class OrganLine:
    """One organ's line: its name, the sittings it held and its members' attendance together."""

    name: str
    held: int
    tally: Tally


@dataclass(frozen=True)
class MemberLine:
    """One member's line."""

    name: str
    sector: str
    tally: Tally


@dataclass(frozen=True)
class FlagLine:
    """A member who reached an absence rule, the rule in words and the sittings that count (date and name)."""

    name: str
    sector: str
    rule: str
    sittings: tuple[str, ...]


@dataclass(frozen=True)
class DutyReportContent:
    """Everything the 履职情况通报 prints."""

    year: int
    short_name: str  # 区政协
    office: str  # the 落款: 政协崇川区委员会办公室
    issued_on: date
    created: datetime
    held: int = 0
    organs: tuple[OrganLine, ...] = ()
    members: tuple[MemberLine, ...] = ()
    rules: tuple[str, ...] = ()
    flagged: tuple[FlagLine, ...] = ()
    total: Tally = Tally()
    scope: str = ""  # the organs a limited report covers, "" for all

    @property
    def title(self) -> str:
        """Return the title: 关于2026年度区政协委员履职情况的通报."""
        return f"关于{self.year}年度{self.short_name}委员履职情况的通报"


def report_content(report: YearReport, *, short_name: str, office: str, issued_on: date, created: datetime,
                   limited: bool = False) -> DutyReportContent:
    """Return the document's content for `report`: the organs that held sittings in their order, every member by
    sector (then in member order), the rules in force and the members who reached one."""
    names = {organ.id: organ.name for organ in report.organs}
    organs = tuple(
        OrganLine(organ.name, report.held_by_organ.get(organ.id, 0), report.by_organ.get(organ.id, Tally()))
        for organ in report.organs if report.held_by_organ.get(organ.id)
    )
    rows = sorted(report.rows, key=lambda row: (row.member.sector_rank, row.member.order_key))
    flagged = []
    for row in report.flagged:
        for crossing in row.crossings:
            rule = rule_words_zh(crossing.rule, names.get(crossing.rule.organ_id, ""))
            flagged.append(FlagLine(
                row.member.name, row.member.sector_name, rule,
                tuple(f"{chinese_date(a.day)}{a.label or a.name}" for a in crossing.absences),
            ))
    return DutyReportContent(
        year=report.year, short_name=short_name, office=office, issued_on=issued_on, created=created,
        held=len(report.sittings), organs=organs,
        members=tuple(MemberLine(row.member.name, row.member.sector_name, row.record.total) for row in rows),
        rules=tuple(rule_words_zh(rule, names.get(rule.organ_id, "")) for rule in report.rules),
        flagged=tuple(flagged), total=report.total,
        scope="、".join(organ.name for organ in report.organs) if limited else "",
    )


def _one_line(text: str) -> str:
    return "".join(part.strip() for part in clean_text(text).replace("\t", " ").splitlines())


def _counts(tally: Tally) -> list[str]:
    return [str(tally.sittings), str(tally.present), str(tally.on_leave), str(tally.absent), rate_text(tally.rate)]


def duty_report_docx(content: DutyReportContent) -> bytes:
    """Return the .docx bytes of the 履职情况通报: the same bytes for the same content."""
    document = OfficialDocument(title=content.title, created=content.created)
    document.title(content.title)
    document.paragraph("各位委员：", indent=False)
    scope = f"（本通报限于{_one_line(content.scope)}）" if content.scope else ""
    document.paragraph(f"为加强委员履职管理，现将{content.year}年度委员参加会议、活动和提出意见建议情况通报如下。{scope}")
    part = 0

    def heading(text: str) -> None:
        nonlocal part
        document.heading(f"{NUMERALS[part]}、{text}")
        part += 1

    heading("总体情况")
    total = content.total
    if not content.held:
        document.paragraph(f"{content.year}年没有已举行的会议、活动，本年度无出席情况可以统计。")
    else:
        per_organ = "、".join(f"{_one_line(line.name)}{line.held}次" for line in content.organs)
        document.paragraph(f"{content.year}年共召开会议、开展活动{content.held}次，其中{per_organ}。")
        sentence = (f"委员应出席{total.sittings}人次，出席{total.present}人次，请假{total.on_leave}人次，"
                    f"缺席{total.absent}人次，出席率{rate_text(total.rate)}（{RATE_RULE}）。")
        if total.not_recorded:
            sentence += f"另有{total.not_recorded}人次出席情况未登记。"
        document.paragraph(sentence)
    document.paragraph(f"委员共提出意见建议{total.opinions}条，其中{total.printed}条写入经审定的会议纪要。")
    if content.organs:
        heading("各机构会议出席情况")
        document.table(ORGAN_COLUMNS, [[_one_line(line.name), str(line.held), *_counts(line.tally)]
                                       for line in content.organs], ORGAN_WIDTHS_MM)
    if content.members:
        heading("委员履职情况")
        document.paragraph("按界别排列，同一界别内按姓氏笔画排列。")
        document.table(MEMBER_COLUMNS, _member_rows(content.members), MEMBER_WIDTHS_MM)
    heading("缺席规则执行情况")
    _rules(document, content)
    document.signature(content.office, chinese_date(content.issued_on))
    return document.to_bytes()


def _member_rows(members: Sequence[MemberLine]) -> list[list[str]]:
    return [[_one_line(m.name), _one_line(m.sector), *_counts(m.tally), str(m.tally.opinions), str(m.tally.printed)]
            for m in members]


def _rules(document: OfficialDocument, content: DutyReportContent) -> None:
    if not content.rules:
        document.paragraph("本会未设缺席规则。")
        return
    document.paragraph(f"本会缺席规则：{'；'.join(content.rules)}。")
    if not content.flagged:
        document.paragraph("本年度没有委员达到缺席规则。")
        return
    document.paragraph("以下委员已达到缺席规则：")
    for number, flag in enumerate(content.flagged, start=1):
        sector = f"（{_one_line(flag.sector)}）" if flag.sector else ""
        sittings = "、".join(_one_line(s) for s in flag.sittings)
        document.paragraph(f"{number}．{_one_line(flag.name)}{sector}{flag.rule}（{sittings}）。")
