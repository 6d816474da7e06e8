"""Dates of regular sittings: tables of cases, no app."""

from datetime import UTC, date, datetime, time, timedelta

import pytest

from consult.plans.series import (
    LAST,
    MONTHLY_DAY,
    MONTHLY_WEEKDAY,
    NEXT_WORKING_DAY,
    SKIP,
    WEEKLY,
    Recurrence,
    SeriesError,
    SeriesRule,
    generate_series,
    nth_weekday,
    parse_holidays,
    rule_dates,
)

MON, TUE, WED, THU, FRI, SAT, SUN = range(7)


def _rule(recurrence, first, last, **fields):
    values = {
        "start_time": time(9, 0),
        "duration": timedelta(hours=2),
        "time_zone": "Asia/Shanghai",
    }
    values.update(fields)
    return SeriesRule(recurrence=recurrence, first_date=first, last_date=last, **values)


def _dates(plan):
    return [s.local_date for s in plan.sittings]


@pytest.mark.parametrize(
    ("year", "month", "weekday", "ordinal", "expected"),
    [
        (2025, 1, TUE, 1, date(2025, 1, 7)),
        (2025, 4, TUE, 1, date(2025, 4, 1)),  # the 1st itself
        (2025, 4, TUE, 4, date(2025, 4, 22)),
        (2025, 4, TUE, LAST, date(2025, 4, 29)),
        (2025, 3, MON, LAST, date(2025, 3, 31)),  # the last day itself
        (2024, 2, THU, LAST, date(2024, 2, 29)),  # leap day
        (2025, 2, FRI, LAST, date(2025, 2, 28)),
        (2025, 2, SAT, LAST, date(2025, 2, 22)),
    ],
)
def test_nth_weekday(year, month, weekday, ordinal, expected):
    assert nth_weekday(year, month, weekday, ordinal) == expected


def test_weekly_starts_on_first_matching_weekday_and_includes_last_date():
    dates = [d for d, _ in rule_dates(Recurrence(WEEKLY, weekday=TUE), date(2025, 3, 5), date(2025, 3, 25))]
    assert dates == [date(2025, 3, 11), date(2025, 3, 18), date(2025, 3, 25)]


def test_every_two_weeks():
    dates = [d for d, _ in rule_dates(Recurrence(WEEKLY, interval=2, weekday=FRI), date(2025, 1, 1),
                                      date(2025, 2, 28))]
    assert dates == [date(2025, 1, 3), date(2025, 1, 17), date(2025, 1, 31), date(2025, 2, 14), date(2025, 2, 28)]


def test_first_tuesday_of_every_month_for_a_year():
    plan = generate_series(_rule(Recurrence(MONTHLY_WEEKDAY, weekday=TUE, ordinal=1), date(2025, 1, 1),
                                 date(2025, 12, 31)))
    assert len(plan.sittings) == 12
    assert _dates(plan)[:3] == [date(2025, 1, 7), date(2025, 2, 4), date(2025, 3, 4)]
    # 09:00 in Shanghai is 01:00 UTC, two hours long
    first = plan.sittings[0]
    assert first.starts_at == datetime(2025, 1, 7, 1, 0, tzinfo=UTC)
    assert first.ends_at == datetime(2025, 1, 7, 3, 0, tzinfo=UTC)


def test_last_friday_every_quarter():
    plan = generate_series(_rule(Recurrence(MONTHLY_WEEKDAY, interval=3, weekday=FRI, ordinal=LAST),
                                 date(2025, 1, 1), date(2025, 12, 31)))
    assert _dates(plan) == [date(2025, 1, 31), date(2025, 4, 25), date(2025, 7, 25), date(2025, 10, 31)]


