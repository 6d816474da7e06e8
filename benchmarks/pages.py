"""Median response times of the busiest read pages: 1,000 sittings and 400 members, the plan's
year page with 200 plan items and 500 sittings (the 125 held ones with approved minutes and three decisions each),
its picture of the decisions and the follow-up lists, and the duty report of 400 members and 300 sittings.

Run: .venv/bin/python benchmarks/pages.py [--requests 30]
Builds a temporary SQLite database (or uses DATABASE_URL, whose tables must be empty or absent: the
script creates the schema and fills it), measures each page with the Flask test client, prints a
table, and as the last line one JSON object of the same figures (milliseconds).
To add a page, append (label, url) to PAGES (the URL may use {meeting_id} and {year}).
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import insert, select  # noqa: E402

from benchmarks._data import standard_organs  # noqa: E402
from benchmarks._timing import measure, report  # noqa: E402
from benchmarks.plan_page import ITEMS, build_plan  # noqa: E402
from benchmarks.records import SITTINGS as DUTY_SITTINGS  # noqa: E402
from benchmarks.records import YEAR as DUTY_YEAR  # noqa: E402
from benchmarks.records import build_duty_year  # noqa: E402
from consult import create_app  # noqa: E402
from consult.extensions import db  # noqa: E402

MEETINGS = 1000
MEMBERS = 400
# Half of the sittings lie before now (held), half after (published); the calendar shows this month.
NOW = datetime.now(UTC).replace(minute=0, second=0, microsecond=0)
SPACING = timedelta(hours=17)

# (label, url): the pages measured on the 1,000-sitting data; {meeting_id}, {year} and {month} are filled in.
PAGES = [
    ("month calendar", "/meetings/calendar?year={year}&month={month}"),
    ("list (upcoming)", "/meetings?tab=upcoming"),
    ("list (past)", "/meetings?tab=past"),
    ("meeting page", "/meetings/{meeting_id}"),
    ("home", "/"),
    ("list (past, searched)", "/meetings?tab=past&q=议题2"),
    ("member directory (page 1)", "/members"),
    ("member directory (searched)", "/members?q=委员1"),
]


def build(app) -> int:
    """Fill the database: committee, 8 sectors, 400 members, 6 organs, 1,000 sittings over two years with
    topics and invitations. Return the id of a plenary sitting that invites every member."""
    from consult.committee import get_committee
    from consult.meetings.models import Invitation, Meeting, Topic
    from consult.members.collation import name_sort_key
    from consult.members.models import Member, Sector, organ_member

    get_committee().term = 8
    sectors = [Sector(name=name, position=i) for i, name in enumerate(
        ["中共", "民革", "民盟", "工商联", "科技界", "教育界", "医卫界", "经济界"])]
    db.session.add_all(sectors)
    db.session.flush()
    db.session.execute(insert(Member), [
        {"name": f"委员{i:03d}", "sector_id": sectors[i % len(sectors)].id, "member_number": f"{i:04d}",
         "role": "chair" if i == 0 else ("vice_chair" if i < 6 else None),
         "name_sort_key": name_sort_key(f"委员{i:03d}")}
        for i in range(MEMBERS)
    ])
    organs = standard_organs()
    db.session.add_all(organs)
    db.session.flush()
    # The first 60 members are 常委: members of the standing committee (one fact since issue 7).
    standing_ids = db.session.scalars(select(Member.id).order_by(Member.id).limit(60)).all()
    db.session.execute(insert(organ_member), [{"organ_id": organs[1].id, "member_id": m} for m in standing_ids])
    member_ids = db.session.scalars(select(Member.id).order_by(Member.id)).all()
    # Every member sits in the plenary, as in a real committee: its sittings' 应到 is all 400.
    db.session.execute(insert(organ_member), [{"organ_id": organs[0].id, "member_id": m} for m in member_ids])
    start = NOW - SPACING * (MEETINGS // 2)
    rows, numbers = [], {o.id: 0 for o in organs}
    for i in range(MEETINGS):
        organ = organs[i % len(organs)]
        numbers[organ.id] += 1
        begins = start + SPACING * i
        rows.append({
            "organ_id": organ.id, "title": f"专题协商会议{i}", "starts_at": begins,
            "ends_at": begins + timedelta(hours=2, minutes=30), "status": "held" if i < MEETINGS // 2 else "published",
            "sitting_kind": "meeting", "consultation_form": "thematic", "term": 8, "number": numbers[organ.id],
            "location": f"{i % 4 + 1}楼会议室",
        })
    db.session.execute(insert(Meeting), rows)
    meeting_ids = db.session.scalars(select(Meeting.id).order_by(Meeting.id)).all()
    db.session.execute(insert(Topic), [
        {"meeting_id": mid, "position": p, "title": f"议题{p + 1}"} for mid in meeting_ids for p in range(3)
    ])
    invitations = []
    for k, mid in enumerate(meeting_ids):
        size = MEMBERS if k % len(organs) == 0 else 40
        invitations.extend({"meeting_id": mid, "member_id": member_ids[(k + j) % MEMBERS]} for j in range(size))
    db.session.execute(insert(Invitation), invitations)
    db.session.commit()
    showcase = db.session.scalar(
        select(Meeting.id).where(Meeting.organ_id == organs[0].id, Meeting.status == "published").limit(1)
    )
    return showcase


def run_pages(url: str, requests: int) -> tuple[dict[str, float], float]:
    """Build the 1,000-sitting data in `url`, time every page of PAGES; return (results, build seconds)."""
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "TESTING": False, "SERVER_NAME": None})
    with app.app_context():
        db.create_all()
        began = time.perf_counter()
        meeting_id = build(app)
        build_seconds = time.perf_counter() - began
        db.session.remove()
    client = app.test_client()
    results = {}
    for label, page in PAGES:
        target = page.format(meeting_id=meeting_id, year=NOW.year, month=NOW.month)
        with app.app_context():
            results[label] = round(measure(client, target, requests), 2)
    with app.app_context():
        db.drop_all()
        db.engine.dispose()
    return results, build_seconds


def run_plan_page(url: str, requests: int) -> dict[str, float]:
    """Build 200 plan items and 500 sittings with results in `url`; time the year page for the public and for
    staff, the decisions' picture, the year's decisions and the overdue list."""
    from consult.auth.services import create_user

    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "TESTING": False, "SERVER_NAME": None})
    with app.app_context():
        db.create_all()
        build_plan(NOW.year)
        create_user("bench", "bench-password", role="staff")
        db.session.commit()
        db.session.remove()
    results = {}
    page = f"/plans/{NOW.year}"
    public, staff = app.test_client(), app.test_client()
    staff.post("/login", data={"username": "bench", "password": "bench-password"})
    # Each page in an app context of its own: one context shares `g` (and the user Flask-Login found in it)
    # between its requests, so a staff request after a public one would be served as the public.
    for label, client, target in (
        ("plan year page (public)", public, page),
        ("plan year page with results (staff)", staff, page),
        ("plan year picture: decisions by organ (SVG)", staff, f"/plans/{NOW.year}/charts/decisions-by-organ.svg"),
        ("decisions of the year (375, staff)", staff, f"/results?year={NOW.year}"),
        ("overdue decisions (125, staff)", staff, "/results/overdue"),
    ):
        with app.app_context():
            results[label] = round(measure(client, target, requests), 2)
    with app.app_context():
        db.session.remove()  # the requests' transaction would make DROP TABLE wait on PostgreSQL
        db.drop_all()
        db.engine.dispose()
    return results


def run_duty_report(url: str, requests: int) -> dict[str, float]:
    """Build a year of 400 members and 300 sittings in `url` (benchmarks/records.py); time the duty report for
    staff, as it opens and sorted by the attendance rate."""
    from consult.auth.services import create_user

    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "TESTING": False, "SERVER_NAME": None})
    with app.app_context():
        db.create_all()
        build_duty_year(DUTY_YEAR)
        create_user("bench", "bench-password", role="staff")
        db.session.commit()
        db.session.remove()
    staff = app.test_client()
    staff.post("/login", data={"username": "bench", "password": "bench-password"})
    results = {}
    with app.app_context():
        results["duty report (staff)"] = round(measure(staff, f"/records/{DUTY_YEAR}", requests), 2)
        results["duty report (sorted by rate)"] = round(
            measure(staff, f"/records/{DUTY_YEAR}?sort=rate&dir=desc", requests), 2)
        db.session.remove()
        db.drop_all()
        db.engine.dispose()
    return results


def main() -> None:
    """Build the data, measure every page, print a table and then one JSON line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=30)
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    with tempfile.TemporaryDirectory() as tmp:
        url = os.environ.get("DATABASE_URL") or f"sqlite:///{Path(tmp) / 'bench.db'}"
        results, build_seconds = run_pages(url, args.requests)
        results.update(run_plan_page(url, args.requests))
        results.update(run_duty_report(url, args.requests))
    backend = url.split(":", 1)[0]
    report(
        f"consult page benchmark on {backend}: {MEETINGS} sittings and {MEMBERS} members (data built in "
        f"{build_seconds:.1f} s); plan page: {ITEMS} plan items and 500 sittings; duty report: {MEMBERS} members and "
        f"{DUTY_SITTINGS} sittings; median of {args.requests} requests",
        results,
        {"meetings": MEETINGS, "members": MEMBERS, "plan_items": ITEMS, "duty_sittings": DUTY_SITTINGS,
         "backend": backend,
         "requests": args.requests, "median_ms": results},
    )


if __name__ == "__main__":
    main()
