"""Benchmark: the outbox. 400 notices queued by one request and drained by one worker into a local SMTP server.

Run: .venv/bin/python benchmarks/outbox.py [--members 400] [--rounds 5]

Builds a temporary SQLite database with one published sitting and N invitees with an e-mail address, logs
in as staff and measures:
  - the preview request (reschedule with "notify by e-mail" ticked: the texts for every member, rolled back);
  - the confirmed request that moves the sitting and queues N notices in one transaction (median of rounds);
  - one worker draining those N notices into aiosmtpd on a local port (one SMTP connection, each outcome
    committed after its send).
Targets: the queuing request <= 100 ms, the drain <= 10 s.
The last line is one JSON object with the same figures.
"""

from __future__ import annotations

import argparse
import json
import socket
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from aiosmtpd.controller import Controller  # noqa: E402
from sqlalchemy import func, insert, select, update  # noqa: E402

from consult import create_app  # noqa: E402
from consult.auth.services import create_user  # noqa: E402
from consult.committee import clock, get_committee  # noqa: E402
from consult.extensions import db  # noqa: E402
from consult.meetings.models import Invitation, Meeting  # noqa: E402
from consult.members.models import Member, Organ, Sector  # noqa: E402
from consult.notices.models import Notice  # noqa: E402
from consult.notices.worker import drain  # noqa: E402


class Counter:
    """An aiosmtpd handler that only counts what it accepts."""

    def __init__(self) -> None:
        self.received = 0

    async def handle_DATA(self, server, session, envelope):
        self.received += 1
        return "250 OK"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def populate(members: int) -> int:
    committee = get_committee()
    committee.term, committee.short_name = 8, "区政协"
    sector = Sector(name="经济界", position=0)
    organ = Organ(kind="standing_committee", name="常务委员会", slug="standing")
    db.session.add_all([sector, organ])
    db.session.flush()
    db.session.execute(insert(Member), [
        {"name": f"委员{n:03d}", "sector_id": sector.id, "email": f"m{n}@example.cn", "phone": "",
         "access_token": f"token-{n:04d}-" + "x" * 30, "feed_token": f"feed-{n:04d}-" + "y" * 30}
        for n in range(members)
    ])
    start = datetime.now(UTC).replace(microsecond=0) + timedelta(days=30)
    meeting = Meeting(
        organ=organ, title="加强我区科技企业创新能力建设", starts_at=start, ends_at=start + timedelta(hours=2),
        status="published", term=8, number=12, location="区政协三楼会议室",
    )
    db.session.add(meeting)
    db.session.flush()
    ids = db.session.scalars(select(Member.id)).all()
    db.session.execute(insert(Invitation), [{"meeting_id": meeting.id, "member_id": i} for i in ids])
    create_user("bench", "bench-password", role="staff")
    db.session.commit()
    return meeting.id


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--members", type=int, default=400)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()

    port = free_port()
    handler = Counter()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            app = create_app({
                "SQLALCHEMY_DATABASE_URI": f"sqlite:///{Path(tmp) / 'bench.db'}",
                "CONSULT_SMTP_URL": f"smtp://127.0.0.1:{port}",
            })
            with app.app_context():
                db.create_all()
                meeting_id = populate(args.members)
                client = app.test_client()
                client.post("/login", data={"username": "bench", "password": "bench-password"})
                url = f"/meetings/{meeting_id}/reschedule"

                def form(day: int, **extra) -> dict:
                    return {"date": f"2040-01-{day:02d}", "start_time": "09:00", "end_time": "11:00",
                            "location": "区行政中心201会议室", "notify_shown": "1", "notify_email": "1",
                            "change_reason": "与区人代会会期冲突",
                            "notice_key": f"benchmark-key-{day:04d}-padding", **extra}

                preview_times, queue_times = [], []
                for n in range(args.rounds):
                    began = time.perf_counter()
                    preview = client.post(url, data=form(n + 1))
                    preview_times.append((time.perf_counter() - began) * 1000)
                    if preview.status_code != 200:
                        raise SystemExit(f"preview answered {preview.status_code}")
                    began = time.perf_counter()
                    done = client.post(url, data=form(n + 1, notice_confirmed="1"))
                    queue_times.append((time.perf_counter() - began) * 1000)
                    if done.status_code != 302:
                        raise SystemExit(f"confirmation answered {done.status_code}")
                # Only the last round's notices are drained: the earlier ones count as sent.
                last_batch = db.session.scalar(select(func.max(Notice.batch_id)))
                db.session.execute(update(Notice).where(Notice.batch_id != last_batch).values(status="sent"))
                db.session.commit()
                queued = db.session.scalar(
                    select(func.count()).select_from(Notice).where(Notice.status == "queued"))
                began = time.perf_counter()
                report = drain(clock.now)
                drain_seconds = time.perf_counter() - began
    finally:
        controller.stop()

    figures = {
        "members": args.members,
        "notices_queued_per_request": queued,
        "preview_request_ms_median": round(statistics.median(preview_times), 1),
        "queue_request_ms_median": round(statistics.median(queue_times), 1),
        "queue_request_ms_max": round(max(queue_times), 1),
        "drain_seconds": round(drain_seconds, 2),
        "sent": report.sent,
        "received_by_smtp": handler.received,
        "notices_per_second": round(report.sent / drain_seconds, 1) if drain_seconds else None,
    }
    print(f"Outbox: {args.members} invitees, {args.rounds} rounds")
    rows = [
        ("preview request (median ms)", figures["preview_request_ms_median"], "-"),
        ("queuing request (median ms)", figures["queue_request_ms_median"], "<= 100"),
        ("queuing request (max ms)", figures["queue_request_ms_max"], "-"),
        (f"drain of {queued} notices (s)", figures["drain_seconds"], "<= 10"),
        ("mails received by the SMTP server", handler.received, str(queued)),
    ]
    width = max(len(r[0]) for r in rows)
    print(f"{'figure'.ljust(width)}  {'value':>9}  target")
    for label, value, target in rows:
        print(f"{label.ljust(width)}  {value:>9}  {target}")
    print(json.dumps(figures, ensure_ascii=False))


if __name__ == "__main__":
    main()
