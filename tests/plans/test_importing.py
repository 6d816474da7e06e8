"""Reading plan rows: names of organs, forms, months and quarters (pure, no app)."""

import pytest

from consult.plans.importing import (
    FORM_ALIASES,
    MemberRef,
    OrganRef,
    choice_lookup,
    member_lookup,
    organ_lookup,
    parse_month,
    parse_quarter,
    read_plan_rows,
)

ORGANS = organ_lookup([
    OrganRef(1, "常务委员会", "standing", "standing_committee"),
    OrganRef(2, "主席会议", "chair", "chair_meeting"),
    OrganRef(3, "提案委员会", "proposals", "special_committee"),
    OrganRef(4, "经济委员会", "economy", "special_committee"),
])
MEMBERS = member_lookup([MemberRef(1, "王明", "0001"), MemberRef(2, "李华", "0002"), MemberRef(3, "李华", "0003")])
FORMS = choice_lookup(FORM_ALIASES, {"general": "General consultation"})
KINDS = choice_lookup({"meeting": ("会议",), "inspection": ("视察",)})


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


@pytest.mark.parametrize(("text", "expected"), [("常务委员会", 1), ("常委会", 1), ("standing_committee", 1),
                                                ("STANDING", 1), ("主席会议", 2), ("提案委员会", 3)])
def test_organ_names(text, expected):
    assert ORGANS["".join(text.split()).casefold().replace("_", "")] == expected


def test_special_committee_kind_is_ambiguous_and_not_a_name():
    assert "specialcommittee" not in ORGANS


def _row(**values):
    row = {"topic": "议题", "form": "对口协商", "organ": "提案委员会", "sitting_kind": "", "month": "", "quarter": "",
           "lead": "", "responsible_department": "", "participating_departments": "", "notes": ""}
    row.update(values)
    return row


def test_read_rows_by_identifier_or_chinese_label():
    items, problems = read_plan_rows(
        [(2, _row(form="counterpart", month="4")), (3, _row(form="专题协商", organ="常委会", quarter="2",
                                                           lead="0002", sitting_kind="视察")),
         (4, _row(form="General consultation", organ="常委会", lead="王明"))],
        ORGANS, MEMBERS, FORMS, KINDS,
    )
    assert problems == []
    assert [(i.line, i.consultation_form, i.organ_id, i.planned_month, i.planned_quarter, i.lead_member_id,
             i.sitting_kind) for i in items] == [
        (2, "counterpart", 3, 4, None, None, "meeting"),
        (3, "thematic", 1, None, 2, 2, "inspection"),
        (4, "general", 1, None, None, 1, "meeting"),
    ]


def test_every_problem_of_every_row_is_listed():
    items, problems = read_plan_rows(
        [(2, _row(topic="", organ="不存在", form="闲聊", month="13", quarter="9", lead="张三")),
         (3, _row(lead="李华")), (4, _row(month="5", quarter="1")), (5, _row(sitting_kind="郊游"))],
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
    ]
