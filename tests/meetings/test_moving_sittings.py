"""Moving or editing a published sitting: a reason (recorded and shown), the notice rule, the working-day
hint; and the message when late notice is not confirmed on publication."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from consult.extensions import db
from consult.meetings import services
from consult.meetings.models import MeetingChange
from consult.meetings.services import LateNoticeError, MeetingError
from consult.workdays import day_off
from tests import factories as f
from tests.conftest import TEST_NOW

FUTURE = datetime(2031, 5, 12, 1, 0, tzinfo=UTC)  # Monday 09:00 in Shanghai


@pytest.fixture
def world(app):
    f.committee(term=8)
    organ = f.organ("standing_committee", name="常务委员会")
    chair = f.member("王主席", f.sector("中共"), role="chair", is_standing=True)
    published = f.meeting(organ, title="公开的会议", starts_at=FUTURE, status="published", term=8, number=3,
                          invitees=[chair], location="三楼会议室", visibility="public")
    draft = f.meeting(organ, title="内部草稿", starts_at=FUTURE + timedelta(days=1), status="draft")
    db.session.commit()
    return {"organ": organ, "published": published, "draft": draft, "chair": chair}


def _move(day="2031-05-20", **over):
    data = {"date": day, "start_time": "09:00", "end_time": "11:00", "location": "五楼会议室"}
    data.update(over)
    return data


def _change_count() -> int:
    return db.session.scalar(select(func.count(MeetingChange.id)))


def test_rescheduling_a_published_sitting_without_a_reason_changes_nothing(client, auth, world):
    auth.login()
    meeting = world["published"]
    response = client.post(f"/meetings/{meeting.id}/reschedule", data=_move())
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "请填写调整时间或地点的原因" in page and "未作任何修改" in page
    assert 'value="2031-05-20"' in page and 'value="五楼会议室"' in page  # the form keeps what was typed
    db.session.expire_all()
    assert (meeting.starts_at, meeting.location) == (FUTURE, "三楼会议室")
    assert _change_count() == 0


def test_reschedule_with_a_reason_is_recorded_and_shown_to_the_public(client, auth, world):
    auth.login()
    meeting = world["published"]
    response = client.post(f"/meetings/{meeting.id}/reschedule", data=_move(change_reason="因区委全会时间调整"))
    assert response.status_code == 302
    db.session.expire_all()
    assert meeting.starts_at == datetime(2031, 5, 20, 1, 0, tzinfo=UTC) and meeting.number == 3
    change = db.session.scalars(select(MeetingChange)).one()
    assert (change.kind, change.reason, change.old_starts_at, change.old_location, change.new_location) == (
        "rescheduled", "因区委全会时间调整", FUTURE, "三楼会议室", "五楼会议室"
    )
    assert change.changed_by_id is not None and not change.late_notice_confirmed
    auth.logout()
    page = client.get(f"/meetings/{meeting.id}").get_data(as_text=True)
    assert "时间变更记录" in page
    assert "原定2031年5月12日，调整原因：因区委全会时间调整" in page
    assert "三楼会议室" in page and "五楼会议室" in page


def test_a_draft_moves_without_a_reason_and_leaves_no_record(client, auth, world):
    auth.login()
    draft = world["draft"]
    assert client.post(f"/meetings/{draft.id}/reschedule", data=_move()).status_code == 302
    db.session.expire_all()
    assert draft.location == "五楼会议室" and _change_count() == 0


def test_late_reschedule_needs_confirmation(client, auth, world, clock):
    auth.login()
    meeting = world["published"]
    clock.now = datetime(2031, 5, 1, 1, 0, tzinfo=UTC)
    response = client.post(f"/meetings/{meeting.id}/reschedule", data=_move("2031-05-02", change_reason="提前"))
    assert response.status_code == 409
    page = response.get_data(as_text=True)
    assert "请勾选此项，确认在通知时间不足的情况下改期" in page and "须提前" in page
    db.session.expire_all()
    assert meeting.starts_at == FUTURE and _change_count() == 0
    response = client.post(
        f"/meetings/{meeting.id}/reschedule", data=_move("2031-05-02", change_reason="提前", confirm_late_notice="y")
    )
    assert response.status_code == 302
    db.session.expire_all()
    assert meeting.starts_at.date().isoformat() == "2031-05-02"
    assert db.session.scalars(select(MeetingChange)).one().late_notice_confirmed


def test_weekend_hint_after_a_move(client, auth, world):
    auth.login()
    draft = world["draft"]
    response = client.post(f"/meetings/{draft.id}/reschedule", data=_move("2031-05-24"), follow_redirects=True)
    assert "周末" in response.get_data(as_text=True)  # 2031-05-24 is a Saturday


@pytest.mark.parametrize(
    ("day", "kind"), [("2026-10-01", "holiday"), ("2026-11-28", "weekend"), ("2026-11-26", None),
                      ("2026-02-14", None), ("2031-05-24", "weekend"), ("2031-05-26", None)],
)
def test_day_off(day, kind):
    from datetime import date

    found = day_off(date.fromisoformat(day))
    assert (found[0] if found else None) == kind


def test_editing_the_time_of_a_published_sitting_needs_a_reason(client, auth, world):
    auth.login()
    meeting = world["published"]
    data = {
        "organ_id": world["organ"].id, "sitting_kind": "meeting", "consultation_form": "none", "title": "公开的会议",
        "date": "2031-05-19", "start_time": "09:00", "end_time": "11:00", "location": "三楼会议室",
        "topics": "", "observers": "", "invitee_ids": [world["chair"].id], "notes": "", "visibility": "public",
    }
    response = client.post(f"/meetings/{meeting.id}/edit", data=data)
    assert response.status_code == 422
    assert "请填写调整时间或地点的原因" in response.get_data(as_text=True)
    db.session.expire_all()
    assert meeting.starts_at == FUTURE
    response = client.post(f"/meetings/{meeting.id}/edit", data={**data, "change_reason": "与区人大会议错开"})
    assert response.status_code == 302
    db.session.expire_all()
    change = db.session.scalars(select(MeetingChange)).one()
    assert (change.kind, change.reason) == ("edited", "与区人大会议错开")
    # Editing something else of a published sitting asks for nothing and records nothing.
    response = client.post(f"/meetings/{meeting.id}/edit", data={**data, "title": "新的标题"})
    assert response.status_code == 302 and _change_count() == 1


def test_service_refuses_without_reason_and_unconfirmed_late_notice(world):
    meeting = world["published"]
    with pytest.raises(MeetingError) as err:
        services.reschedule_meeting(meeting, FUTURE + timedelta(days=1), FUTURE + timedelta(days=1, hours=2), "",
                                    now=TEST_NOW)
    assert err.value.code == "reason_required"
    soon = FUTURE.replace(year=2030, month=3, day=2)
    with pytest.raises(LateNoticeError):
        services.reschedule_meeting(meeting, soon, soon + timedelta(hours=2), "", reason="x", now=TEST_NOW)
    assert meeting.starts_at == FUTURE


def test_publish_late_without_confirmation_says_why(client, auth, world, clock):
    auth.login()
    draft = world["draft"]
    clock.now = draft.starts_at - timedelta(days=1)
    response = client.post(f"/meetings/{draft.id}/publish", data={})
    assert response.status_code == 409
    page = response.get_data(as_text=True)
    assert "请勾选此项，确认在通知时间不足的情况下发布" in page and "未发布" in page
    db.session.expire_all()
    assert draft.status == "draft"


def test_a_change_of_place_only_names_the_old_place(client, auth, world):
    auth.login()
    meeting = world["published"]
    data = _move("2031-05-12", change_reason="会议室维修")
    assert client.post(f"/meetings/{meeting.id}/reschedule", data=data).status_code == 302
    page = client.get(f"/meetings/{meeting.id}").get_data(as_text=True)
    assert "原定地点为三楼会议室，调整原因：会议室维修" in page


def test_held_or_cancelled_sittings_cannot_be_moved(client, auth, world):
    auth.login()
    meeting = world["published"]
    meeting.status = "cancelled"
    db.session.commit()
    response = client.post(f"/meetings/{meeting.id}/reschedule", data=_move(change_reason="x"))
    assert response.status_code == 302
    db.session.expire_all()
    assert meeting.starts_at == FUTURE and _change_count() == 0


def test_editing_a_published_sitting_into_its_notice_period_needs_confirmation(client, auth, world, clock):
    auth.login()
    meeting = world["published"]
    clock.now = datetime(2031, 5, 1, 1, 0, tzinfo=UTC)
    data = {
        "organ_id": world["organ"].id, "sitting_kind": "meeting", "consultation_form": "none", "title": "公开的会议",
        "date": "2031-05-02", "start_time": "09:00", "end_time": "11:00", "location": "三楼会议室",
        "topics": "", "observers": "", "invitee_ids": [world["chair"].id], "notes": "", "visibility": "public",
        "change_reason": "提前召开",
    }
    response = client.post(f"/meetings/{meeting.id}/edit", data=data)
    assert response.status_code == 409
    page = response.get_data(as_text=True)
    assert "请勾选此项，确认在通知时间不足的情况下改期" in page and "提前召开" in page
    db.session.expire_all()
    assert meeting.starts_at == FUTURE and _change_count() == 0
    response = client.post(f"/meetings/{meeting.id}/edit", data={**data, "confirm_late_notice": "y"})
    assert response.status_code == 302
    change = db.session.scalars(select(MeetingChange)).one()
    assert change.kind == "edited" and change.late_notice_confirmed
