"""The outbox: one batch per notification staff confirmed, one notice per (member, channel)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from consult.db_types import UTCDateTime, utcnow
from consult.extensions import db

# What happened to a sitting that the notice tells (the batch's event).
EVENTS = ("published", "rescheduled", "postponed", "cancelled")
CHANNELS = ("sms", "email")
# A notice's stored status. "Waiting for the gateway to be configured" is not stored: it is a queued notice
# whose channel has no gateway now (see consult.notices.queries.shown_status).
NOTICE_STATUSES = ("queued", "sending", "sent", "failed", "no_address")


class NoticeBatch(db.Model):
    """One notification of a sitting's invitees, as staff confirmed it after the preview.

    The texts and the calendar file are fixed when the batch is queued, so that what goes out is what
    staff saw; `idempotency_key` comes from the form and is unique, so a resubmission queues nothing twice.
    """

    __tablename__ = "notice_batch"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"), index=True)
    event: Mapped[str] = mapped_column(String(12))  # EVENTS
    idempotency_key: Mapped[str] = mapped_column(String(64), unique=True)
    channels: Mapped[str] = mapped_column(String(20))  # "sms,email"
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    sender_name: Mapped[str] = mapped_column(String(120), default="")  # the committee, as the mail's From name
    subject: Mapped[str] = mapped_column(String(300), default="")
    calendar_method: Mapped[str] = mapped_column(String(10), default="PUBLISH")
    calendar: Mapped[str] = mapped_column(Text, default="")  # the .ics attached to every mail

    notices: Mapped[list[Notice]] = relationship(back_populates="batch", order_by="Notice.id")


class Notice(db.Model):
    """One notice to one member by one channel, with its delivery state."""

    __tablename__ = "notice"
    __table_args__ = (Index("ix_notice_due", "status", "next_attempt_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("notice_batch.id", ondelete="CASCADE"), index=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("member.id", ondelete="CASCADE"), index=True)
    member_name: Mapped[str] = mapped_column(String(50), default="")
    channel: Mapped[str] = mapped_column(String(8))  # CHANNELS
    address: Mapped[str] = mapped_column(String(120), default="")  # e-mail address or phone number, "" if none
    body: Mapped[str] = mapped_column(Text, default="")  # the SMS text or the mail's text, with the personal link
    status: Mapped[str] = mapped_column(String(12), default="queued")  # NOTICE_STATUSES
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)  # when a worker took it (status "sending")
    last_error: Mapped[str] = mapped_column(Text, default="")
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    batch: Mapped[NoticeBatch] = relationship(back_populates="notices")
