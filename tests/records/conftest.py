"""A committee's year 2029 in the database, for the duty records' pages, downloads and the command.

People: 周主席 (chair, 常委), 丁缺席 (常委, absent without leave from three standing-committee meetings), 王请假 (常委:
leave approved after a sitting, an absence corrected after closing), 李新 (joined the standing committee on 1 July),
陈离 (left the economy committee on 30 June), 朱列席 (not a 常委: invited to observe a standing meeting, absent).
Sittings (Shanghai time): the plenary in January; standing-committee meetings in February, May, September and
November, a research visit in October, one cancelled in December; the economy committee in March and August; a
published sitting in June never marked held; a standing meeting in April whose attendance was never closed.
The test clock stands at 2030-03-01.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import update

from consult.extensions import db
from consult.meetings.models import Meeting
from consult.members.models import Member, Organ, organ_member
from consult.onsite.models import AttendanceRecord, LeaveRequest, OnsiteSitting
from consult.opinions.models import Opinion
from tests import factories

YEAR = 2029
_codes = itertools.count(1)


def local(month: int, day: int, hour: int = 9, year: int = YEAR) -> datetime:
    """Return `hour` o'clock in Shanghai on that day, in UTC."""
    return datetime(year, month, day, hour - 8, 0, tzinfo=UTC)


def sitting(organ: Organ, starts: datetime, invitees, *, status: str = "held", closed: bool = True,
            **fields) -> Meeting:
    """Add a sitting of `organ` with its invitees; a held one with attendance closed an hour after its end."""
    meeting = factories.meeting(organ, title=fields.pop("title", f"{organ.name}会议"), starts_at=starts,
                                status=status, invitees=invitees, topics=["议题一"], **fields)
    if closed and status == "held":
        db.session.add(OnsiteSitting(meeting_id=meeting.id, code=f"rec{next(_codes):05d}",
                                     attendance_closed_at=meeting.ends_at + timedelta(hours=1)))
    db.session.flush()
    return meeting


def attend(meeting: Meeting, member: Member, status: str, *, at: datetime | None = None, note: str = "") -> None:
    """Record the member's attendance (by staff), at `at` (default: the sitting's start)."""
    db.session.add(AttendanceRecord(meeting_id=meeting.id, member_id=member.id, status=status,
                                    recorded_at=at or meeting.starts_at, recorded_by="staff", note=note))
    db.session.flush()


def leave(meeting: Meeting, member: Member, *, decided_at: datetime, late: bool = False) -> None:
    """Record an approved leave request."""
    db.session.add(LeaveRequest(meeting_id=meeting.id, member_id=member.id, reason="出差", late=late,
                                status="approved", decided_at=decided_at, decided_by="staff"))
    db.session.flush()


def opinion(meeting: Meeting, member: Member, text: str, **fields) -> Opinion:
    """Add an opinion of the member on the sitting's first topic."""
    row = Opinion(meeting_id=meeting.id, topic_id=meeting.topics[0].id, member_id=member.id, text=text,
                  submission_key=f"records-{next(_codes):010d}", **fields)
    db.session.add(row)
    db.session.flush()
    return row


def set_period(organ: Organ, member: Member, starts_on: date | None = None, ends_on: date | None = None) -> None:
    """Give the member's seat in the organ its first or last day."""
    db.session.execute(update(organ_member).where(organ_member.c.organ_id == organ.id,
                                                  organ_member.c.member_id == member.id)
                       .values(starts_on=starts_on, ends_on=ends_on))


@dataclass
class World:
    people: dict[str, Member]
    organs: dict[str, Organ]
    sittings: dict[str, Meeting] = field(default_factory=dict)


