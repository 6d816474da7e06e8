"""The duty report as CSV rows for the office (Chinese headers): what the download and the command write.

Pure: no Flask, no database. consult.csv_files makes the cells safe and the text UTF-8 with a BOM.
"""

from __future__ import annotations

from collections.abc import Iterable

from consult.documents.layout import chinese_date
from consult.records.counting import rate_text
from consult.records.report import MemberRow, YearReport
from consult.records.rules import rule_words_zh

HEADER = ("姓名", "界别", "常委", "应出席次数", "出席", "请假", "缺席", "未登记", "出席率", "意见建议", "被纪要采纳",
          "达到的缺席规则", "计入规则的缺席")


def csv_rows(report: YearReport, rows: Iterable[MemberRow], organ_id: int | None = None) -> list[list[object]]:
    """Return the header and one row per member of `rows`: the counts (of `organ_id` when given), the rate as
    printed, the rules reached and the sittings that count (date and name)."""
    names = {organ.id: organ.name for organ in report.organs}
    table: list[list[object]] = [list(HEADER)]
    for row in rows:
        tally = row.record.tally(organ_id)
        rules = "；".join(rule_words_zh(c.rule, names.get(c.rule.organ_id, "")) for c in row.crossings)
        sittings = "；".join(f"{chinese_date(a.day)}{a.label or a.name}" for c in row.crossings for a in c.absences)
        table.append([
            row.member.name, row.member.sector_name, "是" if row.standing else "", tally.sittings, tally.present,
            tally.on_leave, tally.absent, tally.not_recorded, rate_text(tally.rate), tally.opinions, tally.printed,
            rules, sittings,
        ])
    return table


def file_name(year: int, extension: str) -> str:
    """Return the download's ASCII file name: duty-report-2026.csv."""
    return f"duty-report-{year}.{extension}"
