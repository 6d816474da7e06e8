"""The pure rules of what an entry keeps: JSON-able values, masked secrets, only the fields that changed."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from consult.audit.changes import HIDDEN, clean, diff, dumps, jsonable, list_change, loads, masked

SHANGHAI = timezone(timedelta(hours=8))


@pytest.mark.parametrize(("value", "expected"), [
    (None, None),
    (True, True),
    (12, 12),
    ("八届十二次", "八届十二次"),
    (datetime(2030, 3, 1, 10, 0, tzinfo=SHANGHAI), "2030-03-01T02:00:00+00:00"),
    (datetime(2030, 3, 1, 10, 0, 30, 123, tzinfo=UTC), "2030-03-01T10:00:30+00:00"),
    (date(2030, 3, 1), "2030-03-01"),
    ({"b", "a"}, ["a", "b"]),
    (("x", 1), ["x", 1]),
    ({"term": 8}, {"term": 8}),
    (object, str(object)),
])
def test_values_become_json(value, expected):
    assert jsonable(value) == expected


@pytest.mark.parametrize(("field", "value", "expected"), [
    ("password", "s3cret-password", HIDDEN),
    ("password_hash", "scrypt:32768:8:1$abc", HIDDEN),
    ("new_password", "whatever", HIDDEN),
    ("api_secret", "x", HIDDEN),
    ("feed_token", "AbCdEfGhIjKlMnOpQrStUv", "…StUv"),
    ("access_token", "0123456789abcdef", "…cdef"),
    ("token", "short", HIDDEN),  # too short to show any of it
    ("submission_key", "k" * 30, "…kkkk"),
    ("feed_token", None, None),
    ("feed_token", "", ""),
    ("title", "关于加强科技创新的专题协商", "关于加强科技创新的专题协商"),
    ("tokenizer", "not a token", "not a token"),
    ("sha256", "ab" * 32, "ab" * 32),
])
def test_secrets_are_masked(field, value, expected):
    assert masked(field, value) == expected


@pytest.mark.parametrize(("before", "after", "expected"), [
    ({"title": "a", "location": "x"}, {"title": "b", "location": "x"}, ({"title": "a"}, {"title": "b"})),
    ({"title": "a"}, {"title": "a"}, ({}, {})),
    ({}, {"number": 12}, ({"number": None}, {"number": 12})),
    ({"number": 12}, {}, ({"number": 12}, {"number": None})),
    ({"topics": ["一", "二"]}, {"topics": ["二", "一"]}, ({"topics": ["一", "二"]}, {"topics": ["二", "一"]})),
    ({"feed_token": "A" * 20 + "tail"}, {"feed_token": "B" * 20 + "tail"},
     ({"feed_token": "…tail"}, {"feed_token": "…tail"})),  # a new token is a change even when the tails agree
    ({"password_hash": "old"}, {"password_hash": "new"}, ({"password_hash": HIDDEN}, {"password_hash": HIDDEN})),
    ({"starts_at": datetime(2030, 3, 1, 2, tzinfo=UTC)}, {"starts_at": datetime(2030, 3, 1, 10, tzinfo=SHANGHAI)},
     ({}, {})),  # the same instant written in two zones
])
def test_diff_keeps_only_what_changed(before, after, expected):
    assert diff(before, after) == expected


def test_clean_and_json_round_trip_keep_chinese_readable():
    values = clean({"title": "关于“城市更新”的协商", "starts_at": datetime(2030, 3, 1, 2, tzinfo=UTC),
                    "token": "x" * 40})
    text = dumps(values)
    assert "关于“城市更新”的协商" in text and "x" * 40 not in text
    assert loads(text) == values
    assert dumps(None) is None and loads(None) is None and loads("{not json") is None


@pytest.mark.parametrize(("before", "after", "expected"), [
    (["王", "李"], ["李", "张"], (["王"], ["张"])),
    (None, ["李"], ([], ["李"])),
    (["李"], None, (["李"], [])),
    (None, None, None),
    ("a", ["b"], None),
    (3, 4, None),
])
def test_list_changes_name_who_left_and_who_joined(before, after, expected):
    assert list_change(before, after) == expected
