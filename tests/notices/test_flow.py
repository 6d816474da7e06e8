"""Notifying a sitting's invitees through the staff's forms: preview, confirm, outbox, worker, delivery log."""

from __future__ import annotations

import re
from datetime import timedelta

from sqlalchemy import func, select

from consult.committee import clock as app_clock
from consult.extensions import db
from consult.meetings.models import Meeting
from consult.notices.models import Notice, NoticeBatch
from consult.notices.worker import drain

KEY = "k" * 24


def reschedule_form(**extra) -> dict:
    form = {"date": "2030-03-06", "start_time": "09:00", "end_time": "11:00", "location": "区行政中心201会议室",
            "notify_shown": "1", "notice_key": KEY, "notify_sms": "1", "notify_email": "1",
            "change_reason": "与区人代会会期冲突", "confirm_late_notice": "y"}
    form.update(extra)
    return form


def count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def statuses() -> dict[tuple[str, str], str]:
    return {(n.member_name, n.channel): n.status for n in db.session.scalars(select(Notice))}


def test_the_form_offers_notices_on_by_default_for_a_published_sitting(client, auth, sitting):
    auth.login()
    page = client.get(f"/meetings/{sitting.meeting.id}/reschedule").get_data(as_text=True)
    assert 'name="notify_sms" value="1" checked' in page
    assert 'name="notify_email" value="1" checked' in page
    key = re.search(r'name="notice_key" value="([^"]+)"', page).group(1)
    assert len(key) >= 16
    assert "通知受邀委员" in page


def test_preview_changes_nothing_then_confirm_moves_and_queues_in_one_go(client, auth, sitting):
    auth.login()
    meeting_id, before = sitting.meeting.id, sitting.meeting.starts_at
    response = client.post(f"/meetings/{meeting_id}/reschedule", data=reschedule_form())
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    # The sample is the first member in the members' order (by surname strokes: 王 before 张).
    assert (
        "王芳委员：区政协八届十二次常委会议：加强我区科技企业创新能力建设，"
        "改期至3月6日（星期三）09:00—11:00在区行政中心201会议室举行（原因：与区人代会会期冲突）"
    ) in page
    assert "http://consult.test/my/" + sitting.phone_only.access_token in page
    assert "改期通知：区政协八届十二次常委会议" in page  # the mail's subject
    assert re.search(r'id="unreachable"[^>]*>[^<]*赵强', page)  # neither phone nor e-mail, named
    assert 'value="2030-03-06"' in page and f'value="{KEY}"' in page  # what was typed travels on
    db.session.expire_all()
    assert db.session.get(Meeting, meeting_id).starts_at == before
    assert count(NoticeBatch) == 0 and count(Notice) == 0

    confirmed = client.post(f"/meetings/{meeting_id}/reschedule", data=reschedule_form(notice_confirmed="1"))
    assert confirmed.status_code == 302
    db.session.expire_all()
    assert db.session.get(Meeting, meeting_id).starts_at != before
    assert count(NoticeBatch) == 1
    assert statuses() == {
        ("张明", "sms"): "queued", ("张明", "email"): "queued",
        ("李华", "sms"): "no_address", ("李华", "email"): "queued",
        ("王芳", "sms"): "queued", ("王芳", "email"): "no_address",
        ("赵强", "sms"): "no_address", ("赵强", "email"): "no_address",
    }


def test_a_second_submission_queues_nothing_and_shows_the_batch(client, auth, sitting):
    auth.login()
    url = f"/meetings/{sitting.meeting.id}/reschedule"
    client.post(url, data=reschedule_form(notice_confirmed="1"))
    again = client.post(url, data=reschedule_form(notice_confirmed="1"))
    batch = db.session.scalars(select(NoticeBatch)).one()
    assert again.status_code == 302 and again.headers["Location"].endswith(f"/notices/batches/{batch.id}")
    assert count(NoticeBatch) == 1 and count(Notice) == 8
    log = client.get(again.headers["Location"]).get_data(as_text=True)
    assert "张明" in log and "赵强" in log


def test_without_gateways_notices_wait_and_staff_are_told(client, auth, sitting, app):
    auth.login()
    url = f"/meetings/{sitting.meeting.id}/reschedule"
    preview = client.post(url, data=reschedule_form()).get_data(as_text=True)
    assert preview.count("CONSULT_SMTP_URL") == 1 and preview.count("CONSULT_SMS_URL") == 1
    client.post(url, data=reschedule_form(notice_confirmed="1"))
    report = drain(app_clock.now)
    assert report.handled == 0
    assert set(statuses().values()) == {"queued", "no_address"}
    detail = client.get(f"/meetings/{sitting.meeting.id}").get_data(as_text=True)
    assert "4条待配置发送通道后发出" in detail


