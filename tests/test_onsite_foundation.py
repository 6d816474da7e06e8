"""The on-site foundation: the check-in window and opinion closing rules, sitting codes, the leave deadline,
and the cookie that recognises a member on their phone (and dies when their access token changes)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from consult.extensions import db
from consult.meetings.scheduling import leave_deadline_day, leave_request_late
from consult.onsite import rules
from consult.onsite.identity import COOKIE
from consult.onsite.services import meeting_id_by_code, onsite_for
from tests import factories

SHANGHAI = ZoneInfo("Asia/Shanghai")
START = datetime(2030, 3, 4, 1, 30, tzinfo=UTC)  # 09:30 in Shanghai
END = START + timedelta(hours=2)


@pytest.mark.parametrize(
    ("now", "closed", "state"),
    [
        (START - timedelta(minutes=61), False, rules.NOT_YET),
        (START - timedelta(minutes=60), False, rules.OPEN),
        (START + timedelta(hours=1), False, rules.OPEN),
        (END, False, rules.OPEN),
        (END + timedelta(seconds=1), False, rules.CLOSED),
        (START, True, rules.CLOSED),
    ],
)
def test_checkin_window(now, closed, state):
    assert rules.checkin_state(now, START, END, closed) == state


@pytest.mark.parametrize(
    ("now", "custom", "closed_at", "open_"),
    [
        (END + timedelta(days=3), None, None, True),
        (END + timedelta(days=3, seconds=1), None, None, False),
        (END + timedelta(days=5), END + timedelta(days=7), None, True),
        (END, None, END - timedelta(minutes=1), False),
        (END, None, END + timedelta(minutes=1), True),
    ],
)
def test_opinions_stay_open_three_days_unless_staff_say_otherwise(now, custom, closed_at, open_):
    assert rules.opinions_open(now, END, custom, closed_at) is open_


@pytest.mark.parametrize(
    ("requested", "days", "late"),
    [
        (datetime(2030, 3, 2, 15, 59, tzinfo=UTC), 2, False),  # 3月2日 23:59 in Shanghai: the last day
        (datetime(2030, 3, 2, 16, 0, tzinfo=UTC), 2, True),  # 3月3日 00:00
        (START, 0, False),
        (START + timedelta(minutes=1), 0, True),
    ],
)
def test_leave_deadline(requested, days, late):
    assert leave_deadline_day(START, SHANGHAI, 2).isoformat() == "2030-03-02"
    assert leave_request_late(requested, START, SHANGHAI, days) is late


def test_codes_are_short_readable_and_unique():
    codes = {rules.new_code() for _ in range(500)}
    assert len(codes) == 500
    assert all(rules.looks_like_code(c) for c in codes)
    assert not rules.looks_like_code("0olI1234") and not rules.looks_like_code("abc")


def test_a_sitting_gets_one_code_and_is_found_by_it(app):
    organ = factories.organ("standing_committee", "常务委员会", slug="standing")
    meeting = factories.meeting(organ, title="协商会议")
    db.session.commit()
    first = onsite_for(meeting.id)
    assert onsite_for(meeting.id).code == first.code
    db.session.commit()
    assert meeting_id_by_code(first.code) == meeting.id
    assert meeting_id_by_code(first.code.upper()) == meeting.id
    assert meeting_id_by_code("zzzzzzzz") is None and meeting_id_by_code("<script>") is None


def test_the_personal_page_remembers_the_member_until_the_token_changes(app, client):
    from consult.onsite.identity import recognised_member

    member = factories.member("张明")
    db.session.commit()
    response = client.get(f"/my/{member.access_token}")
    cookie = next(c for c in response.headers.getlist("Set-Cookie") if c.startswith(COOKIE + "="))
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Max-Age=" in cookie
    assert member.access_token not in cookie
    with app.test_request_context(headers={"Cookie": cookie.split(";")[0]}):
        assert recognised_member().id == member.id
    member.access_token = "a-new-token-given-by-staff-000000000000000"
    db.session.commit()
    with app.test_request_context(headers={"Cookie": cookie.split(";")[0]}):
        assert recognised_member() is None
    with app.test_request_context(headers={"Cookie": f"{COOKIE}=forged.value"}):
        assert recognised_member() is None
