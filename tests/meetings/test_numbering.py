"""Chinese numerals and numbered names: a table of cases, no app."""

from datetime import datetime

import pytest

from consult.meetings.numbering import (
    chinese_numeral,
    formal_label,
    formal_numbered_name,
    number_label,
    numbered_name,
    numbers_in_date_order,
    out_of_date_order,
    short_numbered_name,
    sitting_name,
)


@pytest.mark.parametrize(
    ("n", "expected"),
    [
        (1, "一"), (2, "二"), (9, "九"), (10, "十"), (11, "十一"), (12, "十二"), (19, "十九"),
        (20, "二十"), (21, "二十一"), (31, "三十一"), (99, "九十九"), (100, "一百"), (101, "一百零一"),
        (105, "一百零五"), (110, "一百一十"), (111, "一百一十一"), (120, "一百二十"), (999, "九百九十九"),
        (1000, "一千"), (1001, "一千零一"), (1010, "一千零一十"), (1100, "一千一百"), (2024, "二千零二十四"),
        (9999, "九千九百九十九"),
    ],
)
def test_chinese_numeral(n, expected):
    assert chinese_numeral(n) == expected


@pytest.mark.parametrize("n", [0, -1, 10000])
def test_chinese_numeral_out_of_range(n):
    with pytest.raises(ValueError):
        chinese_numeral(n)


@pytest.mark.parametrize(
    ("kind", "custom", "expected"),
    [
        ("plenary", "", "会议"),  # 区政协八届三次会议, not 全体委员会议
        ("standing_committee", "", "常委会议"),
        ("chair_meeting", "", "主席会议"),
        ("secretary_general_meeting", "", "秘书长会议"),
        ("special_committee", "", ""),  # not numbered unless the office gives a label
        ("street_committee", "", ""),
        ("sector_group", "", ""),
        ("special_committee", "提案委员会会议", "提案委员会会议"),
        ("standing_committee", " 常务委员会会议 ", "常务委员会会议"),
    ],
)
def test_number_label_is_never_made_up(kind, custom, expected):
    assert number_label(kind, custom) == expected


@pytest.mark.parametrize(
    ("kind", "formal", "short", "term", "number", "expected"),
    [
        ("standing_committee", "", "", 8, 15, "政协崇川区第八届委员会常务委员会第十五次会议"),
        ("chair_meeting", "", "", 8, 36, "政协崇川区第八届委员会第三十六次主席会议"),
        ("plenary", "", "", 8, 3, "政协崇川区第八届委员会第三次会议"),
        ("secretary_general_meeting", "", "", 9, 1, "政协崇川区第九届委员会第一次秘书长会议"),
        ("special_committee", "", "提案委员会会议", 8, 2, "政协崇川区第八届委员会第二次提案委员会会议"),
        (
            "special_committee", "提案委员会第×次全体会议", "提案委员会会议", 8, 4,
            "政协崇川区第八届委员会提案委员会第四次全体会议",
        ),
        ("special_committee", "", "", 8, 2, ""),  # an unnumbered organ has no formal numbered name
        ("standing_committee", "", "", 8, None, ""),  # a draft has none either
    ],
)
def test_formal_names_put_the_term_inside_the_committee_name(kind, formal, short, term, number, expected):
    pattern = formal_label(kind, formal, short)
    assert formal_numbered_name("政协崇川区", term, number, pattern) == expected


@pytest.mark.parametrize(
    ("term", "number", "label", "title", "prefix", "expected"),
    [
        (8, 31, "主席会议", "听取汇报", "", "八届三十一次主席会议：听取汇报"),
        (8, 12, "常委会议", "专题协商", "区政协", "区政协八届十二次常委会议：专题协商"),
        (8, 3, "会议", "开幕", "区政协", "区政协八届三次会议：开幕"),
        (None, None, "常委会议", "草稿", "区政协", "草稿"),
        (8, 2, "", "对口协商", "区政协", "对口协商"),
    ],
)
def test_sitting_name(term, number, label, title, prefix, expected):
    assert sitting_name(term, number, label, title, prefix) == expected


def test_short_numbered_name():
    assert numbered_name(8, 31, "主席会议") == "八届三十一次主席会议"
    assert short_numbered_name("区政协", 8, 12, "常委会议") == "区政协八届十二次常委会议"
    assert short_numbered_name("区政协", 8, None, "常委会议") == ""


def _at(day: int) -> datetime:
    return datetime(2030, 3, day, 1, 0)


@pytest.mark.parametrize(
    ("sittings", "first", "expected"),
    [
        ([], 1, {}),
        ([(10, _at(5)), (11, _at(2)), (12, _at(9))], 1, {11: 1, 10: 2, 12: 3}),  # date order, not id order
        ([(10, _at(5)), (11, _at(2))], 12, {11: 12, 10: 13}),  # after twelve sittings numbered on paper
        ([(20, _at(5)), (19, _at(5))], 1, {19: 1, 20: 2}),  # same start: the earlier id first
    ],
)
def test_numbers_in_date_order_have_no_gaps(sittings, first, expected):
    assert numbers_in_date_order(sittings, first) == expected


@pytest.mark.parametrize(
    ("number", "start", "others", "expected"),
    [
        (3, _at(10), [(1, _at(1)), (2, _at(5))], []),  # in order
        (3, _at(4), [(1, _at(1)), (2, _at(5))], [2]),  # published after 2 but earlier than it
        (1, _at(20), [(2, _at(5)), (3, _at(9))], [2, 3]),  # rescheduled past two later sittings
        (2, _at(5), [(1, _at(5))], []),  # the same start breaks nothing
    ],
)
def test_out_of_date_order(number, start, others, expected):
    assert out_of_date_order(number, start, others) == expected
