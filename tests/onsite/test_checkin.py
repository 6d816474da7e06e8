"""The sitting's page /m/<code> on a phone: check-in, "who are you" with the phone digits and its lock, "not me",
and every refusal (not open yet, closed, cancelled, draft, not invited, twice, rotated link)."""

from __future__ import annotations

from datetime import timedelta

from consult.committee import get_committee
from consult.extensions import db
from consult.onsite.models import AttendanceRecord, IdentifyFailure
from consult.onsite.queries import record_of
from consult.onsite.services import check_in, onsite_for
from tests.onsite.conftest import END, START, recognise


def _checkin(client, code):
    return client.post(f"/m/{code}/checkin", data={"csrf_token": "x"}, follow_redirects=True)


def test_the_sitting_page_shows_the_agenda_and_checks_a_recognised_member_in(client, site, clock):
    recognise(client, site.zhang)
    clock.now = START - timedelta(minutes=30)
    page = client.get(f"/m/{site.code}").get_data(as_text=True)
    assert "加强科技企业创新能力建设" in page and "优化营商环境" in page and "机关三楼会议室" in page
    assert "张明" in page and "签到" in page and "<script>" not in page
    version = get_committee().data_version
    response = _checkin(client, site.code)
    assert response.status_code == 200
    assert "14:00" in response.get_data(as_text=True)
    record = record_of(site.meeting.id, site.zhang.id)
    assert record.status == "present" and record.checked_in_at == clock.now and record.recorded_by == "member"
    db.session.expire_all()
    assert get_committee().data_version == version  # check-ins never make feeds rebuild


def test_checking_in_twice_answers_the_first_time_and_changes_nothing(english, site, clock):
    recognise(english, site.zhang)
    clock.now = START - timedelta(minutes=30)
    _checkin(english, site.code)
    clock.now = START + timedelta(minutes=10)
    page = _checkin(english, site.code).get_data(as_text=True)
    assert "You already checked in at 14:00; nothing has changed." in page
    assert db.session.query(AttendanceRecord).count() == 1
    assert record_of(site.meeting.id, site.zhang.id).checked_in_at == START - timedelta(minutes=30)


def test_two_phones_checking_in_at_once_store_one_record_and_keep_the_first_time(app, site):
    first, new = check_in(site.meeting.id, site.zhang.id, now=START - timedelta(minutes=5), by="member")
    db.session.commit()
    assert new
    # The second request read no record before the first committed: its insert meets the unique constraint,
    # stores nothing, and the rest of its transaction goes on.
    second, new = check_in(site.meeting.id, site.zhang.id, now=START, by="member", record=None)
    site.meeting.location = "机关四楼会议室"
    db.session.commit()
    assert not new and second.id == first.id
    assert db.session.query(AttendanceRecord).count() == 1
    assert record_of(site.meeting.id, site.zhang.id).checked_in_at == START - timedelta(minutes=5)
    db.session.expire_all()
    assert site.meeting.location == "机关四楼会议室"


def test_check_in_is_refused_before_the_window_and_after_it(english, site, clock):
    recognise(english, site.zhang)
    clock.now = START - timedelta(minutes=61)
    page = _checkin(english, site.code).get_data(as_text=True)
    assert "Check-in opens at 13:30" in page
    clock.now = END + timedelta(minutes=1)
    page = _checkin(english, site.code).get_data(as_text=True)
    assert "Check-in for this sitting is closed" in page
    assert db.session.query(AttendanceRecord).count() == 0


def test_closed_attendance_refuses_check_in(english, site, clock):
    recognise(english, site.zhang)
    clock.now = START
    onsite_for(site.meeting.id).attendance_closed_at = START
    db.session.commit()
    assert "Check-in for this sitting is closed" in _checkin(english, site.code).get_data(as_text=True)
    assert db.session.query(AttendanceRecord).count() == 0


def test_cancelled_postponed_and_draft_sittings_say_so(english, site, clock):
    recognise(english, site.zhang)
    clock.now = START
    site.meeting.status = "cancelled"
    db.session.commit()
    assert "has been cancelled" in english.get(f"/m/{site.code}").get_data(as_text=True)
    assert "has been cancelled: there is no check-in" in _checkin(english, site.code).get_data(as_text=True)
    site.meeting.status = "postponed"
    db.session.commit()
    assert "has been postponed" in _checkin(english, site.code).get_data(as_text=True)
    site.meeting.status = "draft"
    db.session.commit()
    page = english.get(f"/m/{site.code}").get_data(as_text=True)
    assert "not published yet" in page and "加强科技企业" not in page
    assert "not published yet" in _checkin(english, site.code).get_data(as_text=True)
    assert db.session.query(AttendanceRecord).count() == 0


def test_a_member_not_invited_is_told_so(english, site, clock):
    recognise(english, site.stranger)
    clock.now = START
    page = english.get(f"/m/{site.code}").get_data(as_text=True)
    assert "路人 is not on the list of invitees" in page
    assert "路人 is not on the list of invitees" in _checkin(english, site.code).get_data(as_text=True)
    assert db.session.query(AttendanceRecord).count() == 0


def test_an_observer_member_may_check_in(client, site, clock):
    recognise(client, site.observer)
    clock.now = START
    _checkin(client, site.code)
    assert record_of(site.meeting.id, site.observer.id).status == "present"


