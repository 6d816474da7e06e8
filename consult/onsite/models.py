"""What a sitting needs on site, kept apart from the sitting itself: its short code (the QR target /m/<code>),
and when staff closed its attendance and its collection of opinions.

Nothing here is read by the calendar feeds, and none of these tables is versioned (committee.versioning):
checking in, closing attendance or taking opinions never makes a feed rebuild.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from consult.db_types import UTCDateTime, utcnow
from consult.extensions import db


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
