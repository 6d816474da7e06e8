"""Benchmark: a burst at the door. 300 members check in and give two opinions each on their phones, 50 at a time,
against the app under gunicorn with 4 workers: first on SQLite (WAL, busy timeout), then on PostgreSQL.

Run: .venv/bin/python benchmarks/burst.py [--members 300] [--concurrency 50] [--backends sqlite,postgresql]
                                          [--postgres-url postgresql+psycopg://postgres@127.0.0.1:5432/postgres]

For each backend: a scratch database (an SQLite file in a temporary folder; a PostgreSQL database created on the
server of --postgres-url and dropped afterwards) gets the schema, a committee, N members with personal links and
phones, and one published sitting now in its check-in window with two topics and every member invited. Then
`gunicorn -w 4` serves the app on a free local port and each member, in a thread of their own (at most
--concurrency at once) with a cookie jar of their own:
  GET  /my/<access_token>                 (the personal page; leaves the cookie that recognises the phone)
  GET  /m/<code>                          (the sitting's page; the CSRF token and submission keys are read from it)
  POST /m/<code>/checkin
  POST /m/<code>/topics/<topic_id>/opinions   once per topic; 5% of these are sent twice with the same
                                              submission_key (a phone resending on a bad connection).
Counted: requests, errors (5xx, connection errors, unexpected statuses), opinions sent (distinct), stored
(counted in the database), duplicates stored (the same member, topic and text more than once), p50/p95 latency.
Targets: 0 errors, stored = sent, 0 duplicates, p95 <= 300 ms on a 2-core machine.
It prints a table per backend and, as the last line, a JSON list with one object per backend.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import re
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from html import unescape
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

WORKERS = 4
RESEND_SHARE = 0.05
OK_GET = (200,)
OK_POST = (200, 201, 302, 303)


# --- the server ------------------------------------------------------------------------------------


def free_port() -> int:
    """Return a TCP port free on 127.0.0.1 right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_gunicorn(database_url: str, port: int, workdir: str, workers: int = WORKERS, app_spec: str = "wsgi:app",
                   extra_env: dict | None = None, log_level: str = "warning") -> subprocess.Popen:
    """Start `gunicorn -w workers` serving `app_spec` on 127.0.0.1:port against `database_url`, with the
    repository's gunicorn.conf.py (read from the working directory); return the process once it answers (raise
    RuntimeError when it does not within 60 s). Its log (at `log_level`) goes to workdir/gunicorn.log."""
    env = {
        **os.environ,
        **(extra_env or {}),
        "DATABASE_URL": database_url,
        "SECRET_KEY": secrets.token_hex(32),
        "CONSULT_INSTANCE_PATH": workdir,
        "CONSULT_STORAGE_PATH": str(Path(workdir) / "files"),
    }
    gunicorn = Path(sys.executable).with_name("gunicorn")
    log = open(Path(workdir) / "gunicorn.log", "ab")  # noqa: SIM115 - closed with the process by stop_gunicorn
    process = subprocess.Popen(
        [str(gunicorn), "-w", str(workers), "-b", f"127.0.0.1:{port}", "--log-level", log_level, app_spec],
        cwd=ROOT, env=env, stdout=log, stderr=log, start_new_session=True,
    )
    process.log_file = log
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {process.returncode}; see {log.name}")
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", "/")
            status = connection.getresponse().status
            connection.close()
            if status < 500:
                return process
        except OSError:
            pass
        time.sleep(0.2)
    stop_gunicorn(process)
    raise RuntimeError(f"gunicorn did not answer on port {port} within 60 s; see {log.name}")


def stop_gunicorn(process: subprocess.Popen) -> None:
    """Stop a gunicorn started by start_gunicorn (TERM to its master, then KILL after 20 s) and close its log."""
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    process.log_file.close()


# --- the data --------------------------------------------------------------------------------------


@dataclass
class Sitting:
    """What the members need: the sitting's code, its topics' ids and the members' personal-page tokens."""

    meeting_id: int
    code: str
    topic_ids: list[int]
    tokens: list[str]


