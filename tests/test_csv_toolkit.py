"""The one CSV import toolkit (consult.csv_files) on both imports: the same organ resolver, alias table,
problems and forms; the cell 常委 finds the standing committee in a member file and in a plan file."""

from __future__ import annotations

import io

import pytest
from sqlalchemy import select

from consult import csv_files
from consult.csv_files import ORGAN_KIND_ALIASES, OrganChoice, Problem, match_organ, normalize_heading, normalize_key
from consult.extensions import db
from consult.members import roster
from consult.members.models import Member
from consult.plans import importing
from consult.plans.models import PlanItem
from tests import factories

ORGANS = [OrganChoice(1, "政协常务委员会", "standing_committee"), OrganChoice(2, "主席会议", "chair_meeting"),
          OrganChoice(3, "全体委员会议", "plenary"), OrganChoice(4, "秘书长会议", "secretary_general_meeting")]


def test_both_imports_use_the_toolkit_and_nothing_of_their_own():
    assert roster.match_organ is csv_files.match_organ and roster.Problem is csv_files.Problem
    assert importing.match_organ is csv_files.match_organ and importing.Problem is csv_files.Problem
    assert not hasattr(roster, "ORGAN_KIND_ALIASES") and not hasattr(importing, "ORGAN_KIND_ALIASES")
    assert not hasattr(importing, "RowProblem") and not hasattr(importing, "organ_lookup")


@pytest.mark.parametrize(("cell", "organ_id"), [
    ("常委", 1), ("常委会", 1), ("常务委员会", 1), ("常委会议", 1), ("主席会", 2), ("全委会", 3), ("政协全会", 3),
    ("全会", 3), ("秘书长办公会", 4), (" 常 委 ", 1),
])
def test_one_alias_table(cell, organ_id):
    organ, candidates = match_organ(cell, ORGANS)
    assert organ is not None and organ.id == organ_id and candidates == []


def test_the_key_normaliser():
    assert normalize_key(" Member_Number-Ｘ\u3000") == "membernumberｘ"
    assert normalize_heading("委员 编号*") == normalize_key("委员编号")
    assert ORGAN_KIND_ALIASES[normalize_key("常委")] == "standing_committee"


def test_problem_messages():
    assert Problem(3, "unknown organ “%(value)s”", {"value": "X"}).message() == "unknown organ “X”"
    assert Problem(3, "the topic is empty").message(lambda msgid, **p: "译:" + msgid) == "译:the topic is empty"


def _upload(client, url, text):
    return client.post(url, data={"file": (io.BytesIO(text.encode()), "file.csv")}, content_type="multipart/form-data")


def test_the_cell_changwei_finds_the_standing_committee_in_both_imports(app, client, auth):
    factories.committee()
    standing = factories.organ("standing_committee", name="政协常务委员会")
    factories.organ("chair_meeting", name="主席会议")
    db.session.commit()
    auth.login()

    members = _upload(client, "/members/import", "姓名,界别,所属机构\n王明,中共,常委\n")
    assert members.status_code == 200
    text = members.get_data(as_text=True).split('name="text"')[1].split('value="')[1].split('"')[0]
    assert client.post("/members/import/confirm", data={"text": text.replace("&#10;", "\n")}).status_code == 302
    member = db.session.scalars(select(Member).where(Member.name == "王明")).one()
    assert [o.id for o in member.organs] == [standing.id]

    plan_text = "议题,协商形式,机构,承办\n加强科技创新,专题协商,常委,常委\n"
    preview = _upload(client, "/plans/2030/import", plan_text)
    assert preview.status_code == 200
    assert client.post("/plans/2030/import/confirm", data={"text": plan_text}).status_code == 302
    item = db.session.scalars(select(PlanItem)).one()
    assert (item.organ_id, item.organising_organ_id) == (standing.id, standing.id)
