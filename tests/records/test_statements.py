"""The duty report, a member's record and the member's own pages load in a fixed number of SQL statements: the same
for 5 members and 6 sittings as for 60 members and 40 sittings."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import insert, select

from consult.extensions import db
from consult.meetings.models import Invitation, Meeting, Topic
from consult.members.models import Member, organ_member
from consult.minutes.models import Minutes, MinutesVersion, PrintedOpinion
from consult.onsite.models import AttendanceRecord, LeaveRequest, OnsiteSitting
from consult.opinions.models import Opinion
from tests import factories
from tests.records.conftest import YEAR

START = datetime(YEAR, 1, 8, 1, 0, tzinfo=UTC)


def grow(members: int, sittings: int) -> None:
    """Add `members` members (all in the plenary, half in the standing committee) and `sittings` held sittings of
    the year alternating between the two, each with invitations, attendance (present, on leave, absent), leave,
    opinions and a printed one; and a plenary sitting of the year before in the same term."""
    factories.committee(term=8)
    sectors = [factories.sector("教育界"), factories.sector("医卫界")]
    plenary = factories.organ("plenary", "全体委员会议", slug="plenary")
    standing = factories.organ("standing_committee", "常务委员会", slug="standing")
    db.session.execute(insert(Member), [{"name": f"委员{n:03d}", "sector_id": sectors[n % 2].id,
                                         "name_sort_key": f"{n:03d}"} for n in range(members)])
    ids = list(db.session.scalars(select(Member.id).order_by(Member.id)))
    db.session.execute(insert(organ_member), [{"organ_id": plenary.id, "member_id": m} for m in ids]
                       + [{"organ_id": standing.id, "member_id": m} for m in ids[: members // 2]])
    earlier = factories.meeting(plenary, starts_at=START - timedelta(days=365), status="held", term=8, number=2)
    rows = [{"organ_id": (plenary if k % 2 else standing).id, "title": f"会议{k}", "status": "held", "term": 8,
             "number": 3 + k, "starts_at": START + timedelta(days=7 * k),
             "ends_at": START + timedelta(days=7 * k, hours=2)} for k in range(sittings)]
    db.session.execute(insert(Meeting), rows)
    meetings = list(db.session.scalars(select(Meeting).where(Meeting.id != earlier.id).order_by(Meeting.id)))
    db.session.execute(insert(Topic), [{"meeting_id": m.id, "position": 0, "title": "议题"} for m in meetings])
    topics = dict(db.session.execute(select(Topic.meeting_id, Topic.id)).all())
    invitations, records, leave, opinions = [], [], [], []
    for k, meeting in enumerate(meetings):
        invited = ids if meeting.organ_id == plenary.id else ids[: members // 2]
        db.session.add(OnsiteSitting(meeting_id=meeting.id, code=f"st{meeting.id:06d}",
                                     attendance_closed_at=meeting.ends_at + timedelta(hours=1)))
        for j, member_id in enumerate(invited):
            invitations.append({"meeting_id": meeting.id, "member_id": member_id})
            status = ("present", "present", "on_leave", "absent")[(j + k) % 4]
            records.append({"meeting_id": meeting.id, "member_id": member_id, "status": status,
                            "recorded_at": meeting.ends_at, "recorded_by": "staff"})
            if status == "on_leave":
                leave.append({"meeting_id": meeting.id, "member_id": member_id, "status": "approved",
                              "late": j % 2 == 0, "reason": "出差", "decided_at": meeting.starts_at})
            if j % 3 == 0:
                opinions.append({"meeting_id": meeting.id, "topic_id": topics[meeting.id], "member_id": member_id,
                                 "text": "建议。", "submission_key": f"st-{meeting.id}-{member_id}"})
    db.session.execute(insert(Invitation), invitations)
    db.session.execute(insert(AttendanceRecord), records)
    db.session.execute(insert(LeaveRequest), leave)
    db.session.execute(insert(Opinion), opinions)
    db.session.execute(insert(AttendanceRecord), [{"meeting_id": earlier.id, "member_id": m, "status": "absent",
                                                   "recorded_at": earlier.ends_at} for m in ids])
    first = meetings[0]
    minutes = Minutes(meeting_id=first.id, committee_id=1, title="纪要", year=YEAR, issue_number=1, office="办公室",
                      issued_on=START.date())
    db.session.add(minutes)
    db.session.flush()
    version = MinutesVersion(minutes_id=minutes.id, number=1, revision=1, content=b"x", sha256="0" * 64, size=1)
    db.session.add(version)
    db.session.flush()
    printed = db.session.scalar(select(Opinion.id).where(Opinion.meeting_id == first.id).limit(1))
    db.session.add(PrintedOpinion(version_id=version.id, opinion_id=printed))
    db.session.commit()


def first_member() -> Member:
    return db.session.scalars(select(Member).order_by(Member.id)).first()


PAGES = {
    "report": lambda m: f"/records/{YEAR}",
    "sorted and filtered": lambda m: f"/records/{YEAR}?sort=rate&dir=desc&standing=1",
    "member record": lambda m: f"/records/{YEAR}/members/{m.id}",
    "csv": lambda m: f"/records/{YEAR}.csv",
    "chart by organ": lambda m: f"/records/{YEAR}/charts/organs.svg",
    "own record": lambda m: f"/my/{m.access_token}/records/{YEAR}",
}


@pytest.mark.parametrize("page", list(PAGES))
def test_pages_run_a_fixed_number_of_statements(app, client, auth, count_statements, page):
    grow(5, 6)
    auth.login()
    url = PAGES[page](first_member())
    client.get(url)  # warm: the first request of a test app loads what every request shares
    db.session.expire_all()  # nothing the test holds saves the page a statement
    with count_statements() as few:
        assert client.get(url).status_code == 200
    _grow_more(55, 34)
    assert len(db.session.scalars(select(Member.id)).all()) == 60
    db.session.expire_all()
    with count_statements() as many:
        assert client.get(url).status_code == 200
    assert many() == few()


def _grow_more(members: int, sittings: int) -> None:
    """Add members and sittings to what grow() made, the same way (the committee, sectors and organs are kept)."""
    from consult.members.models import Organ, Sector

    plenary = db.session.scalars(select(Organ).where(Organ.kind == "plenary")).one()
    standing = db.session.scalars(select(Organ).where(Organ.kind == "standing_committee")).one()
    sector = db.session.scalars(select(Sector)).first()
    before = set(db.session.scalars(select(Member.id)))
    db.session.execute(insert(Member), [{"name": f"新委员{n:03d}", "sector_id": sector.id,
                                         "name_sort_key": f"x{n:03d}"} for n in range(members)])
    new = [m for m in db.session.scalars(select(Member.id).order_by(Member.id)) if m not in before]
    db.session.execute(insert(organ_member), [{"organ_id": plenary.id, "member_id": m} for m in new]
                       + [{"organ_id": standing.id, "member_id": m} for m in new[: members // 2]])
    everyone = list(db.session.scalars(select(Member.id).order_by(Member.id)))
    for k in range(sittings):
        organ = plenary if k % 2 else standing
        starts = START + timedelta(days=3 + 5 * k)
        meeting = factories.meeting(organ, title=f"又一会议{k}", starts_at=starts, status="held", topics=["议题"],
                                    term=8, number=100 + k)
        invited = everyone if organ is plenary else everyone[: len(everyone) // 2]
        db.session.execute(insert(Invitation), [{"meeting_id": meeting.id, "member_id": m} for m in invited])
        db.session.add(OnsiteSitting(meeting_id=meeting.id, code=f"more{meeting.id:06d}",
                                     attendance_closed_at=meeting.ends_at + timedelta(hours=1)))
        db.session.execute(insert(AttendanceRecord), [
            {"meeting_id": meeting.id, "member_id": m, "status": ("present", "absent", "on_leave")[(m + k) % 3],
             "recorded_at": meeting.ends_at} for m in invited])
        db.session.execute(insert(Opinion), [
            {"meeting_id": meeting.id, "topic_id": meeting.topics[0].id, "member_id": m, "text": "意见。",
             "submission_key": f"more-{meeting.id}-{m}"} for m in invited[::4]])
    db.session.commit()


def test_the_member_page_with_its_summary_runs_a_fixed_number_of_statements(app, client, clock, count_statements):
    clock.now = datetime(YEAR, 12, 30, 2, 0, tzinfo=UTC)  # the summary shows this year: 2029, with its sittings
    grow(5, 6)
    member = first_member()
    client.get(f"/my/{member.access_token}")
    db.session.expire_all()
    with count_statements() as few:
        assert client.get(f"/my/{member.access_token}").status_code == 200
    _grow_more(55, 34)
    db.session.expire_all()
    with count_statements() as many:
        assert client.get(f"/my/{member.access_token}").status_code == 200
    assert many() == few()