def populate(database_url: str, members: int) -> Sitting:
    """Create the schema in the empty database at `database_url` and fill it: a committee, `members` members
    with personal links and phones, one published sitting that started 10 minutes ago (check-in open) with two
    topics and everyone invited, and its on-site code. Return the Sitting."""
    from sqlalchemy import insert, select

    from consult import create_app
    from consult.committee import get_committee
    from consult.extensions import db
    from consult.meetings.models import Invitation, Meeting, Topic
    from consult.members.models import Member, Organ, Sector
    from consult.onsite.services import onsite_for

    app = create_app({"SQLALCHEMY_DATABASE_URI": database_url, "SERVER_NAME": None, "TESTING": False})
    with app.app_context():
        db.create_all()
        committee = get_committee()
        committee.term, committee.short_name = 8, "区政协"
        sector = Sector(name="经济界", position=0)
        organ = Organ(kind="plenary", name="全体委员会议", slug="plenary")
        db.session.add_all([sector, organ])
        db.session.flush()
        db.session.execute(insert(Member), [
            {"name": f"委员{n:03d}", "sector_id": sector.id, "phone": f"138{n:08d}", "email": "",
             "access_token": f"burst-{n:04d}-{secrets.token_hex(16)}", "feed_token": secrets.token_hex(24),
             "active": True}
            for n in range(members)
        ])
        start = datetime.now(UTC).replace(microsecond=0) - timedelta(minutes=10)
        meeting = Meeting(
            organ=organ, title="全体委员会议（协商）", starts_at=start, ends_at=start + timedelta(hours=3),
            status="published", term=8, number=3, location="区会议中心大礼堂", visibility="public",
            published_at=start - timedelta(days=7),
        )
        meeting.topics = [Topic(position=0, title="加强我区科技企业创新能力建设"),
                          Topic(position=1, title="推进老旧小区改造和社区养老服务")]
        db.session.add(meeting)
        db.session.flush()
        ids = db.session.scalars(select(Member.id).order_by(Member.id)).all()
        db.session.execute(insert(Invitation), [{"meeting_id": meeting.id, "member_id": i} for i in ids])
        code = onsite_for(meeting.id).code
        db.session.commit()
        sitting = Sitting(
            meeting.id, code, [t.id for t in meeting.topics],
            list(db.session.scalars(select(Member.access_token).order_by(Member.id))),
        )
        db.session.remove()
        db.engine.dispose()
    return sitting


def opinion_counts(database_url: str) -> tuple[int, int]:
    """Return (opinions stored, duplicates stored: rows beyond the first with the same member, topic and text),
    read from the opinions table (the table with member_id, topic_id and a text column)."""
    from sqlalchemy import create_engine, func, select

    from consult import models  # noqa: F401  (every table in the metadata)
    from consult.extensions import db

    table = next(
        (t for name, t in sorted(db.metadata.tables.items()) if "opinion" in name
         and {"member_id", "topic_id"} <= set(t.c.keys()) and "text" in t.c),
        None,
    )
    if table is None:
        raise RuntimeError("no opinions table (with member_id, topic_id and text) in the app's models")
    engine = create_engine(database_url)
    try:
        with engine.connect() as conn:
            stored = conn.scalar(select(func.count()).select_from(table))
            groups = select(func.count().label("n")).select_from(table).group_by(
                table.c.member_id, table.c.topic_id, table.c.text
            ).subquery()
            duplicates = conn.scalar(select(func.coalesce(func.sum(groups.c.n - 1), 0)))
    finally:
        engine.dispose()
    return stored, int(duplicates)


# --- a member's phone ------------------------------------------------------------------------------


_FORM = re.compile(r"<form\b([^>]*)>(.*?)</form>", re.S | re.I)
_INPUT = re.compile(r"<input\b([^>]*)>", re.I)
_ATTR = re.compile(r"""([a-zA-Z_:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""")


def _attributes(tag: str) -> dict[str, str]:
    return {m.group(1).lower(): unescape(m.group(2) or m.group(3) or m.group(4) or "") for m in _ATTR.finditer(tag)}


def parse_forms(html: str) -> list[dict]:
    """Return the forms of a page as dicts: action (the attribute, unescaped) and fields (name → value of its
    hidden inputs and other inputs with a value), in page order. Tolerant: attributes in any order and quoting."""
    forms = []
    for match in _FORM.finditer(html):
        attrs = _attributes(match.group(1))
        fields = {}
        for tag in _INPUT.finditer(match.group(2)):
            input_attrs = _attributes(tag.group(1))
            if "name" in input_attrs and input_attrs.get("type", "text").lower() not in ("checkbox", "radio"):
                fields[input_attrs["name"]] = input_attrs.get("value", "")
        forms.append({"action": attrs.get("action", ""), "fields": fields})
    return forms


