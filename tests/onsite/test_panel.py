"""The staff's attendance panel: counts and quorum (a member who joined mid-way, a 列席委员 outside the count),
check-in by hand, corrections, closing attendance, table cards, staff-only pages and the 现场 links."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import update

from consult.committee import get_committee
from consult.extensions import db
from consult.members.models import organ_member
from consult.onsite.attendance import tally
from consult.onsite.models import AttendanceRecord
from consult.onsite.queries import record_of, records_of
from consult.onsite.services import check_in, onsite_for
from tests import factories
from tests.onsite.conftest import START


@pytest.mark.parametrize(
    ("statuses", "present", "on_leave", "waiting", "reached"),
    [
        ({}, 0, 0, 4, False),
        ({1: "present", 2: "present"}, 2, 0, 2, False),
        ({1: "present", 2: "present", 3: "present"}, 3, 0, 1, True),  # 过半数 of 4 is 3
        ({1: "present", 2: "present", 9: "present", 3: "on_leave"}, 2, 1, 1, False),  # 9 is a 列席委员
    ],
)
def test_tally(statuses, present, on_leave, waiting, reached):
    counted = tally([1, 2, 3, 4], [1, 2, 3, 4, 9], statuses, "more_than_half")
    assert (counted.expected, counted.present, counted.on_leave) == (4, present, on_leave)
    assert len(counted.waiting) == waiting
    assert counted.quorum == 3 and counted.quorum_reached is reached and counted.observer_ids == (9,)


def test_the_panel_counts_and_the_quorum(english, site, auth, clock):
    clock.now = START
    for member in (site.members[0], site.members[1], site.observer):
        check_in(site.meeting.id, member.id, now=START, by="member")
    db.session.commit()
    auth.login()
    page = english.get(f"/meetings/{site.meeting.id}/attendance").get_data(as_text=True)
    assert "Quorum not reached: 2 present, 3 needed." in page  # the 列席委员 does not count
    assert "陈列" in page and "not counted for the quorum" in page
    assert 'src="/static/js/attendance-panel.js"' in page and "<script>" not in page
    fragment = english.get(f"/meetings/{site.meeting.id}/attendance?fragment=1").get_data(as_text=True)
    assert "<html" not in fragment and "Quorum not reached" in fragment
    english.post(f"/meetings/{site.meeting.id}/attendance/{site.members[2].id}", data={"status": "present"})
    fragment = english.get(f"/meetings/{site.meeting.id}/attendance?fragment=1").get_data(as_text=True)
    assert "Quorum reached: 3 present, 3 needed." in fragment
    assert record_of(site.meeting.id, site.members[2].id).recorded_by == "staff"


def test_a_member_who_joined_mid_way_counts_from_their_first_day(english, site, auth):
    newcomer = factories.member("周新", phone="13900001234")
    site.organ.members.append(newcomer)
    db.session.flush()
    db.session.execute(update(organ_member).where(organ_member.c.member_id == newcomer.id)
                       .values(starts_on=date(2030, 3, 10)))
    db.session.commit()
    auth.login()
    page = english.get(f"/meetings/{site.meeting.id}/attendance").get_data(as_text=True)
    assert "周新" not in page and "3 needed" in page  # joined after the sitting: 应到 stays 4
    db.session.execute(update(organ_member).where(organ_member.c.member_id == newcomer.id)
                       .values(starts_on=date(2030, 3, 1)))
    db.session.commit()
    page = english.get(f"/meetings/{site.meeting.id}/attendance").get_data(as_text=True)
    assert "周新" in page and "Quorum not reached: 0 present, 3 needed." in page  # 5 members: 过半数 is 3


def test_staff_correct_and_clear_a_record(english, site, auth):
    auth.login()
    url = f"/meetings/{site.meeting.id}/attendance/{site.zhang.id}"
    english.post(url, data={"status": "absent", "note": "未请假"})
    assert record_of(site.meeting.id, site.zhang.id).status == "absent"
    english.post(url, data={"status": "clear"})
    assert record_of(site.meeting.id, site.zhang.id) is None
    response = english.post(url, data={"status": "asleep"})
    assert response.status_code == 303 and record_of(site.meeting.id, site.zhang.id) is None
    response = english.post(f"/meetings/{site.meeting.id}/attendance/{site.stranger.id}", data={"status": "present"})
    assert response.status_code == 303 and record_of(site.meeting.id, site.stranger.id) is None
    assert english.post(f"/meetings/{site.meeting.id}/attendance/99999", data={"status": "present"}).status_code == 404


def test_closing_attendance_marks_the_rest_absent(english, site, auth, clock):
    clock.now = START + timedelta(hours=3)
    check_in(site.meeting.id, site.zhang.id, now=START, by="member")
    english.post(f"/my/{site.members[1].access_token}/leave/{site.meeting.id}", data={"reason": "x"})
    clock.now = START - timedelta(days=3)
    english.post(f"/my/{site.members[1].access_token}/leave/{site.meeting.id}", data={"reason": "出差"})
    auth.login()
    english.post(f"/meetings/{site.meeting.id}/leave/{site.members[1].id}/decide", data={"decision": "approve"})
    english.post(f"/my/{site.members[2].access_token}/leave/{site.meeting.id}", data={"reason": "未批"})
    clock.now = START + timedelta(hours=3)
    confirm = english.post(f"/meetings/{site.meeting.id}/attendance/close", data={})
    assert confirm.status_code == 200 and "will be recorded as absent" in confirm.get_data(as_text=True)
    assert onsite_for(site.meeting.id).attendance_closed_at is None
    response = english.post(f"/meetings/{site.meeting.id}/attendance/close", data={"confirmed": "1"},
                            follow_redirects=True)
    assert "3 recorded as absent" in response.get_data(as_text=True)
    statuses = {m: r.status for m, r in records_of(site.meeting.id).items()}
    assert statuses == {site.zhang.id: "present", site.members[1].id: "on_leave", site.members[2].id: "absent",
                        site.members[3].id: "absent", site.observer.id: "absent"}
    db.session.expire_all()
    assert onsite_for(site.meeting.id).attendance_closed_at == clock.now
    again = english.post(f"/meetings/{site.meeting.id}/attendance/close", data={"confirmed": "1"},
                         follow_redirects=True)
    assert "already closed" in again.get_data(as_text=True) and db.session.query(AttendanceRecord).count() == 5


def test_check_ins_and_closing_never_bump_the_data_version(app, site):
    version = get_committee().data_version
    check_in(site.meeting.id, site.zhang.id, now=START, by="member")
    db.session.commit()
    db.session.expire_all()
    assert get_committee().data_version == version


@pytest.mark.parametrize("path", ["attendance", "table-card", "table-cards", "onsite"])
def test_staff_pages_are_for_staff(client, site, path):
    response = client.get(f"/meetings/{site.meeting.id}/{path}")
    assert response.status_code == 302 and "/login" in response.headers["Location"]
    assert client.post(f"/meetings/{site.meeting.id}/attendance/{site.zhang.id}",
                       data={"status": "present"}).status_code == 302
    assert record_of(site.meeting.id, site.zhang.id) is None


def test_table_cards_carry_the_qr_code_of_the_absolute_address(english, site, auth):
    auth.login()
    card = english.get(f"/meetings/{site.meeting.id}/table-card").get_data(as_text=True)
    assert f"http://consult.test/m/{site.code}" in card and "<svg" in card and "机关三楼会议室" in card
    sheet = english.get(f"/meetings/{site.meeting.id}/table-cards").get_data(as_text=True)
    assert sheet.count("<svg") == 10 and "Table 10" in sheet
    sheet = english.get(f"/meetings/{site.meeting.id}/table-cards?tables=3").get_data(as_text=True)
    assert sheet.count("<svg") == 3
    for bad in ("0", "abc", "101", "-5"):
        response = english.get(f"/meetings/{site.meeting.id}/table-cards?tables={bad}")
        assert response.status_code == 400 and response.get_data(as_text=True).count("<svg") == 10


def test_the_sitting_page_links_to_the_on_site_pages(english, site, auth):
    auth.login()
    page = english.get(f"/meetings/{site.meeting.id}").get_data(as_text=True)
    assert f"/meetings/{site.meeting.id}/attendance" in page and f"/meetings/{site.meeting.id}/table-cards" in page
    response = english.get(f"/meetings/{site.meeting.id}/onsite")
    assert response.headers["Location"].endswith(f"/m/{site.code}")
    auth.logout()
    assert f"/meetings/{site.meeting.id}/attendance" not in english.get(f"/meetings/{site.meeting.id}").get_data(
        as_text=True)