def test_unknown_codes_answer_404(client, site):
    assert client.get("/m/zzzzzzzz").status_code == 404
    assert client.get("/m/<script>").status_code == 404
    assert client.post("/m/zzzzzzzz/checkin").status_code == 404
    assert client.get(f"/m/{site.code.upper()}").status_code == 200


def test_a_rotated_personal_link_forgets_the_phone(english, site, clock, auth):
    recognise(english, site.zhang)
    clock.now = START
    auth.login()
    confirm = english.post(f"/members/{site.zhang.id}/access-token", data={})
    assert confirm.status_code == 200 and "new personal link" in confirm.get_data(as_text=True)
    old = site.zhang.access_token
    english.post(f"/members/{site.zhang.id}/access-token", data={"confirmed": "1"})
    db.session.expire_all()
    assert site.zhang.access_token != old
    assert english.get(f"/my/{old}").status_code == 404
    auth.logout()
    page = _checkin(english, site.code).get_data(as_text=True)
    assert "Tell us who you are first" in page
    assert db.session.query(AttendanceRecord).count() == 0


def test_rotating_the_link_is_for_staff_only(client, site):
    response = client.post(f"/members/{site.zhang.id}/access-token", data={"confirmed": "1"})
    assert response.status_code == 302 and "/login" in response.headers["Location"]


# --- who are you -------------------------------------------------------------------------------------


def _identify(client, code, member_id, digits, **extra):
    return client.post(f"/m/{code}/identify", data={"member_id": member_id, "phone_digits": digits, **extra})


def test_identify_by_name_and_phone_digits_then_check_in(english, site, clock):
    clock.now = START
    page = english.get(f"/m/{site.code}/identify").get_data(as_text=True)
    assert "王芳" in page and "陈列" in page and "路人" not in page
    response = _identify(english, site.code, site.members[2].id, "3333")
    assert response.status_code == 303 and response.headers["Location"].endswith(f"/m/{site.code}")
    _checkin(english, site.code)
    assert record_of(site.meeting.id, site.members[2].id).status == "present"


def test_wrong_digits_keep_the_name_and_count(english, site, clock):
    clock.now = START
    response = _identify(english, site.code, site.zhang.id, "0000")
    page = response.get_data(as_text=True)
    assert response.status_code == 400 and "These digits do not match" in page
    assert f'value="{site.zhang.id}" selected' in page
    assert db.session.query(IdentifyFailure).count() == 2  # the member and the address
    for typed in ("", "56789", "５６７８", "abcd"):
        response = _identify(english, site.code, site.zhang.id, typed)
        assert response.status_code == 400


def test_a_non_invitee_cannot_identify(english, site, clock):
    clock.now = START
    response = _identify(english, site.code, site.stranger.id, "9999")
    assert response.status_code == 400 and "only the sitting's invitees" in response.get_data(as_text=True)
    assert _identify(english, site.code, "x", "9999").status_code == 400
    assert _identify(english, site.code, 99999999999999, "9999").status_code == 400


def test_five_wrong_tries_lock_the_member_for_fifteen_minutes(english, site, clock):
    clock.now = START
    for _ in range(5):
        assert _identify(english, site.code, site.zhang.id, "0000").status_code == 400
    response = _identify(english, site.code, site.zhang.id, "5678")  # right, but locked
    assert response.status_code == 429
    assert "Too many wrong tries. You can try again after 14:45" in response.get_data(as_text=True)
    assert _identify(english, site.code, site.members[1].id, "1111").status_code == 303  # others are not locked
    clock.now = START + timedelta(minutes=15)
    assert _identify(english, site.code, site.zhang.id, "5678").status_code == 303


def test_twenty_wrong_tries_lock_the_address(english, site, clock):
    clock.now = START
    for index in range(20):
        member = site.members[index % 4]
        assert _identify(english, site.code, member.id, "0000").status_code == 400
    assert _identify(english, site.code, site.observer.id, "7777").status_code == 429


def test_the_lock_is_in_the_database_shared_by_every_server(app, site, clock):
    from consult.onsite.attendance import TRIES_PER_MEMBER, locked_until
    from consult.onsite.queries import recent_failures
    from consult.onsite.services import record_identify_failure

    key = f"member:{site.zhang.id}"
    for _ in range(TRIES_PER_MEMBER):
        record_identify_failure([key], now=START)
    db.session.commit()
    db.session.remove()  # another request, another server: only the database remembers
    assert locked_until(recent_failures(key, START), START, TRIES_PER_MEMBER) == START + timedelta(minutes=15)
    assert locked_until(recent_failures(key, START + timedelta(minutes=15)), START + timedelta(minutes=15),
                        TRIES_PER_MEMBER) is None


def test_not_me_forgets_the_phone(english, site, clock):
    recognise(english, site.zhang)
    clock.now = START
    response = english.post(f"/m/{site.code}/not-me", data={})
    assert response.status_code == 303 and "/identify" in response.headers["Location"]
    page = english.get(f"/m/{site.code}").get_data(as_text=True)
    assert "张明" not in page and "I am an invitee" in page


def test_the_page_is_in_chinese_by_default(client, site, clock):
    recognise(client, site.zhang)
    clock.now = START - timedelta(minutes=90)
    page = client.get(f"/m/{site.code}").get_data(as_text=True)
    assert "签到" in page and "Check-in opens" not in page