def test_publishing_a_draft_with_notices_after_preview(client, auth, sitting, smtp_server, app, clock, icaljs):
    app.config["CONSULT_SMTP_URL"] = smtp_server.url
    sitting.meeting.status, sitting.meeting.number, sitting.meeting.term = "draft", None, None
    db.session.commit()
    auth.login()
    # Three days ahead is late notice for a standing committee: confirmed in the form, kept through the preview.
    form = {"notify_shown": "1", "notice_key": KEY, "notify_email": "1", "confirm_late_notice": "y"}
    url = f"/meetings/{sitting.meeting.id}/publish"
    preview = client.post(url, data=form)
    assert preview.status_code == 200 and "会议通知：" in preview.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Meeting, sitting.meeting.id).status == "draft"
    assert client.post(url, data={**form, "notice_confirmed": "1"}).status_code == 302
    db.session.expire_all()
    assert db.session.get(Meeting, sitting.meeting.id).status == "published"
    assert drain(app_clock.now).sent == 2
    assert smtp_server.handler.connections == 1  # one SMTP connection for the whole drain
    message = next(m for m in smtp_server.handler.messages if m["To"] == "zhang@example.cn")
    assert message["Subject"].startswith("会议通知：区政协")
    part = next(p for p in message.iter_attachments() if p.get_content_type() == "text/calendar")
    assert part.get_param("method") == "PUBLISH"
    assert part.get_filename().isascii()
    parsed = icaljs(part.get_content().encode("utf-8"))
    assert parsed["method"] == "PUBLISH"
    assert parsed["refresh_interval"] is None
    event = parsed["events"][0]
    meeting = db.session.get(Meeting, sitting.meeting.id)
    assert event["uid"] == f"{meeting.uuid}@consult" and event["sequence"] == meeting.revision
    assert event["start"] == "2030-03-04T06:30:00Z" and event["status"] == "CONFIRMED"
    body = message.get_body(("plain",)).get_content()
    assert f"http://consult.test/my/{sitting.both.access_token}" in body


def test_cancellation_mail_carries_method_cancel(client, auth, sitting, smtp_server, app, icaljs):
    app.config["CONSULT_SMTP_URL"] = smtp_server.url
    auth.login()
    form = {"reason": "因故取消", "notify_shown": "1", "notice_key": KEY, "notify_email": "1", "notice_confirmed": "1"}
    assert client.post(f"/meetings/{sitting.meeting.id}/cancel", data=form).status_code == 302
    assert drain(app_clock.now).sent == 2
    message = smtp_server.handler.messages[0]
    assert message["Subject"].startswith("取消通知：")
    part = next(p for p in message.iter_attachments() if p.get_content_type() == "text/calendar")
    assert part.get_param("method") == "CANCEL"
    parsed = icaljs(part.get_content().encode("utf-8"))
    assert parsed["method"] == "CANCEL"
    assert parsed["events"][0]["status"] == "CANCELLED"
    assert "因故取消" in message.get_body(("plain",)).get_content()


def test_a_refused_address_fails_for_that_member_only(client, auth, sitting, smtp_server, app):
    app.config["CONSULT_SMTP_URL"] = smtp_server.url
    smtp_server.handler.refuse = {"li@example.cn"}
    auth.login()
    client.post(f"/meetings/{sitting.meeting.id}/reschedule",
                data=reschedule_form(notify_sms="", notice_confirmed="1"))
    report = drain(app_clock.now)
    assert (report.sent, report.failed) == (1, 1)
    refused = db.session.scalars(select(Notice).where(Notice.address == "li@example.cn")).one()
    assert refused.status == "failed" and "550" in refused.last_error and "User unknown" in refused.last_error
    assert [m["To"] for m in smtp_server.handler.messages] == ["zhang@example.cn"]
    batch_page = client.get(f"/notices/batches/{refused.batch_id}").get_data(as_text=True)
    assert "User unknown" in batch_page


