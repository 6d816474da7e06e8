"""Leave (请假): asked for on the personal page and on /m/<code>, late after the committee's deadline, approved or
refused with a word, taken by phone; the member sees the decision."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from consult.extensions import db
from consult.onsite.models import LeaveRequest
from consult.onsite.queries import leave_request_of, record_of
from tests.onsite.conftest import START, recognise


def _ask(client, site, reason, member=None):
    member = member or site.zhang
    return client.post(f"/my/{member.access_token}/leave/{site.meeting.id}", data={"reason": reason})


def test_a_member_asks_for_leave_on_their_page_and_sees_the_decision(english, site, clock, auth):
    page = english.get(f"/my/{site.zhang.access_token}").get_data(as_text=True)
    assert f"/my/{site.zhang.access_token}/leave/{site.meeting.id}" in page
    response = _ask(english, site, "  赴外地参加培训  ")
    assert response.status_code == 303
    leave = leave_request_of(site.meeting.id, site.zhang.id)
    assert leave.reason == "赴外地参加培训" and leave.status == "pending" and not leave.late
    assert "Waiting for the office" in english.get(f"/my/{site.zhang.access_token}").get_data(as_text=True)
    auth.login()
    panel = english.get(f"/meetings/{site.meeting.id}/attendance").get_data(as_text=True)
    assert "赴外地参加培训" in panel
    english.post(f"/meetings/{site.meeting.id}/leave/{site.zhang.id}/decide",
                 data={"decision": "approve", "note": "同意，会后请阅材料"})
    auth.logout()
    page = english.get(f"/my/{site.zhang.access_token}").get_data(as_text=True)
    assert "Leave approved" in page and "同意，会后请阅材料" in page
    assert record_of(site.meeting.id, site.zhang.id).status == "on_leave"


def test_a_refusal_takes_back_the_leave(english, site, clock, auth):
    _ask(english, site, "家中有事")
    auth.login()
    english.post(f"/meetings/{site.meeting.id}/leave/{site.zhang.id}/decide", data={"decision": "approve"})
    english.post(f"/meetings/{site.meeting.id}/leave/{site.zhang.id}/decide",
                 data={"decision": "refuse", "note": "本次会议需表决，请务必参加"})
    assert leave_request_of(site.meeting.id, site.zhang.id).status == "refused"
    assert record_of(site.meeting.id, site.zhang.id) is None
    response = english.post(f"/meetings/{site.meeting.id}/leave/{site.zhang.id}/decide", data={"decision": "maybe"})
    # Refused on the panel itself, with the reason (a 4xx like every form that cannot be saved).
    assert response.status_code == 400 and leave_request_of(site.meeting.id, site.zhang.id).status == "refused"
    assert "Nothing was changed" in response.get_data(as_text=True)


@pytest.mark.parametrize(
    ("now", "late"),
    [
        (datetime(2030, 3, 2, 15, 59, tzinfo=UTC), False),  # 3月2日 23:59 in Shanghai: the last day in time
        (datetime(2030, 3, 2, 16, 0, tzinfo=UTC), True),  # 3月3日 00:00: late, still accepted
    ],
)
def test_a_request_after_the_deadline_is_accepted_but_marked_late(english, site, clock, now, late):
    clock.now = now
    response = _ask(english, site, "临时出差")
    assert response.status_code == 303
    assert leave_request_of(site.meeting.id, site.zhang.id).late is late
    page = english.get(f"/my/{site.zhang.access_token}").get_data(as_text=True)
    assert ("marked late" in page) is late


def test_leave_from_the_sitting_page(english, site, clock):
    recognise(english, site.zhang)
    assert "Ask for leave" in english.get(f"/m/{site.code}").get_data(as_text=True)
    response = english.post(f"/m/{site.code}/leave", data={"reason": "身体不适"})
    assert response.status_code == 303
    assert leave_request_of(site.meeting.id, site.zhang.id).reason == "身体不适"


@pytest.mark.parametrize("reason", ["", "   ", "x" * 501])
def test_a_bad_reason_keeps_the_text_and_stores_nothing(english, site, reason):
    response = _ask(english, site, reason)
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert ("Give a reason" in page) or ("under 500 characters" in page)
    if reason.strip():
        assert reason in page
    assert db.session.query(LeaveRequest).count() == 0


def test_leave_is_refused_once_the_sitting_began_or_when_cancelled(english, site, clock):
    clock.now = START
    response = _ask(english, site, "来不及了")
    assert response.status_code == 303
    assert "The sitting has begun" in english.get(response.headers["Location"]).get_data(as_text=True)
    clock.now = START - timedelta(days=1)
    site.meeting.status = "cancelled"
    db.session.commit()
    english.get("/")
    _ask(english, site, "出差")
    assert db.session.query(LeaveRequest).count() == 0


def test_leave_for_a_sitting_one_is_not_invited_to_is_404(english, site):
    assert _ask(english, site, "出差", member=site.stranger).status_code == 404
    assert english.post(f"/my/not-a-token/leave/{site.meeting.id}", data={"reason": "x"}).status_code == 404


def test_asking_again_replaces_the_reason_and_stores_one_request(english, site):
    _ask(english, site, "出差")
    _ask(english, site, "出差（改期）")
    assert db.session.query(LeaveRequest).count() == 1
    assert leave_request_of(site.meeting.id, site.zhang.id).reason == "出差（改期）"


def test_staff_record_leave_given_by_phone(english, site, auth):
    auth.login()
    response = english.post(f"/meetings/{site.meeting.id}/leave",
                            data={"member_id": site.members[1].id, "reason": "电话请假：住院"})
    assert response.status_code == 303
    leave = leave_request_of(site.meeting.id, site.members[1].id)
    assert leave.status == "approved" and leave.taken_by == "staff"
    assert record_of(site.meeting.id, site.members[1].id).status == "on_leave"
    response = english.post(f"/meetings/{site.meeting.id}/leave", data={"member_id": site.stranger.id, "reason": "x"})
    assert response.status_code == 400 and "Choose one of the sitting's invitees" in response.get_data(as_text=True)
    response = english.post(f"/meetings/{site.meeting.id}/leave", data={"member_id": site.zhang.id, "reason": " "})
    assert response.status_code == 400 and leave_request_of(site.meeting.id, site.zhang.id) is None
