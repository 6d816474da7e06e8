"""Table tests of consult.members.roster: parsing one row, matching organs, planning an import."""

from __future__ import annotations

import pytest

from consult.members.roster import (
    MEMBER_COLUMNS,
    ExistingMember,
    MemberRecord,
    OrganChoice,
    clean_name,
    match_organ,
    parse_flag,
    parse_member_row,
    parse_role,
    plan_import,
)

ORGANS = [
    OrganChoice(1, "政协常务委员会", "standing_committee", "standing"),
    OrganChoice(2, "主席会议", "chair_meeting", "chair"),
    OrganChoice(3, "提案委员会", "special_committee", "proposals"),
    OrganChoice(4, "经济委员会", "special_committee", "economy"),
    OrganChoice(5, "文史委员会", "special_committee", "history"),
]
ALL = frozenset(MEMBER_COLUMNS)


def row(**cells) -> dict[str, str]:
    return {"name": "张三", "sector": "科技界", **cells}


@pytest.mark.parametrize(
    ("text", "organ_id", "candidates"),
    [
        ("提案委员会", 3, []),
        ("proposals", 3, []),
        ("PROPOSALS", 3, []),
        ("常委会", 1, []),
        ("主席会", 2, []),
        ("提案", 3, []),
        ("委员会", None, ["政协常务委员会", "提案委员会", "文史委员会", "经济委员会"]),
        ("教育委员会", None, []),
    ],
)
def test_match_organ(text, organ_id, candidates):
    organ, found = match_organ(text, ORGANS)
    assert (organ.id if organ else None, sorted(found)) == (organ_id, sorted(candidates))


@pytest.mark.parametrize(
    ("text", "expected"),
    [("主席", (True, "chair")), ("副主席", (True, "vice_chair")), ("Vice-Chair", (True, "vice_chair")),
     ("vice_chair", (True, "vice_chair")), ("秘书长", (True, "secretary_general")), ("", (True, None)),
     ("无", (True, None)), ("主任", (False, None))],
)
def test_parse_role(text, expected):
    assert parse_role(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("是", True), ("否", False), ("Y", True), ("n", False), ("1", True), ("0", False), ("TRUE", True),
     ("false", False), ("常委", True), ("", False), ("√", True), ("也许", None), ("2", None)],
)
def test_parse_flag(text, expected):
    assert parse_flag(text) is expected if expected is None else parse_flag(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("王  伟", "王伟"), ("王\u3000伟", "王伟"), (" 欧阳 修 ", "欧阳修"), ("John  Smith", "John Smith"),
     ("阿依古丽·买买提", "阿依古丽·买买提")],
)
def test_clean_name(text, expected):
    assert clean_name(text) == expected


def test_parse_full_row():
    record, problems = parse_member_row(
        7,
        row(organs="常委会、提案委员会| 经济", role="副主席", standing="是", phone=" 138 ", email="a@b.cn",
            member_number="008", affiliation="某公司  董事长"),
        ALL,
        ORGANS,
    )
    assert problems == []
    assert record == MemberRecord(
        line=7, name="张三", sector="科技界", present=ALL, organ_ids=frozenset({1, 3, 4}), role="vice_chair",
        is_standing=True, phone="138", email="a@b.cn", member_number="008", affiliation="某公司 董事长",
    )


@pytest.mark.parametrize(
    ("cells", "fragments"),
    [
        ({"name": ""}, ["The name is empty."]),
        ({"sector": " "}, ["The sector is empty."]),
        ({"role": "主任"}, ["Unknown role “主任”"]),
        ({"standing": "也许"}, ["Unknown standing-committee flag “也许”"]),
        ({"organs": "教育委员会"}, ["Unknown organ “教育委员会”"]),
        ({"organs": "委员会"}, ["The organ “委员会” is ambiguous"]),
        ({"email": "zhang at example"}, ["“zhang at example” is not an email address."]),
        ({"name": "名" * 51}, ["The name is longer than 50 characters."]),
        ({"phone": "1" * 31}, ["The phone is longer than 30 characters."]),
        ({"member_number": "9" * 21}, ["The member number is longer than 20 characters."]),
        ({"affiliation": "单" * 201}, ["The affiliation is longer than 200 characters."]),
        ({"name": "", "role": "主任", "organs": "无此机构"}, ["name is empty", "Unknown role", "Unknown organ"]),
    ],
)
def test_parse_row_problems(cells, fragments):
    record, problems = parse_member_row(3, row(**cells), ALL, ORGANS)
    assert record is None
    assert len(problems) == len(fragments)
    for problem, fragment in zip(problems, fragments, strict=True):
        assert problem.line == 3
        assert fragment in problem.message()


def record(line, name="张三", sector="科技界", number=None, **fields):
    return MemberRecord(line=line, name=name, sector=sector, present=ALL, member_number=number, **fields)


def existing(id_, name="张三", sector="科技界", number=None, **fields):
    values = {"role": None, "is_standing": False, "phone": "", "email": "", "affiliation": "", "organ_ids": frozenset()}
    return ExistingMember(id=id_, name=name, sector=sector, member_number=number, **{**values, **fields})


def test_plan_new_update_unchanged_and_new_sectors():
    plan = plan_import(
        [record(2, "甲", number="1"), record(3, "乙", phone="139"), record(4, "丙"), record(5, "丁", "新界别")],
        [existing(10, "甲改名前", number="1"), existing(11, "乙"), existing(12, "丙")],
        ["科技界"],
    )
    assert plan.ok
    assert [(u.member_id, u.changes) for u in plan.updates] == [(10, ("name",)), (11, ("phone",))]
    assert [r.name for r in plan.unchanged] == ["丙"]
    assert [r.name for r in plan.new] == ["丁"]
    assert plan.new_sectors == ["新界别"]


@pytest.mark.parametrize(
    ("records", "members", "fragment", "line"),
    [
        ([record(2, "甲", number="7"), record(5, "乙", number="7")], [], "already used on line 2", 5),
        ([record(2, "甲"), record(3, "甲")], [], "is already on line 2", 3),
        ([record(2, "甲", number="7"), record(4, "乙")], [existing(1, "乙", number="7")], "same member", 4),
        ([record(2, "甲")], [existing(1, "甲"), existing(2, "甲")], "Several members are called 甲", 2),
    ],
)
def test_plan_duplicates(records, members, fragment, line):
    plan = plan_import(records, members, ["科技界"])
    assert not plan.ok
    assert [(p.line, fragment in p.message()) for p in plan.problems] == [(line, True)]


def test_number_given_matches_numberless_member_by_name_and_keeps_existing_number_when_blank():
    plan = plan_import(
        [record(2, "甲", number="A1"), record(3, "乙")],
        [existing(1, "甲"), existing(2, "乙", number="B2")],
        ["科技界"],
    )
    assert [(u.member_id, u.changes) for u in plan.updates] == [(1, ("member_number",))]
    assert [r.member_number for r in plan.unchanged] == ["B2"]  # a blank number never removes one


def test_number_given_does_not_steal_another_numbered_namesake():
    plan = plan_import([record(2, "甲", number="A2")], [existing(1, "甲", number="A1")], ["科技界"])
    assert [r.member_number for r in plan.new] == ["A2"]


def test_columns_missing_from_the_file_do_not_change_members():
    partial = MemberRecord(line=2, name="甲", sector="科技界", present=frozenset({"name", "sector"}))
    plan = plan_import([partial], [existing(1, "甲", phone="138", role="chair", organ_ids=frozenset({3}))], ["科技界"])
    assert [r.name for r in plan.unchanged] == ["甲"]
