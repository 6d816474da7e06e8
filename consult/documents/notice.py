"""The meeting notice (会议通知) as a Word document: plain data in, .docx bytes out (no Flask, no database).

A published sitting gets the full notice (time, place, agenda, who attends, how to ask for leave, contact,
the QR code of its page); a draft gets the same marked 草稿; a cancelled or postponed sitting gets a short
notice saying so, since that is the notice the office then sends.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from consult.documents.layout import OfficialDocument, chinese_date

QR_WIDTH_MM = 35
NUMERALS = "一二三四五六七八九十"


@dataclass(frozen=True)
class NoticeContent:
    """What a 会议通知 says, in Chinese, as plain values gathered from the domains."""

    name: str  # the sitting's formal or numbered name, or its title: 政协崇川区第八届委员会常务委员会第十二次会议
    when: str  # 2026年11月26日（星期四）09:00—11:30
    location: str
    office: str  # the 落款: 政协崇川区委员会办公室
    issued_on: date
    created: datetime
    status: str = "published"  # draft, published, postponed, held, cancelled
    activity: bool = False  # 视察, 调研 …: 集合 and 带队 instead of 主持
    assembly: str = ""  # 6月17日 08:30，区行政中心北门
    topics: Sequence[str] = ()
    presiding: str = ""
    attendance: str = ""  # 出席范围: 常务委员会组成人员25人
    guests: Sequence[str] = ()  # invited leaders (出席)
    observer_members: str = ""  # 列席委员3人
    observers: Sequence[str] = ()  # units and people (列席)
    leave: str = ""  # 因故不能参加者，请于11月24日前向联系人王芳请假。
    contact: str = ""  # 联系人：王芳，电话：0513-85012345
    page_url: str = ""
    qr_png: bytes = b""
    cancel_reason: str = ""
    postpone_reason: str = ""
    salutation: str = "各位委员："


def notice_title(content: NoticeContent) -> str:
    """Return the notice's title: 关于召开…的通知, 关于…的通知 for an activity, 关于取消…的通知 when cancelled,
    关于…延期举行的通知 when postponed."""
    if content.status == "cancelled":
        return f"关于取消{content.name}的通知"
    if content.status == "postponed":
        return f"关于{content.name}延期举行的通知"
    return f"关于{content.name}的通知" if content.activity else f"关于召开{content.name}的通知"


def notice_docx(content: NoticeContent) -> bytes:
    """Return the .docx bytes of the notice, laid out by OfficialDocument (a draft marked 草稿)."""
    title = notice_title(content)
    document = OfficialDocument(draft=content.status == "draft", title=title, created=content.created)
    document.title(title)
    document.paragraph(content.salutation, indent=False)
    if content.status in ("cancelled", "postponed"):
        _changed(document, content)
    else:
        _full(document, content)
    document.signature(content.office, chinese_date(content.issued_on))
    return document.to_bytes()


def _where(content: NoticeContent) -> str:
    return f"在{content.location}" if content.location else ""


def _changed(document: OfficialDocument, content: NoticeContent) -> None:
    if content.status == "cancelled":
        reason = f"取消原因：{content.cancel_reason}。" if content.cancel_reason else ""
        document.paragraph(f"原定于{content.when}{_where(content)}举行的{content.name}取消。{reason}")
    else:
        reason = f"延期原因：{content.postpone_reason}。" if content.postpone_reason else ""
        document.paragraph(
            f"原定于{content.when}{_where(content)}举行的{content.name}延期举行，时间另行通知，原定时间不再举行。{reason}"
        )
    document.paragraph("请相互转告。特此通知。")


def _full(document: OfficialDocument, content: NoticeContent) -> None:
    verb = "举行" if content.activity else "召开"
    document.paragraph(f"经研究，定于{content.when}{_where(content)}{verb}{content.name}。现将有关事项通知如下：")
    sections: list[tuple[str, list[str]]] = [("时间", [f"{content.when}（北京时间）"])]
    if content.location:
        sections.append(("地点", [content.location]))
    if content.assembly:
        sections.append(("集合", [f"{content.assembly}集合，统一出发。"]))
    if content.topics:
        agenda = [content.topics[0]] if len(content.topics) == 1 else [
            f"{number}．{topic}" for number, topic in enumerate(content.topics, start=1)
        ]
        sections.append(("议程" if not content.activity else "内容", agenda))
    if content.presiding:
        sections.append(("带队" if content.activity else "主持", [content.presiding]))
    attending = [line for line in (content.attendance, "、".join(content.guests)) if line]
    if attending:
        sections.append(("出席", attending))
    observing = "、".join([*([content.observer_members] if content.observer_members else []), *content.observers])
    if observing:
        sections.append(("列席", [observing]))
    if content.leave:
        sections.append(("请假", [content.leave]))
    if content.contact:
        sections.append(("联系方式", [content.contact]))
    for number, (heading, lines) in enumerate(sections):
        document.heading(f"{NUMERALS[number]}、{heading}")
        for line in lines:
            document.paragraph(line)
    if content.qr_png:
        noun = "活动" if content.activity else "会议"
        document.paragraph(f"请用手机扫描下方二维码，查看{noun}页面、签到并提出意见建议。")
        document.image(content.qr_png, QR_WIDTH_MM)
        if content.page_url:
            document.paragraph(content.page_url, indent=False, align="center")