def test_a_mail_server_that_goes_away_loses_nothing(client, auth, app, clock, smtp_server):
    from tests import factories

    app.config["CONSULT_SMTP_URL"] = smtp_server.url
    organ = factories.organ("standing_committee", "常务委员会", slug="standing")
    people = [factories.member(f"委员{n}", email=f"m{n}@example.cn") for n in range(8)]
    meeting = factories.meeting(organ, title="协商会议", invitees=people)
    factories.committee(term=8)
    db.session.commit()
    auth.login()
    form = {"date": "2030-03-06", "start_time": "09:00", "end_time": "11:00", "location": "",
            "notify_shown": "1", "notice_key": KEY, "notify_email": "1", "notice_confirmed": "1",
            "change_reason": "会场另有安排", "confirm_late_notice": "y"}
    client.post(f"/meetings/{meeting.id}/reschedule", data=form)
    smtp_server.handler.stop_after = 3
    first = drain(app_clock.now)
    assert first.sent == 3 and first.failed == 0
    assert len(smtp_server.handler.messages) == 3
    assert sorted(statuses().values()) == ["queued"] * 5 + ["sent"] * 3
    assert drain(app_clock.now).handled == 0  # the rest waits for its retry time
    # Later, the server is back.
    smtp_server.handler.stop_after = None
    smtp_server.start()
    clock.now += timedelta(hours=2)
    second = drain(app_clock.now)
    assert second.sent == 5
    received = [m["To"] for m in smtp_server.handler.messages]
    assert sorted(received) == sorted(f"m{n}@example.cn" for n in range(8))  # each once
    assert set(statuses().values()) == {"sent"}


def test_sms_through_the_gateway_with_a_refused_number_and_a_long_text(client, auth, sitting, sms_gateway, app):
    app.config["CONSULT_SMS_URL"] = sms_gateway.url
    sitting.phone_only.phone = "000123"
    db.session.commit()
    auth.login()
    url = f"/meetings/{sitting.meeting.id}/postpone"
    form = {"reason": "因区委中心工作安排调整，会议延期举行，具体时间另行通知", "notify_shown": "1",
            "notice_key": KEY, "notify_sms": "1"}
    preview = client.post(url, data=form).get_data(as_text=True)
    match = re.search(r'id="sms-length">\D*(\d+)', preview)
    assert int(match.group(1)) > 70
    assert "将分3条发送" in re.search(r'id="sms-length">[^<]*<strong>([^<]*)', preview).group(1)
    client.post(url, data={**form, "notice_confirmed": "1"})
    report = drain(app_clock.now)
    assert (report.sent, report.failed) == (1, 1)
    phone, text = sms_gateway.received[0]
    assert phone == "13800000001" and text.startswith("张明委员：") and "延期" in text
    assert text.endswith(f"http://consult.test/my/{sitting.both.access_token}")
    refused = db.session.scalars(select(Notice).where(Notice.address == "000123")).one()
    assert refused.status == "failed" and "invalid phone number" in refused.last_error


def test_a_busy_sms_gateway_is_retried_later(client, auth, sitting, sms_gateway, app, clock):
    app.config["CONSULT_SMS_URL"] = sms_gateway.url
    sms_gateway.down = True
    auth.login()
    client.post(f"/meetings/{sitting.meeting.id}/reschedule",
                data=reschedule_form(notify_email="", notice_confirmed="1"))
    assert drain(app_clock.now).sent == 0
    assert sorted(statuses().values()).count("queued") == 2
    sms_gateway.down = False
    clock.now += timedelta(hours=2)
    assert drain(app_clock.now).sent == 2
    assert len(sms_gateway.received) == 2


def test_the_worker_command_drains_once(runner, sitting, smtp_server, app, client, auth):
    app.config["CONSULT_SMTP_URL"] = smtp_server.url
    auth.login()
    client.post(f"/meetings/{sitting.meeting.id}/reschedule",
                data=reschedule_form(notify_sms="", notice_confirmed="1"))
    result = runner.invoke(args=["consult", "worker", "--once"])
    assert result.exit_code == 0, result.output
    assert "sent 2" in result.output
    assert len(smtp_server.handler.messages) == 2


def test_back_from_the_preview_shows_the_form_as_typed(client, auth, sitting):
    auth.login()
    page = client.post(f"/meetings/{sitting.meeting.id}/cancel",
                       data={"reason": "场地冲突", "notify_shown": "1", "notice_key": KEY, "notify_email": "1",
                             "notice_revise": "1"}).get_data(as_text=True)
    assert "场地冲突" in page and f'value="{KEY}"' in page
    assert 'name="notify_sms" value="1" checked' not in page and 'name="notify_email" value="1" checked' in page
    db.session.expire_all()
    assert db.session.get(Meeting, sitting.meeting.id).status == "published"


