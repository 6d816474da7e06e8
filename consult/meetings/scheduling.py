"""When sittings may take place and what they collide with: periods, overlaps, conflicts, quorum, notice.

Pure functions over plain values and dataclasses: no Flask, no database. `now` is always passed in.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

# A sitting is at least a minute and at most a week (an inspection tour may take several days).
MAX_SITTING_LENGTH = timedelta(days=7)

# Codes of period problems; forms turn them into sentences in the person's language.
END_BEFORE_START = "end_before_start"
ZERO_LENGTH = "zero_length"
TOO_LONG = "too_long"
OUT_OF_RANGE = "out_of_range"

# Dates the app accepts anywhere (forms, imports, URLs): calendars and databases agree on these years.
FIRST_YEAR, LAST_YEAR = 1900, 2100


def year_in_range(year: int) -> bool:
    """Return True when `year` lies within FIRST_YEAR–LAST_YEAR, the years the app accepts."""
    return FIRST_YEAR <= year <= LAST_YEAR

QUORUM_RULE_NAMES = ("more_than_half", "two_thirds", "none")


class PeriodError(ValueError):
    """A sitting's start and end do not make a period a sitting can have. `code` says why."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


@dataclass(frozen=True)
class SittingSlot:
    """A sitting as scheduling sees it: when, where and who. `meeting_id` is None for one not saved yet."""

    meeting_id: int | None
    title: str
    starts_at: datetime
    ends_at: datetime
    location: str
    invitee_ids: frozenset[int]


@dataclass(frozen=True)
class Conflict:
    """A clash of a candidate sitting with another one.

    kind "invitee": `member_ids` are invited to both; kind "location": both use the same place
    (`member_ids` is empty).
    """

    kind: str
    meeting_id: int | None
    title: str
    starts_at: datetime
    member_ids: frozenset[int] = frozenset()


def period_problem(starts_at: datetime, ends_at: datetime) -> str | None:
    """Return what is wrong with a sitting's period, or None when it is fine.

    The codes are OUT_OF_RANGE (a year outside 1900–2100), END_BEFORE_START, ZERO_LENGTH and TOO_LONG
    (more than seven days).
    """
    if not (year_in_range(starts_at.year) and year_in_range(ends_at.year)):
        return OUT_OF_RANGE
    if ends_at < starts_at:
        return END_BEFORE_START
    if ends_at == starts_at:
        return ZERO_LENGTH
    if ends_at - starts_at > MAX_SITTING_LENGTH:
        return TOO_LONG
    return None


def check_period(starts_at: datetime, ends_at: datetime) -> None:
    """Return None when the period is valid; raise PeriodError with the problem's code otherwise."""
    problem = period_problem(starts_at, ends_at)
    if problem is not None:
        raise PeriodError(problem)


def overlaps(a_start: datetime, a_end: datetime, b_start: datetime, b_end: datetime) -> bool:
    """Return True when two half-open periods [start, end) share time.

    A sitting that ends at 10:00 does not overlap one that starts at 10:00.
    """
    return a_start < b_end and b_start < a_end


def normalise_location(location: str) -> str:
    """Return the location reduced for comparison: full-width forms folded (NFKC), whitespace removed
    (三楼 会议室 is 三楼会议室), case folded.
    """
    return "".join(unicodedata.normalize("NFKC", location).split()).casefold()


def find_conflicts(candidate: SittingSlot, others: Iterable[SittingSlot]) -> list[Conflict]:
    """Return the conflicts of `candidate` with `others`, ordered by the other sitting's start.

    Another sitting conflicts when its period overlaps the candidate's and it either invites some of
    the same members (one "invitee" conflict listing them) or uses the same non-empty location (one
    "location" conflict). The candidate itself (same non-None meeting_id) is skipped.
    """
    place = normalise_location(candidate.location)
    found: list[Conflict] = []
    for other in others:
        if candidate.meeting_id is not None and other.meeting_id == candidate.meeting_id:
            continue
        if not overlaps(candidate.starts_at, candidate.ends_at, other.starts_at, other.ends_at):
            continue
        shared = candidate.invitee_ids & other.invitee_ids
        if shared:
            found.append(Conflict("invitee", other.meeting_id, other.title, other.starts_at, frozenset(shared)))
        if place and normalise_location(other.location) == place:
            found.append(Conflict("location", other.meeting_id, other.title, other.starts_at))
    found.sort(key=lambda c: (c.starts_at, c.meeting_id or 0, c.kind))
    return found


