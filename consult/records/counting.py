"""A member's duty record (履职档案) for a year, counted from plain facts: the sittings they were invited to, their
attendance records and leave requests, their opinions and which of them the approved minutes print.

The rules, in one place:
- A sitting counts when it was held (status held) on a day of the year in the committee's zone. Drafts, cancelled
  and postponed sittings never count, nor sittings that have ended but were not marked held.
- A member counts the sittings they were invited to, or have an attendance record of (staff may record a member
  of the organ who was left off the invitations); a member who joined mid-year therefore counts only what they
  were invited to after joining, and an organ they left keeps the sittings they were invited to while in it.
- Their status at a sitting is the attendance record as it stands (a corrected record counts as corrected, and
  is marked when it changed after attendance was closed): 出席 present, 请假 on leave, 缺席 absent. Without a
  record, approved leave is leave; anything else is not recorded (未登记: attendance never closed, or the record
  cleared by staff), shown but never counted as absent. Leave asked after the deadline, or approved only after
  the sitting began, is still leave, marked late (逾期请假).
- The attendance rate (出席率) is present ÷ (present + on leave + absent): the sittings whose attendance is not
  recorded are left out of both sides.
- Opinions given are the member's active opinions (withdrawn ones left out) at counted sittings; taken into the
  minutes (被纪要采纳) are those printed in the latest approved version of the sitting's minutes.

Pure: no Flask, no database.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from operator import add
from typing import NamedTuple

from consult.meetings.kinds import is_activity
from consult.members.composition import is_active_on
from consult.onsite.attendance import ABSENT, ON_LEAVE, PRESENT

NOT_RECORDED = "not_recorded"
STATUSES = (PRESENT, ON_LEAVE, ABSENT, NOT_RECORDED)
HELD = "held"
APPROVED_LEAVE = "approved"


@dataclass(frozen=True)
class SittingFacts:
    """One sitting as the records count it."""

    id: int
    organ_id: int
    day: date  # the day it started, in the committee's zone
    status: str
    name: str = ""  # 八届十二次常委会议：title
    label: str = ""  # 八届十二次常委会议, or the title of a sitting without a number
    sitting_kind: str = "meeting"
    term: int | None = None
    starts_at: datetime | None = None

    @property
    def is_meeting(self) -> bool:
        """Return True for a meeting (会议, 座谈会 …), False for an activity (视察, 调研 …)."""
        return not is_activity(self.sitting_kind)


class RecordFacts(NamedTuple):
    """One attendance record as it stands: its status, whether it was set after the sitting's attendance was closed
    (关闭签到: a correction by staff, or leave approved afterwards), the staff's note."""

    status: str
    changed_after_closing: bool = False
    note: str = ""


class LeaveFacts(NamedTuple):
    """One leave request: its decision (pending, approved, refused), whether it was asked after the deadline, and
    when it was decided."""

    status: str
    late: bool = False
    decided_at: datetime | None = None


class Seat(NamedTuple):
    """A membership of an organ from `starts_on` to `ends_on` (both inclusive; None: open)."""

    organ_id: int
    starts_on: date | None = None
    ends_on: date | None = None


@dataclass(frozen=True)
class MemberFacts:
    """What is known of one member for the year: invitations, attendance and leave by sitting id, the sitting ids
    of their active opinions (one entry per opinion) and of those printed in approved minutes, their seats."""

    id: int
    invited: frozenset[int] = frozenset()
    records: Mapping[int, RecordFacts] = field(default_factory=dict)
    leave: Mapping[int, LeaveFacts] = field(default_factory=dict)
    opinions: Sequence[int] = ()
    printed: Sequence[int] = ()
    seats: Sequence[Seat] = ()


class Tally(NamedTuple):
    """Counts of sittings by status, and of opinions given and taken into the minutes (a NamedTuple: a report makes
    one per member and organ)."""

    sittings: int = 0
    present: int = 0
    on_leave: int = 0
    absent: int = 0
    not_recorded: int = 0
    opinions: int = 0
    printed: int = 0

    @property
    def recorded(self) -> int:
        """Return the sittings whose attendance is recorded: present + on leave + absent."""
        return self.present + self.on_leave + self.absent

    @property
    def rate(self) -> float | None:
        """Return the attendance rate, present ÷ (present + on leave + absent), or None with nothing recorded."""
        return self.present / self.recorded if self.recorded else None

    def __add__(self, other: Tally) -> Tally:  # counts added up, not a longer tuple
        return Tally(*map(add, self, other))

    def values(self) -> tuple[int, ...]:
        """Return the counts in field order."""
        return tuple(self)


