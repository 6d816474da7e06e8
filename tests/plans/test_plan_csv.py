"""The year plan as CSV: what the plan page shows, readable by the plan import, visible as the plan is."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime

import pytest

from consult.extensions import db
from consult.plans import services
from consult.plans.models import ConsultationPlan, PlanItem
from tests import factories

YEAR = 2030


@pytest.fixture
def plan_world(app):
    factories.committee(term=8)
    standing = factories.organ("standing_committee", name="常务委员会")
    proposals = factories.organ("special_committee", name="提案委员会", slug="proposals")
    lead = factories.member("周主席", role="chair")
    plan = ConsultationPlan(year=YEAR, title="", is_public=False, notes="")
    db.session.add(plan)
    db.session.flush()
    first = PlanItem(plan=plan, organ=standing, organising_organ=proposals, topic="加强科技企业创新能力建设",
                     consultation_form="thematic", planned_month=6, position=0, lead_member=lead,
                     counterpart_department="区科技局", participating_departments="区财政局、区人社局",
                     expected_result="recommendation", report_to="区委", notes="=1+1")
    second = PlanItem(plan=plan, organ=proposals, organising_organ=proposals, topic="提案办理协商",
                      consultation_form="proposal_handling", planned_half=2, position=1)
    db.session.add_all([first, second])
    db.session.flush()
    factories.meeting(standing, title="科技创新专题协商", starts_at=datetime(YEAR, 6, 10, 1, tzinfo=UTC),
                      status="draft", plan_item_id=first.id)
    db.session.commit()
    return plan


def _rows(response) -> list[list[str]]:
    assert response.status_code == 200
    body = response.get_data(as_text=True)
    assert body.startswith("\ufeff") and response.mimetype == "text/csv"
    return list(csv.reader(io.StringIO(body[1:])))


def test_staff_export_has_every_item_with_the_import_headings(plan_world, client, auth):
    auth.login()
    rows = _rows(client.get(f"/plans/{YEAR}.csv"))
    assert rows[0][:4] == ["议题", "协商形式", "机构", "承办"] and rows[0][-2:] == ["进展", "会议活动"]
    first = dict(zip(rows[0], rows[1], strict=True))
    assert first["议题"] == "加强科技企业创新能力建设"
    assert first["机构"] == "常务委员会" and first["承办"] == "提案委员会"
    assert first["月份"] == "6" and first["牵头领导"] == "周主席" and first["对口部门"] == "区科技局"
    assert first["备注"] == "'=1+1"  # a formula cell is neutralised
    assert "科技创新专题协商" in first["会议活动"]  # staff see the draft sitting
    second = dict(zip(rows[0], rows[2], strict=True))
    assert second["半年"] == "下半年" and second["议题"] == "提案办理协商"
    assert len(rows) == 3


def test_exported_file_imports_again(plan_world, client, auth):
    auth.login()
    text = client.get(f"/plans/{YEAR}.csv").get_data(as_text=True)
    preview = services.preview_plan_import(text.lstrip("\ufeff"))
    assert preview.problems == []
    assert [item.topic for item in preview.items] == ["加强科技企业创新能力建设", "提案办理协商"]
    assert preview.items[0].notes == "=1+1" and preview.items[0].planned_month == 6
    assert preview.items[1].planned_half == 2


def test_public_sees_the_csv_only_of_a_public_plan_and_no_drafts(plan_world, client):
    assert client.get(f"/plans/{YEAR}.csv").status_code == 404
    plan_world.is_public = True
    db.session.commit()
    rows = _rows(client.get(f"/plans/{YEAR}.csv"))
    assert all("科技创新专题协商" not in cell for row in rows for cell in row)
    assert client.get(f"/plans/{YEAR + 1}.csv").status_code == 404
    assert client.get("/plans/99999.csv").status_code == 404
