"""Benchmark: the year's consultation results (年度协商成果汇编) of 60 sittings held in a year.

Run: .venv/bin/python benchmarks/results.py [--sittings 60] [--rounds 7]

Builds a temporary SQLite database (or uses DATABASE_URL, whose tables must be empty or absent): six organs, a plan
of 40 items, N held sittings over the year (numbered meetings and activities), each with three topics and, for all
but every fifth, approved minutes (an opening, a summary per topic, four decisions: closed, in progress, overdue,
not assigned, with their answers). Then prints the median of:
  - the compilation as the download makes it (followup.compiling.compilation_bytes: the reads, then the document);
  - the gathering alone (the reads from the domains into a CompilationContent);
  - the document alone (followup.compilation.compilation_docx over that content);
the number of SQL statements the gathering runs, and as the last line one JSON object of the same figures.
Target: the compilation of 60 sittings <= 2 s.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import tempfile
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import event, insert, select  # noqa: E402

from benchmarks._data import standard_organs  # noqa: E402
from benchmarks._timing import median_seconds  # noqa: E402
from consult import create_app  # noqa: E402
from consult.extensions import db  # noqa: E402

YEAR = 2030
AS_OF = date(YEAR, 12, 20)
TOPICS = ("加强我区科技企业创新能力建设", "我区经济运行和财政收支情况", "推进生态环境建设，加快打造美丽崇川")
SUMMARY = ("与会人员认为，近年来我区在该领域做了大量工作，取得了明显成效，同时也存在一些短板和不足，"
           "需要进一步加大工作力度。大家建议，进一步完善政策体系，强化要素保障，加强部门协同，推动各项措施落地见效。")
DECISIONS = (
    ("会议原则同意本次协商形成的意见建议，由办公室整理后报送区委、区政府。", "区政府办公室", date(YEAR, 12, 31),
     "adopted"),
    ("建议区科技局牵头，会同区发改委、区工信局，认真研究吸纳委员提出的意见建议，三个月内书面反馈办理情况。", "区科技局",
     date(YEAR, 12, 31), ""),
    ("请区财政局结合职能，就委员关注的突出问题提出具体落实措施。", "区财政局", date(YEAR, 1, 31), ""),
    ("请各专门委员会跟踪了解意见建议的办理落实情况。", "", None, ""),
)
ANSWER = ("已书面答复：对委员提出的意见建议高度重视，已纳入本年度重点工作，制定了具体实施方案，明确责任科室和完成时限，"
          "相关措施正在落实，并将适时向区政协通报进展。")


def populate(sittings: int) -> None:
    """Add the committee, the organs, the plan and `sittings` held sittings with their minutes and decisions."""
    from consult.committee import get_committee
    from consult.followup.models import ApprovedText, Decision
    from consult.meetings.models import Meeting, Topic
    from consult.minutes.models import Minutes, MinutesVersion
    from consult.plans.models import ConsultationPlan, PlanItem

    committee = get_committee()
    committee.name, committee.short_name, committee.term = "政协崇川区委员会", "区政协", 8
    organs = standard_organs()
    db.session.add_all(organs)
    plan = ConsultationPlan(year=YEAR, title="", is_public=True, notes="")
    db.session.add(plan)
    db.session.flush()
    db.session.execute(insert(PlanItem), [
        {"plan_id": plan.id, "position": n, "topic": f"关于推进第{n + 1}项重点工作的协商",
         "consultation_form": "thematic",
         "sitting_kind": "meeting", "organ_id": organs[n % 6].id, "organising_organ_id": organs[n % 6].id,
         "planned_month": n % 12 + 1, "notes": ""} for n in range(40)
    ])
    items = db.session.scalars(select(PlanItem.id).order_by(PlanItem.position)).all()
    begin = datetime(YEAR, 1, 8, 1, 0, tzinfo=UTC)
    step = timedelta(days=350 / sittings)
    db.session.execute(insert(Meeting), [
        {"organ_id": organs[n % 6].id, "title": f"关于推进第{n + 1}项重点工作的专题协商", "starts_at": begin + step * n,
         "ends_at": begin + step * n + timedelta(hours=2), "status": "held",
         "sitting_kind": "inspection" if n % 7 == 6 else "meeting",
         "consultation_form": "inspection" if n % 7 == 6 else "thematic", "location": "三楼会议室",
         "plan_item_id": items[n % len(items)], "term": 8 if organs[n % 6].kind != "special_committee" else None,
         "number": n + 1 if organs[n % 6].kind != "special_committee" else None}
        for n in range(sittings)
    ])
    meetings = db.session.scalars(select(Meeting.id).order_by(Meeting.starts_at)).all()
    db.session.execute(insert(Topic), [
        {"meeting_id": mid, "position": p, "title": title} for mid in meetings for p, title in enumerate(TOPICS)
    ])
    approved = [mid for n, mid in enumerate(meetings) if n % 5 != 4]
    now = datetime(YEAR, 12, 20, 2, tzinfo=UTC)
    db.session.execute(insert(Minutes), [
        {"meeting_id": mid, "committee_id": committee.id, "status": "approved", "revision": 1, "title": "纪要",
         "year": YEAR, "issue_number": n + 1, "office": "办公室", "issued_on": date(YEAR, 1, 1), "opening": "",
         "decisions": "", "created_at": now, "updated_at": now} for n, mid in enumerate(approved)
    ])
    minutes = dict(db.session.execute(select(Minutes.meeting_id, Minutes.id)).all())
    db.session.execute(insert(MinutesVersion), [
        {"minutes_id": minutes[mid], "number": 1, "revision": 1, "content": b"docx", "sha256": "0" * 64, "size": 4,
         "approved_at": now} for mid in approved
    ])
    versions = dict(db.session.execute(select(MinutesVersion.minutes_id, MinutesVersion.id)).all())
    db.session.execute(insert(ApprovedText), [
        {"minutes_version_id": versions[minutes[mid]], "minutes_id": minutes[mid], "meeting_id": mid, "version": 1,
         "title": "纪要", "opening": "会议在区政协三楼会议室召开，区政协主席周林勇主持。会议围绕议题进行了协商讨论。",
         "topics": [[title, SUMMARY] for title in TOPICS], "decisions": [d[0] for d in DECISIONS], "approved_at": now}
        for mid in approved
    ])
    db.session.execute(insert(Decision), [
        {"meeting_id": mid, "minutes_id": minutes[mid], "position": p + 1, "text": text, "first_version": 1,
         "last_version": 1, "in_minutes": True, "department": department, "due_on": due, "outcome": outcome,
         "answer": f"{department}{ANSWER}" if department else "", "answered_on": date(YEAR, 3, 1) if outcome else None,
         "revision": 1, "created_at": now, "updated_at": now}
        for mid in approved for p, (text, department, due, outcome) in enumerate(DECISIONS)
    ])
    db.session.commit()


def main() -> None:
    """Build the year, time the compilation, print a table and then one JSON line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sittings", type=int, default=60)
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    from consult.committee import get_committee
    from consult.followup.compilation import compilation_docx
    from consult.followup.compiling import compilation_bytes, gather_compilation

    with tempfile.TemporaryDirectory() as folder:
        url = os.environ.get("DATABASE_URL") or f"sqlite:///{Path(folder) / 'bench.db'}"
        app = create_app({"SQLALCHEMY_DATABASE_URI": url, "TESTING": False, "SERVER_NAME": None})
        with app.app_context():
            db.create_all()
            populate(args.sittings)
            committee = get_committee()
            options = {"committee": committee, "today": AS_OF, "now": datetime(YEAR, 12, 20, 2, tzinfo=UTC),
                       "time_zone": committee.time_zone}

            def compiled() -> bytes:
                db.session.expire_all()
                return compilation_bytes(YEAR, **options)

            content = gather_compilation(YEAR, **options)
            statements = []

            def count(*_arguments) -> None:
                statements.append(1)

            event.listen(db.engine, "before_cursor_execute", count)
            db.session.expire_all()
            gather_compilation(YEAR, **options)
            event.remove(db.engine, "before_cursor_execute", count)
            counted = len(statements)
            results = {
                "compilation (gather + document)": median_seconds(compiled, args.rounds),
                "gathering alone": median_seconds(lambda: (db.session.expire_all(), gather_compilation(
                    YEAR, **options)), args.rounds),
                "document alone": median_seconds(lambda: compilation_docx(content), args.rounds),
            }
            size = len(compiled())
            decisions = sum(len(s.decisions) for s in content.sittings)
            db.session.remove()
            db.drop_all()
            db.engine.dispose()
    backend = url.split(":", 1)[0]
    median = results["compilation (gather + document)"]
    print(f"年度协商成果汇编 on {backend}: {len(content.sittings)} sittings held, {decisions} decisions, "
          f"{size:,} bytes; {counted} SQL statements to gather; median of {args.rounds} rounds")
    width = max(len(label) for label in results)
    print(f"{'step'.ljust(width)}  median s")
    for label, seconds in results.items():
        print(f"{label.ljust(width)}  {seconds:8.3f}")
    print(f"target: the compilation <= 2 s ({'met' if median <= 2 else 'MISSED'})")
    print(json.dumps({"sittings": len(content.sittings), "decisions": decisions, "backend": backend,
                      "statements": counted, "median_s": {label: round(s, 4) for label, s in results.items()}},
                     ensure_ascii=False))


if __name__ == "__main__":
    main()
