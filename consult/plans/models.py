"""The year's consultation plan (年度协商计划) and its items."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, CheckConstraint, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from consult.db_types import UTCDateTime, utcnow
from consult.extensions import db
from consult.members.models import Member, Organ


class ConsultationPlan(db.Model):
    """The plan of one year."""

    __tablename__ = "consultation_plan"

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(Integer, unique=True)
    title: Mapped[str] = mapped_column(String(200), default="")
    is_public: Mapped[bool] = mapped_column(Boolean, default=False)
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    notes: Mapped[str] = mapped_column(Text, default="")

    items: Mapped[list[PlanItem]] = relationship(
        back_populates="plan", order_by="PlanItem.position", cascade="all, delete-orphan"
    )


class PlanItem(db.Model):
    """One line of the plan: which organ consults on which topic, in which form, roughly when."""

    __tablename__ = "plan_item"
    __table_args__ = (
        CheckConstraint("planned_month IS NULL OR (planned_month BETWEEN 1 AND 12)", name="planned_month"),
        CheckConstraint("planned_quarter IS NULL OR (planned_quarter BETWEEN 1 AND 4)", name="planned_quarter"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("consultation_plan.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    topic: Mapped[str] = mapped_column(String(300))
    consultation_form: Mapped[str] = mapped_column(String(20))
    sitting_kind: Mapped[str] = mapped_column(String(20), default="meeting")
    organ_id: Mapped[int] = mapped_column(ForeignKey("organ.id"), index=True)
    planned_month: Mapped[int | None] = mapped_column(Integer)
    planned_quarter: Mapped[int | None] = mapped_column(Integer)
    lead_member_id: Mapped[int | None] = mapped_column(ForeignKey("member.id"))
    responsible_department: Mapped[str] = mapped_column(String(200), default="")
    participating_departments: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    plan: Mapped[ConsultationPlan] = relationship(back_populates="items")
    organ: Mapped[Organ] = relationship()
    lead_member: Mapped[Member | None] = relationship()
