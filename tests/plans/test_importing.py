"""Reading plan rows: names of organs, forms, months, quarters and halves (pure, no app)."""

import pytest

from consult.csv_files import OrganChoice, match_organ
from consult.plans.importing import (
    FORM_ALIASES,
    SITTING_KIND_ALIASES,
    MemberRef,
    choice_lookup,
    member_lookup,
    parse_half,
    parse_month,
    parse_quarter,
    read_plan_rows,
)

ORGANS = [
    OrganChoice(1, "常务委员会", "standing_committee", "standing"),
    OrganChoice(2, "主席会议", "chair_meeting", "chair"),
    OrganChoice(3, "提案委员会", "special_committee", "proposals"),
    OrganChoice(4, "经济委员会", "special_committee", "economy"),
    OrganChoice(5, "全体委员会议", "plenary", "plenary"),
]
MEMBERS = member_lookup([MemberRef(1, "王明", "0001"), MemberRef(2, "李华", "0002"), MemberRef(3, "李华", "0003")])
FORMS = choice_lookup(FORM_ALIASES, {"general": "General consultation"})
KINDS = choice_lookup(SITTING_KIND_ALIASES)


@pytest.mark.parametrize(("text", "expected"), [("", None), ("3", 3), ("03", 3), ("3月", 3), ("12月份", 12),
                                                ("三月", 3), ("2025-07", 7)])
def test_parse_month(text, expected):
    assert parse_month(text) == expected


@pytest.mark.parametrize("text", ["0", "13", "三十月", "March"])
def test_parse_month_refuses(text):
    with pytest.raises(ValueError):
        parse_month(text)


@pytest.mark.parametrize(("text", "expected"), [("", None), ("2", 2), ("Q3", 3), ("q4", 4), ("二季度", 2),
                                                ("第一季度", 1)])
def test_parse_quarter(text, expected):
    assert parse_quarter(text) == expected


@pytest.mark.parametrize("text", ["0", "5", "Q5", "下半年"])
def test_parse_quarter_refuses(text):
    with pytest.raises(ValueError):
        parse_quarter(text)


@pytest.mark.parametrize(("text", "expected"), [("", None), ("上半年", 1), ("下半年", 2), ("H2", 2), (" 1 ", 1)])
def test_parse_half(text, expected):
    assert parse_half(text) == expected


@pytest.mark.parametrize("text", ["3", "全年", "第三季度"])
def test_parse_half_refuses(text):
    with pytest.raises(ValueError):
        parse_half(text)


@pytest.mark.parametrize(("text", "expected"), [
    ("常务委员会", 1), ("常委会", 1), ("常委", 1), ("standing_committee", 1), ("STANDING", 1), ("主席会议", 2),
    ("提案委员会", 3), ("提案", 3), ("全委会", 5), ("政协全会", 5),
])
def test_organ_names_through_the_shared_resolver(text, expected):
    organ, _ = match_organ(text, ORGANS)
    assert organ is not None and organ.id == expected


def test_a_part_of_several_names_is_ambiguous_and_a_kind_is_not_a_name():
    organ, candidates = match_organ("委员会", ORGANS)
    assert organ is None and set(candidates) == {"常务委员会", "提案委员会", "经济委员会", "全体委员会议"}
    assert match_organ("special_committee", ORGANS) == (None, [])


@pytest.mark.parametrize(("text", "form"), [
    ("重点协商", "thematic"), ("focused", "thematic"), ("协商座谈会", "symposium"), ("网络议政", "online"),
    ("视察", "inspection"), ("民主评议", "appraisal"), ("跟踪督查", "follow_up"), ("调研", "research"),
    ("全会协商", "general"),
])
def test_forms_of_every_function(text, form):
    assert FORMS["".join(text.split()).casefold()] == form


def _row(**values):
    row = {"topic": "议题", "form": "对口协商", "organ": "提案委员会", "organising_organ": "提案委员会",
           "sitting_kind": "", "month": "", "quarter": "", "half": "", "lead": "", "counterpart_department": "",
           "participating_departments": "", "expected_result": "", "report_to": "", "notes": ""}
    row.update(values)
    return row


def test_read_rows_by_identifier_or_chinese_label():
    items, problems = read_plan_rows(
        [(2, _row(form="counterpart", month="4", counterpart_department="区商务局", expected_result="专报",
                  report_to="区委、区政府")),
         (3, _row(form="专题协商", organ="常委", organising_organ="经济", quarter="2", lead="0002",
                  sitting_kind="视察")),
         (4, _row(form="General consultation", organ="常委会", lead="王明", half="下半年"))],
        ORGANS, MEMBERS, FORMS, KINDS,
    )
    assert problems == []
    assert [(i.line, i.consultation_form, i.organ_id, i.organising_organ_id, i.planned_month, i.planned_quarter,
             i.planned_half, i.lead_member_id, i.sitting_kind) for i in items] == [
        (2, "counterpart", 3, 3, 4, None, None, None, "meeting"),
        (3, "thematic", 1, 4, None, 2, None, 2, "inspection"),
        (4, "general", 1, 3, None, None, 2, 1, "meeting"),
    ]
    assert (items[0].counterpart_department, items[0].expected_result, items[0].report_to) == (
        "区商务局", "special_report", "区委、区政府")


def test_every_problem_of_every_row_is_listed():
    items, problems = read_plan_rows(
        [(2, _row(topic="", organ="不存在", form="闲聊", month="13", quarter="9", lead="张三")),
         (3, _row(lead="李华")), (4, _row(month="5", quarter="1")), (5, _row(sitting_kind="郊游")),
         (6, _row(organising_organ="")), (7, _row(half="上半年", month="9")), (8, _row(notes="坏\x00字"))],
        ORGANS, MEMBERS, FORMS, KINDS,
    )
    assert items == []
    assert [(p.line, p.message()) for p in problems] == [
        (2, "the topic is empty"),
        (2, "unknown organ “不存在”"),
        (2, "unknown consultation form “闲聊”"),
        (2, "the month “13” is not between 1 and 12"),
        (2, "the quarter “9” is not between 1 and 4"),
        (2, "unknown lead member “张三”"),
        (3, "several members are called “李华”; write the member number"),
        (4, "month 5 is not in quarter 1"),
        (5, "unknown sitting kind “郊游”"),
        (6, "the organising organ (承办) is empty: name the committee body that organises the item"),
        (7, "the month or quarter is not in the half of the year given"),
        (8, "the row holds a NUL character"),
    ]
