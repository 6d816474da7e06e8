"""Table tests of the pure people rules: stroke order, membership periods, posts inside organs."""

from __future__ import annotations

import zlib
from datetime import date

import pytest

from consult.members.collation import in_stroke_order, name_sort_key, strokes
from consult.members.composition import is_active_on, period_problem
from consult.members.posts import post_problems, post_rank, posts_of_kind
from consult.members.stroke_table import FIRST, build_table

# Surnames with their stroke counts (GB 13000 / Unihan kTotalStrokes): a list 按姓氏笔画 runs by these.
STROKES = {"丁": 2, "王": 4, "方": 4, "成": 6, "朱": 6, "李": 7, "张": 7, "陈": 7, "周": 8, "季": 8, "赵": 9,
           "顾": 10, "钱": 10, "徐": 10, "曹": 11, "景": 12, "管": 14, "缪": 14, "薛": 16, "瞿": 18}


@pytest.mark.parametrize("surname", list(STROKES) + ["范", "邵", "陆", "葛", "蔡"])
def test_mainland_stroke_counts(surname):
    expected = {**STROKES, "范": 8, "邵": 7, "陆": 7, "葛": 12, "蔡": 14}[surname]
    assert strokes(surname) == expected  # 阝 counts 2 and 艹 3, as in mainland dictionaries


def test_characters_without_a_count():
    assert strokes("A") is None and strokes("·") is None
    assert name_sort_key("Anna") < name_sort_key("丁一")  # names in Latin letters first


def test_stroke_table_is_built_from_the_g_source_count():
    lines = ["# comment", "U+8303\tkTotalStrokes\t8 9", "U+4E01\tkTotalStrokes\t2", "U+4E01\tkRSUnicode\t1.1"]
    table = zlib.decompress(build_table(lines))
    assert table[0x8303 - FIRST] == 8 and table[0x4E01 - FIRST] == 2 and table[0x4E00 - FIRST] == 0


def test_surnames_run_by_stroke_count_not_code_point():
    names = list(STROKES)
    ordered = in_stroke_order(sorted(names))  # code-point order in, stroke order out
    counts = [STROKES[n] for n in ordered]
    assert counts == sorted(counts), ordered
    assert sorted(names) != ordered  # code points alone would give another order


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("丁伟", "王芳"),  # 2 < 4 strokes
        ("王芳", "李明"),  # 4 < 7
        ("张三", "周林勇"),  # 7 < 8
        ("周林勇", "赵敏"),  # 8 < 9
        ("赵敏", "钱红"),  # 9 < 10
        ("钱红", "薛云玲"),  # 10 < 16
        ("成洁莉", "薛云玲"),  # the review's pair: 6 < 16
        ("王芳", "王芳芳"),  # a name before its longer form
        ("王二", "王伟"),  # same surname: the next character's strokes (2 < 6)
        ("陈晓", "周林勇"),  # 陈 7 (阝 is 2 strokes) before 周 8
        ("邵华", "林涛"),  # 邵 7 before 林 8
    ],
)
def test_stroke_order_pairs(first, second):
    assert name_sort_key(first) < name_sort_key(second)


def test_sort_key_is_hex_text_and_ignores_padding():
    key = name_sort_key("薛云玲")
    assert key and set(key) <= set("0123456789abcdef")
    assert name_sort_key(" 薛云玲 ") == key
    assert name_sort_key("") == name_sort_key("   ") == ""


@pytest.mark.parametrize(
    ("starts_on", "ends_on", "day", "active"),
    [
        (None, None, date(2030, 3, 1), True),  # a membership without dates: always
        (date(2030, 3, 1), None, date(2030, 3, 1), True),  # the first day counts
        (date(2030, 3, 2), None, date(2030, 3, 1), False),
        (None, date(2030, 3, 1), date(2030, 3, 1), True),  # the last day counts
        (None, date(2030, 2, 28), date(2030, 3, 1), False),
        (date(2029, 1, 1), date(2029, 12, 31), date(2030, 3, 1), False),
    ],
)
def test_membership_active_on(starts_on, ends_on, day, active):
    assert is_active_on(starts_on, ends_on, day) is active


@pytest.mark.parametrize(
    ("starts_on", "ends_on", "problem"),
    [
        (None, None, None),
        (date(2030, 1, 1), date(2030, 1, 1), None),
        (date(2030, 1, 2), date(2030, 1, 1), "A membership cannot end before it starts."),
        (date(9999, 1, 1), None, "Dates must lie between 1900 and 2100."),
        (None, date(1800, 1, 1), "Dates must lie between 1900 and 2100."),
    ],
)
def test_membership_period_problems(starts_on, ends_on, problem):
    assert period_problem(starts_on, ends_on) == problem


@pytest.mark.parametrize(
    ("kind", "assignments", "problems"),
    [
        ("special_committee", [(1, "director"), (2, "deputy_director"), (3, "deputy_director")], []),
        ("special_committee", [(1, "director"), (2, "director")], ["An organ has only one %(post)s."]),
        ("special_committee", [(1, "director"), (1, "deputy_director")],
         ["A member can hold only one post in an organ."]),
        ("street_committee", [(1, "director"), (2, "deputy_director")], []),
        ("sector_group", [(1, "convener"), (2, "deputy_convener")], []),
        ("sector_group", [(1, "director")], ["This organ has no such post."]),
        ("sector_group", [(1, "convener"), (2, "convener"), (2, "deputy_convener")],
         ["A member can hold only one post in an organ.", "An organ has only one %(post)s."]),
        ("plenary", [(1, "director")], ["This organ has no such post."]),
        ("plenary", [], []),
    ],
)
def test_post_problems(kind, assignments, problems):
    assert [p.msgid for p in post_problems(kind, assignments)] == problems


def test_post_ranks_put_heads_first():
    assert posts_of_kind("special_committee") == ("director", "deputy_director")
    assert posts_of_kind("sector_group") == ("convener", "deputy_convener")
    assert posts_of_kind("standing_committee") == ()
    assert post_rank("special_committee", "director") < post_rank("special_committee", "deputy_director")
    assert post_rank("special_committee", "deputy_director") < post_rank("special_committee", None)


def test_the_python_member_order_agrees_with_the_sql_one(app):
    """member_order_key (lists sorted in Python) and member_order() (lists sorted by the database) are one rule."""
    from sqlalchemy import select

    from consult.extensions import db
    from consult.members.models import Member
    from consult.members.queries import member_order, member_order_key
    from tests import factories

    sector = factories.sector("中共")
    for name, role, order in [
        ("薛云玲", "vice_chair", 2), ("成洁莉", "vice_chair", 3), ("周林勇", "chair", 1), ("丁伟", None, None),
        ("王芳", None, None), ("陈明", None, None), ("李涛", "secretary_general", 9), ("王芳", None, None),
        ("范华", None, None), ("Smith", None, None),
    ]:
        factories.member(name, sector, role=role, protocol_order=order)
    db.session.flush()
    by_sql = list(db.session.scalars(select(Member.id).order_by(*member_order())))
    members = db.session.scalars(select(Member)).all()
    by_python = [m.id for m in sorted(members, key=lambda m: member_order_key(m.role, m.protocol_order,
                                                                              m.name_sort_key, m.id))]
    assert by_python == by_sql
    assert [db.session.get(Member, i).name for i in by_sql][:3] == ["周林勇", "薛云玲", "成洁莉"]
