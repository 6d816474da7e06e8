"""What a notice holds, in the feeds: who attends, 列席委员, the contact and phone, how and by when to ask
for leave; set on the meeting form and the committee settings."""

from __future__ import annotations

import icalendar

from consult.extensions import db
from tests import factories


def description(client, url: str, meeting) -> str:
    calendar = icalendar.Calendar.from_ical(client.get(url).data)
    [event] = [e for e in calendar.events if str(e["UID"]) == f"{meeting.uuid}@consult"]
    return str(event["DESCRIPTION"])


def test_description_holds_attendance_contact_and_leave(client, world):
    outsider = factories.member("赵敏")  # not in the standing committee: a 列席委员
    world.sitting.invitations.append(factories.Invitation(member=outsider))
    world.sitting.contact_name = "陈静"
    world.sitting.contact_phone = "0513-85012301"
    db.session.commit()
    text = description(client, "/feeds/all.ics", world.sitting)
    assert "出席范围：常务委员会组成人员1人" in text
    assert "列席：列席委员1人" in text
    assert "联系人：陈静，电话：0513-85012301" in text
    # 14:30 on 4 March; the committee's default: two days before
    assert "因故不能参加者，请于3月2日前向联系人陈静请假。" in text
    world.committee.leave_deadline_days = 3
    db.session.commit()
    assert "请于3月1日前向联系人陈静请假" in description(client, f"/feeds/member/{world.alice.feed_token}.ics",
                                                         world.sitting)
    world.sitting.status = "held"  # no leave to ask for any more
    db.session.commit()
    assert "请假" not in description(client, "/feeds/all.ics", world.sitting)


def test_calendar_names(client, world):
    names = {
        "/feeds/all.ics": "区政协·全部会议活动",
        "/feeds/organ/standing.ics": "区政协·常务委员会",
        f"/feeds/member/{world.alice.feed_token}.ics": "区政协·我的会议活动",
    }
    for url, name in names.items():
        calendar = icalendar.Calendar.from_ical(client.get(url).data)
        assert str(calendar["X-WR-CALNAME"]) == name, url
        assert str(calendar["NAME"]) == name, url
    assert "李明" not in client.get(f"/feeds/member/{world.alice.feed_token}.ics").get_data(as_text=True)


def form_data(world, **over):
    data = {
        "organ_id": world.standing.id,
        "sitting_kind": "meeting",
        "consultation_form": "thematic",
        "title": "推进城市更新",
        "date": "2030-06-03",
        "start_time": "14:30",
        "end_time": "17:00",
        "location": "二楼会议室",
        "topics": "议题一",
        "invitee_ids": [world.alice.id],
        "contact_name": " 陈静 ",
        "contact_phone": "0513-8501 2301转8012",
    }
    data.update(over)
    return data


def test_meeting_form_keeps_the_contact_and_refuses_a_bad_phone(client, world, auth):
    from consult.meetings.models import Meeting

    auth.login()
    response = client.post("/meetings/new", data=form_data(world))
    assert response.status_code == 302, response.get_data(as_text=True)
    meeting = db.session.scalars(db.select(Meeting).where(Meeting.title == "推进城市更新")).one()
    assert (meeting.contact_name, meeting.contact_phone) == ("陈静", "0513-8501 2301转8012")
    page = client.get(f"/meetings/{meeting.id}").get_data(as_text=True)
    assert "陈静" in page and 'href="tel:0513-85012301,8012"' in page
    edit = client.get(f"/meetings/{meeting.id}/edit").get_data(as_text=True)
    assert 'value="0513-8501 2301转8012"' in edit
    for phone in ("请致电办公室", "12", "0513-8501<script>", "1" * 41):
        bad = client.post(f"/meetings/{meeting.id}/edit", data=form_data(world, contact_phone=phone))
        assert bad.status_code in (400, 422), phone
        assert "请填写电话号码" in bad.get_data(as_text=True), phone
        db.session.refresh(meeting)
        assert meeting.contact_phone == "0513-8501 2301转8012", phone
    too_long = client.post(f"/meetings/{meeting.id}/edit", data=form_data(world, contact_name="陈" * 51))
    assert too_long.status_code in (400, 422)
    db.session.refresh(meeting)
    assert meeting.contact_name == "陈静"


def test_settings_keep_the_leave_deadline_in_range(client, world, auth):
    auth.login("admin", "admin-password", role="admin")
    base = {"name": "政协崇川区委员会", "short_name": "区政协", "term": "8", "formal_suffix": "委员会",
            "time_zone": "Asia/Shanghai"}
    assert 'name="leave_deadline_days"' in client.get("/settings").get_data(as_text=True)
    for bad in ("-1", "31", "两天"):
        response = client.post("/settings", data={**base, "leave_deadline_days": bad})
        assert response.status_code == 400, bad
        db.session.refresh(world.committee)
        assert world.committee.leave_deadline_days == 2, bad
    assert client.post("/settings", data={**base, "leave_deadline_days": "0"}).status_code == 302
    db.session.refresh(world.committee)
    assert world.committee.leave_deadline_days == 0
