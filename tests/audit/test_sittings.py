"""Every change to a sitting leaves one entry, written with it: who, when, the action, the sitting and the fields
before and after; a change refused or rolled back (the notices' preview) leaves none."""

from __future__ import annotations

from datetime import timedelta

from werkzeug.datastructures import MultiDict

from consult.committee import clock
from consult.extensions import db
from consult.meetings.models import Meeting
from tests.audit.conftest import by_user, entries, entry_count, only
from tests.browser_form import form_containing
from tests.conftest import TEST_NOW


def _edit_form(client, meeting, **changes) -> MultiDict:
    page = client.get(f"/meetings/{meeting.id}/edit").get_data(as_text=True)
    fields = [(k, v) for k, v in form_containing(page, "title") if k not in changes]
    for name, value in changes.items():
        fields += [(name, v) for v in (value if isinstance(value, list) else [value])]
    return MultiDict(fields)


def test_creating_a_sitting_records_what_it_was_created_with(client, world, staff):
    response = client.post("/meetings/new", data={
        "organ_id": world.standing.id, "sitting_kind": "meeting", "consultation_form": "thematic",
        "title": "加强科技企业创新能力建设", "date": "2030-06-03", "start_time": "14:30", "end_time": "17:00",
        "location": "二楼会议室", "topics": "议题一\n议题二", "invitee_ids": [world.chair.id, world.li.id],
    })
    assert response.status_code == 302
    meeting = db.session.scalars(db.select(Meeting).where(Meeting.title == "加强科技企业创新能力建设")).one()
    entry = only("meeting.create")
    assert by_user(entry, staff) and entry.at == TEST_NOW
    assert (entry.subject_type, entry.subject_id, entry.subject_label, entry.meeting_id) == (
        "meeting", meeting.id, "加强科技企业创新能力建设", meeting.id)
    assert entry.before is None
    assert entry.after["topics"] == ["议题一", "议题二"] and entry.after["organ"] == "常务委员会"
    assert sorted(entry.after["invitees"]) == sorted(["王主席", "李常委"])
    assert entry.after["starts_at"] == "2030-06-03T06:30:00+00:00"


def test_editing_records_only_the_fields_that_changed(client, world, staff):
    meeting = world.draft
    response = client.post(f"/meetings/{meeting.id}/edit", data=_edit_form(
        client, meeting, title="研究全会筹备工作（二）", topics="议题甲\n议题乙",
        invitee_ids=[str(world.chair.id), str(world.zhang.id)]))
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    entry = only("meeting.update")
    assert by_user(entry, staff) and entry.subject_id == meeting.id
    assert set(entry.after) == {"title", "topics", "invitees"}
    assert (entry.before["title"], entry.after["title"]) == ("研究全会筹备工作", "研究全会筹备工作（二）")
    assert (entry.before["topics"], entry.after["topics"]) == (["议题甲"], ["议题甲", "议题乙"])
    assert sorted(entry.before["invitees"]) == ["李常委", "王主席"]
    assert sorted(entry.after["invitees"]) == ["张委员", "王主席"]


def test_saving_an_unchanged_sitting_records_nothing(client, world, staff):
    before = entry_count()
    assert client.post(f"/meetings/{world.draft.id}/edit", data=_edit_form(client, world.draft)).status_code == 302
    assert entry_count() == before


def test_publishing_records_the_number(client, world, staff):
    response = client.post(f"/meetings/{world.draft.id}/publish", data={})
    assert response.status_code == 302
    entry = only("meeting.publish")
    assert by_user(entry, staff)
    assert entry.before == {"status": "draft", "number": None, "term": None}
    assert entry.after == {"status": "published", "number": 4, "term": 8}


def test_publishing_drafts_together_records_each(client, world, staff):
    other = Meeting(organ=world.standing, title="第二个草稿", starts_at=world.draft.starts_at + timedelta(days=7),
                    ends_at=world.draft.ends_at + timedelta(days=7), status="draft", revision=0)
    db.session.add(other)
    db.session.commit()
    response = client.post("/meetings/publish-drafts", data={"meeting_ids": [world.draft.id, other.id]})
    assert response.status_code == 302
    found = entries("meeting.bulk_publish")
    assert [e.subject_id for e in found] == [world.draft.id, other.id]
    assert [e.after["number"] for e in found] == [4, 5] and all(by_user(e, staff) for e in found)
    assert entries("meeting.publish") == []


def test_rescheduling_records_the_move_and_its_reason(client, world, staff):
    meeting = world.published
    response = client.post(f"/meetings/{meeting.id}/reschedule", data={
        "date": "2030-05-14", "start_time": "14:30", "end_time": "16:30", "location": "区行政中心201会议室",
        "change_reason": "与区人代会会期冲突"})
    assert response.status_code == 302, response.get_data(as_text=True)[:1500]
    entry = only("meeting.reschedule")
    assert by_user(entry, staff) and entry.note == "与区人代会会期冲突"
    assert entry.before == {"starts_at": "2030-05-12T01:00:00+00:00", "ends_at": "2030-05-12T03:00:00+00:00",
                            "location": "二楼会议室"}
    assert entry.after == {"starts_at": "2030-05-14T06:30:00+00:00", "ends_at": "2030-05-14T08:30:00+00:00",
                           "location": "区行政中心201会议室"}
    assert entries("meeting.update") == []  # one change, one entry


