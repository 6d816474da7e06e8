"""Official holidays and make-up working days (调休) from the chinesecalendar package, and series over them.

The tables are the State Council's notices for 2025 and 2026 (the years the package covers at the
time of writing); a year it does not hold is reported, not guessed. Pure, no app.
"""

from __future__ import annotations

from datetime import date, time, timedelta

import pytest

from consult.plans.series import MONTHLY_DAY, NEXT_WORKING_DAY, SKIP, Recurrence, SeriesRule, generate_series
from consult.workdays import (
    YearNotCovered,
    covered_years,
    holiday_name,
    is_working_day,
    next_working_day,
    official_calendar,
    uncovered_years,
)

# (year, name, first day off, last day off, make-up working days of that holiday)
SCHEDULES = [
    (2025, "元旦", date(2025, 1, 1), date(2025, 1, 1), ()),
    (2025, "春节", date(2025, 1, 28), date(2025, 2, 4), (date(2025, 1, 26), date(2025, 2, 8))),
    (2025, "清明节", date(2025, 4, 4), date(2025, 4, 6), ()),
    (2025, "劳动节", date(2025, 5, 1), date(2025, 5, 5), (date(2025, 4, 27),)),
    (2025, "端午节", date(2025, 5, 31), date(2025, 6, 2), ()),
    (2025, "国庆节、中秋节", date(2025, 10, 1), date(2025, 10, 8), (date(2025, 9, 28), date(2025, 10, 11))),
    (2026, "元旦", date(2026, 1, 1), date(2026, 1, 3), (date(2026, 1, 4),)),
    (2026, "春节", date(2026, 2, 15), date(2026, 2, 23), (date(2026, 2, 14), date(2026, 2, 28))),
    (2026, "清明节", date(2026, 4, 4), date(2026, 4, 6), ()),
    (2026, "劳动节", date(2026, 5, 1), date(2026, 5, 5), (date(2026, 5, 9),)),
    (2026, "端午节", date(2026, 6, 19), date(2026, 6, 21), ()),
    (2026, "中秋节", date(2026, 9, 25), date(2026, 9, 27), (date(2026, 9, 20),)),
    (2026, "国庆节", date(2026, 10, 1), date(2026, 10, 7), (date(2026, 10, 10),)),
]


def _days(first: date, last: date) -> set[date]:
    return {first + timedelta(days=n) for n in range((last - first).days + 1)}


@pytest.mark.parametrize(("year", "name", "first", "last", "workdays"), SCHEDULES)
def test_each_holiday_and_its_make_up_days(year, name, first, last, workdays):
    calendar = official_calendar(date(year, 1, 1), date(year, 12, 31))
    assert _days(first, last) <= calendar.holidays
    assert first - timedelta(days=1) not in calendar.holidays or first.month == 1 and first.day == 1
    assert last + timedelta(days=1) not in calendar.holidays
    assert {holiday_name(day) for day in _days(first, last)} == set(name.split("、"))
    for day in workdays:
        assert day.weekday() >= 5 and day in calendar.workdays
        assert is_working_day(day, calendar.holidays, calendar.workdays)
    for day in _days(first, last):
        assert not is_working_day(day, calendar.holidays, calendar.workdays)


@pytest.mark.parametrize("year", [2025, 2026])
def test_the_year_has_exactly_these_holidays_and_make_up_days(year):
    calendar = official_calendar(date(year, 1, 1), date(year, 12, 31))
    rows = [row for row in SCHEDULES if row[0] == year]
    assert calendar.holidays == set().union(*(_days(first, last) for _, _, first, last, _ in rows))
    assert calendar.workdays == {day for *_, workdays in rows for day in workdays}


def test_ordinary_days():
    assert holiday_name(date(2026, 3, 10)) is None
    assert is_working_day(date(2026, 3, 10)) and not is_working_day(date(2026, 3, 14))  # a Tuesday, a Saturday


def test_a_year_not_covered_is_reported_not_guessed():
    covered = covered_years()
    assert {2025, 2026} <= set(covered)
    beyond = covered.stop  # the first year the package does not hold
    assert uncovered_years(date(beyond - 1, 6, 1), date(beyond, 6, 1)) == (beyond,)
    with pytest.raises(YearNotCovered) as error:
        official_calendar(date(beyond - 1, 12, 1), date(beyond, 1, 31))
    assert error.value.years == (beyond,) and (error.value.first, error.value.last) == (covered.start, beyond - 1)
    with pytest.raises(YearNotCovered):
        holiday_name(date(beyond, 10, 1))


def test_next_working_day_counts_a_make_up_sunday():
    calendar = official_calendar(date(2026, 1, 1), date(2026, 1, 31))
    # 2 January 2026 (Friday) is off, 3 January (Saturday) too; Sunday 4 January is a working day.
    assert next_working_day(date(2026, 1, 2), calendar.holidays, calendar.workdays) == date(2026, 1, 4)
    # without the make-up days the next working day would be Monday
    assert next_working_day(date(2026, 1, 2), calendar.holidays) == date(2026, 1, 5)


def _rule(day: int, on_holiday: str) -> SeriesRule:
    calendar = official_calendar(date(2026, 1, 1), date(2026, 12, 31))
    return SeriesRule(Recurrence(MONTHLY_DAY, day=day), date(2026, 1, 1), date(2026, 12, 31), time(9, 0),
                      timedelta(hours=2), "Asia/Shanghai", calendar.holidays, on_holiday, calendar.workdays)


def test_series_skips_official_holidays():
    plan = generate_series(_rule(1, SKIP))
    dates = [s.local_date for s in plan.sittings]
    # 1 January, 1 May and 1 October 2026 are holidays; 1 February, 1 March and 1 November are Sundays,
    # 1 August a Saturday — a monthly-day rule keeps those (only holidays are left out).
    assert date(2026, 1, 1) not in dates and date(2026, 5, 1) not in dates and date(2026, 10, 1) not in dates
    assert [d.rule_date for d in plan.dropped] == [date(2026, 1, 1), date(2026, 5, 1), date(2026, 10, 1)]


def test_series_moves_holidays_onto_working_days_including_make_up_days():
    plan = generate_series(_rule(2, NEXT_WORKING_DAY))
    moved = {s.rule_date: s.local_date for s in plan.sittings if s.moved}
    assert moved == {
        date(2026, 1, 2): date(2026, 1, 4),  # onto the make-up Sunday
        date(2026, 5, 2): date(2026, 5, 6),  # 2–5 May off: Wednesday 6 May
        date(2026, 10, 2): date(2026, 10, 8),  # National Day week: Thursday 8 October
    }
