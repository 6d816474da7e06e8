"""Views and permissions: public vs staff, drafts hidden, forms with bad input, conflicts, publish, cancel."""

import re
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from consult.extensions import db
from consult.meetings.models import Meeting
from tests import factories as f

FUTURE = datetime(2031, 5, 12, 1, 0, tzinfo=UTC)  # 09:00 in Shanghai


@pytest.fixture
def world(app):
    f.committee(term=8)
    sector = f.sector("中共")
    organ = f.organ("standing_committee", name="常务委员会")
    chair = f.member("王主席", sector, role="chair", is_standing=True)  # the leaders sit in the standing committee
    standing = f.member("李常委", sector, is_standing=True)
    plain = f.member("张委员", sector)
    published = f.meeting(organ, title="公开的会议", starts_at=FUTURE, status="published", term=8, number=3,
                          invitees=[chair], topics=["议题甲"], location="三楼会议室")
    draft = f.meeting(organ, title="内部草稿", starts_at=FUTURE + timedelta(days=1), status="draft")
    db.session.commit()
    return {"organ": organ, "published": published, "draft": draft, "chair": chair, "standing": standing,
            "plain": plain}


def meeting_count():
    return db.session.scalar(select(func.count(Meeting.id)))


def form_data(world, **over):
    data = {
        "organ_id": world["organ"].id,
        "sitting_kind": "meeting",
        "consultation_form": "thematic",
        "title": "加强我区科技企业创新能力建设",
        "date": "2031-06-03",
        "start_time": "14:30",
        "end_time": "17:00",
        "location": "二楼会议室",
        "topics": "议题一\n\n议题二",
        "observers": "区科技局",
        "invitee_ids": [world["chair"].id, world["standing"].id],
        "notes": "",
    }
    data.update(over)
    return data


def test_public_sees_published_not_drafts(client, world):
    for url in ("/", "/meetings", "/meetings/calendar?year=2031&month=5"):
        page = client.get(url).get_data(as_text=True)
        assert "公开的会议" in page, url
        assert "内部草稿" not in page, url
    assert client.get(f"/meetings/{world['draft'].id}").status_code == 404
    page = client.get(f"/meetings/{world['published'].id}").get_data(as_text=True)
    assert "区政协八届三次常委会议" in page
    assert "议题甲" in page and "王主席" in page


def test_staff_sees_drafts(client, auth, world):
    auth.login()
    assert "内部草稿" in client.get("/meetings").get_data(as_text=True)
    assert client.get(f"/meetings/{world['draft'].id}").status_code == 200


@pytest.mark.parametrize(
    "url",
    [
        "/meetings/new",
        "/meetings/{d}/edit",
        "/meetings/{d}/publish",
        "/meetings/{d}/cancel",
        "/meetings/{d}/reschedule",
    ],
)
def test_writing_pages_need_staff(client, world, url):
    response = client.get(url.format(d=world["draft"].id))
    assert response.status_code == 302 and "/login" in response.headers["Location"]
    response = client.post(f"/meetings/{world['published'].id}/held")
    assert response.status_code == 302


def test_meeting_page_shows_invited_and_quorum(client, world):
    page = client.get(f"/meetings/{world['published'].id}").get_data(as_text=True)
    # 应到 is the standing committee's two members although only the chair is invited; 过半数 of 2 is 2.
    assert re.search(r"(Invited \(应到\)|应到人数)</dt><dd>2</dd>", page)
    assert re.search(r"(2 present needed|须2人出席)", page)


def test_create_meeting_through_the_form(client, auth, world):
    auth.login()
    response = client.post("/meetings/new", data=form_data(world))
    assert response.status_code == 302
    meeting = db.session.scalars(select(Meeting).where(Meeting.title.like("加强%"))).one()
    assert meeting.status == "draft" and meeting.number is None
    assert meeting.starts_at == datetime(2031, 6, 3, 6, 30, tzinfo=UTC)
    assert [t.title for t in meeting.topics] == ["议题一", "议题二"]
    assert {i.member_id for i in meeting.invitations} == {world["chair"].id, world["standing"].id}


def test_new_form_defaults_invitees_from_organ(client, auth, world):
    auth.login()
    page = client.get(f"/meetings/new?organ={world['organ'].id}").get_data(as_text=True)
    assert f'value="{world["chair"].id}" checked' in page
    assert f'value="{world["standing"].id}" checked' in page
    assert f'value="{world["plain"].id}" checked' not in page


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"end_time": "13:00"}, "must end after it starts"),
        ({"end_time": "14:30"}, "0 minutes"),
        ({"end_date": "2031-06-11"}, "longer than 7 days"),
        ({"organ_id": "99999"}, "Choose an organ"),
        ({"organ_id": "abc"}, "Choose an organ"),
        ({"title": ""}, "Give the sitting a title"),
        ({"title": "长" * 2000}, "at most 200 characters"),
        ({"date": "2031-02-30"}, "date"),
    ],
)
def test_bad_input_keeps_values_and_changes_nothing(client, auth, world, changes, message):
    auth.login()
    client.get("/lang/en")
    before = meeting_count()
    response = client.post("/meetings/new", data=form_data(world, **changes))
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert message in page
    assert "二楼会议室" in page  # what was typed is kept
    assert meeting_count() == before


