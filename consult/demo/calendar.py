"""Dates of the demo year: the n-th weekday of a month, away from public holidays and Spring Festival.

The official holidays come from consult.workdays (the State Council's schedule) for the years it
covers. The demo must also build a year whose schedule is not published yet: there, and only there, it
falls back to the fixed-date holidays and the Spring Festival week below — a demo's invented sittings
may be placed on an estimate; staff planning real sittings are told instead (plans/series_views.py).

Pure: no Flask, no database.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import cache

from consult.workdays import covered_years, official_calendar

MON, TUE, WED, THU, FRI = range(5)

# 春节 (Spring Festival) by year: the February sittings wait until the holiday week is over.
SPRING_FESTIVAL = {
    2014: date(2014, 1, 31), 2015: date(2015, 2, 19), 2016: date(2016, 2, 8), 2017: date(2017, 1, 28),
    2018: date(2018, 2, 16), 2019: date(2019, 2, 5), 2020: date(2020, 1, 25), 2021: date(2021, 2, 12),
    2022: date(2022, 2, 1), 2023: date(2023, 1, 22), 2024: date(2024, 2, 10), 2025: date(2025, 1, 29),
    2026: date(2026, 2, 17), 2027: date(2027, 2, 6), 2028: date(2028, 1, 26), 2029: date(2029, 2, 13),
    2030: date(2030, 2, 3), 2031: date(2031, 1, 23), 2032: date(2032, 2, 11), 2033: date(2033, 1, 31),
    2034: date(2034, 2, 19), 2035: date(2035, 2, 8),
}

# Fixed-date holidays (元旦, 清明, 劳动节, 国庆) as (month, first day, last day).
FIXED_HOLIDAYS = ((1, 1, 2), (4, 4, 6), (5, 1, 5), (10, 1, 7))


def spring_festival(year: int) -> date:
    """Return the first day of Spring Festival in `year` (5 February for years outside the table)."""
    return SPRING_FESTIVAL.get(year, date(year, 2, 5))


def is_fixed_holiday(day: date) -> bool:
    """Return True when `day` falls in one of the fixed-date public holidays."""
    return any(day.month == month and first <= day.day <= last for month, first, last in FIXED_HOLIDAYS)


@cache
def _official_holidays(year: int) -> frozenset[date]:
    return official_calendar(date(year, 1, 1), date(year, 12, 31)).holidays


def is_public_holiday(day: date) -> bool:
    """Return True when `day` is a day off of an official public holiday: from the State Council's schedule
    when the data covers the year, else estimated (fixed-date holidays and the Spring Festival week)."""
    if day.year in covered_years():
        return day in _official_holidays(day.year)
    festival = spring_festival(day.year)
    return is_fixed_holiday(day) or festival - timedelta(days=1) <= day <= festival + timedelta(days=6)


def nth_weekday(year: int, month: int, weekday: int, n: int, on_or_after: int = 1) -> date:
    """Return the n-th `weekday` (0 = Monday) of the month counted from day `on_or_after`.

    A date that falls in a public holiday (is_public_holiday) moves on by a week. Raises ValueError when
    the date would leave the month.
    """
    start = date(year, month, on_or_after)
    first = start + timedelta(days=(weekday - start.weekday()) % 7)
    day = first + timedelta(weeks=n - 1)
    while is_public_holiday(day):
        day += timedelta(weeks=1)
    if day.month != month:
        raise ValueError(f"no {n}th weekday {weekday} in {year}-{month:02d} from day {on_or_after}")
    return day


def february_standing_day(year: int) -> date:
    """Return the day of the year's first standing-committee sitting (八届十二次常委会议 in the seed).

    The first Wednesday from 15 February that is a week clear of Spring Festival (19 February 2014,
    as in the seed); when that Wednesday would fall in March, the first Tuesday–Thursday instead.
    """
    earliest = max(date(year, 2, 15), spring_festival(year) + timedelta(days=7))
    wednesday = earliest + timedelta(days=(WED - earliest.weekday()) % 7)
    if wednesday.month == 2:
        return wednesday
    day = earliest
    while day.weekday() not in (TUE, WED, THU):
        day += timedelta(days=1)
    return day
