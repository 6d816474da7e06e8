"""Scheduling logic: tables of cases, no app."""

from datetime import UTC, datetime, timedelta

import pytest

from consult.meetings.scheduling import (
    END_BEFORE_START,
    LEADERSHIP,
    TOO_LONG,
    ZERO_LENGTH,
    PeriodError,
    SittingSlot,
    attendance,
    check_period,
    find_conflicts,
    invited_by_default,
    normalise_location,
    notice_shortfall,
    overlaps,
    period_problem,
    quorum_needed,
    quorum_reached,
    split_invitees,
)

T = datetime(2030, 3, 4, 9, 0, tzinfo=UTC)
H = timedelta(hours=1)


@pytest.mark.parametrize(
    ("start", "end", "problem"),
    [
        (T, T + H, None),
        (T, T + timedelta(minutes=1), None),
        (T, T + timedelta(days=7), None),
        (T, T + timedelta(days=7, minutes=1), TOO_LONG),
        (T, T, ZERO_LENGTH),
        (T, T - timedelta(minutes=1), END_BEFORE_START),
    ],
)
def test_period_problem(start, end, problem):
    assert period_problem(start, end) == problem
    if problem:
        with pytest.raises(PeriodError) as err:
            check_period(start, end)
        assert err.value.code == problem
    else:
        assert check_period(start, end) is None


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ((0, 2), (1, 3), True),
        ((0, 2), (2, 3), False),  # touching ends do not overlap
        ((2, 3), (0, 2), False),
        ((0, 4), (1, 2), True),  # one inside the other
        ((1, 2), (0, 4), True),
        ((0, 1), (3, 4), False),
        ((0, 2), (0, 2), True),
    ],
)
def test_overlaps(a, b, expected):
    assert overlaps(T + a[0] * H, T + a[1] * H, T + b[0] * H, T + b[1] * H) is expected


@pytest.mark.parametrize(
    ("raw", "normal"),
    [("三楼  会议室", "三楼会议室"), (" Room\tA ", "rooma"), ("", ""), ("ROOM a", "rooma"), ("三楼３０１", "三楼301")],
)
def test_normalise_location(raw, normal):
    assert normalise_location(raw) == normal


def slot(mid, start, end, location="", invitees=()):
    return SittingSlot(mid, f"会议{mid}", T + start * H, T + end * H, location, frozenset(invitees))


@pytest.mark.parametrize(
    ("candidate", "others", "expected"),
    [
        (slot(None, 0, 2, "A", {1, 2}), [slot(5, 1, 3, "B", {2, 3})], [("invitee", 5, {2})]),
        (slot(None, 0, 2, "Room A", {1}), [slot(5, 1, 3, " room  a", {9})], [("location", 5, set())]),
        (slot(None, 0, 2, "A", {1}), [slot(5, 1, 3, "A", {1})], [("invitee", 5, {1}), ("location", 5, set())]),
        (slot(None, 0, 2, "", {1}), [slot(5, 1, 3, "", {2})], []),  # empty location never conflicts
        (slot(None, 0, 2, "A", {1}), [slot(5, 2, 3, "A", {1})], []),  # back to back
        (slot(5, 0, 2, "A", {1}), [slot(5, 0, 2, "A", {1})], []),  # itself
        (
            slot(None, 0, 5, "A", {1}),
            [slot(7, 3, 4, "A"), slot(6, 1, 2, "", {1})],
            [("invitee", 6, {1}), ("location", 7, set())],  # ordered by the other sitting's start
        ),
    ],
)
def test_find_conflicts(candidate, others, expected):
    found = find_conflicts(candidate, others)
    assert [(c.kind, c.meeting_id, set(c.member_ids)) for c in found] == expected
    for conflict in found:
        assert conflict.title == f"会议{conflict.meeting_id}"


@pytest.mark.parametrize(
    ("invited", "rule", "needed"),
    [
        (40, "more_than_half", 21),
        (41, "more_than_half", 21),
        (1, "more_than_half", 1),
        (0, "more_than_half", 0),
        (30, "two_thirds", 20),
        (31, "two_thirds", 21),
        (3, "two_thirds", 2),
        (40, "none", 0),
    ],
)
def test_quorum_needed(invited, rule, needed):
    assert quorum_needed(invited, rule) == needed


@pytest.mark.parametrize(("invited", "rule"), [(10, "most"), (-1, "none")])
def test_quorum_needed_refuses_nonsense(invited, rule):
    with pytest.raises(ValueError):
        quorum_needed(invited, rule)


def test_quorum_reached():
    assert quorum_reached(21, 40, "more_than_half")
    assert not quorum_reached(20, 40, "more_than_half")


@pytest.mark.parametrize(
    ("before", "days", "short"),
    [
        (timedelta(days=7), 7, False),
        (timedelta(days=7) - timedelta(seconds=1), 7, True),
        (timedelta(days=3, hours=1), 3, False),
        (timedelta(days=2), 3, True),
        (-H, 3, True),  # already begun
        (-H, 0, False),  # no notice needed
    ],
)
def test_notice_shortfall(before, days, short):
    assert notice_shortfall(T, T - before, days) is short


@pytest.mark.parametrize(
    ("organ_kind", "role", "is_standing", "in_organ", "invited"),
    [
        ("plenary", None, False, False, True),
        ("standing_committee", "vice_chair", False, False, True),
        ("standing_committee", None, True, False, True),
        ("standing_committee", None, False, True, False),
        ("chair_meeting", "secretary_general", False, False, True),
        ("chair_meeting", None, True, True, False),
        ("special_committee", None, False, True, True),
        ("special_committee", "chair", True, False, False),
        ("sector_group", None, False, True, True),
    ],
)
def test_invited_by_default(organ_kind, role, is_standing, in_organ, invited):
    assert invited_by_default(organ_kind, role, is_standing, in_organ) is invited


def test_leadership_roles_agree_with_the_model():
    from consult.members.models import LEADERSHIP_ROLES

    assert set(LEADERSHIP_ROLES) == LEADERSHIP


# --- 应到 from the organ's composition, 列席委员 apart -------------------------------------------------


@pytest.mark.parametrize(
    ("composition", "invitees", "rule", "expected", "observers", "quorum"),
    [
        # 41 常委, all invited: 应到 41, 过半数 21.
        (range(1, 42), range(1, 42), "more_than_half", 41, (), 21),
        # Staff untick two 常委: 应到 stays 41 and the quorum with it.
        (range(1, 42), range(1, 40), "more_than_half", 41, (), 21),
        # A 专委会主任 who is not a 常委 is invited: 列席委员, not counted.
        (range(1, 42), [*range(1, 42), 100], "more_than_half", 41, (100,), 21),
        # The plenary: two thirds of 154 is 103.
        (range(1, 155), range(1, 155), "two_thirds", 154, (), 103),
        # Invitees only from outside (a sector consultation of a group with no members recorded).
        ((), (7, 5), "more_than_half", 0, (7, 5), 0),
        ((1, 2, 3), (3, 9, 9, 8), "none", 3, (9, 8), 0),  # duplicates once, in the given order
    ],
)
def test_attendance_counts_the_composition(composition, invitees, rule, expected, observers, quorum):
    counted = attendance(composition, invitees, rule)
    assert counted.expected == expected
    assert counted.observer_ids == observers
    assert counted.quorum == quorum


def test_split_invitees_keeps_the_composition_order():
    assert split_invitees([5, 3, 1], [1, 2, 3]) == ((5, 3, 1), (2,))


def test_attendance_refuses_an_unknown_rule():
    with pytest.raises(ValueError):
        attendance([1], [1], "most")
