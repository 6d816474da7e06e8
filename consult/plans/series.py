"""Regular sittings (例会): the dates and times of a series from its recurrence rule.

Pure functions over plain values: no Flask, no database. Local dates and times are turned into
UTC through zoneinfo, so a 09:00 sitting is at 09:00 on the committee's clock whatever its zone.
Working days (Monday–Friday, official holidays off, 调休 make-up Saturdays and Sundays on) come from
consult.workdays.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from consult.workdays import is_working_day, next_working_day  # noqa: F401 - the series' notion of a working day

MAX_SITTINGS = 60
MAX_DURATION = timedelta(days=7)  # as for any sitting (consult.meetings.scheduling)

WEEKLY = "weekly"  # every N weeks on a weekday
MONTHLY_WEEKDAY = "monthly_weekday"  # the n-th (or last) weekday of every N months
MONTHLY_DAY = "monthly_day"  # a day of the month, every N months; clamped at the month's end
RECURRENCE_KINDS = (WEEKLY, MONTHLY_WEEKDAY, MONTHLY_DAY)

LAST = -1  # ordinal of "the last <weekday> of the month"

SKIP = "skip"  # a date that falls on a holiday is dropped
NEXT_WORKING_DAY = "next_working_day"  # … or moved to the next day that is neither weekend nor holiday
HOLIDAY_POLICIES = (SKIP, NEXT_WORKING_DAY)

# Error codes; the form turns them into sentences in the person's language.
NO_DATES = "no_dates"
TOO_MANY = "too_many"
LAST_BEFORE_FIRST = "last_before_first"
BAD_DURATION = "bad_duration"
BAD_RULE = "bad_rule"
BAD_HOLIDAY = "bad_holiday"


class SeriesError(ValueError):
    """A series that cannot be made. `code` says why; `count` is the number of dates (TOO_MANY);
    `text` is the line that could not be read (BAD_HOLIDAY).
    """

    def __init__(self, code: str, *, count: int = 0, text: str = ""):
        super().__init__(code if not text else f"{code}: {text}")
        self.code = code
        self.count = count
        self.text = text


@dataclass(frozen=True)
class Recurrence:
    """When a series repeats.

    WEEKLY uses `weekday` (0 Monday … 6 Sunday) and `interval` weeks; MONTHLY_WEEKDAY uses
    `ordinal` (1–4 or LAST) and `weekday` every `interval` months; MONTHLY_DAY uses `day` (1–31)
    every `interval` months.
    """

    kind: str
    interval: int = 1
    weekday: int | None = None
    ordinal: int | None = None
    day: int | None = None

    def check(self) -> None:
        """Return None when the rule is complete; raise SeriesError(BAD_RULE) otherwise."""
        ok = self.kind in RECURRENCE_KINDS and 1 <= self.interval <= 52
        if self.kind in (WEEKLY, MONTHLY_WEEKDAY):
            ok = ok and self.weekday is not None and 0 <= self.weekday <= 6
        if self.kind == MONTHLY_WEEKDAY:
            ok = ok and self.ordinal in (1, 2, 3, 4, LAST)
        if self.kind == MONTHLY_DAY:
            ok = ok and self.day is not None and 1 <= self.day <= 31
        if not ok:
            raise SeriesError(BAD_RULE)


@dataclass(frozen=True)
class SeriesRule:
    """A whole series: the recurrence, the span of dates, the local time and length, the zone, and
    the holidays to avoid.
    """

    recurrence: Recurrence
    first_date: date
    last_date: date
    start_time: time
    duration: timedelta
    time_zone: str
    holidays: frozenset[date] = frozenset()
    on_holiday: str = SKIP
    workdays: frozenset[date] = frozenset()  # 调休: weekend days that are working days


@dataclass(frozen=True)
class SeriesDate:
    """One sitting of a series.

    `rule_date` is the date the rule gave; `local_date` is where it ended up (later when moved off
    a holiday). `clamped` is True when a day of the month did not exist and the month's last day
    was taken (the 31st → 30 April).
    """

    rule_date: date
    local_date: date
    starts_at: datetime  # UTC
    ends_at: datetime  # UTC
    clamped: bool = False

    @property
    def moved(self) -> bool:
        """True when the sitting was moved off a holiday."""
        return self.local_date != self.rule_date


@dataclass(frozen=True)
class DroppedDate:
    """A date the rule gave that has no sitting: `reason` is "holiday" (dropped, or moved past the
    last date) or "duplicate" (moved onto a date the series already has).
    """

    rule_date: date
    reason: str


@dataclass(frozen=True)
class SeriesPlan:
    """What a rule produces: the sittings, in order, and the dates dropped."""

    sittings: tuple[SeriesDate, ...]
    dropped: tuple[DroppedDate, ...]


def _add_months(year: int, month: int, months: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + months
    return index // 12, index % 12 + 1


def nth_weekday(year: int, month: int, weekday: int, ordinal: int) -> date:
    """Return the `ordinal`-th (1–4, or LAST) `weekday` (0 Monday) of a month."""
    days_in_month = calendar.monthrange(year, month)[1]
    if ordinal == LAST:
        last = date(year, month, days_in_month)
        return last - timedelta(days=(last.weekday() - weekday) % 7)
    first = date(year, month, 1)
    return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (ordinal - 1))


def clamped_day(year: int, month: int, day: int) -> tuple[date, bool]:
    """Return the `day` of a month, or the month's last day when it has fewer days, and whether it was clamped."""
    days_in_month = calendar.monthrange(year, month)[1]
    return date(year, month, min(day, days_in_month)), day > days_in_month


