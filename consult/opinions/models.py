"""An opinion (意见建议) given on one topic of a sitting, by a member or a guest.

Not versioned (committee.versioning): taking or correcting opinions never makes a calendar feed rebuild.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from consult.db_types import UTCDateTime, utcnow
from consult.extensions import db

ACTIVE, WITHDRAWN = "active", "withdrawn"


class Opinion(db.Model):
    """One opinion on a topic. A member's (member_id) or a guest's (guest_name and guest_organisation)."""

    __tablename__ = "opinion"
    # The phone may send a form twice (a resent POST): the second finds the first by its submission key.
    __table_args__ = (UniqueConstraint("meeting_id", "submission_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"), index=True)
    topic_id: Mapped[int] = mapped_column(ForeignKey("topic.id", ondelete="CASCADE"), index=True)
    member_id: Mapped[int | None] = mapped_column(ForeignKey("member.id", ondelete="SET NULL"), index=True)
    guest_name: Mapped[str] = mapped_column(String(50), default="", server_default="")
    guest_organisation: Mapped[str] = mapped_column(String(200), default="", server_default="")
    # As the member wrote it (HTML kept as typed, shown escaped); staff corrections keep the first original.
    text: Mapped[str] = mapped_column(Text)
    original_text: Mapped[str | None] = mapped_column(Text)
    corrected_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    corrected_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    # Whether the minutes may name the author.
    named: Mapped[bool] = mapped_column(Boolean, default=True)
    submission_key: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(12), default=ACTIVE, server_default=ACTIVE)
    withdrawn_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    duplicate_of_id: Mapped[int | None] = mapped_column(ForeignKey("opinion.id", ondelete="SET NULL"))
    excluded_from_minutes: Mapped[bool] = mapped_column(Boolean, default=False)
    # Staff who typed it in (from a paper slip or a speech); None when the author sent it.
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    @property
    def is_guest(self) -> bool:
        return self.member_id is None

    @property
    def active(self) -> bool:
        return self.status == ACTIVE

    def __repr__(self) -> str:
        return f"<Opinion {self.id} topic={self.topic_id}>"


class DistinctPair(db.Model):
    """Two opinions a person looked at side by side and found not to be duplicates: the desk stops offering
    them as likely duplicates. `first_id` is the smaller id."""

    __tablename__ = "opinion_distinct_pair"

    first_id: Mapped[int] = mapped_column(ForeignKey("opinion.id", ondelete="CASCADE"), primary_key=True)
    second_id: Mapped[int] = mapped_column(ForeignKey("opinion.id", ondelete="CASCADE"), primary_key=True)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    decided_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