@dataclass
class Tally:
    """What the run counted, shared by the members' threads."""

    latencies_ms: list[float] = field(default_factory=list)
    requests: int = 0
    errors: int = 0
    sent: int = 0
    problems: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, elapsed_ms: float, failed: bool, problem: str = "") -> None:
        """Count one request, its time, and whether it failed (with a description of the failure)."""
        with self.lock:
            self.requests += 1
            self.latencies_ms.append(elapsed_ms)
        if failed:
            self.fail(problem)

    def fail(self, problem: str) -> None:
        """Count an error: a failed request, or a page without the form a member needs."""
        with self.lock:
            self.errors += 1
            if len(self.problems) < 20:
                self.problems.append(problem)


class Phone:
    """One member's browser: its own cookies, one HTTP connection per request (gunicorn's sync workers close
    each connection), every request timed and checked against the statuses expected."""

    def __init__(self, port: int, tally: Tally) -> None:
        self.port = port
        self.tally = tally
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, form: dict | None = None, ok=OK_GET) -> tuple[int, str]:
        """Send one request; return (status, body text), status 0 for a connection error."""
        headers = {"User-Agent": "Mozilla/5.0 (Linux; Android 12) burst-benchmark", "Accept-Language": "zh-CN"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urlencode(form).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        began = time.perf_counter()
        try:
            connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            text = response.read().decode("utf-8", "replace")
            status = response.status
            for header in response.headers.get_all("Set-Cookie") or []:
                self._keep(header)
            connection.close()
        except OSError as error:
            self.tally.record((time.perf_counter() - began) * 1000, True, f"{method} {path}: {error!r}")
            return 0, ""
        failed = status >= 500 or status not in ok
        self.tally.record((time.perf_counter() - began) * 1000, failed, f"{method} {path}: {status}")
        return status, text

    def _keep(self, header: str) -> None:
        cookie = SimpleCookie()
        cookie.load(header)
        for name, morsel in cookie.items():
            if morsel["max-age"] == "0" or (not morsel.value and morsel["expires"]):
                self.cookies.pop(name, None)
            else:
                self.cookies[name] = morsel.value


def opinion_text(member_number: int, topic_number: int) -> str:
    """Return a member's opinion on a topic, different for every member and topic."""
    return (f"委员{member_number:03d}关于议题{topic_number}的意见：建议加强部门协同，"
            f"完善政策落实的跟踪评估机制，并在三个月内向委员反馈办理情况。")


def one_member(port: int, sitting: Sitting, number: int, resend: set[tuple[int, int]], tally: Tally) -> None:
    """Play one member: personal page, sitting page, check-in, one opinion per topic (some sent twice)."""
    phone = Phone(port, tally)
    phone.request("GET", f"/my/{sitting.tokens[number]}")
    status, page = phone.request("GET", f"/m/{sitting.code}")
    if status != 200:
        return
    forms = parse_forms(page)
    checkin = next((f for f in forms if f["action"].rstrip("/").endswith("/checkin")), None)
    csrf = next((f["fields"]["csrf_token"] for f in forms if f["fields"].get("csrf_token")), "")
    if checkin is not None:
        phone.request("POST", f"/m/{sitting.code}/checkin", {"csrf_token": checkin["fields"].get("csrf_token", csrf)},
                      ok=OK_POST)
    else:
        tally.fail(f"member {number}: no check-in form on /m/{sitting.code}")
    for topic_number, topic_id in enumerate(sitting.topic_ids, 1):
        action = f"/m/{sitting.code}/topics/{topic_id}/opinions"
        form = next((f for f in forms if f["action"].split("?")[0] == action), None)
        if form is None or not form["fields"].get("submission_key"):
            tally.fail(f"member {number}: no opinion form with a submission key for topic {topic_id}")
            continue
        fields = {"csrf_token": form["fields"].get("csrf_token", csrf), "text": opinion_text(number, topic_number),
                  "named": "1", "submission_key": form["fields"]["submission_key"]}
        with tally.lock:
            tally.sent += 1
        phone.request("POST", action, fields, ok=OK_POST)
        if (number, topic_number) in resend:
            phone.request("POST", action, fields, ok=OK_POST)


def run_burst(port: int, sitting: Sitting, concurrency: int, seed: int = 9) -> Tally:
    """Play every member of `sitting`, `concurrency` at a time; return the tally."""
    tally = Tally()
    pairs = [(n, t) for n in range(len(sitting.tokens)) for t in range(1, len(sitting.topic_ids) + 1)]
    resend = set(random.Random(seed).sample(pairs, round(len(pairs) * RESEND_SHARE)))
    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        for future in [pool.submit(one_member, port, sitting, n, resend, tally) for n in range(len(sitting.tokens))]:
            future.result()
    return tally


def percentile(values: list[float], share: float) -> float:
    """Return the `share` quantile of `values` (nearest rank), 0 for none."""
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


# --- the backends ----------------------------------------------------------------------------------


def bench_backend(backend: str, members: int, concurrency: int, postgres_url: str) -> dict:
    """Run the burst on one backend ("sqlite" or "postgresql") with a scratch database; return its figures."""
    with tempfile.TemporaryDirectory(prefix="consult-burst-") as workdir:
        admin = None
        name = f"consult_burst_{os.getpid()}_{secrets.token_hex(3)}"
        if backend == "sqlite":
            url = f"sqlite:///{Path(workdir) / 'burst.db'}"
        else:
            import psycopg

            admin = psycopg.connect(postgres_url.replace("postgresql+psycopg://", "postgresql://"), autocommit=True)
            admin.execute(f'CREATE DATABASE "{name}"')
            url = f"{postgres_url.rsplit('/', 1)[0]}/{name}"
        process = None
        try:
            sitting = populate(url, members)
            port = free_port()
            process = start_gunicorn(url, port, workdir)
            began = time.perf_counter()
            tally = run_burst(port, sitting, concurrency)
            seconds = time.perf_counter() - began
            stop_gunicorn(process)
            process = None
            stored, duplicates = opinion_counts(url)
        finally:
            if process is not None:
                stop_gunicorn(process)
            if admin is not None:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
                admin.close()
    return {
        "backend": backend, "requests": tally.requests, "errors": tally.errors, "sent": tally.sent, "stored": stored,
        "duplicates": duplicates, "p50_ms": round(percentile(tally.latencies_ms, 0.5), 1),
        "p95_ms": round(percentile(tally.latencies_ms, 0.95), 1), "seconds": round(seconds, 1),
        "mean_ms": round(statistics.fmean(tally.latencies_ms), 1) if tally.latencies_ms else 0.0,
        "problems": tally.problems[:5],
    }


def print_table(figures: dict, members: int, concurrency: int) -> None:
    """Print one backend's figures with their targets."""
    print(f"\n{figures['backend']}: {members} members, {concurrency} at a time, gunicorn -w {WORKERS}, "
          f"{figures['seconds']} s")
    rows = [
        ("requests", figures["requests"], "-"),
        ("errors (5xx, connection, unexpected)", figures["errors"], "0"),
        ("opinions sent", figures["sent"], "-"),
        ("opinions stored", figures["stored"], f"= {figures['sent']}"),
        ("duplicates stored", figures["duplicates"], "0"),
        ("latency p50 (ms)", figures["p50_ms"], "-"),
        ("latency p95 (ms)", figures["p95_ms"], "<= 300"),
    ]
    width = max(len(r[0]) for r in rows)
    print(f"{'figure'.ljust(width)}  {'value':>9}  target")
    for label, value, target in rows:
        print(f"{label.ljust(width)}  {value!s:>9}  {target}")
    for problem in figures["problems"]:
        print(f"  e.g. {problem}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--members", type=int, default=300)
    parser.add_argument("--concurrency", type=int, default=50)
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument("--postgres-url", default=os.environ.get(
        "CONSULT_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"))
    args = parser.parse_args()
    results = []
    for backend in [b.strip() for b in args.backends.split(",") if b.strip()]:
        figures = bench_backend(backend, args.members, args.concurrency, args.postgres_url)
        print_table(figures, args.members, args.concurrency)
        results.append(figures)
    keys = ("backend", "requests", "errors", "sent", "stored", "duplicates", "p50_ms", "p95_ms")
    print(json.dumps([{k: r[k] for k in keys} for r in results], ensure_ascii=False))


if __name__ == "__main__":
    main()