def test_postponing_and_rescheduling_back_record_the_status(client, world, staff):
    meeting = world.published
    assert client.post(f"/meetings/{meeting.id}/postpone", data={"reason": "因工作安排调整"}).status_code == 302
    entry = only("meeting.postpone")
    assert (entry.before, entry.after, entry.note) == (
        {"status": "published", "postpone_reason": ""}, {"status": "postponed", "postpone_reason": "因工作安排调整"},
        "因工作安排调整")
    client.post(f"/meetings/{meeting.id}/reschedule", data={
        "date": "2030-05-20", "start_time": "09:00", "end_time": "11:00", "location": "二楼会议室",
        "change_reason": "新的日期已定"})
    entry = only("meeting.reschedule")
    assert (entry.before["status"], entry.after["status"]) == ("postponed", "published")


def test_cancelling_records_the_reason_and_the_number_given_back(client, world, staff):
    meeting = world.published
    assert client.post(f"/meetings/{meeting.id}/cancel", data={"reason": "台风预警"}).status_code == 302
    entry = only("meeting.cancel")
    assert by_user(entry, staff) and entry.note == "台风预警"
    assert entry.before == {"status": "published", "number": 3, "cancel_reason": ""}
    assert entry.after == {"status": "cancelled", "number": None, "cancel_reason": "台风预警"}


def test_renumbering_records_each_sitting_that_moved(client, world, staff):
    world.held.number = 5  # out of order: the earlier sitting holds the later number
    db.session.commit()
    assert client.post(f"/meetings/{world.published.id}/renumber", data={}).status_code == 302
    found = {e.subject_id: (e.before["number"], e.after["number"]) for e in entries("meeting.renumber")}
    assert found == {world.held.id: (5, 1), world.published.id: (3, 2)}
    assert all(by_user(e, staff) for e in entries("meeting.renumber"))


def test_marking_held_records_the_status(client, world, staff, clock):
    clock.now = world.published.starts_at + timedelta(minutes=30)
    assert client.post(f"/meetings/{world.published.id}/held", data={}).status_code == 302
    entry = only("meeting.held")
    assert (entry.before, entry.after, entry.at) == ({"status": "published"}, {"status": "held"}, clock.now)


def test_a_refused_change_records_nothing(client, world, staff):
    before = entry_count()
    assert client.post(f"/meetings/{world.published.id}/cancel", data={"reason": "  "}).status_code == 422
    assert client.post(f"/meetings/{world.held.id}/held", data={}).status_code == 302  # already held: refused
    assert client.post(f"/meetings/{world.published.id}/reschedule", data={
        "date": "2030-05-14", "start_time": "14:30", "end_time": "16:30", "location": "x"}).status_code == 422
    assert entry_count() == before


NOTIFY = {"notify_shown": "1", "notice_key": "k" * 24, "notify_sms": "1"}


def test_the_notices_preview_rolls_the_change_and_its_entry_back(client, world, staff):
    before = entry_count()
    response = client.post(f"/meetings/{world.published.id}/cancel", data={"reason": "台风预警", **NOTIFY})
    assert response.status_code == 200 and "notice_confirmed" in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Meeting, world.published.id).status == "published"
    assert entry_count() == before


def test_confirmed_notices_are_recorded_with_the_change(client, world, staff):
    response = client.post(f"/meetings/{world.published.id}/cancel",
                           data={"reason": "台风预警", **NOTIFY, "notice_confirmed": "1"})
    assert response.status_code == 302
    cancelled, queued = only("meeting.cancel"), only("notice.queue")
    assert queued.meeting_id == world.published.id and by_user(queued, staff)
    assert queued.after == {"event": "cancelled", "channels": ["sms"], "notices": 3, "without_address": 0}
    assert queued.id > cancelled.id


def test_a_change_rolled_back_after_its_service_leaves_no_entry(app, world):
    from consult.meetings.services import cancel_meeting

    cancel_meeting(world.published, "测试", now=clock.now())
    db.session.flush()
    assert entry_count() == 1  # in the transaction, beside the change
    db.session.rollback()
    assert entry_count() == 0
    assert db.session.get(Meeting, world.published.id).status == "published"


def test_services_outside_a_request_act_as_the_system(app, world):
    from consult import audit
    from consult.meetings.services import mark_held

    with audit.acting_as(audit.system("flask consult test")):
        mark_held(world.published, now=world.published.starts_at)
    db.session.commit()
    entry = only("meeting.held")
    assert (entry.actor_kind, entry.actor_id, entry.actor_label, entry.address) == (
        "system", None, "flask consult test", "")
    assert entry.at == world.published.starts_at  # the service's own time