def quorum_needed(invited: int, rule: str) -> int:
    """Return how many of `invited` members (应到: the organ's composition) must be present for the sitting
    to be quorate.

    Rules: "more_than_half" (过半数: 21 of 40, 21 of 41), "two_thirds" (at least two thirds, rounded up),
    "none" (0). No one invited needs no one. Raises ValueError for an unknown rule or a negative count.
    """
    if invited < 0:
        raise ValueError(f"invited must not be negative, not {invited}")
    if rule not in QUORUM_RULE_NAMES:
        raise ValueError(f"unknown quorum rule {rule!r}")
    if invited == 0 or rule == "none":
        return 0
    if rule == "more_than_half":
        return invited // 2 + 1
    return math.ceil(invited * 2 / 3)


def quorum_reached(present: int, invited: int, rule: str) -> bool:
    """Return True when `present` members make the quorum of `invited` under `rule`."""
    return present >= quorum_needed(invited, rule)


@dataclass(frozen=True)
class Attendance:
    """Who a sitting expects (应到: the organ's composition that day) and who else is invited (列席委员)."""

    expected: int  # 应到: how many members the organ has that day
    observer_ids: tuple[int, ...]  # invited members outside the composition, in the invitation order given
    quorum: int  # how many of the expected must be present


def split_invitees(composition: Iterable[int], invitee_ids: Iterable[int]) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """Return (members of the organ, 列席委员): the composition as given, and the invitees outside it in
    their given order. An organ member left off the invitation list still counts in 应到.
    """
    members = tuple(dict.fromkeys(composition))
    inside = set(members)
    observers = tuple(m for m in dict.fromkeys(invitee_ids) if m not in inside)
    return members, observers


def attendance(composition: Iterable[int], invitee_ids: Iterable[int], rule: str) -> Attendance:
    """Return the sitting's 应到, its 列席委员 and the quorum under `rule` counted on the composition only.

    Raises ValueError for an unknown rule (see quorum_needed).
    """
    members, observers = split_invitees(composition, invitee_ids)
    return Attendance(len(members), observers, quorum_needed(len(members), rule))



# Days of notice by organ kind when the organ sets none. They follow common 常委会工作规则 (the plenary
# about half a month ahead with its documents, the standing committee a week); an office whose own
# rules differ sets the days on the organ.
NOTICE_DAYS_BY_KIND = {"plenary": 15, "standing_committee": 7}
OTHER_NOTICE_DAYS = 3


def leave_deadline_day(starts_at: datetime, zone, days_before: int):
    """Return the last local day (in `zone`, a ZoneInfo) on which leave (请假) is asked for in time: `days_before`
    days before the sitting's local date, so 2 days for a sitting on 3月4日 gives 3月2日 (请于3月2日前请假).
    With 0 days it is the sitting's own day."""
    return starts_at.astimezone(zone).date() - timedelta(days=max(days_before, 0))


def leave_request_late(requested_at: datetime, starts_at: datetime, zone, days_before: int) -> bool:
    """Return True when a leave request made at `requested_at` comes after the committee's deadline: after the
    deadline day (leave_deadline_day) has ended, or, with 0 days, after the start."""
    if days_before <= 0:
        return requested_at > starts_at
    return requested_at.astimezone(zone).date() > leave_deadline_day(starts_at, zone, days_before)


def notice_days(kind: str, custom: int | None) -> int:
    """Return the days of notice a sitting of an organ of `kind` needs: `custom` when the organ sets it,
    otherwise the kind's default (全会 15, 常委会议 7, any other organ 3)."""
    if custom is not None:
        return custom
    return NOTICE_DAYS_BY_KIND.get(kind, OTHER_NOTICE_DAYS)


def notice_shortfall(starts_at: datetime, now: datetime, notice_days: int) -> bool:
    """Return True when a sitting starting at `starts_at`, announced at `now`, gets less than
    `notice_days` days of notice (a sitting already begun always does, unless no notice is needed).
    """
    if notice_days <= 0:
        return False
    return starts_at - now < timedelta(days=notice_days)


LEADERSHIP = frozenset({"chair", "vice_chair", "secretary_general"})


def invited_by_default(organ_kind: str, role: str | None, is_standing: bool, in_organ: bool) -> bool:
    """Return True when an active member is invited by default to a sitting of an organ of `organ_kind`.

    plenary: every member; standing_committee: the leadership and the standing members;
    chair_meeting: the leadership; any other organ: its own members (`in_organ`).
    """
    if organ_kind == "plenary":
        return True
    if organ_kind == "standing_committee":
        return role in LEADERSHIP or is_standing
    if organ_kind == "chair_meeting":
        return role in LEADERSHIP
    return in_organ
