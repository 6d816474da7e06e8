"""The pure rules of the page: which filter values mean what, which are refused, and how changes read."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from consult.audit.filters import AuditFilter, page_number, read_filters
from consult.audit.presentation import EMPTY, Words, changes_line, field_changes, value_text

SHANGHAI = ZoneInfo("Asia/Shanghai")
TYPES = ("meeting", "member", "attendance")
KINDS = ("user", "member", "system", "anonymous")


@pytest.mark.parametrize(("args", "criteria", "problems"), [
    ({}, AuditFilter(), ()),
    ({"by": "user"}, AuditFilter(actor_kind="user"), ()),
    ({"by": "member:12"}, AuditFilter(actor_kind="member", actor_id=12), ()),
    ({"by": "robot"}, AuditFilter(), ("by",)),
    ({"by": "user:0"}, AuditFilter(), ("by",)),
    ({"by": "user:99999999999"}, AuditFilter(), ("by",)),
    ({"by": "user:３"}, AuditFilter(), ("by",)),
    ({"who": "  王  主席 "}, AuditFilter(actor_text="王 主席"), ()),
    ({"type": "meeting"}, AuditFilter(subject_type="meeting"), ()),
    ({"type": "spaceship"}, AuditFilter(), ("type",)),
    ({"action": "meeting.publish"}, AuditFilter(action="meeting.publish"), ()),
    ({"action": "user.password_reset"}, AuditFilter(action="user.password_reset"), ()),  # unlabelled yet: allowed
    ({"action": "DROP TABLE"}, AuditFilter(), ("action",)),
    ({"action": "meeting"}, AuditFilter(), ("action",)),
    ({"subject": "42"}, AuditFilter(subject_id=42), ()),
    ({"subject": "2147483648"}, AuditFilter(), ("subject",)),
    ({"subject": "-1"}, AuditFilter(), ("subject",)),
    ({"subject": "4.2"}, AuditFilter(), ("subject",)),
    ({"sitting": "7"}, AuditFilter(meeting_id=7), ()),
    ({"sitting": "七"}, AuditFilter(), ("sitting",)),
    ({"from": "2030-03-01"}, AuditFilter(since=datetime(2030, 2, 28, 16, tzinfo=UTC), first_day=date(2030, 3, 1)), ()),
    ({"to": "2030-03-01"}, AuditFilter(until=datetime(2030, 3, 1, 16, tzinfo=UTC), last_day=date(2030, 3, 1)), ()),
    ({"from": "2030-02-30"}, AuditFilter(), ("from",)),
    ({"from": "1899-12-31"}, AuditFilter(), ("from",)),
    ({"to": "20300301"}, AuditFilter(), ("to",)),
    ({"from": "2030-03-02", "to": "2030-03-01"}, AuditFilter(), ("range",)),
    ({"q": "长" * 150}, AuditFilter(text="长" * 100), ()),
    ({"q": " 老旧\t小区 "}, AuditFilter(text="老旧 小区"), ()),
    ({"type": "x", "subject": "y", "from": "z"}, AuditFilter(), ("type", "subject", "from")),
])
def test_filters_of_the_query_string(args, criteria, problems):
    read = read_filters(args, SHANGHAI, TYPES, KINDS)
    assert (read.criteria, read.problems) == (criteria, problems)


@pytest.mark.parametrize(("value", "pages", "expected"), [
    (None, 3, 1), ("", 3, 1), ("2", 3, 2), ("3", 3, 3), ("4", 3, 3), ("0", 3, 1), ("-2", 3, 1), ("abc", 3, 1),
    ("9" * 40, 3, 1), ("２", 3, 1), ("1", 0, 1),
])
def test_page_numbers_stay_within_the_pages(value, pages, expected):
    assert page_number(value, pages) == expected


WORDS = Words(
    fields={"title": "标题", "status": "状态", "topics": "议程", "starts_at": "开始时间", "seats": "职务和任职日期"},
    values={"meeting.status": {"published": "已发布", "cancelled": "已取消"}, "visibility": {"public": "公开"}},
    yes="是", no="否", moment=lambda m: m.astimezone(SHANGHAI).strftime("%Y-%m-%d %H:%M"),
)


@pytest.mark.parametrize(("value", "field", "kind", "expected"), [
    (None, "title", "meeting", EMPTY),
    ("", "title", "meeting", EMPTY),
    ([], "topics", "meeting", EMPTY),
    (True, "active", "member", "是"),
    (False, "active", "member", "否"),
    ("2030-03-01T02:00:00+00:00", "starts_at", "meeting", "2030-03-01 10:00"),
    ("2030-03-01", "starts_on", "organ", "2030-03-01"),
    ("published", "status", "meeting", "已发布"),
    ("published", "status", "attendance", "published"),  # another kind's statuses are not mixed in
    ("public", "visibility", "material", "公开"),
    (["甲", "乙"], "topics", "meeting", "甲、乙"),
    ({"张委员": {"post": None}}, "seats", "organ", "张委员：post：—"),
    (12, "number", "meeting", "12"),
])
def test_values_in_words(value, field, kind, expected):
    assert value_text(value, field, kind, WORDS) == expected


def test_changes_read_with_their_labels_and_lists_as_what_left_and_joined():
    rows = field_changes("meeting", {"status": "published", "topics": ["甲", "乙"], "new_field": 1},
                         {"status": "cancelled", "topics": ["乙", "丙"], "new_field": 2}, WORDS)
    assert [(r.label, r.before, r.after) for r in rows] == [
        ("状态", "已发布", "已取消"), ("议程", "甲、乙", "乙、丙"), ("new_field", "1", "2")]
    assert (rows[1].removed, rows[1].added) == (("甲",), ("丙",))
    assert changes_line(rows) == "状态：已发布 → 已取消；议程：－甲 ＋丙；new_field：1 → 2"
    created = field_changes("meeting", None, {"title": "新会议", "topics": ["甲"]}, WORDS)
    assert changes_line(created, created=True) == "标题：新会议；议程：甲"
    removed = field_changes("material", {"title": "旧材料"}, None, WORDS)
    assert changes_line(removed, removed=True) == "标题：旧材料"