@pytest.mark.parametrize(
    ("year", "expected_february"),
    [(2024, date(2024, 2, 29)), (2025, date(2025, 2, 28)), (2000, date(2000, 2, 29)), (2100, date(2100, 2, 28))],
)
def test_the_31st_is_clamped_at_month_end(year, expected_february):
    plan = generate_series(_rule(Recurrence(MONTHLY_DAY, day=31), date(year, 1, 1), date(year, 4, 30)))
    assert _dates(plan) == [date(year, 1, 31), expected_february, date(year, 3, 31), date(year, 4, 30)]
    assert [s.clamped for s in plan.sittings] == [False, True, False, True]


def test_the_30th_in_february_of_a_leap_year():
    plan = generate_series(_rule(Recurrence(MONTHLY_DAY, day=30), date(2024, 2, 1), date(2024, 3, 31)))
    assert _dates(plan) == [date(2024, 2, 29), date(2024, 3, 30)]


def test_monthly_day_before_first_date_is_not_included():
    plan = generate_series(_rule(Recurrence(MONTHLY_DAY, day=10), date(2025, 1, 15), date(2025, 3, 9)))
    assert _dates(plan) == [date(2025, 2, 10)]


HOLIDAYS = frozenset({date(2025, 10, d) for d in range(1, 9)})  # 国庆 1–8 October 2025


def test_holidays_dropped():
    plan = generate_series(_rule(Recurrence(MONTHLY_WEEKDAY, weekday=WED, ordinal=1), date(2025, 9, 1),
                                 date(2025, 11, 30), holidays=HOLIDAYS, on_holiday=SKIP))
    assert _dates(plan) == [date(2025, 9, 3), date(2025, 11, 5)]
    assert [(d.rule_date, d.reason) for d in plan.dropped] == [(date(2025, 10, 1), "holiday")]


def test_holidays_moved_to_next_working_day_skipping_the_weekend():
    holidays = frozenset({date(2025, 5, 1), date(2025, 5, 2), date(2025, 5, 5)})
    plan = generate_series(_rule(Recurrence(MONTHLY_DAY, day=1), date(2025, 4, 1), date(2025, 6, 30),
                                 holidays=holidays, on_holiday=NEXT_WORKING_DAY))
    # 1 June 2025 is a Sunday but not a listed holiday: only holidays move.
    assert _dates(plan) == [date(2025, 4, 1), date(2025, 5, 6), date(2025, 6, 1)]
    moved = plan.sittings[1]
    assert moved.rule_date == date(2025, 5, 1) and moved.moved
    assert not plan.sittings[0].moved


def test_moved_onto_an_existing_date_is_dropped_as_duplicate():
    # Weekly on Wednesdays; 1 and 8 October are holidays, both move to Thursday 9 October.
    plan = generate_series(_rule(Recurrence(WEEKLY, weekday=WED), date(2025, 9, 24), date(2025, 10, 15),
                                 holidays=HOLIDAYS, on_holiday=NEXT_WORKING_DAY))
    assert _dates(plan) == [date(2025, 9, 24), date(2025, 10, 9), date(2025, 10, 15)]
    assert [(d.rule_date, d.reason) for d in plan.dropped] == [(date(2025, 10, 8), "duplicate")]


def test_moved_past_the_last_date_is_dropped():
    plan = generate_series(_rule(Recurrence(WEEKLY, weekday=WED), date(2025, 9, 24), date(2025, 10, 1),
                                 holidays=HOLIDAYS, on_holiday=NEXT_WORKING_DAY))
    assert _dates(plan) == [date(2025, 9, 24)]
    assert plan.dropped[0].reason == "holiday"


def test_local_time_kept_across_daylight_saving_change():
    # London: GMT until 30 March 2025, then BST (UTC+1); 09:00 local every Monday.
    plan = generate_series(_rule(Recurrence(WEEKLY, weekday=MON), date(2025, 3, 24), date(2025, 3, 31),
                                 time_zone="Europe/London"))
    assert [s.starts_at for s in plan.sittings] == [
        datetime(2025, 3, 24, 9, 0, tzinfo=UTC),
        datetime(2025, 3, 31, 8, 0, tzinfo=UTC),
    ]
    assert all(s.ends_at - s.starts_at == timedelta(hours=2) for s in plan.sittings)


