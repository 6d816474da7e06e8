"""What a sitting needs on site, kept apart from the sitting itself: its short code (the QR target /m/<code>),
and when staff closed its attendance and its collection of opinions.

Nothing here is read by the calendar feeds, and none of these tables is versioned (committee.versioning):
checking in, closing attendance or taking opinions never makes a feed rebuild.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from consult.db_types import UTCDateTime, utcnow
from consult.extensions import db
from consult.onsite.attendance import ABSENT, ON_LEAVE, PRESENT


class OnsiteSitting(db.Model):
    """The on-site side of one sitting, made the first time its code is needed."""

    __tablename__ = "onsite_sitting"

    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"), primary_key=True)
    code: Mapped[str] = mapped_column(String(16), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # 关闭签到: after it, invitees neither present nor on approved leave are absent (缺席).
    attendance_closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    attendance_closed_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    # Opinions are taken until this moment; None: the default (rules.opinions_close_at, 3 days after the end).
    opinions_close_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Set when staff close the collection by hand (earlier than planned).
    opinions_closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    opinions_closed_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))

    def __repr__(self) -> str:
        return f"<OnsiteSitting {self.meeting_id} {self.code}>"


# What one invitee's attendance at a sitting is: 出席, 请假, 缺席 (consult.onsite.attendance).
ATTENDANCE_STATUSES = (PRESENT, ON_LEAVE, ABSENT)


class AttendanceRecord(db.Model):
    """One invitee's attendance at one sitting: present (with the check-in time), on leave or absent, and who
    recorded it last (a staff username, or "member" when the member checked in on their phone)."""

    __tablename__ = "attendance_record"
    __table_args__ = (UniqueConstraint("meeting_id", "member_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"), index=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("member.id", ondelete="CASCADE"), index=True)
    status: Mapped[str] = mapped_column(String(10))
    checked_in_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    recorded_by: Mapped[str] = mapped_column(String(80), default="")
    note: Mapped[str] = mapped_column(String(200), default="")

    def __repr__(self) -> str:
        return f"<AttendanceRecord {self.meeting_id}/{self.member_id} {self.status}>"


# A leave request's decision.
PENDING, APPROVED, REFUSED = "pending", "approved", "refused"


class LeaveRequest(db.Model):
    """A member's request for leave (请假) from one sitting, with its reason and the office's decision. One per
    (sitting, member): asking again replaces the reason and waits for a new decision."""

    __tablename__ = "leave_request"
    __table_args__ = (UniqueConstraint("meeting_id", "member_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"), index=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("member.id", ondelete="CASCADE"), index=True)
    reason: Mapped[str] = mapped_column(Text, default="")
    requested_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Asked after the committee's deadline (meetings.scheduling.leave_request_late): accepted, but marked.
    late: Mapped[bool] = mapped_column(Boolean, default=False)
    # The staff username who took it by phone, or "" when the member asked on their page.
    taken_by: Mapped[str] = mapped_column(String(80), default="")
    status: Mapped[str] = mapped_column(String(10), default=PENDING)
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    decided_by: Mapped[str] = mapped_column(String(80), default="")
    decision_note: Mapped[str] = mapped_column(String(200), default="")

    def __repr__(self) -> str:
        return f"<LeaveRequest {self.meeting_id}/{self.member_id} {self.status}>"


class IdentifyFailure(db.Model):
    """One wrong answer to "who are you" at a sitting (name + last 4 phone digits), kept in the database so
    that every app server counts the same tries. `key` is "member:<id>" or "address:<ip>"."""

    __tablename__ = "identify_failure"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(80), index=True)
    failed_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
