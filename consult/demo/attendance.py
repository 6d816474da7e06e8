"""The demo's attendance and leave: at each held sitting most invitees checked in on their phones, a few were on
leave with a reason given days before, a few were absent; the next coming sittings have a couple of leave
requests waiting for the office. Deterministic (a fixed seed); the writes go through consult.onsite.services,
exactly as staff and members make them."""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from consult.extensions import db
from consult.meetings.models import Meeting
from consult.meetings.scheduling import leave_request_late
from consult.onsite import services

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


def load_attendance(now: datetime, zone: ZoneInfo, admin_id: int | None) -> None:
    """Give the held sittings their attendance (closed after each sitting) and the next two published sittings
    a pending leave request or two."""
    rng = random.Random(SEED)
    meetings = db.session.scalars(
        select(Meeting).where(Meeting.status.in_(("held", "published")))
        .options(selectinload(Meeting.invitations)).order_by(Meeting.starts_at, Meeting.id)
    ).all()
    coming = [m for m in meetings if m.status == "published" and m.starts_at > now][:2]
    for meeting in meetings:
        if meeting.status == "held":
            _held(meeting, rng, zone, admin_id)
    for meeting in coming:
        invitees = [i.member_id for i in meeting.invitations]
        for member_id, reason in zip(rng.sample(invitees, min(2, len(invitees))), PENDING_REASONS, strict=False):
            asked = min(now, meeting.starts_at - timedelta(days=1))
            services.ask_leave(meeting.id, member_id, reason, now=asked,
                               late=leave_request_late(asked, meeting.starts_at, zone, 2))


def _held(meeting: Meeting, rng: random.Random, zone: ZoneInfo, admin_id: int | None) -> None:
    invitees = [i.member_id for i in meeting.invitations]
    if not invitees:
        return
    rng.shuffle(invitees)
    on_leave = invitees[: max(1, round(len(invitees) * 0.08))] if len(invitees) > 3 else []
    absent = set(invitees[len(on_leave): len(on_leave) + max(1, round(len(invitees) * 0.03))]) if len(
        invitees) > 6 else set()
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