def rate_text(rate: float | None) -> str:
    """Return an attendance rate as printed: 83.3%, 100%, or — when there is none."""
    if rate is None:
        return "—"
    percent = round(rate * 100, 1)
    return f"{percent:g}%"


class SittingLine(NamedTuple):
    """One counted sitting in a member's record, with their status there."""

    sitting: SittingFacts
    status: str
    late_leave: bool = False
    corrected: bool = False
    seated: bool = True  # held a seat in the organ that day; False: invited from outside it (列席)
    note: str = ""
    opinions: int = 0
    printed: int = 0


@dataclass(frozen=True)
class DutyRecord:
    """One member's year: each counted sitting in date order (or, for a report of many members, only the lines the
    absence rules look at: see duty_record), the totals, the counts per organ and, per month of the sittings' days,
    the counts of the listed sittings in Tally field order."""

    member_id: int
    year: int
    lines: tuple[SittingLine, ...]
    total: Tally
    by_organ: Mapping[int, Tally]
    by_month: Mapping[int, tuple[int, ...]] = field(default_factory=dict)

    def tally(self, organ_id: int | None = None) -> Tally:
        """Return the totals, or those of one organ (empty when the member has nothing there)."""
        return self.total if organ_id is None else self.by_organ.get(organ_id, Tally())


def counted_sittings(sittings: Iterable[SittingFacts], year: int) -> list[SittingFacts]:
    """Return the sittings that count in `year`: held, starting on a day of that year; in date order."""
    return sorted((s for s in sittings if s.status == HELD and s.day.year == year), key=lambda s: (s.day, s.id))


def status_at(sitting: SittingFacts, record: RecordFacts | None, leave: LeaveFacts | None) -> tuple[str, bool, bool]:
    """Return (status, late leave, corrected) of a member at a sitting from their attendance record and leave
    request: the record's status when there is one (corrected when it was set after attendance was closed),
    else on leave with approved leave, else NOT_RECORDED. Leave is late when asked after the deadline or approved
    after the sitting began."""
    approved = leave is not None and leave.status == APPROVED_LEAVE
    if record is not None:
        status = record.status if record.status in (PRESENT, ON_LEAVE, ABSENT) else NOT_RECORDED
    else:
        status = ON_LEAVE if approved else NOT_RECORDED
    late = status == ON_LEAVE and leave is not None and leave.status == APPROVED_LEAVE and (
        leave.late or (leave.decided_at is not None and sitting.starts_at is not None
                       and leave.decided_at > sitting.starts_at))
    corrected = record is not None and bool(record.changed_after_closing)
    return status, late, corrected


def is_seated(seats: Iterable[Seat], organ_id: int, day: date) -> bool:
    """Return True when one of the seats is in the organ on `day`."""
    return any(seat.organ_id == organ_id and is_active_on(seat.starts_on, seat.ends_on, day) for seat in seats)


# The facts and lines are NamedTuples rather than frozen dataclasses: a report makes one of each per member and
# sitting (tens of thousands), and a tuple is made several times faster.

# Where each status adds one in a Tally's values (sittings, present, on leave, absent, not recorded, …).
_SLOT = {PRESENT: 1, ON_LEAVE: 2, ABSENT: 3, NOT_RECORDED: 4}


class CountedSittings:
    """The sittings that count in a year (counted_sittings), by id, with their rank in date order and their month:
    built once for a whole report."""

    def __init__(self, sittings: Iterable[SittingFacts], year: int) -> None:
        self.year = year
        self.ordered = counted_sittings(sittings, year)
        self.by_id = {sitting.id: sitting for sitting in self.ordered}
        self.rank = {sitting.id: position for position, sitting in enumerate(self.ordered)}
        self.month = {sitting.id: sitting.day.month for sitting in self.ordered}
        # status_at of a record without a leave request depends on the record alone: records of the same status,
        # flag and note (the facts gathered for a report share one object for each) are decided once.
        self.decided: dict[RecordFacts | None, tuple[str, bool, bool]] = {}


