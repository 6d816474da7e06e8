"""Opening an edit form and saving it untouched changes nothing: every value the form shows is the
value it submits (organs of a member, members of an organ, invitees and topics of a sitting, a plan item)."""

from __future__ import annotations

from datetime import UTC, datetime

from werkzeug.datastructures import MultiDict

from consult.extensions import db
from consult.meetings.models import Meeting
from consult.members.models import Member, Organ
from consult.plans.models import ConsultationPlan, PlanItem
from tests import factories
from tests.browser_form import form_containing


def _save_untouched(client, url: str, marker: str):
    page = client.get(url)
    assert page.status_code == 200
    fields = form_containing(page.get_data(as_text=True), marker)
    return client.post(url, data=MultiDict(fields))


def _people():
    factories.committee(term=8)
    sector = factories.sector("科技界")
    chair = factories.member("周林勇", sector, role="chair", member_number="001")
    standing = factories.member("陈晓", sector, is_standing=True, member_number="002")
    other = factories.member("王敏", sector, member_number="003")
    return sector, chair, standing, other


def test_member_edit_keeps_organs(client, auth):
    _sector, chair, _standing, other = _people()
    economy = factories.organ("special_committee", "经济委员会", members=[other])
    factories.organ("special_committee", "提案委员会", members=[])
    db.session.commit()
    auth.login()
    response = _save_untouched(client, f"/members/{other.id}/edit", "name")
    assert response.status_code == 302
    db.session.expire_all()
    assert [o.id for o in db.session.get(Member, other.id).organs] == [economy.id]


def test_organ_edit_keeps_members(client, auth):
    _sector, chair, standing, other = _people()
    organ = factories.organ("special_committee", "经济委员会", slug="economy", members=[chair, other])
    db.session.commit()
    auth.login()
    response = _save_untouched(client, "/organs/economy/edit", "slug")
    assert response.status_code == 302
    db.session.expire_all()
    assert {m.id for m in db.session.get(Organ, organ.id).members} == {chair.id, other.id}


def test_meeting_edit_keeps_invitees_topics_and_time(client, auth):
    _sector, chair, standing, other = _people()
    organ = factories.organ("standing_committee", "常务委员会")
    meeting = factories.meeting(
        organ, title="专题协商", status="draft", invitees=[chair, other], topics=["第一议题", "第二议题"],
        starts_at=datetime(2030, 3, 4, 6, 30, tzinfo=UTC), location="三楼会议室", observers="区发改委\n区财政局",
        guests="区委领导\n区政府领导",
    )
    db.session.commit()
    before = (meeting.starts_at, meeting.ends_at, meeting.revision)
    auth.login()
    response = _save_untouched(client, f"/meetings/{meeting.id}/edit", "title")
    assert response.status_code == 302
    db.session.expire_all()
    saved = db.session.get(Meeting, meeting.id)
    assert {i.member_id for i in saved.invitations} == {chair.id, other.id}
    assert [t.title for t in saved.topics] == ["第一议题", "第二议题"]
    assert saved.observers == "区发改委\n区财政局"
    assert saved.guests == "区委领导\n区政府领导"
    assert (saved.starts_at, saved.ends_at, saved.revision) == before  # nothing a calendar sees changed


def test_plan_item_edit_keeps_everything(client, auth):
    _sector, chair, _standing, _other = _people()
    organ = factories.organ("standing_committee", "常务委员会")
    plan = ConsultationPlan(year=2030)
    organiser = factories.organ("special_committee", "科教文卫委员会")
    item = PlanItem(plan=plan, topic="加强我区科技企业创新能力建设", consultation_form="thematic", organ=organ,
                    organising_organ=organiser, planned_month=6, lead_member=chair, counterpart_department="区科技局",
                    participating_departments="区发改委\n区财政局", expected_result="recommendation",
                    report_to="区委、区政府", notes="备注")
    db.session.add_all([plan, item])
    db.session.commit()
    auth.login()
    response = _save_untouched(client, f"/plans/items/{item.id}/edit", "topic")
    assert response.status_code == 302
    db.session.expire_all()
    saved = db.session.get(PlanItem, item.id)
    assert (saved.topic, saved.consultation_form, saved.organ_id, saved.planned_month, saved.lead_member_id) == (
        "加强我区科技企业创新能力建设", "thematic", organ.id, 6, chair.id
    )
    assert (saved.participating_departments, saved.notes) == ("区发改委\n区财政局", "备注")
    assert (saved.organising_organ_id, saved.counterpart_department, saved.expected_result, saved.report_to) == (
        organiser.id, "区科技局", "recommendation", "区委、区政府")


def test_activity_edit_keeps_its_assembly(client, auth):
    _sector, chair, _standing, _other = _people()
    organ = factories.organ("chair_meeting", "主席会议")
    meeting = factories.meeting(
        organ, title="集中视察安置房建设", status="draft", invitees=[chair], topics=["实地察看"],
        starts_at=datetime(2030, 3, 5, 0, 30, tzinfo=UTC), location="观音山安置房项目", sitting_kind="inspection",
        assembly_at=datetime(2030, 3, 5, 0, 10, tzinfo=UTC), assembly_place="区行政中心北门",
    )
    db.session.commit()
    before = (meeting.assembly_at, meeting.revision)
    auth.login()
    response = _save_untouched(client, f"/meetings/{meeting.id}/edit", "title")
    assert response.status_code == 302
    db.session.expire_all()
    saved = db.session.get(Meeting, meeting.id)
    assert (saved.assembly_at, saved.revision) == before and saved.assembly_place == "区行政中心北门"
