"""A held standing-committee sitting with leaders and members in two sectors, attendance, leave, observers,
topics and opinions (named, anonymous, excluded, withdrawn, a duplicate, a guest's): what minutes are made of."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest

from consult.extensions import db
from consult.meetings.models import Invitation, Meeting
from consult.members.models import Member
from consult.onsite.models import AttendanceRecord, LeaveRequest
from consult.opinions.models import Opinion
from tests import factories

_keys = itertools.count(1)
# The sitting: Tuesday 2030-02-26 09:00–11:30 in Shanghai; the test clock stands at 2030-03-01.
STARTS = datetime(2030, 2, 26, 1, 0, tzinfo=UTC)


def add_opinion(meeting: Meeting, topic, member: Member | None, text: str, **fields) -> Opinion:
    """Add an opinion on `topic` (a guest's when `member` is None), flushed."""
    opinion = Opinion(meeting_id=meeting.id, topic_id=topic.id, member_id=member.id if member else None, text=text,
                      submission_key=f"key-{next(_keys):012d}-minutes", **fields)
    db.session.add(opinion)
    db.session.flush()
    return opinion


def attend(meeting: Meeting, member: Member, status: str) -> None:
    """Record `member`'s attendance at `meeting` (present, on_leave, absent), flushed."""
    db.session.add(AttendanceRecord(meeting_id=meeting.id, member_id=member.id, status=status, recorded_by="staff"))
    db.session.flush()


@dataclass
class Sitting:
    meeting: Meeting
    people: dict[str, Member]


@pytest.fixture
def sitting(app, clock) -> Sitting:
    """Return the held 八届十二次常委会议 with its people, attendance and opinions, committed."""
    factories.committee(term=8)
    party, education, medicine = factories.sector("中共"), factories.sector("教育界"), factories.sector("医卫界")
    party.position, education.position, medicine.position = 1, 2, 3
    standing = factories.organ("standing_committee", "常务委员会")
    people = {
        "周林勇": factories.member("周林勇", party, role="chair", protocol_order=1),
        "薛云玲": factories.member("薛云玲", party, role="vice_chair", protocol_order=2),
        "成洁莉": factories.member("成洁莉", medicine, role="vice_chair", protocol_order=3),
        "王秘书": factories.member("王建国", party, role="secretary_general", protocol_order=4),
        "李明": factories.member("李明", medicine),
        "丁伟": factories.member("丁伟", education),
        "张华": factories.member("张华", education),
        "陈静": factories.member("陈静", medicine),
        "外委员": factories.member("朱列席", education),  # not a 常委: invited to observe (列席委员)
    }
    for key, person in people.items():
        if key != "外委员":
            standing.members.append(person)
    meeting = factories.meeting(
        standing, title="加强我区科技企业创新能力建设专题协商", starts_at=STARTS, hours=2.5, status="held",
        invitees=list(people.values()), topics=["加强我区科技企业创新能力建设", "我区经济运行情况"],
        location="区政协三楼会议室", presiding_member=people["周林勇"], term=8, number=12,
        observers="区科技局\n区财政局", guests="区委副书记 吴强",
    )
    meeting.held_at = STARTS + timedelta(hours=3)
    for key in ("周林勇", "薛云玲", "成洁莉", "王秘书", "李明", "丁伟", "外委员"):
        attend(meeting, people[key], "present")
    attend(meeting, people["张华"], "on_leave")
    db.session.add(LeaveRequest(meeting_id=meeting.id, member_id=people["陈静"].id, reason="出差", status="approved"))
    first, second = meeting.topics
    add_opinion(meeting, first, people["丁伟"], "建议设立科技创新专项资金。")
    original = add_opinion(meeting, first, people["李明"], "建议加强产学研合作。")
    add_opinion(meeting, first, people["成洁莉"], "建议加强产学研合作！", duplicate_of_id=original.id)
    add_opinion(meeting, first, people["王秘书"], "不署名的意见。", named=False)
    add_opinion(meeting, first, people["周林勇"], "应当排除的意见。", excluded_from_minutes=True)
    add_opinion(meeting, first, people["薛云玲"], "已撤回的意见。", status="withdrawn")
    add_opinion(meeting, second, None, "嘉宾的意见。", guest_name="赵专家", guest_organisation="南通大学")
    db.session.commit()
    return Sitting(meeting, people)


def invitation_count(meeting: Meeting) -> int:
    return db.session.query(Invitation).filter_by(meeting_id=meeting.id).count()
