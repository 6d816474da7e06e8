"""The counting rules of the duty records as tables of cases: no app, no database."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from consult.records.counting import (
    NOT_RECORDED,
    LeaveFacts,
    MemberFacts,
    RecordFacts,
    Seat,
    SittingFacts,
    Tally,
    counted_sittings,
    duty_record,
    ended_not_held,
    month_totals,
    organ_totals,
    rate_text,
    sittings_per_organ,
    status_at,
)

STANDING, PLENARY, ECONOMY = 1, 2, 3
STARTS = datetime(2029, 3, 6, 1, 0, tzinfo=UTC)


def sitting(id, day=date(2029, 3, 6), status="held", organ=STANDING, kind="meeting") -> SittingFacts:
    starts = datetime(day.year, day.month, day.day, 1, 0, tzinfo=UTC)
    return SittingFacts(id=id, organ_id=organ, day=day, status=status, name=f"会议{id}", sitting_kind=kind,
                        starts_at=starts)


ON_TIME = LeaveFacts("approved", late=False, decided_at=STARTS - timedelta(days=2))
AFTER_CLOSING = True  # the record was set after attendance was closed


@pytest.mark.parametrize(("record", "leave", "expected"), [
    (RecordFacts("present"), None, ("present", False, False)),
    (RecordFacts("absent"), None, ("absent", False, False)),  # made absent by closing
    (RecordFacts("on_leave"), ON_TIME, ("on_leave", False, False)),
    # leave asked after the deadline: still leave, marked late
    (RecordFacts("on_leave"), LeaveFacts("approved", late=True, decided_at=STARTS - timedelta(days=1)),
     ("on_leave", True, False)),
    # leave approved only after the sitting (absent at closing, then the decision): leave, late, corrected
    (RecordFacts("on_leave", AFTER_CLOSING), LeaveFacts("approved", decided_at=STARTS + timedelta(days=2)),
     ("on_leave", True, True)),
    # no record yet, leave approved: on leave
    (None, ON_TIME, ("on_leave", False, False)),
    # no record, leave pending or refused: not recorded, never absent
    (None, LeaveFacts("pending"), (NOT_RECORDED, False, False)),
    (None, LeaveFacts("refused", decided_at=STARTS), (NOT_RECORDED, False, False)),
    (None, None, (NOT_RECORDED, False, False)),
    # staff corrected an absence to present after closing: counts as present, marked corrected
    (RecordFacts("present", AFTER_CLOSING, "补签"), None, ("present", False, True)),
    # a record kept although leave was approved: the record as it stands wins
    (RecordFacts("absent", AFTER_CLOSING), ON_TIME, ("absent", False, True)),
    (RecordFacts("present"), ON_TIME, ("present", False, False)),
    (RecordFacts("whatever"), None, (NOT_RECORDED, False, False)),
])
def test_status_at_a_sitting(record, leave, expected):
    assert status_at(sitting(1), record, leave) == expected


@pytest.mark.parametrize(("status", "day", "counted"), [
    ("held", date(2029, 1, 1), True),
    ("held", date(2029, 12, 31), True),
    ("held", date(2028, 12, 31), False),  # another year
    ("held", date(2030, 1, 1), False),
    ("cancelled", date(2029, 3, 6), False),
    ("postponed", date(2029, 3, 6), False),
    ("draft", date(2029, 3, 6), False),
    ("published", date(2029, 3, 6), False),  # ended but never marked held
])
def test_which_sittings_count(status, day, counted):
    assert bool(counted_sittings([sitting(1, day, status)], 2029)) is counted


def test_counted_sittings_come_in_date_order():
    found = counted_sittings([sitting(3, date(2029, 9, 1)), sitting(1, date(2029, 2, 1)), sitting(2, date(2029, 2, 1))],
                             2029)
    assert [s.id for s in found] == [1, 2, 3]


def record_of(member: MemberFacts, sittings, year=2029):
    return duty_record(member, sittings, year)


def test_a_year_of_one_member_counted_per_organ_and_in_total():
    sittings = [sitting(1), sitting(2, date(2029, 5, 6)), sitting(3, date(2029, 6, 1), organ=PLENARY),
                sitting(4, date(2029, 7, 1)), sitting(5, date(2029, 8, 1), status="cancelled"),
                sitting(6, date(2029, 9, 1))]  # never closed: no record
    member = MemberFacts(
        7, invited=frozenset({1, 2, 3, 4, 5, 6}),
        records={1: RecordFacts("present"), 2: RecordFacts("on_leave"), 3: RecordFacts("present"),
                 4: RecordFacts("absent"), 5: RecordFacts("absent")},
        leave={2: ON_TIME}, opinions=(1, 1, 3, 5), printed=(1,),
        seats=(Seat(STANDING), Seat(PLENARY)),
    )
    record = record_of(member, sittings)
    assert [line.sitting.id for line in record.lines] == [1, 2, 3, 4, 6]  # the cancelled sitting never counts
    assert record.total == Tally(sittings=5, present=2, on_leave=1, absent=1, not_recorded=1, opinions=3, printed=1)
    assert record.total.rate == pytest.approx(2 / 4)  # the sitting not recorded is left out of both sides
    assert record.tally(STANDING) == Tally(sittings=4, present=1, on_leave=1, absent=1, not_recorded=1, opinions=2,
                                           printed=1)
    assert record.tally(PLENARY) == Tally(sittings=1, present=1, opinions=1)
    assert record.tally(ECONOMY) == Tally()
    assert record.lines[-1].status == NOT_RECORDED


def test_a_member_who_joined_mid_year_counts_only_what_they_were_invited_to():
    sittings = [sitting(1, date(2029, 2, 1)), sitting(2, date(2029, 4, 1)), sitting(3, date(2029, 10, 1))]
    member = MemberFacts(8, invited=frozenset({3}), records={3: RecordFacts("present")},
                         seats=(Seat(STANDING, starts_on=date(2029, 9, 1)),))
    record = record_of(member, sittings)
    assert [line.sitting.id for line in record.lines] == [3]
    assert record.total.sittings == 1 and record.total.rate == 1.0


def test_an_organ_the_member_left_keeps_the_sittings_they_were_invited_to_while_in_it():
    sittings = [sitting(1, date(2029, 2, 1), organ=ECONOMY), sitting(2, date(2029, 11, 1), organ=ECONOMY)]
    member = MemberFacts(9, invited=frozenset({1}), records={1: RecordFacts("absent")},
                         seats=(Seat(ECONOMY, ends_on=date(2029, 6, 30)),))
    record = record_of(member, sittings)
    assert record.tally(ECONOMY) == Tally(sittings=1, absent=1)
    assert record.lines[0].seated


def test_a_record_without_an_invitation_counts_and_an_observer_is_marked():
    # staff recorded a member of the organ left off the invitations; another was invited to observe (列席)
    sittings = [sitting(1), sitting(2, date(2029, 4, 1), organ=PLENARY)]
    member = MemberFacts(10, invited=frozenset({2}), records={1: RecordFacts("present"), 2: RecordFacts("present")},
                         seats=(Seat(PLENARY),))
    record = record_of(member, sittings)
    assert [(line.sitting.id, line.seated) for line in record.lines] == [(1, False), (2, True)]


def test_opinions_at_a_sitting_the_member_was_not_invited_to_count_as_opinions_only():
    record = record_of(MemberFacts(11, opinions=(1, 1), printed=(1,)), [sitting(1)])
    assert record.lines == () and record.total == Tally(opinions=2, printed=1)
    assert record.tally(STANDING) == Tally(opinions=2, printed=1)


def test_a_year_without_sittings_gives_an_empty_record():
    record = record_of(MemberFacts(12, invited=frozenset({1})), [])
    assert record.lines == () and record.total == Tally() and record.total.rate is None


@pytest.mark.parametrize(("rate", "text"), [
    (None, "—"), (1.0, "100%"), (0.0, "0%"), (2 / 3, "66.7%"), (0.5, "50%"), (0.8333, "83.3%"), (0.99999, "100%"),
])
def test_rate_text(rate, text):
    assert rate_text(rate) == text


def test_the_rate_with_only_leave_is_zero_and_with_nothing_recorded_none():
    assert Tally(sittings=2, on_leave=2).rate == 0.0
    assert Tally(sittings=2, not_recorded=2).rate is None


def test_totals_per_organ_month_and_held_sittings():
    sittings = [sitting(1, date(2029, 3, 1)), sitting(2, date(2029, 3, 20), organ=PLENARY),
                sitting(3, date(2029, 7, 1)), sitting(4, date(2029, 7, 2), status="cancelled")]
    one = record_of(MemberFacts(1, invited=frozenset({1, 2}), records={1: RecordFacts("present")}), sittings)
    two = record_of(MemberFacts(2, invited=frozenset({1, 3}), records={1: RecordFacts("absent"),
                                                                       3: RecordFacts("on_leave")}), sittings)
    assert organ_totals([one, two]) == {STANDING: Tally(sittings=3, present=1, on_leave=1, absent=1),
                                        PLENARY: Tally(sittings=1, not_recorded=1)}
    months = month_totals([one, two])
    assert months[3] == Tally(sittings=3, present=1, absent=1, not_recorded=1)
    assert months[7] == Tally(sittings=1, on_leave=1) and months[12] == Tally()
    assert sittings_per_organ(sittings, 2029) == {STANDING: 2, PLENARY: 1}


def test_a_record_without_its_lines_counts_the_same_and_keeps_the_absences():
    sittings = [sitting(1, date(2029, 3, 1)), sitting(2, date(2029, 3, 20), organ=PLENARY),
                sitting(3, date(2029, 7, 1)), sitting(4, date(2029, 8, 1)), sitting(5, date(2029, 9, 1))]
    member = MemberFacts(
        1, invited=frozenset({1, 2, 3, 4}),
        records={1: RecordFacts("present"), 2: RecordFacts("absent"), 3: RecordFacts("present", True, "补签"),
                 5: RecordFacts("absent")},  # 5: recorded without an invitation (staff added them)
        leave={4: ON_TIME}, opinions=(1, 1, 2, 3), printed=(1,), seats=(Seat(STANDING),),
    )
    full, lean = duty_record(member, sittings, 2029), duty_record(member, sittings, 2029, all_lines=False)
    assert (lean.total, lean.by_organ, lean.by_month) == (full.total, full.by_organ, full.by_month)
    assert full.total == Tally(sittings=5, present=2, on_leave=1, absent=2, opinions=4, printed=1)
    assert full.by_month[3] == (2, 1, 0, 1, 0, 3, 1) and full.by_month[8] == (1, 0, 1, 0, 0, 0, 0)
    assert [line.sitting.id for line in full.lines] == [1, 2, 3, 4, 5]
    assert [(line.sitting.id, line.seated) for line in lean.lines] == [(2, False), (5, True)]  # absent ones only


def test_published_sittings_that_began_before_today_are_listed_as_not_held():
    sittings = [sitting(1, date(2029, 3, 1), status="published"), sitting(2, date(2029, 3, 9), status="published"),
                sitting(3, date(2029, 2, 1), status="cancelled")]
    assert [s.id for s in ended_not_held(sittings, date(2029, 3, 5))] == [1]
