"""Median response time of the plan's year page with 200 plan items and 500 sittings.

Run: .venv/bin/python benchmarks/plan_page.py [--requests 30]
Builds a temporary SQLite database (or uses DATABASE_URL, whose tables must be empty or absent),
measures /plans/<year> for staff and for the public (the plan is published), prints a table and, as the
last line, one JSON object of the same figures (milliseconds). `build_plan(year)` can be folded into
benchmarks/pages.py.
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
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import insert, select  # noqa: E402

from consult import create_app  # noqa: E402
from consult.extensions import db  # noqa: E402

ITEMS = 200
MEETINGS = 500
MEMBERS = 100
YEAR = datetime.now(UTC).year
FORMS = ("general", "thematic", "focused", "counterpart", "sector", "proposal_handling")
STATUSES = ("held", "published", "draft", "cancelled")


def build_plan(year: int) -> None:
    """Fill the database: committee, a sector, 100 members, 6 organs, a public plan of 200 items for
    `year`, and 500 sittings of that year, each linked to an item (held, published, draft, cancelled)."""
    from consult.committee import get_committee
    from consult.meetings.models import Invitation, Meeting, Topic
    from consult.members.models import Member, Organ, Sector
    from consult.plans.models import ConsultationPlan, PlanItem

    get_committee().term = 8
    sector = Sector(name="科技界", position=0)
    db.session.add(sector)
    db.session.flush()
    db.session.execute(insert(Member), [
        {"name": f"委员{i:03d}", "sector_id": sector.id, "member_number": f"{i:04d}", "is_standing": i < 40}
        for i in range(MEMBERS)
    ])
    organs = [
        Organ(kind=kind, name=name, slug=slug, position=i)
        for i, (kind, name, slug) in enumerate([
            ("plenary", "全体委员会议", "plenary"), ("standing_committee", "常务委员会", "standing"),
            ("chair_meeting", "主席会议", "chair"), ("special_committee", "提案委员会", "proposals"),
            ("special_committee", "经济委员会", "economy"), ("sector_group", "科技界小组", "science"),
        ])
    ]
    db.session.add_all(organs)
    plan = ConsultationPlan(year=year, title="", is_public=True, published_at=datetime.now(UTC), notes="")
    db.session.add(plan)
    db.session.flush()
    member_ids = db.session.scalars(select(Member.id).order_by(Member.id)).all()
    db.session.execute(insert(PlanItem), [
        {"plan_id": plan.id, "position": n + 1, "topic": f"关于推进第{n + 1}项重点工作的协商",
         "consultation_form": FORMS[n % len(FORMS)], "sitting_kind": "meeting", "organ_id": organs[n % 6].id,
         "planned_month": n % 12 + 1 if n % 3 else None, "planned_quarter": None if n % 3 else n % 4 + 1,
         "lead_member_id": member_ids[n % 10], "responsible_department": "区发改委",
         "participating_departments": "区财政局\n区科技局", "notes": ""}
        for n in range(ITEMS)
    ])
    item_ids = db.session.scalars(select(PlanItem.id).order_by(PlanItem.position)).all()
    begin = datetime(year, 1, 3, 1, 0, tzinfo=UTC)
    db.session.execute(insert(Meeting), [
        {"organ_id": organs[n % 6].id, "title": f"协商会议{n}", "starts_at": begin + timedelta(hours=17 * n),
         "ends_at": begin + timedelta(hours=17 * n + 2), "status": STATUSES[n % 4], "sitting_kind": "meeting",
         "consultation_form": FORMS[n % len(FORMS)], "location": "三楼会议室", "plan_item_id": item_ids[n % ITEMS],
         "term": 8 if STATUSES[n % 4] != "draft" else None, "number": n + 1 if STATUSES[n % 4] != "draft" else None}
        for n in range(MEETINGS)
    ])
    meeting_ids = db.session.scalars(select(Meeting.id).order_by(Meeting.id)).all()
    db.session.execute(insert(Topic), [{"meeting_id": mid, "position": 0, "title": "议题"} for mid in meeting_ids])
    db.session.execute(insert(Invitation), [
        {"meeting_id": mid, "member_id": member_ids[(k + j) % MEMBERS]} for k, mid in enumerate(meeting_ids)
        for j in range(20)
    ])
    db.session.commit()


def measure(client, url: str, requests: int) -> float:
    """Return the median time in milliseconds of `requests` GETs of `url` (after one warm-up)."""
    response = client.get(url)
    if response.status_code != 200:
        raise SystemExit(f"{url} answered {response.status_code}")
    times = []
    for _ in range(requests):
        began = time.perf_counter()
        client.get(url)
        times.append((time.perf_counter() - began) * 1000)
    return statistics.median(times)


def main() -> None:
    """Build the data, measure the year page for staff and the public, print a table and one JSON line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=30)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = os.environ.get("DATABASE_URL") or f"sqlite:///{Path(tmp) / 'bench.db'}"
        app = create_app({"SQLALCHEMY_DATABASE_URI": url, "TESTING": False, "SERVER_NAME": None})
        logging.getLogger().setLevel(logging.WARNING)
        with app.app_context():
            db.create_all()
            began = time.perf_counter()
            build_plan(YEAR)
            from consult.auth.services import create_user

            create_user("bench", "bench-password", role="staff")
            db.session.commit()
            build_seconds = time.perf_counter() - began
            db.session.remove()
        page = f"/plans/{YEAR}"
        results = {}
        public = app.test_client()
        with app.app_context():
            results["plan year page (public)"] = round(measure(public, page, args.requests), 2)
        staff = app.test_client()
        staff.post("/login", data={"username": "bench", "password": "bench-password"})
        with app.app_context():
            results["plan year page (staff)"] = round(measure(staff, page, args.requests), 2)
            db.session.remove()
            if os.environ.get("DATABASE_URL") is None:
                db.engine.dispose()
    backend = url.split(":", 1)[0]
    print(f"consult plan benchmark: {ITEMS} plan items, {MEETINGS} sittings, {backend}, "
          f"median of {args.requests} requests (data built in {build_seconds:.1f} s)")
    width = max(len(label) for label in results)
    print(f"{'page'.ljust(width)}  median ms")
    for label, ms in results.items():
        print(f"{label.ljust(width)}  {ms:9.2f}")
    print(json.dumps({"items": ITEMS, "meetings": MEETINGS, "backend": backend, "requests": args.requests,
                      "median_ms": results}, ensure_ascii=False))


if __name__ == "__main__":
    main()