def test_conflicts_need_confirmation(client, auth, world):
    auth.login()
    client.get("/lang/en")
    data = form_data(world, date="2031-05-12", start_time="09:30", end_time="10:30", location="三楼 会议室")
    response = client.post("/meetings/new", data=data)
    page = response.get_data(as_text=True)
    assert response.status_code == 409
    assert "location is already booked" in page and "王主席" in page
    before = meeting_count()
    assert meeting_count() == before
    response = client.post("/meetings/new", data={**data, "confirm_conflicts": "y"})
    assert response.status_code == 302
    assert meeting_count() == before + 1


def test_publish_numbers_and_twice_is_refused(client, auth, world):
    auth.login()
    draft = world["draft"]
    response = client.post(f"/meetings/{draft.id}/publish", data={})
    assert response.status_code == 302
    db.session.expire_all()
    assert (draft.status, draft.number) == ("published", 4)
    response = client.post(f"/meetings/{draft.id}/publish", data={}, follow_redirects=True)
    assert "Only a draft" in response.get_data(as_text=True) or "只有草稿" in response.get_data(as_text=True)
    db.session.expire_all()
    assert draft.number == 4


def test_late_notice_needs_confirmation(client, auth, world, clock):
    auth.login()
    soon = f.meeting(world["organ"], title="临时会议", starts_at=clock.now + timedelta(days=1), status="draft")
    db.session.commit()
    response = client.post(f"/meetings/{soon.id}/publish", data={})
    assert response.status_code == 409
    db.session.expire_all()
    assert soon.status == "draft"
    response = client.post(f"/meetings/{soon.id}/publish", data={"confirm_late_notice": "y"})
    assert response.status_code == 302
    db.session.expire_all()
    assert soon.status == "published" and soon.late_notice_confirmed_at is not None


def test_cancel_needs_a_reason(client, auth, world):
    auth.login()
    meeting = world["published"]
    response = client.post(f"/meetings/{meeting.id}/cancel", data={"reason": "  "})
    assert response.status_code == 422
    db.session.expire_all()
    assert meeting.status == "published"
    response = client.post(f"/meetings/{meeting.id}/cancel", data={"reason": "台风预警"})
    assert response.status_code == 302
    db.session.expire_all()
    assert (meeting.status, meeting.cancel_reason) == ("cancelled", "台风预警")
    assert "台风预警" in client.get(f"/meetings/{meeting.id}").get_data(as_text=True)


def test_mark_held_before_start_is_refused(client, auth, world):
    auth.login()
    meeting = world["published"]
    client.post(f"/meetings/{meeting.id}/held")
    db.session.expire_all()
    assert meeting.status == "published"


def test_reschedule_changes_time_and_revision(client, auth, world):
    auth.login()
    meeting = world["published"]
    revision = meeting.revision
    response = client.post(
        f"/meetings/{meeting.id}/reschedule",
        data={"date": "2031-05-20", "start_time": "09:00", "end_time": "11:00", "location": "三楼会议室",
              "change_reason": "会场调整"},
    )
    assert response.status_code == 302
    db.session.expire_all()
    assert meeting.starts_at == datetime(2031, 5, 20, 1, 0, tzinfo=UTC)
    assert meeting.revision == revision + 1


def test_edit_notes_only_keeps_revision(client, auth, world):
    auth.login()
    meeting = world["draft"]
    page = client.get(f"/meetings/{meeting.id}/edit").get_data(as_text=True)
    assert "内部草稿" in page
    data = form_data(world, title="内部草稿", consultation_form="none", date="2031-05-13", start_time="09:00",
                     end_time="11:00", location="", topics="", observers="", invitee_ids=[], notes="新的备注")
    response = client.post(f"/meetings/{meeting.id}/edit", data=data)
    assert response.status_code == 302
    db.session.expire_all()
    assert (meeting.notes, meeting.revision) == ("新的备注", 0)


