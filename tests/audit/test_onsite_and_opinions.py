"""Attendance, leave and the staff's work on opinions leave one entry per change: a member checking in or asking
for leave on their phone is the actor, staff otherwise."""

from __future__ import annotations

from datetime import timedelta

from consult.extensions import db
from consult.onsite.queries import leave_request_of, record_of
from consult.opinions.models import Opinion
from tests.audit.conftest import by_user, entries, entry_count, only


def _at_the_door(clock, world):
    clock.now = world.published.starts_at - timedelta(minutes=30)


def test_a_members_own_check_in_is_recorded_as_the_member(client, world, clock):
    _at_the_door(clock, world)
    assert client.get(f"/my/{world.zhang.access_token}").status_code == 200  # the phone now knows them
    assert client.post(f"/m/{world.code}/checkin", data={}).status_code == 303
    entry = only("attendance.check_in")
    record = record_of(world.published.id, world.zhang.id)
    assert (entry.actor_kind, entry.actor_id, entry.actor_label) == ("member", world.zhang.id, "张委员")
    assert (entry.subject_type, entry.subject_id, entry.subject_label, entry.meeting_id) == (
        "attendance", record.id, "张委员", world.published.id)
    assert entry.before is None and entry.after["status"] == "present" and entry.at == clock.now
    client.post(f"/m/{world.code}/checkin", data={})  # the second tap changes nothing, and records nothing
    assert len(entries("attendance.check_in")) == 1


def test_staff_corrections_of_attendance_are_recorded(client, world, staff, clock):
    _at_the_door(clock, world)
    url = f"/meetings/{world.published.id}/attendance/{world.li.id}"
    assert client.post(url, data={"status": "present"}).status_code == 303
    assert client.post(url, data={"status": "absent", "note": "未到会"}).status_code == 303
    assert client.post(url, data={"status": "clear"}).status_code == 303
    found = entries("attendance.set")
    assert [(e.before, e.after) for e in found] == [
        ({"status": None}, {"status": "present"}),
        ({"status": "present", "note": ""}, {"status": "absent", "note": "未到会"}),
        ({"status": "absent", "note": "未到会"}, {"status": None}),
    ]
    assert all(by_user(e, staff) and e.subject_label == "李常委" for e in found)


def test_closing_and_reopening_attendance_are_recorded(client, world, staff, clock):
    clock.now = world.published.starts_at + timedelta(hours=1)
    close = f"/meetings/{world.published.id}/attendance/close"
    assert client.post(close, data={"confirmed": "1"}).status_code == 303
    entry = only("attendance.close")
    assert (entry.subject_type, entry.subject_id) == ("meeting", world.published.id)
    assert entry.subject_label == "专题协商会议"
    assert by_user(entry, staff)
    assert entry.after == {"attendance_closed": True, "absent": 3, "on_leave": 0}
    assert client.post(f"/meetings/{world.published.id}/attendance/reopen", data={}).status_code == 303
    assert only("attendance.reopen").after == {"attendance_closed": False}


def test_leave_asked_by_the_member_and_decided_by_staff(client, world, auth, clock):
    response = client.post(f"/my/{world.zhang.access_token}/leave/{world.published.id}",
                           data={"reason": "赴外地参加培训"})
    assert response.status_code == 303
    asked = only("leave.ask")
    assert (asked.actor_kind, asked.actor_id) == ("member", world.zhang.id)
    assert asked.after == {"reason": "赴外地参加培训", "status": "pending", "late": False}
    auth.login("office", "office-password")
    client.post(f"/meetings/{world.published.id}/leave/{world.zhang.id}/decide",
                data={"decision": "approve", "note": "同意"})
    decided = only("leave.decide")
    assert decided.actor_kind == "user" and decided.actor_label == "office"
    assert (decided.before, decided.after) == ({"status": "pending", "decision_note": ""},
                                               {"status": "approved", "decision_note": "同意"})
    assert decided.subject_id == leave_request_of(world.published.id, world.zhang.id).id
    assert only("attendance.set").after == {"status": "on_leave", "note": "赴外地参加培训"}


def test_leave_taken_by_phone_is_recorded_as_the_staff_member(client, world, staff):
    response = client.post(f"/meetings/{world.published.id}/leave", data={"member_id": world.li.id,
                                                                           "reason": "电话请假：出差"})
    assert response.status_code == 303
    taken = only("leave.phone")
    assert by_user(taken, staff) and taken.subject_label == "李常委" and taken.after["reason"] == "电话请假：出差"
    assert only("leave.decide").after["status"] == "approved"


