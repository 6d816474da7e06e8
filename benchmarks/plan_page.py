"""The plan's year page with 200 plan items and 500 sittings, the 125 held ones with approved minutes of three
decisions each (closed, open, overdue): data for benchmarks/pages.py, which reports it.

Run: .venv/bin/python benchmarks/plan_page.py [--requests 30]
Builds a temporary SQLite database (or uses DATABASE_URL, whose tables must be empty or absent),
measures /plans/<year> for staff and for the public (the plan is published), prints a table and, as the
last line, one JSON object of the same figures (milliseconds). `build_plan(year)` can be folded into
benchmarks/pages.py.
"""

from __future__ import annotations

import logging
import os
import sys
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import insert, select  # noqa: E402

from benchmarks._data import standard_organs  # noqa: E402
from consult.extensions import db  # noqa: E402

ITEMS = 200
MEETINGS = 500
MEMBERS = 100
YEAR = datetime.now(UTC).year
FORMS = ("general", "thematic", "inspection", "counterpart", "sector", "research")
STATUSES = ("held", "published", "draft", "cancelled")


def build_plan(year: int) -> None:
    """Fill the database: committee, a sector, 100 members, 6 organs, a public plan of 200 items for
    `year`, and 500 sittings of that year, each linked to an item (held, published, draft, cancelled)."""
    from consult.committee import get_committee
    from consult.meetings.models import Invitation, Meeting, Topic
    from consult.members.collation import name_sort_key
    from consult.members.models import Member, Sector, organ_member
    from consult.plans.models import ConsultationPlan, PlanItem

    get_committee().term = 8
    sector = Sector(name="科技界", position=0)
    db.session.add(sector)
    db.session.flush()
    db.session.execute(insert(Member), [
        {"name": f"委员{i:03d}", "sector_id": sector.id, "member_number": f"{i:04d}",
         "name_sort_key": name_sort_key(f"委员{i:03d}")}
        for i in range(MEMBERS)
    ])
    organs = standard_organs()
    db.session.add_all(organs)
    db.session.flush()
    # The first 40 members are 常委: members of the standing committee (one fact since issue 7).
    standing_ids = db.session.scalars(select(Member.id).order_by(Member.id).limit(40)).all()
    db.session.execute(insert(organ_member), [{"organ_id": organs[1].id, "member_id": m} for m in standing_ids])
    plan = ConsultationPlan(year=year, title="", is_public=True, published_at=datetime.now(UTC), notes="")
    db.session.add(plan)
    db.session.flush()
    member_ids = db.session.scalars(select(Member.id).order_by(Member.id)).all()
    db.session.execute(insert(PlanItem), [
        {"plan_id": plan.id, "position": n + 1, "topic": f"关于推进第{n + 1}项重点工作的协商",
         "consultation_form": FORMS[n % len(FORMS)], "sitting_kind": "meeting", "organ_id": organs[n % 6].id,
         "organising_organ_id": organs[(n + 3) % 6].id,
         "planned_month": n % 12 + 1 if n % 3 else None, "planned_quarter": None if n % 3 else n % 4 + 1,
         "lead_member_id": member_ids[n % 10], "counterpart_department": "区发改委",
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
    held = db.session.scalars(select(Meeting.id).where(Meeting.status == "held").order_by(Meeting.id)).all()
    add_results(held, year)
    db.session.commit()


DECISIONS = (("会议原则同意本次协商形成的意见建议，报送区委、区政府。", "区政府办公室", "adopted"),
             ("建议区发改委牵头研究吸纳委员提出的意见建议。", "区发改委", ""),
             ("请区财政局结合职能提出具体落实措施。", "区财政局", ""))


def add_results(meeting_ids, year: int) -> None:
    """Give each sitting approved minutes (a version of stand-in bytes and the text it keeps) with three decisions:
    one closed, one in progress (due at the end of the year), one overdue (due on 1 January). Bulk inserts."""
    from datetime import date

    from consult.committee import get_committee
    from consult.followup.models import ApprovedText, Decision
    from consult.minutes.models import Minutes, MinutesVersion

    committee_id = get_committee().id
    now = datetime.now(UTC)
    db.session.execute(insert(Minutes), [
        {"meeting_id": mid, "committee_id": committee_id, "status": "approved", "revision": 1, "title": "纪要",
         "year": year, "issue_number": n + 1, "office": "办公室", "issued_on": date(year, 1, 1),
         "opening": "会议召开。", "decisions": "\n".join(d[0] for d in DECISIONS), "created_at": now,
         "updated_at": now}
        for n, mid in enumerate(meeting_ids)
    ])
    minutes = dict(db.session.execute(
        select(Minutes.meeting_id, Minutes.id).where(Minutes.meeting_id.in_(meeting_ids))).all())
    db.session.execute(insert(MinutesVersion), [
        {"minutes_id": minutes[mid], "number": 1, "revision": 1, "content": b"docx", "sha256": "0" * 64, "size": 4,
         "approved_at": now} for mid in meeting_ids
    ])
    versions = dict(db.session.execute(select(MinutesVersion.minutes_id, MinutesVersion.id)).all())
    db.session.execute(insert(ApprovedText), [
        {"minutes_version_id": versions[minutes[mid]], "minutes_id": minutes[mid], "meeting_id": mid, "version": 1,
         "title": "纪要", "opening": "会议召开。", "topics": [["议题", "小结"]], "decisions": [d[0] for d in DECISIONS],
         "approved_at": now} for mid in meeting_ids
    ])
    due = (date(year, 12, 31), date(year, 12, 31), date(year, 1, 1))
    db.session.execute(insert(Decision), [
        {"meeting_id": mid, "minutes_id": minutes[mid], "position": p + 1, "text": text, "first_version": 1,
         "last_version": 1, "in_minutes": True, "department": department, "due_on": due[p], "outcome": outcome,
         "answer": "已答复。" if outcome else "", "answered_on": date(year, 1, 2) if outcome else None,
         "revision": 1, "created_at": now, "updated_at": now}
        for mid in meeting_ids for p, (text, department, outcome) in enumerate(DECISIONS)
    ])


def main() -> None:
    """Time only the year page (benchmarks/pages.py reports it with the other pages)."""
    import argparse

    from benchmarks._timing import report
    from benchmarks.pages import run_plan_page

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=30)
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    with tempfile.TemporaryDirectory() as tmp:
        url = os.environ.get("DATABASE_URL") or f"sqlite:///{Path(tmp) / 'bench.db'}"
        results = run_plan_page(url, args.requests)
    backend = url.split(":", 1)[0]
    report(f"consult plan benchmark on {backend}: {ITEMS} plan items, {MEETINGS} sittings", results,
           {"items": ITEMS, "meetings": MEETINGS, "backend": backend, "requests": args.requests, "median_ms": results})


if __name__ == "__main__":
    main()