def test_plan_prefill(client, auth, world, monkeypatch):
    from consult.plans.models import ConsultationPlan, PlanItem

    plan = ConsultationPlan(year=2031)
    item = PlanItem(plan=plan, topic="我区经济运行情况", consultation_form="thematic", organ_id=world["organ"].id,
                    organising_organ_id=world["organ"].id,
                    counterpart_department="区发改委", participating_departments="区财政局、区统计局")
    db.session.add_all([plan, item])
    db.session.commit()
    auth.login()
    scheduled = client.get(f"/plans/items/{item.id}/schedule")
    assert scheduled.status_code == 302 and "/meetings/new?" in scheduled.headers["Location"]
    page = client.get(scheduled.headers["Location"]).get_data(as_text=True)
    assert "我区经济运行情况" in page and "区统计局" in page
    assert f'value="{item.id}"' in page
    response = client.post("/meetings/new", data=form_data(world, plan_item_id=str(item.id)))
    assert response.status_code == 302
    meeting = db.session.scalars(select(Meeting).where(Meeting.plan_item_id == item.id)).one()
    assert meeting.plan_item_id == item.id
    assert client.get("/plans/items/999999/schedule").status_code == 404


def test_calendar_navigation_and_bad_month(client, world):
    page = client.get("/meetings/calendar?year=2031&month=12").get_data(as_text=True)
    assert "year=2032" in page and "month=1" in page
    assert client.get("/meetings/calendar?year=2031&month=13").status_code == 200


def test_list_filters(client, world):
    other = f.organ("chair_meeting", name="主席会议")
    f.meeting(other, title="主席会议议题", starts_at=FUTURE, status="published")
    db.session.commit()
    page = client.get(f"/meetings?organ={other.id}").get_data(as_text=True)
    assert "主席会议议题" in page and "公开的会议" not in page
    page = client.get("/meetings?kind=inspection").get_data(as_text=True)
    assert "公开的会议" not in page
    page = client.get("/meetings?tab=past").get_data(as_text=True)
    assert "公开的会议" not in page


def test_postpone_through_the_form_keeps_the_number_and_shows_on_the_page(english, auth, world):
    auth.login()
    published = world["published"]
    refused = english.post(f"/meetings/{published.id}/postpone", data={"reason": "  "})
    assert refused.status_code == 422 and "Say why the sitting is postponed." in refused.get_data(as_text=True)
    assert english.post(f"/meetings/{published.id}/postpone", data={"reason": "因工作安排调整"}).status_code == 302
    db.session.expire_all()
    assert (published.status, published.number) == ("postponed", 3)
    page = english.get(f"/meetings/{published.id}").get_data(as_text=True)
    assert "it will not take place at the time below" in page and "因工作安排调整" in page
    feed = english.get(f"/meetings/{published.id}.ics").get_data(as_text=True)
    assert "STATUS:TENTATIVE" in feed and "【延期，时间另定】" in feed
    # a draft cannot be postponed
    response = english.post(f"/meetings/{world['draft'].id}/postpone", data={"reason": "x"}, follow_redirects=True)
    assert "Only a published sitting can be postponed." in response.get_data(as_text=True)


def test_cancel_warns_and_renumber_closes_the_gap(english, auth, world, clock):
    organ = world["organ"]
    organ.prior_sittings_in_term = 2  # 一次 and 二次 were held on paper
    later = f.meeting(organ, title="第四次", starts_at=FUTURE + timedelta(days=30), term=8, number=4)
    db.session.commit()
    auth.login()
    response = english.post(f"/meetings/{world['published'].id}/cancel", data={"reason": "改为书面征求意见"},
                            follow_redirects=True)
    assert "Later sittings of this organ are already numbered" in response.get_data(as_text=True)
    db.session.expire_all()
    assert world["published"].number == 3
    page = english.get(f"/meetings/{later.id}").get_data(as_text=True)
    assert "no longer follow their dates" not in page  # 3 (cancelled) before 4 still follows the dates
    response = english.post(f"/meetings/{later.id}/renumber", follow_redirects=True)
    assert "2 sittings were renumbered." in response.get_data(as_text=True)
    db.session.expire_all()
    assert (world["published"].number, later.number) == (None, 3)


def test_formal_name_on_the_meeting_page(client, world):
    page = client.get(f"/meetings/{world['published'].id}").get_data(as_text=True)
    assert "区政协八届三次常委会议" in page
    assert "政协崇川区第八届委员会常务委员会第三次会议" in page


def test_the_presiding_choice_proposes_the_organs_posts_and_the_chair_meeting_first(english, auth, world):
    f.organ("chair_meeting", name="主席会议", members=[world["chair"]])
    db.session.commit()
    auth.login()
    page = english.get(f"/meetings/new?organ={world['organ'].id}").get_data(as_text=True)
    proposed = page.split('label="Proposed: the organ&#39;s posts and the chair meeting"')[1].split("</optgroup>")[0]
    others = page.split('label="Other members"')[1].split("</optgroup>")[0]
    assert "王主席" in proposed and "张委员" not in proposed
    assert "张委员" in others and "王主席" not in others