def test_time_skipped_by_the_clock_change_is_read_before_the_change():
    plan = generate_series(_rule(Recurrence(WEEKLY, weekday=SUN), date(2025, 3, 30), date(2025, 3, 30),
                                 time_zone="Europe/London", start_time=time(1, 30)))
    assert plan.sittings[0].starts_at == datetime(2025, 3, 30, 1, 30, tzinfo=UTC)


@pytest.mark.parametrize(
    ("rule", "code"),
    [
        (_rule(Recurrence(WEEKLY, weekday=MON), date(2025, 3, 4), date(2025, 3, 9)), "no_dates"),  # Tue–Sun
        (_rule(Recurrence(WEEKLY, weekday=MON), date(2025, 3, 10), date(2025, 3, 1)), "last_before_first"),
        (_rule(Recurrence(WEEKLY, weekday=MON), date(2025, 1, 1), date(2026, 3, 31)), "too_many"),  # 65 Mondays
        (_rule(Recurrence(WEEKLY, weekday=MON), date(2025, 1, 1), date(2025, 3, 1), duration=timedelta(0)),
         "bad_duration"),
        (_rule(Recurrence(WEEKLY, weekday=MON), date(2025, 1, 1), date(2025, 3, 1), duration=timedelta(days=8)),
         "bad_duration"),
        (_rule(Recurrence(WEEKLY), date(2025, 1, 1), date(2025, 3, 1)), "bad_rule"),
        (_rule(Recurrence(MONTHLY_WEEKDAY, weekday=MON, ordinal=5), date(2025, 1, 1), date(2025, 3, 1)), "bad_rule"),
        (_rule(Recurrence(MONTHLY_DAY, day=32), date(2025, 1, 1), date(2025, 3, 1)), "bad_rule"),
        (_rule(Recurrence(MONTHLY_DAY, day=5, interval=0), date(2025, 1, 1), date(2025, 3, 1)), "bad_rule"),
        # every date a holiday
        (_rule(Recurrence(MONTHLY_WEEKDAY, weekday=WED, ordinal=1), date(2025, 10, 1), date(2025, 10, 31),
               holidays=HOLIDAYS), "no_dates"),
    ],
)
def test_refused(rule, code):
    with pytest.raises(SeriesError) as caught:
        generate_series(rule)
    assert caught.value.code == code


def test_too_many_says_how_many():
    with pytest.raises(SeriesError) as caught:
        generate_series(_rule(Recurrence(WEEKLY, weekday=MON), date(2025, 1, 1), date(2026, 3, 31)))
    assert caught.value.count == 65


def test_exactly_sixty_is_allowed():
    plan = generate_series(_rule(Recurrence(WEEKLY, weekday=MON), date(2025, 1, 6),
                                 date(2025, 1, 6) + timedelta(weeks=59)))
    assert len(plan.sittings) == 60


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", frozenset()),
        ("2025-10-01", {date(2025, 10, 1)}),
        ("2025/5/1\n2025年6月2日", {date(2025, 5, 1), date(2025, 6, 2)}),
        ("2025-10-01..2025-10-03", {date(2025, 10, 1), date(2025, 10, 2), date(2025, 10, 3)}),
        ("2025-10-01 至 2025-10-02，2025-12-31", {date(2025, 10, 1), date(2025, 10, 2), date(2025, 12, 31)}),
        ("2025-10-01 - 2025-10-02", {date(2025, 10, 1), date(2025, 10, 2)}),
    ],
)
def test_parse_holidays(text, expected):
    assert parse_holidays(text) == frozenset(expected)


@pytest.mark.parametrize("text", ["十月一日", "2025-13-01", "2025-02-30", "2025-10-05..2025-10-01",
                                  "2024-01-01..2026-01-01"])
def test_parse_holidays_refuses(text):
    with pytest.raises(SeriesError) as caught:
        parse_holidays(text)
    assert caught.value.code == "bad_holiday"
