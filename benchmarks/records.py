"""Benchmark: the Word duty report (履职情况通报) for 400 members and 300 sittings of a year.

Run: .venv/bin/python benchmarks/records.py [--rounds 7]
Builds a temporary SQLite database (or uses DATABASE_URL, whose tables must be empty or absent) with a year like a
district committee's, scaled up: 400 members in 8 sectors, all in the plenary, 60 in the standing committee,
10 in the chair meeting, the others in 8 special committees and sector groups; 300 held sittings (2 plenary
sessions, 24 standing-committee meetings, 24 chair meetings, the rest of the other organs), each with its
invitations, attendance (present, on leave with approved leave, absent) closed after the sitting, and opinions,
some printed in approved minutes. Then prints the median of:
  - the Word file: what the download and the command do (load the report, build the document);
  - loading the report alone (the reads and the counting);
  - the document alone;
and, as the last line, one JSON object of the same figures (seconds). Target: the Word file <= 2 s.
`build_duty_year(year)` is shared with benchmarks/pages.py, which times the report page.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import insert, select  # noqa: E402

from benchmarks._timing import median_seconds  # noqa: E402
from consult import create_app  # noqa: E402
from consult.extensions import db  # noqa: E402

MEMBERS = 400
SITTINGS = 300
YEAR = datetime.now(UTC).year - 1  # a whole year behind us
SECTORS = ("中共", "民革", "民盟", "工商联", "科技界", "教育界", "医卫界", "经济界")
OTHER_ORGANS = (
    ("special_committee", "提案委员会"), ("special_committee", "经济委员会"), ("special_committee", "文史委员会"),
    ("special_committee", "社会和法制委员会"), ("sector_group", "科技界小组"), ("sector_group", "教育界小组"),
    ("street_committee", "城东街道政协工委"), ("street_committee", "和平桥街道政协工委"),
)


def build_duty_year(year: int = YEAR) -> None:
    """Fill the database with the year described in the module's docstring (committed)."""
    from consult.committee import get_committee
    from consult.meetings.models import Invitation, Meeting, Topic
    from consult.members.collation import name_sort_key
    from consult.members.models import Member, Organ, Sector, organ_member
    from consult.minutes.models import Minutes, MinutesVersion, PrintedOpinion
    from consult.onsite.models import AttendanceRecord, LeaveRequest, OnsiteSitting
    from consult.opinions.models import Opinion

    committee = get_committee()
    committee.term, committee.name = 8, "政协崇川区委员会"
    sectors = [Sector(name=name, position=i) for i, name in enumerate(SECTORS)]
    db.session.add_all(sectors)
    db.session.flush()
    db.session.execute(insert(Member), [
        {"name": f"委员{i:03d}", "sector_id": sectors[i % len(sectors)].id, "member_number": f"{i:04d}",
         "role": "chair" if i == 0 else ("vice_chair" if i < 6 else None), "protocol_order": i,
         "name_sort_key": name_sort_key(f"委员{i:03d}")}
        for i in range(MEMBERS)
    ])
    ids = list(db.session.scalars(select(Member.id).order_by(Member.id)))
    kinds = [("plenary", "全体委员会议"), ("standing_committee", "常务委员会"), ("chair_meeting", "主席会议"),
             *OTHER_ORGANS]
    organs = [Organ(kind=kind, name=name, slug=f"organ-{n}", position=n) for n, (kind, name) in enumerate(kinds)]
    db.session.add_all(organs)
    db.session.flush()
    seats = {organs[0].id: ids, organs[1].id: ids[:60], organs[2].id: ids[:10]}
    for n, organ in enumerate(organs[3:]):
        seats[organ.id] = ids[10 + n * 40: 10 + n * 40 + 40]
    db.session.execute(insert(organ_member), [{"organ_id": o, "member_id": m} for o, ms in seats.items() for m in ms])
    plan = [organs[0]] * 2 + [organs[1]] * 24 + [organs[2]] * 24
    plan += [organs[3 + n % len(OTHER_ORGANS)] for n in range(SITTINGS - len(plan))]
    begin = datetime(year, 1, 6, 1, 0, tzinfo=UTC)
    numbers: dict[int, int] = {}
    rows = []
    for k, organ in enumerate(plan):
        starts = begin + timedelta(hours=(k * 8400) // SITTINGS)  # spread over the year
        numbered = organ.kind in ("plenary", "standing_committee", "chair_meeting")
        numbers[organ.id] = numbers.get(organ.id, 0) + 1
        rows.append({"organ_id": organ.id, "title": f"会议{k}", "starts_at": starts,
                     "ends_at": starts + timedelta(hours=2), "status": "held",
                     "sitting_kind": "meeting" if k % 7 else "research_visit",
                     "term": 8 if numbered else None, "number": numbers[organ.id] if numbered else None})
    db.session.execute(insert(Meeting), rows)
    meetings = list(db.session.execute(select(Meeting.id, Meeting.organ_id, Meeting.ends_at).order_by(Meeting.id)))
    db.session.execute(insert(Topic), [{"meeting_id": m.id, "position": 0, "title": "议题"} for m in meetings])
    topics = dict(db.session.execute(select(Topic.meeting_id, Topic.id)).all())
    invitations, records, leave, opinions, closed = [], [], [], [], []
    for k, meeting in enumerate(meetings):
        closed.append({"meeting_id": meeting.id, "code": f"b{meeting.id:07d}",
                       "attendance_closed_at": meeting.ends_at + timedelta(hours=1)})
        for j, member_id in enumerate(seats[meeting.organ_id]):
            invitations.append({"meeting_id": meeting.id, "member_id": member_id})
            status = "on_leave" if (j + k) % 11 == 0 else ("absent" if (j * 7 + k) % 29 == 0 else "present")
            records.append({"meeting_id": meeting.id, "member_id": member_id, "status": status,
                            "recorded_at": meeting.ends_at, "recorded_by": "member"})
            if status == "on_leave":
                leave.append({"meeting_id": meeting.id, "member_id": member_id, "reason": "出差", "status": "approved",
                              "late": j % 5 == 0, "decided_at": meeting.ends_at - timedelta(days=2)})
            if status == "present" and (j + k) % 5 == 0:
                opinions.append({"meeting_id": meeting.id, "topic_id": topics[meeting.id], "member_id": member_id,
                                 "text": "建议进一步加大扶持力度。",
                                 "submission_key": f"bench-{meeting.id}-{member_id}"})
    for table, values in ((Invitation, invitations), (AttendanceRecord, records), (LeaveRequest, leave),
                          (OnsiteSitting, closed), (Opinion, opinions)):
        db.session.execute(insert(table), values)
    printed = []
    for k, meeting in enumerate(meetings[:60]):  # the numbered sittings' minutes approved
        minutes = Minutes(meeting_id=meeting.id, committee_id=committee.id, title=f"纪要{k}", year=year,
                          issue_number=k + 1, office="办公室", issued_on=date(year, 12, 1), status="approved")
        db.session.add(minutes)
        db.session.flush()
        version = MinutesVersion(minutes_id=minutes.id, number=1, revision=1, content=b"", sha256="0" * 64, size=0)
        db.session.add(version)
        db.session.flush()
        printed += [{"version_id": version.id, "opinion_id": opinion_id} for opinion_id in db.session.scalars(
            select(Opinion.id).where(Opinion.meeting_id == meeting.id))]
    db.session.execute(insert(PrintedOpinion), printed)
    db.session.commit()


def main() -> None:
    """Build the year, time the Word duty report, print a table and one JSON line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    from consult.records.files import docx_bytes
    from consult.records.queries import load_report

    today = date(YEAR + 1, 1, 15)
    with tempfile.TemporaryDirectory() as folder:
        url = os.environ.get("DATABASE_URL") or f"sqlite:///{Path(folder) / 'bench.db'}"
        app = create_app({"SQLALCHEMY_DATABASE_URI": url, "TESTING": False})
        with app.app_context():
            db.create_all()
            began = time.perf_counter()
            build_duty_year(YEAR)
            built = time.perf_counter() - began
            report = load_report(YEAR, today=today)
            size = len(docx_bytes(report, today))
            results = {
                "Word file (load + document)": median_seconds(lambda: docx_bytes(load_report(YEAR, today=today), today),
                                                              args.rounds),
                "loading the report": median_seconds(lambda: load_report(YEAR, today=today), args.rounds),
                "the document alone": median_seconds(lambda: docx_bytes(report, today), args.rounds),
            }
            db.session.remove()
            db.drop_all()
            db.engine.dispose()
    backend = url.split(":", 1)[0]
    print(f"Duty report of {len(report.rows)} members and {len(report.sittings)} sittings on {backend} "
          f"({report.total.sittings:,} person-sittings, {size:,} bytes; data built in {built:.1f} s); "
          f"median of {args.rounds} rounds")
    width = max(len(label) for label in results)
    print(f"{'step'.ljust(width)}  median s")
    for label, seconds in results.items():
        print(f"{label.ljust(width)}  {seconds:8.3f}")
    median = results["Word file (load + document)"]
    print(f"target: the Word file <= 2 s ({'met' if median <= 2 else 'MISSED'})")
    print(json.dumps({"members": len(report.rows), "sittings": len(report.sittings), "backend": backend,
                      "rounds": args.rounds, "median_s": {k: round(v, 4) for k, v in results.items()}},
                     ensure_ascii=False))


if __name__ == "__main__":
    main()
