"""The pure rules of the minutes' content: tables of cases, no app."""

from __future__ import annotations

from datetime import datetime

import pytest

from consult.minutes.content import (
    OpinionLine,
    OpinionRow,
    attendance_order_key,
    counts_line,
    default_title,
    numbered_decisions,
    opinion_paragraph,
    opinions_in_minutes,
    time_of_day,
)


def row(id, duplicate_of=None, active=True, excluded=False) -> OpinionRow:
    return OpinionRow(id=id, topic_id=1, text=f"意见{id}", named=True, active=active, excluded=excluded,
                      duplicate_of_id=duplicate_of, member_id=1, author="甲", sector="教育界")


@pytest.mark.parametrize(("rows", "printed"), [
    ([row(1), row(2, duplicate_of=1)], [1]),  # a duplicate once
    ([row(1, excluded=True), row(2, duplicate_of=1)], [2]),  # the original left out: the repeat stands for it
    ([row(1, active=False), row(2, duplicate_of=1)], [2]),  # withdrawn original
    ([row(1), row(2, duplicate_of=1, excluded=True), row(3, active=False)], [1]),
    ([], []),
])
def test_which_opinions_are_printed(rows, printed):
    assert [r.id for r in opinions_in_minutes(rows)] == printed


@pytest.mark.parametrize(("line", "text"), [
    (OpinionLine("丁伟", "教育界", "建议。"), "丁伟（教育界）：建议。"),
    (OpinionLine("", "教育界", "建议。"), "（教育界，未署名）：建议。"),
    (OpinionLine("赵专家", "", "建议。"), "赵专家：建议。"),
    (OpinionLine("", "", "建议。"), "（未署名）：建议。"),
])
def test_opinion_paragraph(line, text):
    assert opinion_paragraph(line) == text


@pytest.mark.parametrize(("typed", "items"), [
    ("1. 同意\n2、报送\n\n（三）跟踪\n四、落实\n(5) 其他", ("同意", "报送", "跟踪", "落实", "其他")),
    ("  \n", ()),
    ("一是加强领导", ("一是加强领导",)),
])
def test_decisions_one_a_line_without_their_numbers(typed, items):
    assert numbered_decisions(typed) == items


@pytest.mark.parametrize(("numbered", "title", "expected"), [
    ("区政协八届十二次常委会议", "专题协商", "区政协八届十二次常委会议纪要"),
    ("", "特色园区建设视察", "区政协特色园区建设视察纪要"),
    ("", "区政协界别协商座谈会", "区政协界别协商座谈会纪要"),
    ("", "调研情况纪要", "区政协调研情况纪要"),
])
def test_default_title(numbered, title, expected):
    assert default_title(numbered, "区政协", title) == expected


@pytest.mark.parametrize(("hour", "word"), [(8, "上午"), (11, "上午"), (12, "下午"), (17, "下午"), (19, "晚上")])
def test_time_of_day(hour, word):
    assert time_of_day(datetime(2030, 1, 1, hour)) == word


def test_leaders_come_first_then_sectors():
    chair, member_a, member_b = (0, 1, 0, "", 1), (1, 0, 0, "丁", 5), (1, 0, 0, "王", 6)
    keys = [attendance_order_key(member_b, (1, 1)), attendance_order_key(member_a, (2, 2)),
            attendance_order_key(chair, (9, 9))]
    assert sorted(keys)[0][2] == chair and sorted(keys)[1][2] == member_b


def test_counts_line():
    assert counts_line(41, 35, 4) == "应到41人，实到35人，请假4人。"
    assert counts_line(7, 7, 0) == "应到7人，实到7人。"
