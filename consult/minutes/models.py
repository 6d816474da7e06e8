"""Minutes (会议纪要) of a sitting: the staff's draft and the approved versions with their exact bytes.

One Minutes row per sitting holds what staff edit (title, issue number, office, date, opening, per-topic
summaries, decisions); approving it stores the generated file as a MinutesVersion whose number is unique per
minutes (two staff approving at once give one version, the other is told).
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Integer, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from consult.db_types import UTCDateTime, utcnow
from consult.extensions import db

DRAFT, APPROVED = "draft", "approved"


class Minutes(db.Model):
    """The minutes of one sitting: staff's edits, kept as a draft until approved."""

    __tablename__ = "minutes"
    __table_args__ = (
        # 第N期 is counted per committee and year: one number, one set of minutes.
        UniqueConstraint("committee_id", "year", "issue_number", name="uq_minutes_committee_year_issue"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"), unique=True)
    committee_id: Mapped[int] = mapped_column(ForeignKey("committee.id", ondelete="CASCADE"), index=True)
    # DRAFT while staff edit (a new draft after an approval becomes the next version), APPROVED after.
    status: Mapped[str] = mapped_column(String(10), default=DRAFT)
    # Raised on every save: an approval names the revision it approves, so a stale page approves nothing.
    revision: Mapped[int] = mapped_column(Integer, default=1)
    title: Mapped[str] = mapped_column(String(200))
    year: Mapped[int] = mapped_column(Integer)
    issue_number: Mapped[int] = mapped_column(Integer)
    office: Mapped[str] = mapped_column(String(100))
    issued_on: Mapped[date] = mapped_column(Date)
    opening: Mapped[str] = mapped_column(Text, default="")
    # 议定事项, one per line.
    decisions: Mapped[str] = mapped_column(Text, default="")
    # When staff shared the approved minutes with the sitting's invitees (their own page offers them).
    shared_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))

    summaries: Mapped[list[TopicSummary]] = relationship(cascade="all, delete-orphan", order_by="TopicSummary.topic_id")

    def __repr__(self) -> str:
        return f"<Minutes of meeting {self.meeting_id} {self.status} rev {self.revision}>"


class TopicSummary(db.Model):
    """Staff's summary of the discussion of one topic (议题), written before the opinions in the minutes."""

    __tablename__ = "minutes_topic_summary"

    minutes_id: Mapped[int] = mapped_column(ForeignKey("minutes.id", ondelete="CASCADE"), primary_key=True)
    topic_id: Mapped[int] = mapped_column(ForeignKey("topic.id", ondelete="CASCADE"), primary_key=True)
    text: Mapped[str] = mapped_column(Text, default="")


class MinutesVersion(db.Model):
    """One approved version: the exact bytes of the Word file and their SHA-256; served unchanged for ever."""

    __tablename__ = "minutes_version"
    __table_args__ = (UniqueConstraint("minutes_id", "number", name="uq_minutes_version_minutes_number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    minutes_id: Mapped[int] = mapped_column(ForeignKey("minutes.id", ondelete="CASCADE"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    # The draft revision approved.
    revision: Mapped[int] = mapped_column(Integer)
    content: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)  # loaded only to serve it
    sha256: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(Integer)
    approved_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    approved_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))

    def __repr__(self) -> str:
        return f"<MinutesVersion {self.minutes_id} v{self.number}>"


class PrintedOpinion(db.Model):
    """An opinion printed in one approved version of the minutes, recorded when the version is approved: what the
    duty records (consult.records) count as taken into the minutes (被纪要采纳), from each sitting's latest version."""

    __tablename__ = "minutes_printed_opinion"

    version_id: Mapped[int] = mapped_column(ForeignKey("minutes_version.id", ondelete="CASCADE"), primary_key=True)
    opinion_id: Mapped[int] = mapped_column(ForeignKey("opinion.id", ondelete="CASCADE"), primary_key=True, index=True)
