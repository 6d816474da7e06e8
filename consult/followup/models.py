"""The follow-up of decisions: one row per decision (议定事项) of a sitting's approved minutes, its history, and
what each approved version of the minutes said (so that the year's compilation never reads a later draft).

Decisions are made by the approval of the minutes (services.record_approval) and never deleted: a decision that a
later approved version no longer holds stays, with its follow-up and history, marked as no longer in the minutes.
None of these tables is versioned (committee.versioning): following results never makes a calendar feed rebuild.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Boolean, Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from consult.db_types import UTCDateTime, utcnow
from consult.extensions import db

DEPARTMENT_MAX = 200
TEXT_MAX = 5_000
NOTE_MAX = 1_000


class Decision(db.Model):
    """One decision (议定事项) of a sitting and its follow-up: 承办单位, 办理期限, 办理情况 and the outcome."""

    __tablename__ = "decision"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"), index=True)
    minutes_id: Mapped[int] = mapped_column(ForeignKey("minutes.id", ondelete="CASCADE"), index=True)
    # Its place (1, 2, …) in the latest approved version that holds it.
    position: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    first_version: Mapped[int] = mapped_column(Integer)
    last_version: Mapped[int] = mapped_column(Integer)
    # False once an approved version no longer holds it: kept with its history, left out of the counts.
    in_minutes: Mapped[bool] = mapped_column(Boolean, default=True)
    # 交办: the responsible department ("" while not assigned) and the due date (办理期限), if any.
    department: Mapped[str] = mapped_column(String(DEPARTMENT_MAX), default="")
    due_on: Mapped[date | None] = mapped_column(Date)
    assigned_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # 办理情况: the department's answer and its date; an outcome closes the decision (办结).
    answer: Mapped[str] = mapped_column(Text, default="")
    answered_on: Mapped[date | None] = mapped_column(Date)
    outcome: Mapped[str] = mapped_column(String(20), default="")  # "" while open; states.OUTCOMES
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Raised by every UPDATE of the row, which names the revision it read (SQLAlchemy's version counter): a form
    # opened on an older revision changes nothing, and of two writes racing from the same revision one fails.
    revision: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))

    events: Mapped[list[DecisionEvent]] = relationship(
        cascade="all, delete-orphan", order_by="DecisionEvent.id", back_populates="decision"
    )

    __mapper_args__ = {"version_id_col": revision}

    def __repr__(self) -> str:
        return f"<Decision {self.id} of meeting {self.meeting_id} #{self.position}>"


class DecisionEvent(db.Model):
    """One change of a decision (交办, 改派, 办理情况, 办结, 重新办理, in or out of a version of the minutes):
    who, when and what it set."""

    __tablename__ = "decision_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    decision_id: Mapped[int] = mapped_column(ForeignKey("decision.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20))  # states.EVENT_KINDS
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    # The name shown in the history, as the account was named when it acted.
    by_name: Mapped[str] = mapped_column(String(50), default="")
    version: Mapped[int | None] = mapped_column(Integer)  # the minutes version, for added/removed/restored
    department: Mapped[str] = mapped_column(String(DEPARTMENT_MAX), default="")
    due_on: Mapped[date | None] = mapped_column(Date)
    answered_on: Mapped[date | None] = mapped_column(Date)
    outcome: Mapped[str] = mapped_column(String(20), default="")
    note: Mapped[str] = mapped_column(Text, default="")  # the answer, or the reason given

    decision: Mapped[Decision] = relationship(back_populates="events")

    def __repr__(self) -> str:
        return f"<DecisionEvent {self.id} {self.kind} of decision {self.decision_id}>"


class ApprovedText(db.Model):
    """What one approved version of a sitting's minutes says, as the compilation quotes it: title, opening,
    each topic's title and summary, the decisions. Written with the version; never changed."""

    __tablename__ = "approved_minutes_text"
    __table_args__ = (UniqueConstraint("minutes_id", "version", name="uq_approved_minutes_text_minutes_version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    minutes_version_id: Mapped[int] = mapped_column(
        ForeignKey("minutes_version.id", ondelete="CASCADE"), unique=True)
    minutes_id: Mapped[int] = mapped_column(ForeignKey("minutes.id", ondelete="CASCADE"), index=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"), index=True)
    version: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(200), default="")
    opening: Mapped[str] = mapped_column(Text, default="")
    # [[topic title, summary], …] in agenda order.
    topics: Mapped[list] = mapped_column(JSON, default=list)
    decisions: Mapped[list] = mapped_column(JSON, default=list)
    approved_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    def __repr__(self) -> str:
        return f"<ApprovedText of minutes {self.minutes_id} v{self.version}>"
