"""Notice pages and awkward input: who may see the log, tampered keys, drafts, former members."""

from __future__ import annotations

from sqlalchemy import func, select

from consult.extensions import db
from consult.notices.models import Notice, NoticeBatch

FORM = {"date": "2030-03-06", "start_time": "09:00", "end_time": "11:00", "location": "",
        "notify_shown": "1", "notify_email": "1", "change_reason": "会场另有安排", "confirm_late_notice": "y"}


def test_the_delivery_log_is_for_staff_only(client, auth, sitting):
    auth.login()
    client.post(f"/meetings/{sitting.meeting.id}/reschedule",
                data={**FORM, "notice_key": "a" * 20, "notice_confirmed": "1"})
    batch_id = db.session.scalar(select(NoticeBatch.id))
    assert client.get(f"/notices/batches/{batch_id}").status_code == 200
    assert "通知发送记录" in client.get(f"/meetings/{sitting.meeting.id}").get_data(as_text=True)
    assert client.get("/notices/batches/999999").status_code == 404
    auth.logout()
    assert client.get(f"/notices/batches/{batch_id}").status_code in (302, 403)
    assert "通知发送记录" not in client.get(f"/meetings/{sitting.meeting.id}").get_data(as_text=True)


def test_a_tampered_key_gets_a_fresh_one_and_still_queues_once(client, auth, sitting):
    auth.login()
    url = f"/meetings/{sitting.meeting.id}/reschedule"
    preview = client.post(url, data={**FORM, "notice_key": "<script>"})
    assert preview.status_code == 200 and "&lt;script&gt;" not in preview.get_data(as_text=True)
    done = client.post(url, data={**FORM, "notice_key": "short", "notice_confirmed": "1"})
    assert done.status_code == 302
    key = db.session.scalar(select(NoticeBatch.idempotency_key))
    assert len(key) >= 16 and key != "short"


def test_notices_are_off_by_default_for_a_draft_and_unticked_means_none(client, auth, sitting):
    sitting.meeting.status, sitting.meeting.number = "draft", None
    db.session.commit()
    auth.login()
    page = client.get(f"/meetings/{sitting.meeting.id}/reschedule").get_data(as_text=True)
    assert 'name="notify_email" value="1">' in page and "checked" not in page.split("notify_shown")[1][:400]
    response = client.post(f"/meetings/{sitting.meeting.id}/reschedule",
                           data={**FORM, "notify_email": "", "notice_key": "b" * 20})
    assert response.status_code == 302
    assert db.session.scalar(select(func.count()).select_from(NoticeBatch)) == 0


def test_former_members_get_no_notice_and_the_preview_counts_the_rest(client, auth, sitting):
    sitting.mail_only.active = False
    db.session.commit()
    auth.login()
    page = client.post(f"/meetings/{sitting.meeting.id}/reschedule",
                       data={**FORM, "notice_key": "c" * 20}).get_data(as_text=True)
    assert "共3名受邀委员" in page and "李华" not in page
    client.post(f"/meetings/{sitting.meeting.id}/reschedule",
                data={**FORM, "notice_key": "c" * 20, "notice_confirmed": "1"})
    assert sorted(db.session.scalars(select(Notice.member_name))) == ["张明", "王芳", "赵强"]


def test_retry_now_makes_waiting_notices_due(client, auth, sitting, clock):
    auth.login()
    client.post(f"/meetings/{sitting.meeting.id}/reschedule",
                data={**FORM, "notice_key": "d" * 20, "notice_confirmed": "1"})
    from datetime import timedelta

    from sqlalchemy import update

    db.session.execute(update(Notice).values(next_attempt_at=clock.now + timedelta(hours=1)))
    db.session.commit()
    batch_id = db.session.scalar(select(NoticeBatch.id))
    response = client.post(f"/notices/batches/{batch_id}/retry")
    assert response.status_code == 302
    due = db.session.scalars(select(Notice).where(Notice.status == "queued")).all()
    assert due and all(n.next_attempt_at == clock.now for n in due)
