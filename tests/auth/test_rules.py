"""The account rules as tables of cases: the password rule, who stays admin, the session value, the organ scope."""

import pytest

from consult.auth.rules import admins_left, in_scope, parse_session_value, password_too_short


@pytest.mark.parametrize(("password", "short"), [
    ("", True), ("123456789", True), ("1234567890", False), ("一二三四五六七八九", True),
    ("一二三四五六七八九十", False), ("          ", False), (None, True),
])
def test_passwords_need_ten_characters(password, short):
    assert password_too_short(password) is short


@pytest.mark.parametrize(("admins", "user", "role", "active", "left"), [
    ({1}, 1, "staff", True, 0),      # the only admin demotes themself
    ({1}, 1, "admin", False, 0),     # the only admin disables themself
    ({1, 2}, 1, "staff", True, 1),   # another admin remains
    ({1}, 2, "admin", True, 2),      # a staff account becomes admin
    ({1}, 2, "staff", False, 1),     # a staff account disabled
    (set(), 3, "admin", True, 1),
])
def test_admins_left(admins, user, role, active, left):
    assert admins_left(admins, user, role=role, active=active) == left


@pytest.mark.parametrize(("value", "parsed"), [
    ("7:3", (7, 3)), ("7", None), ("", None), (None, None), ("7:", None), (":3", None), ("a:1", None),
    ("7:3:1", None), ("-1:2", None), ("1" * 13 + ":1", None), ("٣:1", None),
])
def test_session_values(value, parsed):
    assert parse_session_value(value) == parsed


@pytest.mark.parametrize(("scope", "organs", "allowed"), [
    (None, [5], True), (None, [None], True), (frozenset({1, 2}), [2], True), (frozenset({1, 2}), [3], False),
    (frozenset({1}), [3, 1], True), (frozenset({1}), [None], False), (frozenset({1}), [], False),
    (frozenset(), [1], False),
])
def test_organ_scope(scope, organs, allowed):
    assert in_scope(scope, organs) is allowed
