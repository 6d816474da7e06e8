"""The opinion text rules and likely duplicates, as tables of cases: no app."""

from __future__ import annotations

import pytest

from consult.opinions.text import (
    EMPTY,
    MAX_LENGTH,
    TOO_LONG,
    clean_text,
    good_submission_key,
    similar_pairs,
    text_problem,
)


@pytest.mark.parametrize(
    ("raw", "cleaned"),
    [
        ("  建议加快老旧小区改造。 \n", "建议加快老旧小区改造。"),
        ("第一条\r\n第二条\r第三条", "第一条\n第二条\n第三条"),
        ("一\t二\n三", "一\t二\n三"),
        ("a\x00b\x07c\x1bd\x7fe\u200bf", "abcdef"),
        ("<script>alert(1)</script>", "<script>alert(1)</script>"),
        ("点赞👍🏻", "点赞👍🏻"),
        (" \u3000 \n\t ", ""),
        (None, ""),
    ],
)
def test_clean_text(raw, cleaned):
    assert clean_text(raw) == cleaned


@pytest.mark.parametrize(
    ("text", "problem"),
    [("", EMPTY), ("好", None), ("字" * MAX_LENGTH, None), ("字" * (MAX_LENGTH + 1), TOO_LONG),
     ("👍" * MAX_LENGTH, None)],
)
def test_length_rule_counts_characters(text, problem):
    assert text_problem(text) == problem


def test_submission_keys():
    assert good_submission_key("abcDEF0123456789_-xy")
    assert not good_submission_key("short") and not good_submission_key("") and not good_submission_key(None)
    assert not good_submission_key("<script>alert(1)</script>xxxx")


def test_similar_pairs_on_the_same_topic_only():
    a = "建议加快推进老旧小区改造，增设电梯和停车位，改善居民生活条件。"
    b = "建议加快推进老旧小区改造，增设电梯、停车位，改善居民的生活条件！"
    c = "建议优化营商环境，压缩企业开办时间。"
    pairs = similar_pairs([(1, 10, a), (2, 10, b), (3, 10, c), (4, 11, a)])
    assert [(p.first_id, p.second_id) for p in pairs] == [(1, 2)]
    assert pairs[0].score >= 80
    assert similar_pairs([(1, 10, a), (2, 10, c)]) == []
