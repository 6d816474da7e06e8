"""The outbox worker's claims: due rows only, stale claims taken again, rows locked by another worker skipped."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select, text

from consult.committee import clock as app_clock
from consult.extensions import db
from consult.notices import services
from consult.notices.models import Notice
from consult.notices.worker import STALE_CLAIM, claim, drain


def queue(sitting, count: int = 4, channel: str = "email", key: str = "worker-test-key-0001") -> list[int]:
    people = [sitting.both, sitting.mail_only, sitting.phone_only, sitting.neither][:count]
    services.queue_batch(
        meeting_id=sitting.meeting.id, event="rescheduled", key=key, channels=(channel,), created_by_id=None,
        now=app_clock.now(), sender_name="政协崇川区委员会", subject="改期通知：会议", calendar="",
        calendar_method="PUBLISH",
        notices=[services.PlannedNotice(p.id, p.name, channel, f"m{p.id}@example.cn", "正文") for p in people],
    )
    db.session.commit()
    return list(db.session.scalars(select(Notice.id).order_by(Notice.id)))


def test_claims_take_due_rows_once(sitting, clock):
    ids = queue(sitting)
    first = claim(("email",), app_clock.now(), limit=3)
    assert [n.id for n in first] == ids[:3] and all(n.attempts == 1 for n in first)
    second = claim(("email",), app_clock.now(), limit=10)
    assert [n.id for n in second] == ids[3:]  # the claimed rows are not handed out again
    assert claim(("email",), app_clock.now()) == []
    assert claim(("sms",), app_clock.now()) == []  # only the channels asked for


def test_a_stale_claim_is_taken_again_a_fresh_one_is_not(sitting, clock):
    ids = queue(sitting, count=1)
    assert [n.id for n in claim(("email",), app_clock.now())] == ids  # then the worker dies before recording
    clock.now += STALE_CLAIM - timedelta(seconds=1)
    assert claim(("email",), app_clock.now()) == []
    clock.now += timedelta(seconds=2)
    again = claim(("email",), app_clock.now())
    assert [n.id for n in again] == ids and again[0].attempts == 2


def test_a_retried_notice_waits_for_its_time(sitting, clock):
    ids = queue(sitting, count=1)
    (notice,) = claim(("email",), app_clock.now())
    services.record_outcome(notice.id, "retry", "421 busy", notice.attempts, app_clock.now())
    db.session.commit()
    assert claim(("email",), app_clock.now()) == []
    clock.now += timedelta(seconds=31)
    assert [n.id for n in claim(("email",), app_clock.now())] == ids


def test_an_unreachable_mail_server_keeps_everything_queued(sitting, clock, app):
    from tests.notices.conftest import free_port

    app.config["CONSULT_SMTP_URL"] = f"smtp://127.0.0.1:{free_port()}"  # nobody listens there
    queue(sitting)
    report = drain(app_clock.now)
    assert report.sent == 0 and report.failed == 0
    rows = db.session.scalars(select(Notice)).all()
    assert {n.status for n in rows} == {"queued"}
    tried = [n for n in rows if n.attempts]
    assert len(tried) == 1 and "Connection" in tried[0].last_error  # one try, the others given back untried


@pytest.mark.parametrize("app", ["postgresql"], indirect=True)  # FOR UPDATE SKIP LOCKED is PostgreSQL's
def test_postgresql_workers_skip_rows_another_worker_holds(sitting, app):
    ids = queue(sitting)
    with db.engine.connect() as other:
        other.execute(text("SELECT id FROM notice WHERE id IN (:a, :b) FOR UPDATE"), {"a": ids[0], "b": ids[1]})
        mine = claim(("email",), app_clock.now())
        assert [n.id for n in mine] == ids[2:]
        other.rollback()
    # Released without being claimed (the other worker only held them): now this worker gets them.
    assert [n.id for n in claim(("email",), app_clock.now())] == ids[:2]
