"""Attendance as plain functions: the live tally of a sitting (应到, 实到, 请假, not yet arrived, quorum) and the
rule that locks out guessing of phone digits. No Flask, no database; `now` is always passed in."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from consult.meetings.scheduling import attendance, quorum_reached

PRESENT, ON_LEAVE, ABSENT = "present", "on_leave", "absent"

# Wrong phone digits: this many for one member, or for one address, within LOCK_WINDOW lock the identify form.
TRIES_PER_MEMBER = 5
TRIES_PER_ADDRESS = 20
LOCK_WINDOW = timedelta(minutes=15)


@dataclass(frozen=True)
class Tally:
    """What the staff panel shows of a sitting at a moment."""

    expected: int  # 应到: the organ's composition on the sitting's day
    present: int  # 实到: members of the composition present (列席委员 are not counted)
    on_leave: int  # 请假, within the composition
    absent: int  # 缺席 (once attendance is closed, or marked by staff)
    waiting: tuple[int, ...]  # members of the composition not yet arrived, in the order given
    observer_ids: tuple[int, ...]  # 列席委员: invited from outside the organ
    observers_present: int
    quorum: int  # how many of the expected must be present
    quorum_reached: bool


def tally(composition: Iterable[int], invitee_ids: Iterable[int], statuses: Mapping[int, str], rule: str) -> Tally:
    """Return the tally of a sitting: `composition` is the organ's members that day (in display order),
    `invitee_ids` who was invited, `statuses` the attendance status by member id (missing: not yet recorded)
    and `rule` the organ's quorum rule. Only the composition counts for 应到, 实到 and the quorum."""
    members = list(dict.fromkeys(composition))
    counted = attendance(members, invitee_ids, rule)
    present = sum(1 for m in members if statuses.get(m) == PRESENT)
    on_leave = sum(1 for m in members if statuses.get(m) == ON_LEAVE)
    absent = sum(1 for m in members if statuses.get(m) == ABSENT)
    waiting = tuple(m for m in members if m not in statuses)
    return Tally(
        expected=counted.expected,
        present=present,
        on_leave=on_leave,
        absent=absent,
        waiting=waiting,
        observer_ids=counted.observer_ids,
        observers_present=sum(1 for m in counted.observer_ids if statuses.get(m) == PRESENT),
        quorum=counted.quorum,
        quorum_reached=quorum_reached(present, counted.expected, rule),
    )


def absent_on_closing(invitee_ids: Iterable[int], statuses: Mapping[int, str], approved_leave: Iterable[int]) -> (
        tuple[list[int], list[int]]):
    """Return (to mark absent, to mark on leave) when staff close attendance: invitees with no record become
    on leave when their leave was approved, else absent (缺席). Recorded invitees keep their record."""
    approved = set(approved_leave)
    absent, leave = [], []
    for member_id in dict.fromkeys(invitee_ids):
        if member_id in statuses:
            continue
        (leave if member_id in approved else absent).append(member_id)
    return absent, leave


def locked_until(failures: Iterable[datetime], now: datetime, limit: int) -> datetime | None:
    """Return until when the identify form is locked, given the times of recent wrong answers for one member or
    one address: when `limit` of them fall within LOCK_WINDOW before `now`, the lock lasts until the oldest of
    those `limit` latest leaves the window; otherwise None."""
    recent = sorted(t for t in failures if now - t < LOCK_WINDOW)
    if len(recent) < limit:
        return None
    return recent[-limit] + LOCK_WINDOW


def phone_digits_match(phone_on_file: str, typed: str) -> bool:
    """Return True when `typed` is exactly 4 digits and they are the last 4 digits of `phone_on_file` (spaces,
    dashes and a +86 prefix ignored). A member without 4 digits on file never matches."""
    digits = "".join(c for c in phone_on_file if c.isdigit())
    typed = (typed or "").strip()
    return len(digits) >= 4 and len(typed) == 4 and typed.isdigit() and typed.isascii() and digits[-4:] == typed
