"""Official public holidays and make-up working days (调休) of mainland China, from a maintained package.

The State Council (国务院办公厅) publishes each year's holiday schedule, usually in November of the
year before. The data comes from the `chinesecalendar` package (import name `chinese_calendar`), which
follows those notices; a year it does not hold yet is reported (YearNotCovered), never guessed —
Spring Festival, 端午 and 中秋 move every year and the 调休 days cannot be computed.

Pure: no Flask, no database.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import chinese_calendar
from chinese_calendar import constants as _calendar

# Holidays by the package's English name, as offices call them.
HOLIDAY_NAMES_ZH = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "Mid-autumn Festival": "中秋节",
    "National Day": "国庆节",
    "Anti-Fascist 70th Day": "中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日",
}


class YearNotCovered(ValueError):
    """The holiday schedule of `years` is not in the data yet. `first` and `last` are the years it covers."""

    def __init__(self, years: tuple[int, ...], first: int, last: int):
        super().__init__(f"no official holidays for {', '.join(map(str, years))}; the data covers {first}–{last}")
        self.years = years
        self.first = first
        self.last = last


@dataclass(frozen=True)
class OfficialCalendar:
    """The official days off and make-up working days within a span of dates."""

    holidays: frozenset[date]  # 放假: days off of a public holiday, weekends inside the break included
    workdays: frozenset[date]  # 调休上班: Saturdays and Sundays that are working days


def covered_years() -> range:
    """Return the years whose official schedule the data holds (e.g. range(2004, 2027))."""
    years = {day.year for day in _calendar.holidays} | {day.year for day in _calendar.workdays}
    return range(min(years), max(years) + 1)


def uncovered_years(first: date, last: date) -> tuple[int, ...]:
    """Return the years from `first` to `last` whose official schedule the data does not hold, in order."""
    covered = covered_years()
    return tuple(year for year in range(first.year, last.year + 1) if year not in covered)


def official_calendar(first: date, last: date) -> OfficialCalendar:
    """Return the official holidays and make-up working days from `first` to `last` inclusive.

    Raises YearNotCovered when the schedule of any year of the span is not in the data yet.
    """
    missing = uncovered_years(first, last)
    if missing:
        covered = covered_years()
        raise YearNotCovered(missing, covered.start, covered.stop - 1)
    holidays = frozenset(day for day in _calendar.holidays if first <= day <= last)
    workdays = frozenset(day for day in _calendar.workdays if first <= day <= last)
    return OfficialCalendar(holidays, workdays)


def holiday_name(day: date) -> str | None:
    """Return the Chinese name of the public holiday `day` belongs to (春节, 国庆节 …), or None.

    Raises YearNotCovered for a year the data does not hold.
    """
    if day.year not in covered_years():
        covered = covered_years()
        raise YearNotCovered((day.year,), covered.start, covered.stop - 1)
    on_holiday, name = chinese_calendar.get_holiday_detail(day)
    if not on_holiday or name is None or day not in _calendar.holidays:
        return None
    return HOLIDAY_NAMES_ZH.get(name, name)


def is_working_day(day: date, holidays: frozenset[date] = frozenset(), workdays: frozenset[date] = frozenset()) -> bool:
    """Return True when `day` is a working day: Monday–Friday or a make-up working day (`workdays`), and not
    among `holidays`."""
    return (day.weekday() < 5 or day in workdays) and day not in holidays


def next_working_day(
    day: date, holidays: frozenset[date] = frozenset(), workdays: frozenset[date] = frozenset()
) -> date:
    """Return the first working day after `day` (see is_working_day)."""
    current = day + timedelta(days=1)
    while not is_working_day(current, holidays, workdays):
        current += timedelta(days=1)
    return current


def day_off(day: date) -> tuple[str, str | None] | None:
    """Return why `day` is not a working day: ("holiday", its Chinese name or None), ("weekend", None), or
    None for a working day. A year the data does not hold counts Monday–Friday as working days."""
    try:
        calendar = official_calendar(day, day)
    except YearNotCovered:
        return ("weekend", None) if day.weekday() >= 5 else None
    if day in calendar.holidays:
        return ("holiday", holiday_name(day))
    if is_working_day(day, calendar.holidays, calendar.workdays):
        return None
    return ("weekend", None)
