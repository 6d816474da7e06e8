"""The demo's attendance and leave: at each held sitting most invitees checked in on their phones, a few were on
leave with a reason given days before, a few were absent; the next coming sittings have a couple of leave
requests waiting for the office. For the duty report, one standing member (常委) was absent without leave from the
year's first three standing-committee meetings (the default absence rule flags them), and one record was
corrected by staff after attendance closed (a signature found on the paper sheet). Deterministic (a fixed seed);
the writes go through consult.onsite.services, exactly as staff and members make them."""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from consult.extensions import db
from consult.meetings.models import Meeting
from consult.meetings.scheduling import leave_request_late
from consult.onsite import queries, services

SEED = 20140309
STAFF = "admin"
# What members write when they ask for leave (请假事由), in their own words.
LEAVE_REASONS = (
    "赴省委党校参加为期一周的培训，无法参会，特此请假。",
    "因病住院治疗，不能参加会议。",
    "单位当天有上级检查，需在岗接待。",
    "出差在外（北京），已订返程，赶不回来。",
    "家中老人住院，需要陪护。",
    "当天参加市人大常委会会议，时间冲突。",
    "公司年度审计进场，本人须在场配合。",
    "学校期中考试监考安排，无法调换。",
)
DECISION_NOTES = ("同意。", "同意，会议材料会后送达。", "同意，请会后书面提交意见建议。", "")
PENDING_REASONS = ("当天有门诊安排，正在协调，如调不开再请假。", "预计出差，行程确定后告知。")
# Meetings of the standing committee a standing member missed without leave: the default rule's count.
ABSENCES_FLAGGED = 3
CORRECTION_NOTE = "纸质签到表上有本人签名，会后补录。"


def load_attendance(now: datetime, zone: ZoneInfo, admin_id: int | None) -> None:
    """Give the held sittings their attendance (closed after each sitting) and the next two published sittings
    a pending leave request or two."""
    rng = random.Random(SEED)
    meetings = db.session.scalars(
        select(Meeting).where(Meeting.status.in_(("held", "published")))
        .options(selectinload(Meeting.invitations), selectinload(Meeting.organ)).order_by(Meeting.starts_at, Meeting.id)
    ).all()
    coming = [m for m in meetings if m.status == "published" and m.starts_at > now][:2]
    missed, often_absent = _often_absent(meetings, zone)
    for meeting in meetings:
        if meeting.status == "held":
            _held(meeting, rng, zone, admin_id, absent_member=often_absent if meeting.id in missed else None)
    _correct_one(meetings, now, keep=often_absent)
    for meeting in coming:
        invitees = [i.member_id for i in meeting.invitations]
        for member_id, reason in zip(rng.sample(invitees, min(2, len(invitees))), PENDING_REASONS, strict=False):
            asked = min(now, meeting.starts_at - timedelta(days=1))
            services.ask_leave(meeting.id, member_id, reason, now=asked,
                               late=leave_request_late(asked, meeting.starts_at, zone, 2))


def _often_absent(meetings, zone: ZoneInfo) -> tuple[set[int], int | None]:
    """Return the year's first held standing-committee meetings (at most ABSENCES_FLAGGED) and the standing member
    (not a leader, the first by member number invited to all of them) who missed them without leave."""
    held = [m for m in meetings if m.status == "held" and m.organ.kind == "standing_committee"
            and m.sitting_kind == "meeting"]
    if not held:
        return set(), None
    year = held[-1].starts_at.astimezone(zone).year
    chosen = [m for m in held if m.starts_at.astimezone(zone).year == year][:ABSENCES_FLAGGED]
    common = set.intersection(*({i.member_id for i in m.invitations} for m in chosen))
    seated = {member.id: member for member in chosen[0].organ.members if member.role is None}
    candidates = sorted((seated[m] for m in common if m in seated), key=lambda member: member.member_number or "")
    return ({m.id for m in chosen}, candidates[0].id) if candidates else (set(), None)


def _correct_one(meetings, now: datetime, keep: int | None) -> None:
    """Staff correct one absence (not `keep`'s) after closing: the member's signature is on the paper sheet."""
    for meeting in reversed([m for m in meetings if m.status == "held"]):
        absent = [r for r in queries.records_of(meeting.id).values() if r.status == "absent" and r.member_id != keep]
        if absent:
            record = min(absent, key=lambda r: r.member_id)
            services.set_attendance(meeting.id, record.member_id, "present", note=CORRECTION_NOTE, by=STAFF,
                                    now=min(now, meeting.ends_at + timedelta(days=1)))
            return


def _held(meeting: Meeting, rng: random.Random, zone: ZoneInfo, admin_id: int | None,
          absent_member: int | None = None) -> None:
    invitees = [i.member_id for i in meeting.invitations]
    if not invitees:
        return
    rng.shuffle(invitees)
    if absent_member in invitees:  # absent without leave: never asked, never checked in
        invitees.remove(absent_member)
        invitees.append(absent_member)
    on_leave = invitees[: max(1, round(len(invitees) * 0.08))] if len(invitees) > 3 else []
    absent = set(invitees[len(on_leave): len(on_leave) + max(1, round(len(invitees) * 0.03))]) if len(
        invitees) > 6 else set()
    if absent_member in invitees:
        absent.add(absent_member)
    approved = []
    for index, member_id in enumerate(on_leave):
        asked = meeting.starts_at - timedelta(days=rng.choice((1, 3, 4, 5)), hours=rng.randint(0, 8))
        request = services.ask_leave(meeting.id, member_id, LEAVE_REASONS[rng.randrange(len(LEAVE_REASONS))],
                                     now=asked, late=leave_request_late(asked, meeting.starts_at, zone, 2),
                                     taken_by=STAFF if index % 4 == 3 else "")
        services.decide_leave(request, True, rng.choice(DECISION_NOTES), now=asked + timedelta(hours=3), by=STAFF)
        approved.append(member_id)
    for member_id in invitees:
        if member_id in absent or member_id in on_leave:
            continue
        arrived = meeting.starts_at - timedelta(minutes=rng.randint(-10, 40))
        services.check_in(meeting.id, member_id, now=arrived, by="member" if rng.random() < 0.9 else STAFF)
    if admin_id is not None:
        services.close_attendance(meeting.id, invitees, approved, now=meeting.ends_at + timedelta(minutes=20),
                                  by_user_id=admin_id, by=STAFF)
