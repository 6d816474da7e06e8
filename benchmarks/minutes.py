"""Benchmark: the minutes of a sitting with 2,000 opinions of ~200 characters, against bare python-docx.

Run: .venv/bin/python benchmarks/minutes.py [--opinions 2000] [--rounds 7]

Builds a temporary SQLite database with a held standing-committee sitting (41 members in six sectors, three
topics, attendance and leave, N opinions of about 200 characters spread over the topics and members, one in 17
anonymous, one in 101 excluded), then prints the median of:
  - generation: what the download does (services.draft_bytes: gather from the database, then the document);
  - gathering alone (the reads and the grouping);
  - the document alone (consult.minutes.document.build_minutes over the gathered content);
  - the floor: bare python-docx writing the same paragraphs (Document(), add_paragraph(text) for each, saved
    to memory), with no styles, fonts, fields or page set-up;
and the ratios to the floor. Targets: generation <= 1.5 s and <= 1.2 x the floor.
The last line is one JSON object: {"opinions", "median_s", "floor_s", "ratio"} (median_s is the generation).
"""

from __future__ import annotations

import argparse
import io
import json
import sys
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import docx  # noqa: E402

from benchmarks._timing import median_seconds  # noqa: E402
from consult import create_app  # noqa: E402
from consult.committee import get_committee  # noqa: E402
from consult.extensions import db  # noqa: E402
from consult.meetings.models import Invitation, Meeting, Topic  # noqa: E402
from consult.meetings.queries import meeting_for_detail  # noqa: E402
from consult.members.models import Member, Organ, Sector  # noqa: E402
from consult.minutes import services  # noqa: E402
from consult.minutes.document import build_minutes, paragraphs  # noqa: E402
from consult.minutes.gathering import default_edits, gather  # noqa: E402
from consult.onsite.models import AttendanceRecord  # noqa: E402
from consult.opinions.models import Opinion  # noqa: E402

SECTORS = ("中共", "民革", "教育界", "医卫界", "经济界", "科技界")
TOPICS = ("加强我区科技企业创新能力建设", "我区经济运行和财政收支情况", "推进生态环境建设，加快打造美丽崇川")
PHRASE = "建议进一步加大对科技型中小企业的扶持力度，完善创新平台建设，优化人才引进政策，强化金融服务支撑，"
STARTS = datetime(2030, 2, 26, 1, 0, tzinfo=UTC)


def opinion_text(number: int) -> str:
    """Return an opinion of about 200 characters, different for each number."""
    return (f"第{number}条：" + PHRASE * 5)[:200]


def populate(opinions: int) -> int:
    """Add the sitting and its opinions; return the sitting's id."""
    committee = get_committee()
    committee.name, committee.term = "政协崇川区委员会", 8
    sectors = [Sector(name=name, position=i) for i, name in enumerate(SECTORS)]
    organ = Organ(kind="standing_committee", name="常务委员会", slug="standing")
    roles = ["chair", "vice_chair", "vice_chair", "vice_chair", "secretary_general"]
    members = [
        Member(name=f"委员{i:02d}", sector=sectors[i % len(sectors)], role=roles[i] if i < len(roles) else None,
               protocol_order=i)
        for i in range(41)
    ]
    organ.members.extend(members)
    meeting = Meeting(organ=organ, title="专题协商", starts_at=STARTS, ends_at=STARTS + timedelta(hours=3),
                      status="held", term=8, number=12, location="区政协三楼会议室", presiding_member=members[0],
                      observers="区科技局\n区财政局")
    meeting.topics = [Topic(position=i, title=title) for i, title in enumerate(TOPICS)]
    meeting.invitations = [Invitation(member=m) for m in members]
    db.session.add_all([*sectors, organ, *members, meeting])
    db.session.flush()
    for i, member in enumerate(members):
        status = "on_leave" if i % 10 == 9 else "present"
        db.session.add(AttendanceRecord(meeting_id=meeting.id, member_id=member.id, status=status))
    rows = []
    for number in range(opinions):
        rows.append(dict(
            meeting_id=meeting.id, topic_id=meeting.topics[number % len(TOPICS)].id,
            member_id=members[number % len(members)].id, text=opinion_text(number), named=number % 17 != 0,
            excluded_from_minutes=number % 101 == 0, submission_key=f"bench-{number:08d}-minutes-key",
            status="active", created_at=STARTS + timedelta(seconds=number), updated_at=STARTS,
        ))
    db.session.execute(Opinion.__table__.insert(), rows)
    db.session.commit()
    return meeting.id


def floor_bytes(texts: list[str]) -> bytes:
    """Return a .docx of the same paragraphs written with bare python-docx (default template, no layout)."""
    document = docx.Document()
    for text in texts:
        document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def document_texts(content) -> list[str]:
    """Return the paragraphs the minutes print, as plain texts (what the floor writes)."""
    from consult.minutes.content import opinion_paragraph

    texts = [content.masthead, content.issue, content.office + content.date_text, content.title,
             *paragraphs(content.opening)]
    for topic in content.topics:
        texts += [topic.title, *paragraphs(topic.summary), "与会人员提出的意见建议如下："]
        for group in topic.sectors:
            texts.append(group.sector)
            for line in group.opinions:
                texts += paragraphs(opinion_paragraph(line))
    texts += list(content.decisions)
    people = content.attendance
    texts += ["出席：" + "、".join(people.present), "请假：" + "、".join(people.on_leave),
              "列席：" + "、".join(people.observers)]
    return texts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--opinions", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{Path(folder) / 'bench.db'}",
                          "CONSULT_CLOCK": lambda: STARTS + timedelta(days=3)})
        with app.app_context():
            db.create_all()
            meeting_id = populate(args.opinions)
            committee = get_committee()
            today = (STARTS + timedelta(days=3)).date()

            def generation() -> bytes:
                db.session.expunge_all()
                meeting = meeting_for_detail(meeting_id)
                return services.draft_bytes(meeting, get_committee(), None, today)

            meeting = meeting_for_detail(meeting_id)
            edits = default_edits(meeting, committee, today, 1)
            content = gather(meeting, committee, edits)
            texts = document_texts(content)
            created = STARTS + timedelta(days=3)
            results = {
                "generation (gather + document)": median_seconds(generation, args.rounds),
                "gathering alone": median_seconds(lambda: gather(meeting, committee, edits), args.rounds),
                "document alone": median_seconds(lambda: build_minutes(content, draft=True, created=created),
                                                 args.rounds),
                "floor: bare python-docx, same paragraphs": median_seconds(lambda: floor_bytes(texts), args.rounds),
            }
            size = len(generation())
            db.session.remove()
            db.engine.dispose()
    floor = results["floor: bare python-docx, same paragraphs"]
    print(f"Minutes of a sitting with {args.opinions:,} opinions of ~200 characters ({content.opinion_count:,} "
          f"printed, {len(texts):,} paragraphs, {size:,} bytes); median of {args.rounds} rounds")
    width = max(len(label) for label in results)
    print(f"{'step'.ljust(width)}  median s  × floor")
    for label, seconds in results.items():
        print(f"{label.ljust(width)}  {seconds:8.3f}  {seconds / floor:7.2f}")
    median = results["generation (gather + document)"]
    print(f"targets: generation <= 1.5 s ({'met' if median <= 1.5 else 'MISSED'}), "
          f"<= 1.2 x floor ({'met' if median <= 1.2 * floor else 'MISSED'})")
    print(json.dumps({"opinions": args.opinions, "median_s": round(median, 4), "floor_s": round(floor, 4),
                      "ratio": round(median / floor, 3)}))


if __name__ == "__main__":
    main()