@pytest.fixture
def world(app) -> World:
    """Return the year 2029 described above, committed."""
    committee = factories.committee(term=8)
    committee.name = "政协崇川区委员会"
    party, education = factories.sector("中共"), factories.sector("教育界")
    party.position, education.position = 1, 2
    people = {
        "周主席": factories.member("周主席", party, role="chair", protocol_order=1),
        "丁缺席": factories.member("丁缺席", education),
        "王请假": factories.member("王请假", education),
        "李新": factories.member("李新", party),
        "陈离": factories.member("陈离", education),
        "朱列席": factories.member("朱列席", education),
    }
    plenary = factories.organ("plenary", "全体委员会议", members=list(people.values()), slug="plenary")
    standing = factories.organ("standing_committee", "常务委员会", slug="standing",
                               members=[people[n] for n in ("周主席", "丁缺席", "王请假", "李新")])
    economy = factories.organ("special_committee", "经济委员会", members=[people["陈离"]], slug="economy")
    set_period(standing, people["李新"], starts_on=date(YEAR, 7, 1))
    set_period(economy, people["陈离"], ends_on=date(YEAR, 6, 30))
    world = World(people, {"plenary": plenary, "standing": standing, "economy": economy})
    everyone = list(people.values())
    seated = [people[n] for n in ("周主席", "丁缺席", "王请假")]
    s = world.sittings

    s["plenary"] = sitting(plenary, local(1, 10), everyone, term=8, number=3)
    for person in everyone:
        attend(s["plenary"], person, "present")
    s["feb"] = sitting(standing, local(2, 20), seated, term=8, number=12)
    s["may"] = sitting(standing, local(5, 21), seated, term=8, number=13)
    s["sep"] = sitting(standing, local(9, 16), seated + [people["朱列席"]], term=8, number=14)
    s["nov"] = sitting(standing, local(11, 18), [*seated, people["李新"]], term=8, number=15)
    for key in ("feb", "may", "sep"):
        attend(s[key], people["周主席"], "present")
        attend(s[key], people["丁缺席"], "absent", at=s[key].ends_at + timedelta(hours=1))
    attend(s["feb"], people["王请假"], "present")
    attend(s["may"], people["王请假"], "present")
    # September: leave approved the day after the sitting; 朱列席 invited to observe and absent
    attend(s["sep"], people["王请假"], "on_leave", at=s["sep"].ends_at + timedelta(days=1))
    leave(s["sep"], people["王请假"], decided_at=s["sep"].ends_at + timedelta(days=1))
    attend(s["sep"], people["朱列席"], "absent", at=s["sep"].ends_at + timedelta(hours=1))
    # November: 王请假 made absent at closing, corrected to present two days later
    for name in ("周主席", "丁缺席", "李新"):
        attend(s["nov"], people[name], "present")
    attend(s["nov"], people["王请假"], "present", at=s["nov"].ends_at + timedelta(days=2), note="纸质签到表有签名")
    s["visit"] = sitting(standing, local(10, 14), seated, sitting_kind="research_visit", title="专题调研")
    attend(s["visit"], people["丁缺席"], "absent", at=s["visit"].ends_at + timedelta(hours=1))
    attend(s["visit"], people["周主席"], "present")
    s["dec"] = sitting(standing, local(12, 9), seated, status="cancelled", closed=False, term=None)
    s["april"] = sitting(standing, local(4, 8), seated, closed=False, title="未关闭签到的会议")
    attend(s["april"], people["周主席"], "present", at=s["april"].ends_at + timedelta(days=5))  # never closed
    s["mar_economy"] = sitting(economy, local(3, 12), [people["陈离"]])
    attend(s["mar_economy"], people["陈离"], "present")
    s["aug_economy"] = sitting(economy, local(8, 13), [])
    s["june"] = sitting(plenary, local(6, 2), everyone, status="published", title="已结束未标记举行的会议")
    opinion(s["feb"], people["周主席"], "建议设立科技创新专项资金。")
    opinion(s["feb"], people["周主席"], "建议加强产学研合作。", excluded_from_minutes=True)
    opinion(s["feb"], people["王请假"], "已撤回的意见。", status="withdrawn")
    db.session.commit()
    return world


def approve_minutes(meeting: Meeting):
    """Write and approve the minutes of `meeting` through the minutes' services; return the version."""
    from consult.committee import clock, get_committee
    from consult.meetings.queries import meeting_for_detail
    from consult.minutes import services
    from consult.minutes.gathering import default_edits

    committee = get_committee()
    detail = meeting_for_detail(meeting.id)
    minutes = services.save_draft(detail, committee, default_edits(detail, committee, clock.today(), 1),
                                  user_id=None, now=clock.now())
    version = services.approve(detail, committee, minutes, revision=minutes.revision, user_id=None, now=clock.now())
    db.session.commit()
    return version
