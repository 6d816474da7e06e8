"""The sign-in sheet (签到表) as a Word document: plain data in, .docx bytes out (no Flask, no database).

The invitees come grouped by sector in the order the meeting page lists them (sector, then leaders in
protocol order and members in surname-stroke order); each row has a box to sign in.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from consult.documents.layout import OfficialDocument

# 姓名, 界别, 签名: 156 mm, the width of the type area; rows 12 mm high leave room for a signature.
COLUMNS = ("姓名", "界别", "签名")
WIDTHS_MM = (40, 50, 66)
ROW_HEIGHT_MM = 12
BLANK_ROWS = 10  # a sheet for a sitting without invitees yet: lines to write names in


@dataclass(frozen=True)
class SignInPerson:
    """One invitee on the sheet."""

    name: str
    sector: str


@dataclass(frozen=True)
class SignInContent:
    """What a 签到表 holds, as plain values gathered from the domains."""

    name: str  # the sitting's numbered name or title: 区政协八届十二次常委会议
    when: str  # 2026年11月26日（星期四）09:00—11:30
    location: str
    created: datetime
    members: Sequence[SignInPerson] = ()  # the organ's invitees, by sector
    observer_members: Sequence[SignInPerson] = ()  # 列席委员: invited from outside the organ
    expected: int = 0  # 应到: the organ's composition on the day
    status: str = "published"


def signin_title(content: SignInContent) -> str:
    """Return the sheet's title: 区政协八届十二次常委会议签到表."""
    return f"{content.name}签到表"


def signin_docx(content: SignInContent) -> bytes:
    """Return the .docx bytes of the sign-in sheet (marked 草稿 for a draft sitting, and saying so for a
    cancelled or postponed one)."""
    title = signin_title(content)
    document = OfficialDocument(draft=content.status == "draft", title=title, created=content.created)
    document.title(title)
    if content.status == "cancelled":
        document.paragraph("（本次会议已取消）", indent=False, align="center")
    elif content.status == "postponed":
        document.paragraph("（本次会议已延期，时间另行通知）", indent=False, align="center")
    document.labelled("时间", content.when)
    if content.location:
        document.labelled("地点", content.location)
    counts = f"应到：{content.expected}人　　实到：　　　人"
    if content.observer_members:
        counts += f"　　列席委员：{len(content.observer_members)}人"
    document.paragraph(counts, indent=False)
    rows = [(person.name, person.sector, "") for person in content.members]
    if not rows and not content.observer_members:
        rows = [("", "", "")] * BLANK_ROWS
    if rows:
        document.table(COLUMNS, rows, WIDTHS_MM, row_height_mm=ROW_HEIGHT_MM)
    if content.observer_members:
        document.heading("列席委员")
        document.table(
            COLUMNS, [(p.name, p.sector, "") for p in content.observer_members], WIDTHS_MM, row_height_mm=ROW_HEIGHT_MM
        )
    return document.to_bytes()
