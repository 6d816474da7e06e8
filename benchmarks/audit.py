"""What the audit log costs: the busiest read pages (which write nothing), write requests with and without their
entries, and the admins' audit page over many entries.

Run: .venv/bin/python benchmarks/audit.py [--requests 30] [--entries 50000] [--reads-only]

`--reads-only` measures the read pages alone, and needs no audit log: copy this file into a checkout from before the
log (e.g. `git archive main`) and run it there for the read pages' figures before.

Builds a temporary SQLite database (or uses DATABASE_URL, whose tables must be empty or absent) with the 1,000
sittings and 400 members of benchmarks/pages.py, logs in as staff and measures, as medians in milliseconds of wall
time and of this process's CPU time (what the code costs, whatever else the machine runs meanwhile):
  - read pages (home, list, a sitting's page, the member directory): they record nothing, so the log adds nothing
    but what the layout asks (is the account an admin?);
  - write requests, each once with the log and once with its recording replaced by no-ops (the code as it was before
    the log), in pairs: publishing a draft (numbered, one entry) and rescheduling a draft (one entry); the log's cost
    is the median of the pairs' differences;
  - the audit page as an admin with `--entries` entries: the first page, a search of words, a kind of subject, an
    old page, and the CSV of one kind.
Target: the log adds at most 1 ms to a request. The last line is one JSON object of the same figures.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import statistics
import sys
import tempfile
import time
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import insert, select  # noqa: E402

from benchmarks.pages import NOW, build  # noqa: E402
from consult import create_app  # noqa: E402
from consult.extensions import db  # noqa: E402

READ_PAGES = [
    ("home", "/"),
    ("list (upcoming)", "/meetings?tab=upcoming"),
    ("meeting page", "/meetings/{meeting_id}"),
    ("member directory", "/members"),
]
AUDIT_PAGES = [
    ("audit log, page 1", "/audit"),
    ("audit log, words searched", "/audit?q=议题"),
    ("audit log, one kind of subject", "/audit?type=member"),
    ("audit log, page 200 (the last)", "/audit?page=200"),
    ("audit log CSV, one kind (newest 50,000 at most)", "/audit.csv?type=attendance&from={from_day}"),
]


@contextmanager
def without_the_log():
    """Within the block the services record nothing: snapshot, record, record_changes and record_many do nothing."""
    from consult import audit

    saved = {name: getattr(audit, name) for name in ("snapshot", "record", "record_changes", "record_many")}
    for name in saved:
        setattr(audit, name, lambda *args, **kwargs: None)
    try:
        yield
    finally:
        for name, function in saved.items():
            setattr(audit, name, function)


def _drafts(count: int, organ_kind: str = "standing_committee") -> list[int]:
    """Add `count` drafts of the standing committee a month ahead, a day apart; return their ids."""
    from consult.meetings.models import Meeting
    from consult.members.models import Organ

    organ = db.session.scalars(select(Organ).where(Organ.kind == organ_kind)).first()
    starts = NOW + timedelta(days=40)
    rows = [{"organ_id": organ.id, "title": f"待发布的会议{i}", "starts_at": starts + timedelta(days=i),
             "ends_at": starts + timedelta(days=i, hours=2), "status": "draft", "sitting_kind": "meeting",
             "consultation_form": "thematic", "location": "三楼会议室", "revision": 0} for i in range(count)]
    db.session.execute(insert(Meeting), rows)
    db.session.commit()
    return list(db.session.scalars(select(Meeting.id).where(Meeting.status == "draft").order_by(Meeting.id)))


def _timed_post(client, url: str, data: dict) -> tuple[float, float]:
    """POST and return (wall, CPU) milliseconds; CPU time (this process's) is what the code costs, whatever the other
    processes on the machine do meanwhile."""
    wall, cpu = time.perf_counter(), time.process_time()
    response = client.post(url, data=data)
    wall, cpu = (time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000
    if response.status_code not in (302, 303):
        raise SystemExit(f"POST {url} answered {response.status_code}")
    return wall, cpu


def measure_writes(app, client, requests: int) -> tuple[dict[str, tuple], dict[str, tuple]]:
    """Publish 2 × `requests` drafts and reschedule two drafts `requests` times each, in pairs with and without the
    log; return the medians (wall, CPU ms) and the log's cost: the medians of the pairs' differences."""
    with app.app_context():
        drafts = _drafts(2 * requests + 2)
        db.session.remove()
    moving = {True: drafts[0], False: drafts[1]}
    drafts = drafts[2:]
    times: dict[str, list[tuple[float, float]]] = {}
    costs: dict[str, list[tuple[float, float]]] = {}
    for i in range(requests):
        day = (NOW + timedelta(days=30 + i % 7)).date().isoformat()
        move = {"date": day, "start_time": "09:00", "end_time": "11:00", "location": f"会议室{i}"}
        requests_of = {
            "publish a draft": {logged: (f"/meetings/{drafts[2 * i + (not logged)]}/publish", {})
                                for logged in (True, False)},
            "reschedule a draft": {logged: (f"/meetings/{moving[logged]}/reschedule", move)
                                   for logged in (True, False)},
        }
        for label, posts in requests_of.items():
            pair = {}
            for logged in ((True, False) if i % 2 else (False, True)):  # alternate which goes first
                with app.app_context():
                    if logged:
                        pair[logged] = _timed_post(client, *posts[logged])
                    else:
                        with without_the_log():
                            pair[logged] = _timed_post(client, *posts[logged])
                with client.session_transaction() as session:
                    session.pop("_flashes", None)  # no page is read to show them: keep the cookie small
            times.setdefault(label, []).append(pair[True])
            times.setdefault(label + " (no log)", []).append(pair[False])
            costs.setdefault(label + ": the log's cost", []).append(
                (pair[True][0] - pair[False][0], pair[True][1] - pair[False][1]))

    def medians(values):
        return tuple(round(statistics.median(v[k] for v in values), 2) for k in (0, 1))

    return {k: medians(v) for k, v in times.items()}, {k: medians(v) for k, v in costs.items()}


def measure_get(client, url: str, requests: int) -> tuple[float, float]:
    """Return the medians of (wall, CPU) milliseconds of `requests` GETs of `url`, after one warm-up; raise
    SystemExit when it does not answer 200."""
    if client.get(url).status_code != 200:
        raise SystemExit(f"{url} did not answer 200")
    walls, cpus = [], []
    for _ in range(requests):
        wall, cpu = time.perf_counter(), time.process_time()
        client.get(url)
        walls.append((time.perf_counter() - wall) * 1000)
        cpus.append((time.process_time() - cpu) * 1000)
    return round(statistics.median(walls), 2), round(statistics.median(cpus), 2)


def _fill_log(count: int) -> None:
    """Write `count` entries spread over the last year, of the commonest kinds, in batches."""
    from consult import audit
    from consult.audit.models import AuditEntry
    from consult.audit.services import Subject, _row

    kinds = [("attendance.check_in", Subject("attendance", 1, "委员001", 1), None, {"status": "present"},
              audit.Actor("member", 1, "委员001")),
             ("meeting.update", Subject("meeting", 1, "专题协商会议1", 1), {"title": "旧议题"},
              {"title": "新议题"}, audit.Actor("user", 1, "bench")),
             ("member.update", Subject("member", 2, "委员002"), {"phone": "13800000000"},
              {"phone": "13900000000"}, audit.Actor("user", 1, "bench"))]
    batch = []
    for n in range(count):
        action, subject, before, after, actor = kinds[n % len(kinds)]
        batch.append(_row(action, subject, before, after, "", actor, NOW - timedelta(minutes=10 * n)))
        if len(batch) == 5000:
            db.session.execute(insert(AuditEntry.__table__), batch)
            batch = []
    if batch:
        db.session.execute(insert(AuditEntry.__table__), batch)
    db.session.commit()


def main() -> None:
    """Build the data, measure, print a table and then one JSON line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--entries", type=int, default=50_000)
    parser.add_argument("--reads-only", action="store_true", help="only the read pages (runs without the log)")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    with tempfile.TemporaryDirectory() as tmp:
        url = os.environ.get("DATABASE_URL") or f"sqlite:///{Path(tmp) / 'bench.db'}"
        app = create_app({"SQLALCHEMY_DATABASE_URI": url, "TESTING": False, "SERVER_NAME": None})
        with app.app_context():
            from consult.auth.services import create_user

            db.create_all()
            meeting_id = build(app)
            create_user("bench", "bench-password", role="staff")
            create_user("chief", "chief-password", role="admin")
            db.session.commit()
            db.session.remove()
        staff, admin = app.test_client(), app.test_client()
        staff.post("/login", data={"username": "bench", "password": "bench-password"})
        admin.post("/login", data={"username": "chief", "password": "chief-password"})
        reads = {}
        for label, page in READ_PAGES:
            with app.app_context():
                reads[label] = measure_get(staff, page.format(meeting_id=meeting_id), args.requests)
        if args.reads_only:
            with app.app_context():
                db.session.remove()
                db.drop_all()
                db.engine.dispose()
            _print(url, args, reads, {}, {}, {}, None)
            return
        writes, cost = measure_writes(app, staff, args.requests)
        with app.app_context():
            began = time.perf_counter()
            _fill_log(args.entries)
            fill_seconds = time.perf_counter() - began
            db.session.remove()
        pages = {}
        from_day = (NOW - timedelta(days=90)).date().isoformat()
        for label, page in AUDIT_PAGES:
            with app.app_context():
                pages[label] = measure_get(admin, page.format(from_day=from_day), max(args.requests // 3, 5))
        with app.app_context():
            db.session.remove()
            db.drop_all()
            db.engine.dispose()
    _print(url, args, reads, writes, cost, pages, fill_seconds)


def _print(url: str, args, reads: dict, writes: dict, cost: dict, pages: dict, fill_seconds: float | None) -> None:
    """Print the heading, the table and the JSON line."""
    backend = url.split(":", 1)[0]
    filled = "" if fill_seconds is None else (
        f" ({args.entries} entries written in {fill_seconds:.1f} s for the audit page)")
    print(f"consult audit log benchmark on {backend}: 1000 sittings, 400 members; median of {args.requests} "
          f"requests{filled}")
    rows = [*reads.items(), *writes.items(), *cost.items(), *pages.items()]
    width = max(len(label) for label, _ in rows)
    print(f"{'request'.ljust(width)}  wall ms   CPU ms")
    for label, (wall, cpu) in rows:
        print(f"{label.ljust(width)}  {wall:7.2f}  {cpu:7.2f}")

    def figures(table):
        return {label: {"wall_ms": wall, "cpu_ms": cpu} for label, (wall, cpu) in table.items()}

    print(json.dumps({"backend": backend, "requests": args.requests, "entries": 0 if args.reads_only else args.entries,
                      "read_pages": figures(reads), "writes": figures(writes), "log_cost": figures(cost),
                      "audit_pages": figures(pages)}, ensure_ascii=False))

if __name__ == "__main__":
    main()