def _opinion(world, text="建议加快老旧小区加装电梯", member=None) -> Opinion:
    opinion = Opinion(meeting_id=world.published.id, topic_id=world.published.topics[0].id,
                      member_id=(member or world.zhang).id, text=text, named=True,
                      submission_key=f"audit-test-{len(text):04d}-0000000000")
    db.session.add(opinion)
    db.session.commit()
    return opinion


def test_an_opinion_recorded_on_behalf_is_recorded_with_its_author(client, world, staff, clock):
    _at_the_door(clock, world)
    page = client.get(f"/meetings/{world.published.id}/opinions/new").get_data(as_text=True)
    import re

    key = re.search(r'name="submission_key" value="([^"]+)"', page).group(1)
    topic = world.published.topics[1]
    response = client.post(f"/meetings/{world.published.id}/opinions/new", data={
        "topic": topic.id, "who": world.li.id, "text": "建议简化审批流程", "named": "1", "submission_key": key})
    assert response.status_code == 303
    entry = only("opinion.record")
    assert by_user(entry, staff) and entry.meeting_id == world.published.id
    assert entry.after == {"topic": "优化营商环境", "member": "李常委", "guest_name": None,
                           "guest_organisation": None, "text": "建议简化审批流程", "named": True}
    client.post(f"/meetings/{world.published.id}/opinions/new", data={  # sent twice: stored and recorded once
        "topic": topic.id, "who": world.li.id, "text": "建议简化审批流程", "named": "1", "submission_key": key})
    assert len(entries("opinion.record")) == 1


def test_members_own_opinions_are_not_staff_edits(client, world, clock):
    _at_the_door(clock, world)
    client.get(f"/my/{world.zhang.access_token}")
    page = client.get(f"/m/{world.code}").get_data(as_text=True)
    import re

    key = re.search(r'name="submission_key" value="([^"]+)"', page).group(1)
    topic = world.published.topics[0]
    response = client.post(f"/m/{world.code}/topics/{topic.id}/opinions",
                           data={"text": "建议增加社区养老服务点", "named": "1", "submission_key": key})
    assert response.status_code == 303
    assert db.session.query(Opinion).count() == 1 and entry_count() == 0


def test_corrections_and_marks_of_opinions_are_recorded(client, world, staff):
    first, second = _opinion(world), _opinion(world, "建议加快老旧小区加装电梯！", world.li)
    base = f"/meetings/{world.published.id}/opinions"
    assert client.post(f"{base}/{first.id}/correct", data={"text": "建议加快老旧小区加装电梯工作"}).status_code == 303
    corrected = only("opinion.correct")
    assert (corrected.before, corrected.after) == ({"text": "建议加快老旧小区加装电梯"},
                                                   {"text": "建议加快老旧小区加装电梯工作"})
    assert corrected.subject_label.startswith(f"{first.id}：建议加快") and by_user(corrected, staff)
    client.post(f"{base}/{second.id}/mark", data={"action": "duplicate", "duplicate_of": first.id})
    client.post(f"{base}/{second.id}/mark", data={"action": "not_duplicate"})
    assert [(e.before, e.after) for e in entries("opinion.duplicate")] == [
        ({"duplicate_of": None}, {"duplicate_of": first.id}), ({"duplicate_of": first.id}, {"duplicate_of": None})]
    client.post(f"{base}/{second.id}/mark", data={"action": "distinct", "other": first.id})
    assert only("opinion.distinct").after == {"other": first.id}
    client.post(f"{base}/{first.id}/mark", data={"action": "exclude"})
    client.post(f"{base}/{first.id}/mark", data={"action": "exclude"})  # already excluded: nothing to record
    assert only("opinion.exclude").after == {"excluded_from_minutes": True}


def test_closing_the_collection_is_recorded(client, world, staff, clock):
    _at_the_door(clock, world)
    base = f"/meetings/{world.published.id}/opinions/collection"
    assert client.post(base, data={"action": "close"}).status_code == 303
    closed = only("opinion.collection_close")
    assert (closed.subject_type, closed.subject_id) == ("meeting", world.published.id)
    assert closed.after == {"opinions_closed": clock.now.isoformat()}
    client.post(base, data={"action": "reopen", "close_at": "2030-05-20T17:00"})
    reopened = only("opinion.collection_reopen")
    assert reopened.after == {"opinions_closed": None, "opinions_close_at": "2030-05-20T09:00:00+00:00"}
    client.post(base, data={"action": "set", "close_at": "2030-05-21T17:00"})
    assert only("opinion.collection_time").after == {"opinions_close_at": "2030-05-21T09:00:00+00:00"}
