"""The DESCRIPTION of a sitting in a calendar, as a 会议通知 reads, in Chinese: plain values in, text out.

Nothing here reads the clock, the request or the database.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from functools import lru_cache
from zoneinfo import ZoneInfo

from consult.meetings.scheduling import leave_deadline_day


@lru_cache(maxsize=64)
def _zone(tzid: str) -> ZoneInfo:
    return ZoneInfo(tzid)


def assembly_text(at: datetime | None, place: str, tzid: str) -> str:
    """Return when and where an activity assembles, as a notice writes it: 6月17日 08:30，区行政中心北门
    (the time in `tzid`), or "" when neither is known."""
    when = ""
    if at is not None:
        local = at.astimezone(_zone(tzid))
        when = f"{local.month}月{local.day}日 {local:%H:%M}"
    return "，".join(part for part in (when, (place or "").strip()) if part)


def sitting_description(
    topics: Sequence[str],
    presiding: str = "",
    page_url: str = "",
    cancel_reason: str = "",
    cancelled: bool = False,
    *,
    activity: bool = False,
    postponed: bool = False,
    postpone_reason: str = "",
    assembly: str = "",
    guests: Sequence[str] = (),
    observers: Sequence[str] = (),
    attendance: str = "",
    observer_members: str = "",
    contact: str = "",
    leave: str = "",
) -> str:
    """Return the DESCRIPTION of a sitting in Chinese, as a 会议通知 reads: cancellation or postponement,
    where and when an activity assembles (集合), the agenda (议程), who presides (主持) or leads (带队),
    who is invited (出席范围, `attendance`), the invited leaders (出席), the members from outside the organ
    (`observer_members`, 列席委员) and units (列席), the contact (联系人及电话, `contact`), how to ask for leave
    (`leave`; left out once the sitting is cancelled or postponed) and the page link.
    """
    noun = "活动" if activity else "会议"
    parts: list[str] = []
    if cancelled:
        parts.append(f"本次{noun}已取消。{('取消原因：' + cancel_reason) if cancel_reason else ''}".rstrip())
    elif postponed:
        reason = f"延期原因：{postpone_reason}" if postpone_reason else ""
        parts.append(f"本次{noun}延期举行，时间另行通知，原定时间不再举行。{reason}".rstrip())
    if assembly:
        parts.append(f"集合：{assembly}")
    if len(topics) == 1:
        parts.append(f"议程：{topics[0]}")
    elif topics:
        parts.append("议程：\n" + "\n".join(f"{n}. {title}" for n, title in enumerate(topics, start=1)))
    if presiding:
        parts.append(f"{'带队' if activity else '主持'}：{presiding}")
    if attendance:
        parts.append(f"出席范围：{attendance}")
    if guests:
        parts.append(f"出席：{'、'.join(guests)}")
    observing = [observer_members] if observer_members else []
    observing += observers
    if observing:
        parts.append(f"列席：{'、'.join(observing)}")
    if contact:
        parts.append(contact)
    if leave and not (cancelled or postponed):
        parts.append(leave)
    if page_url:
        parts.append(f"{noun}页面：{page_url}")
    return "\n".join(parts)


def attendance_texts(organ_name: str, organ_invitees: int, other_invitees: int) -> tuple[str, str]:
    """Return who is invited, as a notice says it: the 出席范围 (常务委员会组成人员25人) and the members from
    outside the organ who observe (列席委员3人); "" for a part with nobody."""
    attendance = f"{organ_name}组成人员{organ_invitees}人" if organ_invitees else ""
    if other_invitees and not organ_invitees:
        return f"受邀委员{other_invitees}人", ""
    return attendance, (f"列席委员{other_invitees}人" if other_invitees else "")


def contact_text(name: str, phone: str) -> str:
    """Return the contact line of a notice: 联系人：王芳，电话：0513-85012345 (either part alone), or ""."""
    name, phone = (name or "").strip(), (phone or "").strip()
    if name and phone:
        return f"联系人：{name}，电话：{phone}"
    if name:
        return f"联系人：{name}"
    return f"联系电话：{phone}" if phone else ""


def leave_text(start: datetime, tzid: str, days_before: int, contact_name: str, office: str, *, activity: bool) -> str:
    """Return how to ask for leave (请假): 因故不能参加者，请于3月2日前向联系人王芳请假。 — the date is `days_before`
    days before the start's local date in `tzid`; without a contact the request goes to `office`
    (区政协办公室); 0 days says 会前 (活动前)."""
    who = f"联系人{contact_name.strip()}" if (contact_name or "").strip() else office
    if days_before <= 0:
        return f"因故不能参加者，请于{'活动' if activity else '会'}前向{who}请假。"
    day = leave_deadline_day(start, _zone(tzid), days_before)
    return f"因故不能参加者，请于{day.month}月{day.day}日前向{who}请假。"
