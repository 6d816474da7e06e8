"""What the member sees on their own page (leave and check-ins), what a reason may hold, and that the panel costs
the same number of statements however many are invited."""

from __future__ import annotations

from datetime import timedelta

from consult.extensions import db
from consult.meetings.models import Invitation
from consult.onsite.queries import leave_request_of
from consult.onsite.services import check_in
from tests import factories
from tests.onsite.conftest import START


def test_the_member_page_lists_check_ins(english, site):
    check_in(site.meeting.id, site.zhang.id, now=START - timedelta(minutes=20), by="member")
    db.session.commit()
    page = english.get(f"/my/{site.zhang.access_token}").get_data(as_text=True)
    assert "专题协商会议" in page and "Present 14:10" in page
    page = english.get(f"/my/{site.members[1].access_token}").get_data(as_text=True)
    assert "No check-ins yet." in page


def test_a_reason_is_kept_as_typed_and_shown_escaped(english, site):
    reason = '<script>alert("x")</script> 出差😀\t第二行\x07'
    english.post(f"/my/{site.zhang.access_token}/leave/{site.meeting.id}", data={"reason": reason})
    stored = leave_request_of(site.meeting.id, site.zhang.id).reason
    assert stored == '<script>alert("x")</script> 出差😀\t第二行'  # control characters removed, tabs kept
    page = english.get(f"/my/{site.zhang.access_token}").get_data(as_text=True)
    assert "&lt;script&gt;alert" in page and '<script>alert("x")' not in page
    assert english.post(f"/my/{site.zhang.access_token}/leave/{site.meeting.id}",
                        data={"reason": "a\x00b"}).status_code == 400


def test_staff_see_the_link_to_renew_a_personal_link(english, site, auth):
    auth.login()
    page = english.get(f"/members/{site.zhang.id}").get_data(as_text=True)
    assert f"/members/{site.zhang.id}/access-token" in page


def test_reopening_attendance(english, site, auth, clock):
    clock.now = START + timedelta(hours=3)
    auth.login()
    english.post(f"/meetings/{site.meeting.id}/attendance/close", data={"confirmed": "1"})
    page = english.get(f"/meetings/{site.meeting.id}/attendance").get_data(as_text=True)
    assert "Open check-in again" in page
    english.post(f"/meetings/{site.meeting.id}/attendance/reopen", data={})
    page = english.get(f"/meetings/{site.meeting.id}/attendance").get_data(as_text=True)
    assert "Close attendance" in page and "Open check-in again" not in page


def test_the_panel_costs_the_same_statements_for_more_members(english, site, auth, count_statements):
    from consult.members.models import Organ

    auth.login()
    meeting_id, organ_id = site.meeting.id, site.organ.id
    url = f"/meetings/{meeting_id}/attendance?fragment=1"
    english.get(url)
    db.session.expunge_all()  # every request starts from an empty session, as in production
    with count_statements() as few:
        english.get(url)
    organ = db.session.get(Organ, organ_id)
    for index in range(12):
        member = factories.member(f"新委员{index}")
        organ.members.append(member)
        db.session.add(Invitation(meeting_id=meeting_id, member_id=member.id))
        db.session.flush()
        check_in(meeting_id, member.id, now=START, by="member")
    db.session.commit()
    db.session.expunge_all()
    with count_statements() as many:
        english.get(url)
    assert many() == few()


def test_attendance_is_not_closed_before_the_sitting(english, site, auth, clock):
    from consult.onsite.models import AttendanceRecord
    from consult.onsite.services import onsite_for

    clock.now = START - timedelta(hours=1)
    auth.login()
    response = english.post(f"/meetings/{site.meeting.id}/attendance/close", data={"confirmed": "1"},
                            follow_redirects=True)
    assert "has not begun yet" in response.get_data(as_text=True)
    assert onsite_for(site.meeting.id).attendance_closed_at is None and db.session.query(AttendanceRecord).count() == 0
