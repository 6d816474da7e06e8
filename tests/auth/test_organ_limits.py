"""Staff limited to some organs plan, see and export only those organs' sittings, members and plan items; another
organ's public pages open as a visitor sees them, its staff pages answer 404. The same pages show everything to
staff of every organ, so each assertion could fail."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select

from consult.auth.services import create_user
from consult.extensions import db
from consult.meetings.models import Meeting
from consult.plans.models import ConsultationPlan, PlanItem
from tests import factories

SOON = datetime(2030, 3, 20, 2, 0, tzinfo=UTC)


@pytest.fixture
def organs(app):
    factories.committee()
    ours_member = factories.member("甲委员", phone="13800000001", email="jia@example.cn")
    theirs_member = factories.member("乙委员", phone="13900000002", email="yi@example.cn")
    ours = factories.organ("special_committee", "经济委员会", slug="economy", members=[ours_member])
    theirs = factories.organ("special_committee", "文史委员会", slug="history", members=[theirs_member])
    meetings = {
        "our_draft": factories.meeting(ours, title="本机构草稿甲", status="draft", starts_at=SOON),
        "their_draft": factories.meeting(theirs, title="他机构草稿乙", status="draft", starts_at=SOON),
        "their_public": factories.meeting(theirs, title="他机构公开会议", starts_at=SOON, visibility="public",
                                          notes="NOTESECRET-THEIRS", invitees=[theirs_member]),
        "our_public": factories.meeting(ours, title="本机构公开会议", starts_at=SOON, visibility="public",
                                        notes="NOTESECRET-OURS", invitees=[ours_member]),
    }
    plan = ConsultationPlan(year=2030, is_public=False)
    db.session.add(plan)
    db.session.flush()
    for organ, topic in ((ours, "本机构计划事项"), (theirs, "他机构计划事项")):
        db.session.add(PlanItem(plan_id=plan.id, topic=topic, consultation_form="counterpart", organ_id=organ.id,
                                organising_organ_id=organ.id))
    create_user("limited", "limited-password", organ_ids=[ours.id])
    create_user("clerk", "clerk-password")
    db.session.commit()
    return {"ours": ours, "theirs": theirs, "ours_member": ours_member, "theirs_member": theirs_member, **meetings}


def _as(client, username):
    assert client.post("/login", data={"username": username, "password": f"{username}-password"}).status_code == 302
    return client


@pytest.fixture
def limited(client, organs):
    return _as(client, "limited")


@pytest.fixture
def unrestricted(client, organs):
    return _as(client, "clerk")


def _text(client, path, status=200):
    response = client.get(path)
    assert response.status_code == status, (path, response.status_code)
    return response.get_data(as_text=True)


@pytest.mark.parametrize("path", ["/", "/meetings", "/meetings/calendar?year=2030&month=3",
                                  "/meetings/publish-drafts"])
def test_sitting_lists_hold_only_their_organs(limited, organs, path):
    page = _text(limited, path)
    assert "本机构草稿甲" in page and "他机构草稿乙" not in page and "他机构公开会议" not in page


@pytest.mark.parametrize("path", ["/", "/meetings", "/meetings/calendar?year=2030&month=3",
                                  "/meetings/publish-drafts"])
def test_staff_of_every_organ_see_both(unrestricted, organs, path):
    page = _text(unrestricted, path)
    assert "本机构草稿甲" in page and "他机构草稿乙" in page


def test_another_organs_sitting_opens_as_a_visitor_sees_it(limited, organs):
    theirs = _text(limited, f"/meetings/{organs['their_public'].id}")
    assert "他机构公开会议" in theirs and "NOTESECRET-THEIRS" not in theirs
    assert f"/meetings/{organs['their_public'].id}/edit" not in theirs
    assert f"/meetings/{organs['their_public'].id}/attendance" not in theirs
    ours = _text(limited, f"/meetings/{organs['our_public'].id}")
    assert "NOTESECRET-OURS" in ours and f"/meetings/{organs['our_public'].id}/edit" in ours
    assert limited.get(f"/meetings/{organs['their_draft'].id}").status_code == 404
    assert limited.get(f"/meetings/{organs['their_draft'].id}.ics").status_code == 404
    assert limited.get(f"/meetings/{organs['our_draft'].id}.ics").status_code == 200


@pytest.mark.parametrize("suffix", ["/edit", "/attendance", "/opinions", "/opinions.csv", "/minutes", "/materials",
                                    "/notice.docx", "/signin.docx", "/table-cards", "/cancel", "/publish"])
def test_another_organs_staff_pages_answer_404(limited, organs, suffix):
    assert limited.get(f"/meetings/{organs['their_public'].id}{suffix}").status_code == 404
    assert limited.get(f"/meetings/{organs['our_public'].id}{suffix}").status_code != 404


def test_they_cannot_change_another_organs_sitting(limited, organs):
    their = organs["their_draft"]
    assert limited.post(f"/meetings/{their.id}/publish", data={"confirm_late_notice": "y"}).status_code == 404
    assert limited.post(f"/meetings/{their.id}/cancel", data={"reason": "x", "confirmed": "1"}).status_code == 404
    db.session.expire_all()
    assert db.session.get(Meeting, their.id).status == "draft"


def test_a_new_sitting_is_only_for_their_organs(limited, organs):
    form = _text(limited, "/meetings/new")
    assert "经济委员会" in form and "文史委员会" not in form
    before = db.session.scalar(select(func.count(Meeting.id)))
    response = limited.post("/meetings/new", data={
        "organ_id": organs["theirs"].id, "sitting_kind": "meeting", "consultation_form": "counterpart",
        "title": "越权新建", "date": "2030-04-02", "start_time": "09:00", "end_time": "11:00"})
    assert response.status_code in (400, 422)
    assert db.session.scalar(select(func.count(Meeting.id))) == before


def test_members_and_contact_details_only_of_their_organs(limited, organs):
    directory = _text(limited, "/members")
    assert "甲委员" in directory and "13800000001" in directory and "乙委员" not in directory
    assert "乙委员" not in _text(limited, "/members?q=13900000002")
    theirs = _text(limited, f"/members/{organs['theirs_member'].id}")
    assert "乙委员" in theirs and "13900000002" not in theirs and "yi@example.cn" not in theirs
    assert "13800000001" in _text(limited, f"/members/{organs['ours_member'].id}")
    for path in ("/members/export.csv", "/members/links.csv"):
        export = _text(limited, path)
        assert "甲委员" in export and "乙委员" not in export, path
    assert limited.get(f"/members/{organs['theirs_member'].id}/access-token").status_code == 404
    assert limited.get(f"/members/{organs['theirs_member'].id}/feed-token/confirm").status_code == 404
    assert limited.get(f"/members/{organs['ours_member'].id}/access-token").status_code == 200


def test_staff_of_every_organ_see_every_member(unrestricted, organs):
    directory = _text(unrestricted, "/members")
    assert "13800000001" in directory and "13900000002" in directory
    assert "乙委员" in _text(unrestricted, "/members/export.csv")


def test_the_roster_and_the_plan_as_a_whole_are_for_staff_of_every_organ(limited, organs):
    for path in ("/members/new", f"/members/{organs['ours_member'].id}/edit", "/members/import", "/organs/new",
                 "/plans/2030/import", "/plans/2030/adoption", "/plans/2030/items/new"):
        assert limited.get(path).status_code == 403, path
    assert limited.post("/sectors", data={"name": "新界别"}).status_code == 403
    assert limited.get("/organs/history/edit").status_code == 404
    assert limited.get("/organs/economy/edit").status_code == 200
    assert "NOTESECRET" not in _text(limited, "/organs/history")


def test_the_plan_shows_and_exports_their_items_only(limited, organs):
    for path in ("/plans/2030", "/plans/2030.csv"):
        page = _text(limited, path)
        assert "本机构计划事项" in page and "他机构计划事项" not in page, path
    theirs = db.session.scalar(select(PlanItem.id).where(PlanItem.organ_id == organs["theirs"].id))
    ours = db.session.scalar(select(PlanItem.id).where(PlanItem.organ_id == organs["ours"].id))
    assert limited.get(f"/plans/items/{theirs}/edit").status_code == 404
    assert limited.get(f"/plans/items/{ours}/edit").status_code == 200


def test_staff_of_every_organ_see_the_whole_plan(unrestricted, organs):
    page = _text(unrestricted, "/plans/2030")
    assert "本机构计划事项" in page and "他机构计划事项" in page
