"""Destructive one-tap actions ask first, without JavaScript: marking a former member, deleting a plan item,
giving a member a new calendar address."""

from __future__ import annotations

from sqlalchemy import select

from consult.extensions import db
from consult.members.models import Member
from consult.plans.models import ConsultationPlan, PlanItem
from tests import factories


def test_marking_a_former_member_asks_first(client, auth):
    m = factories.member("张三")
    db.session.commit()
    auth.login()
    detail = client.get(f"/members/{m.id}").get_data(as_text=True)
    assert f'href="/members/{m.id}/deactivate"' in detail  # a link to the confirmation, not a one-tap form
    page = client.get(f"/members/{m.id}/deactivate")
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert "确定将张三标记为原委员" in text and 'name="confirmed" value="1"' in text
    # A post without the confirmation (an old one-tap form, a double click elsewhere) only shows the page.
    assert client.post(f"/members/{m.id}/deactivate").status_code == 200
    db.session.expire_all()
    assert db.session.get(Member, m.id).active
    assert client.post(f"/members/{m.id}/deactivate", data={"confirmed": "1"}).status_code == 302
    db.session.expire_all()
    assert not db.session.get(Member, m.id).active


def test_deleting_a_plan_item_asks_first(client, auth):
    auth.login()
    plan = ConsultationPlan(year=2030)
    organ = factories.organ("standing_committee")
    plan.items.append(PlanItem(topic="老旧小区改造", organ_id=organ.id, organising_organ_id=organ.id, position=0,
                               consultation_form="thematic"))
    db.session.add(plan)
    db.session.commit()
    item = db.session.scalars(select(PlanItem)).one()
    year_page = client.get("/plans/2030").get_data(as_text=True)
    assert "onsubmit=\"return confirm" not in year_page
    page = client.get(f"/plans/items/{item.id}/delete").get_data(as_text=True)
    assert "确定删除协商项目“老旧小区改造”" in page
    assert client.post(f"/plans/items/{item.id}/delete").status_code == 200
    assert db.session.get(PlanItem, item.id) is not None
    assert client.post(f"/plans/items/{item.id}/delete", data={"confirmed": "1"}).status_code == 302
    db.session.expire_all()
    assert db.session.get(PlanItem, item.id) is None


def test_new_calendar_address_confirmation_page(client, auth):
    m = factories.member("张三")
    db.session.commit()
    assert client.get(f"/members/{m.id}/feed-token/confirm").status_code in (302, 401, 403)
    auth.login()
    page = client.get(f"/members/{m.id}/feed-token/confirm").get_data(as_text=True)
    assert f'action="/members/{m.id}/feed-token"' in page and "原地址将立即失效" in page
    old = m.feed_token
    response = client.post(f"/members/{m.id}/feed-token", data={"confirmed": "1", "next": f"/members/{m.id}"})
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(Member, m.id).feed_token != old
