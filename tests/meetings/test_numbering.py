"""Chinese numerals and numbered names: a table of cases, no app."""

import pytest

from consult.meetings.numbering import chinese_numeral, full_numbered_name, next_number, numbered_name


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


def test_numbered_names_in_the_committees_style():
    assert numbered_name(8, 31, "主席会议") == "八届三十一次主席会议"
    assert full_numbered_name("区政协", 8, 12, "常委会议") == "区政协八届十二次常委会议"


def test_next_number_never_reuses():
    assert next_number([]) == 1
    assert next_number([1, 2, 3]) == 4
    assert next_number({1, 2, 5}) == 6  # 3 and 4 may be gone, but are never given again