def test_an_address_the_server_cannot_take_fails_alone(client, auth, sitting, smtp_server, app):
    smtp_server.stop()
    smtp_server.smtputf8 = False  # a server that cannot take non-ASCII addresses
    smtp_server.start()
    app.config["CONSULT_SMTP_URL"] = smtp_server.url
    sitting.both.email = "张明@例子.cn"
    db.session.commit()
    auth.login()
    client.post(f"/meetings/{sitting.meeting.id}/reschedule",
                data=reschedule_form(notify_sms="", notice_confirmed="1"))
    report = drain(app_clock.now)
    assert (report.sent, report.failed) == (1, 1)
    assert [m["To"] for m in smtp_server.handler.messages] == ["li@example.cn"]


def test_a_malformed_smtp_url_keeps_mail_waiting(client, auth, sitting, app):
    app.config["CONSULT_SMTP_URL"] = "mail.example.cn:25"
    auth.login()
    url = f"/meetings/{sitting.meeting.id}/reschedule"
    assert "CONSULT_SMTP_URL" in client.post(url, data=reschedule_form()).get_data(as_text=True)
    client.post(url, data=reschedule_form(notify_sms="", notice_confirmed="1"))
    assert drain(app_clock.now).handled == 0
    assert set(statuses().values()) == {"queued", "no_address"}


def test_two_confirmations_racing_queue_one_batch(client, auth, sitting, monkeypatch):
    """The second of two simultaneous confirmations passes the early check (the first has not committed yet)
    and meets the unique key when it writes: it is rolled back and shown the first one's batch."""
    from consult.notices import views

    auth.login()
    url = f"/meetings/{sitting.meeting.id}/reschedule"
    client.post(url, data=reschedule_form(notice_confirmed="1"))
    real = views.queries.batch_by_key
    calls = []

    def not_yet_committed(key):
        calls.append(key)
        return None if len(calls) == 1 else real(key)

    monkeypatch.setattr(views.queries, "batch_by_key", not_yet_committed)
    again = client.post(url, data=reschedule_form(notice_confirmed="1", location="另一个会议室"))
    assert again.status_code == 302 and "/notices/batches/" in again.headers["Location"]
    assert count(NoticeBatch) == 1 and count(Notice) == 8
    db.session.expire_all()
    assert db.session.get(Meeting, sitting.meeting.id).location == "区行政中心201会议室"  # the second change undone


def test_editing_the_time_of_a_published_sitting_offers_the_move_notice_and_other_edits_send_none(
    client, auth, sitting
):
    auth.login()
    meeting = sitting.meeting
    invitees = [sitting.both.id, sitting.mail_only.id, sitting.phone_only.id, sitting.neither.id]
    form = {
        "organ_id": meeting.organ_id, "sitting_kind": "meeting", "consultation_form": "thematic",
        "title": meeting.title, "date": "2030-04-02", "start_time": "09:00", "end_time": "11:00",
        "location": meeting.location, "topics": "听取情况通报", "observers": "", "invitee_ids": invitees,
        "notes": "", "visibility": meeting.visibility, "change_reason": "与区人代会会期冲突",
        "notify_shown": "1", "notice_key": KEY, "notify_sms": "1",
    }
    before = meeting.starts_at
    preview = client.post(f"/meetings/{meeting.id}/edit", data=form)
    assert preview.status_code == 200
    assert "改期至4月2日（星期二）09:00—11:00" in preview.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Meeting, meeting.id).starts_at == before and count(NoticeBatch) == 0

    back = client.post(f"/meetings/{meeting.id}/edit", data={**form, "notice_revise": "1"})
    assert back.status_code == 200 and 'value="2030-04-02"' in back.get_data(as_text=True)

    done = client.post(f"/meetings/{meeting.id}/edit", data={**form, "notice_confirmed": "1"})
    assert done.status_code == 302
    db.session.expire_all()
    assert db.session.get(Meeting, meeting.id).starts_at != before
    batch = db.session.scalars(select(NoticeBatch)).one()
    assert batch.event == "rescheduled"

    # A new title, with the boxes still ticked, changes no time or place: nothing is queued.
    retitled = {**form, "title": "新的标题", "notice_key": "n" * 24, "notice_confirmed": "1"}
    assert client.post(f"/meetings/{meeting.id}/edit", data=retitled).status_code == 302
    assert count(NoticeBatch) == 1