def duty_record(member: MemberFacts, sittings: Iterable[SittingFacts] | CountedSittings, year: int, *,
                all_lines: bool = True) -> DutyRecord:
    """Return the member's duty record for `year` over `sittings` (any; only those counted_sittings keeps count,
    or a CountedSittings of the year made once for many members).

    A sitting is listed when the member was invited to it or has an attendance record of it; opinions count at
    every counted sitting (a sitting where the member only gave opinions adds them to its organ's counts, not to
    the sittings). With `all_lines` False the counts are the same but only the lines the absence rules look at
    (absent) are kept: a report of every member shows no line, and a line costs per member and sitting."""
    counted = sittings if isinstance(sittings, CountedSittings) else CountedSittings(sittings, year)
    by_id, months, decided = counted.by_id, counted.month, counted.decided
    opinions: dict[int, int] = {}
    for meeting_id in member.opinions:
        if meeting_id in by_id:
            opinions[meeting_id] = opinions.get(meeting_id, 0) + 1
    printed: dict[int, int] = {}
    for meeting_id in member.printed:
        if meeting_id in by_id:
            printed[meeting_id] = printed.get(meeting_id, 0) + 1
    seats: dict[int, list[Seat]] = {}
    for seat in member.seats:
        seats.setdefault(seat.organ_id, []).append(seat)
    # Most seats have no dates: the member sits there every day (no need to look at the day).
    always = {organ_id for organ_id, held in seats.items() if any(s.starts_on is None and s.ends_on is None
                                                                     for s in held)}
    lines: list[SittingLine] = []
    total, by_organ, by_month = [0] * 7, {}, {}
    records, leave = member.records, member.leave
    # Once per member and sitting: the status of each sitting on the roll, counted in the totals, its organ's and
    # its month's.
    on_roll = [i for i in member.invited | records.keys() if i in by_id]
    for sitting_id in on_roll:
        sitting = by_id[sitting_id]
        record, asked = records.get(sitting_id), leave.get(sitting_id)
        if asked is None:
            found = decided.get(record)
            if found is None:
                found = decided[record] = status_at(sitting, record, None)
            status, late, corrected = found
        else:
            status, late, corrected = status_at(sitting, record, asked)
        slot = _SLOT[status]
        organ = by_organ.get(sitting.organ_id)
        if organ is None:
            organ = by_organ[sitting.organ_id] = [0] * 7
        month = by_month.get(months[sitting_id])
        if month is None:
            month = by_month[months[sitting_id]] = [0] * 7
        total[0] += 1
        total[slot] += 1
        organ[0] += 1
        organ[slot] += 1
        month[0] += 1
        month[slot] += 1
        if all_lines or status == ABSENT:
            organ_id = sitting.organ_id
            seated = organ_id in always or is_seated(seats.get(organ_id, ()), organ_id, sitting.day)
            lines.append(SittingLine(sitting, status, late, corrected, seated,
                                     record.note if record is not None else "", opinions.get(sitting_id, 0),
                                     printed.get(sitting_id, 0)))
    # Opinions, far fewer: at every counted sitting for the totals and the organ's, at the listed ones for the month.
    listed = set(on_roll)
    for slot, given in ((5, opinions), (6, printed)):
        for sitting_id, count in given.items():
            organ_id = by_id[sitting_id].organ_id
            organ = by_organ.get(organ_id)
            if organ is None:
                organ = by_organ[organ_id] = [0] * 7
            total[slot] += count
            organ[slot] += count
            if sitting_id in listed:
                by_month[months[sitting_id]][slot] += count
    if len(lines) > 1:
        rank = counted.rank
        lines.sort(key=lambda line: rank[line.sitting.id])
    return DutyRecord(member.id, year, tuple(lines), Tally(*total),
                      {organ_id: Tally(*counts) for organ_id, counts in by_organ.items()},
                      {month: tuple(counts) for month, counts in by_month.items()})


def sittings_per_organ(sittings: Iterable[SittingFacts], year: int) -> dict[int, int]:
    """Return how many sittings each organ held in `year` (the counted ones), by organ id."""
    held: dict[int, int] = {}
    for sitting in counted_sittings(sittings, year):
        held[sitting.organ_id] = held.get(sitting.organ_id, 0) + 1
    return held


def ended_not_held(sittings: Iterable[SittingFacts], today: date) -> list[SittingFacts]:
    """Return the published sittings that started before `today` but were never marked held: they do not count
    until staff mark them held (the report says so)."""
    return [s for s in sittings if s.status == "published" and s.day < today]


def month_totals(records: Iterable[DutyRecord]) -> dict[int, Tally]:
    """Return, per month (1–12) of the sittings' days, the counts of every record's listed sittings together."""
    months: dict[int, tuple[int, ...]] = dict.fromkeys(range(1, 13), Tally())
    for record in records:
        for month, values in record.by_month.items():
            months[month] = tuple(map(add, months[month], values))
    return {month: Tally(*counts) for month, counts in months.items()}


def organ_totals(records: Iterable[DutyRecord]) -> dict[int, Tally]:
    """Return, per organ id, the counts of every record together."""
    totals: dict[int, tuple[int, ...]] = {}
    for record in records:
        for organ_id, tally in record.by_organ.items():
            totals[organ_id] = tuple(map(add, totals[organ_id], tally)) if organ_id in totals else tally
    return {organ_id: Tally(*counts) for organ_id, counts in totals.items()}