def rule_dates(recurrence: Recurrence, first_date: date, last_date: date) -> list[tuple[date, bool]]:
    """Return the dates the recurrence gives between `first_date` and `last_date` inclusive, each with
    whether it was clamped to the month's end. Raises SeriesError(BAD_RULE) for an incomplete rule.

    Weekly series start on the first matching weekday on or after `first_date`; monthly series count
    their interval from the month of `first_date`.
    """
    recurrence.check()
    found: list[tuple[date, bool]] = []
    if recurrence.kind == WEEKLY:
        current = first_date + timedelta(days=(recurrence.weekday - first_date.weekday()) % 7)
        while current <= last_date:
            found.append((current, False))
            current += timedelta(weeks=recurrence.interval)
        return found
    year, month = first_date.year, first_date.month
    while date(year, month, 1) <= last_date:
        if recurrence.kind == MONTHLY_WEEKDAY:
            candidate, clamped = nth_weekday(year, month, recurrence.weekday, recurrence.ordinal), False
        else:
            candidate, clamped = clamped_day(year, month, recurrence.day)
        if first_date <= candidate <= last_date:
            found.append((candidate, clamped))
        year, month = _add_months(year, month, recurrence.interval)
    return found


def local_period(day: date, start_time: time, duration: timedelta, time_zone: str) -> tuple[datetime, datetime]:
    """Return the UTC start and end of a sitting at `start_time` local time on `day` in `time_zone`.

    The end is `duration` of real time later. A local time that does not exist (the hour skipped when
    clocks go forward) is read with the offset before the change, as zoneinfo does (fold=0).
    """
    local = datetime.combine(day, start_time, tzinfo=ZoneInfo(time_zone))
    starts_at = local.astimezone(UTC)
    return starts_at, starts_at + duration


def generate_series(rule: SeriesRule) -> SeriesPlan:
    """Return the sittings of `rule`, in order, and the dates dropped on the way.

    Dates on a holiday are dropped (SKIP) or moved to the next working day (NEXT_WORKING_DAY: a 调休
    Saturday or Sunday in `workdays` counts as one); a date moved past the last date, or onto a date the
    series already has, is dropped too.
    Raises SeriesError: LAST_BEFORE_FIRST, BAD_DURATION (not more than 0, or longer than 7 days),
    BAD_RULE, NO_DATES (nothing left), TOO_MANY (more than 60 sittings; `count` says how many).
    """
    if rule.last_date < rule.first_date:
        raise SeriesError(LAST_BEFORE_FIRST)
    if not timedelta(0) < rule.duration <= MAX_DURATION:
        raise SeriesError(BAD_DURATION)
    if rule.on_holiday not in HOLIDAY_POLICIES:
        raise SeriesError(BAD_RULE)
    ZoneInfo(rule.time_zone)  # raises for an unknown zone before any work is done

    taken: set[date] = set()
    sittings: list[SeriesDate] = []
    dropped: list[DroppedDate] = []
    for rule_date, clamped in rule_dates(rule.recurrence, rule.first_date, rule.last_date):
        day = rule_date
        if day in rule.holidays:
            if rule.on_holiday == SKIP:
                dropped.append(DroppedDate(rule_date, "holiday"))
                continue
            day = next_working_day(day, rule.holidays, rule.workdays)
            if day > rule.last_date:
                dropped.append(DroppedDate(rule_date, "holiday"))
                continue
        if day in taken:
            dropped.append(DroppedDate(rule_date, "duplicate"))
            continue
        taken.add(day)
        starts_at, ends_at = local_period(day, rule.start_time, rule.duration, rule.time_zone)
        sittings.append(SeriesDate(rule_date, day, starts_at, ends_at, clamped))
    if not sittings:
        raise SeriesError(NO_DATES)
    if len(sittings) > MAX_SITTINGS:
        raise SeriesError(TOO_MANY, count=len(sittings))
    sittings.sort(key=lambda s: s.local_date)
    return SeriesPlan(tuple(sittings), tuple(dropped))


_RANGE_SEPARATORS = re.compile(r"\s*(?:\.\.|~|～|至|到|—|–)\s*|\s+-\s+")
_DATE_PATTERN = re.compile(r"^\s*(\d{4})\s*[-./年]\s*(\d{1,2})\s*[-./月]\s*(\d{1,2})\s*日?\s*$")


def _parse_date(text: str) -> date:
    match = _DATE_PATTERN.match(text)
    if not match:
        raise ValueError(text)
    return date(*(int(part) for part in match.groups()))


def parse_holidays(text: str) -> frozenset[date]:
    """Return the dates listed in `text`: one date or range per line (or separated by , ， ； ;).

    Dates are written 2025-10-01, 2025/10/1 or 2025年10月1日; a range is two dates joined by
    `..`, `~`, `至` or ` - ` and includes both ends. Ranges longer than a year are refused.
    Raises SeriesError(BAD_HOLIDAY) with the text of the first entry that cannot be read.
    """
    days: set[date] = set()
    for raw in re.split(r"[\n\r,，;；、]+", text or ""):
        entry = raw.strip()
        if not entry:
            continue
        parts = _RANGE_SEPARATORS.split(entry, maxsplit=1)
        try:
            start = _parse_date(parts[0])
            end = _parse_date(parts[1]) if len(parts) > 1 else start
        except ValueError:
            raise SeriesError(BAD_HOLIDAY, text=entry) from None
        if end < start or end - start > timedelta(days=366):
            raise SeriesError(BAD_HOLIDAY, text=entry)
        days.update(start + timedelta(days=n) for n in range((end - start).days + 1))
    return frozenset(days)
