"""The words of a notice: SMS text, mail subject and body, from plain values (no flask, no database).

Notices are written in Chinese whatever the staff member's interface language, as the feeds are: they are
documents of the committee to its members.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from datetime import datetime
from zoneinfo import ZoneInfo

# A Chinese SMS is sent as UCS-2: 70 characters fit one message; a longer text is split into parts of 67
# (the rest of each part carries the header that joins them again on the phone).
SMS_SINGLE = 70
SMS_PART = 67
WEEKDAYS = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")
SUBJECT_PREFIX = {"published": "会议通知", "rescheduled": "改期通知", "postponed": "延期通知", "cancelled": "取消通知"}
# The calendar method a mail's attachment carries (RFC 5546): an update keeps the UID with a higher SEQUENCE.
CALENDAR_METHODS = {"published": "PUBLISH", "rescheduled": "PUBLISH", "postponed": "PUBLISH", "cancelled": "CANCEL"}


@dataclass(frozen=True, slots=True)
class NoticeSitting:
    """What a notice says about a sitting. Times are timezone-aware; `name` is how the calendars name it
    (区政协八届十二次常委会议：…); `details` is the calendar's description (agenda, presiding, reasons)."""

    event: str  # published, rescheduled, postponed, cancelled
    name: str
    start: datetime
    end: datetime
    tzid: str
    location: str = ""
    details: str = ""
    activity: bool = False
    reason: str = ""
    committee_name: str = ""


def sms_units(text: str) -> int:
    """Return the length of `text` as an SMS counts it: UTF-16 code units (an emoji counts two)."""
    return len(text.encode("utf-16-le")) // 2


def sms_parts(text: str) -> int:
    """Return how many SMS messages `text` takes: 1 up to 70 characters, else one per 67 (0 for "")."""
    units = sms_units(text)
    if units == 0:
        return 0
    return 1 if units <= SMS_SINGLE else math.ceil(units / SMS_PART)


def when_text(start: datetime, end: datetime, tzid: str) -> str:
    """Return the period as a notice writes it in `tzid`: 3月4日（星期一）14:30—16:30, or with both dates when
    it ends on another day: 3月4日（星期一）14:30至3月5日（星期二）12:00."""
    zone = ZoneInfo(tzid)
    first, last = start.astimezone(zone), end.astimezone(zone)

    def day(moment: datetime) -> str:
        return f"{moment.month}月{moment.day}日（{WEEKDAYS[moment.weekday()]}）"

    if first.date() == last.date():
        return f"{day(first)}{first:%H:%M}—{last:%H:%M}"
    return f"{day(first)}{first:%H:%M}至{day(last)}{last:%H:%M}"


def lead_sentence(sitting: NoticeSitting) -> str:
    """Return the sentence that says what happened: 定于…举行, 改期至…, 延期 or 取消, with the reason."""
    when = when_text(sitting.start, sitting.end, sitting.tzid)
    where = f"在{sitting.location}" if sitting.location else ""
    noun = "活动" if sitting.activity else "会议"
    reason = f"（原因：{sitting.reason}）" if sitting.reason else ""
    if sitting.event == "published":
        return f"{sitting.name}，定于{when}{where}举行，请准时参加。"
    if sitting.event == "rescheduled":
        return f"{sitting.name}，改期至{when}{where}举行{reason}，请准时参加。"
    if sitting.event == "postponed":
        return f"{sitting.name}，原定{when}举行，现延期，时间另行通知{reason}。"
    if sitting.event == "cancelled":
        return f"{sitting.name}，原定{when}举行，本次{noun}取消{reason}。"
    raise ValueError(f"unknown notice event {sitting.event!r}")


def sms_text(sitting: NoticeSitting, member_name: str, link: str) -> str:
    """Return the SMS to one member: the lead sentence and the member's personal link."""
    return f"{member_name}委员：{lead_sentence(sitting)}详情：{link}"


def mail_subject(sitting: NoticeSitting) -> str:
    """Return the mail's subject: 会议通知：区政协八届十二次常委会议：… (改期、延期、取消通知 for the others)."""
    return f"{SUBJECT_PREFIX[sitting.event]}：{sitting.name}"


def mail_body(sitting: NoticeSitting, member_name: str, link: str) -> str:
    """Return the plain-text mail to one member: greeting, lead sentence, the sitting's details, the
    personal link and what the attachment is for, signed by the committee."""
    when = when_text(sitting.start, sitting.end, sitting.tzid)
    # The details already give the reason of a cancellation or postponement (not of a move).
    repeated = sitting.details and sitting.event in ("cancelled", "postponed")
    lead = lead_sentence(replace(sitting, reason="") if repeated else sitting)
    parts = [f"{member_name}委员：", lead]
    facts = [f"时间：{when}"]
    if sitting.location:
        facts.append(f"地点：{sitting.location}")
    parts.append("\n".join(facts))
    if sitting.details:
        parts.append(sitting.details)
    parts.append(f"您的个人页面（查看详情、订阅日历）：\n{link}")
    if sitting.event == "cancelled":
        parts.append("附件是本次取消的日历文件，打开后日历中的这项安排会标为已取消。")
    else:
        parts.append("附件是日历文件，打开即可把这项安排加入手机或电脑的日历。")
    if sitting.committee_name:
        parts.append(sitting.committee_name)
    return "\n\n".join(parts) + "\n"
