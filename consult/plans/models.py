"""The year's consultation plan (年度协商计划) and its items."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, CheckConstraint, Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from consult.db_types import UTCDateTime, utcnow
from consult.extensions import db
from consult.members.models import Member, Organ

# How a plan was adopted (审批).
APPROVAL_BODIES = ("party_committee", "standing_committee")
# What an item is expected to produce (成果形式).
EXPECTED_RESULTS = ("opinions", "recommendation", "special_report", "research_report", "other")


class ConsultationPlan(db.Model):
    """The plan of one year."""

    __tablename__ = "consultation_plan"

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(Integer, unique=True)
    title: Mapped[str] = mapped_column(String(200), default="")
    is_public: Mapped[bool] = mapped_column(Boolean, default=False)
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    notes: Mapped[str] = mapped_column(Text, default="")
    # How the plan was adopted: 经区委同意 or 常委会议审议通过, on which day, under which 文号.
    approved_by: Mapped[str] = mapped_column(String(20), default="", server_default="")
    approved_on: Mapped[date | None] = mapped_column(Date)
    document_number: Mapped[str] = mapped_column(String(60), default="", server_default="")

    items: Mapped[list[PlanItem]] = relationship(
        back_populates="plan", order_by="PlanItem.position", cascade="all, delete-orphan"
    )


class PlanItem(db.Model):
    """One line of the plan: which organ consults on which topic, in which form, roughly when."""

    __tablename__ = "plan_item"
    __table_args__ = (
        CheckConstraint("planned_month IS NULL OR (planned_month BETWEEN 1 AND 12)", name="planned_month"),
        CheckConstraint("planned_quarter IS NULL OR (planned_quarter BETWEEN 1 AND 4)", name="planned_quarter"),
        CheckConstraint("planned_half IS NULL OR (planned_half BETWEEN 1 AND 2)", name="planned_half"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("consultation_plan.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    topic: Mapped[str] = mapped_column(String(300))
    consultation_form: Mapped[str] = mapped_column(String(20))
    sitting_kind: Mapped[str] = mapped_column(String(20), default="meeting")
    organ_id: Mapped[int] = mapped_column(ForeignKey("organ.id"), index=True)  # the organ that sits
    # 承办: the 政协 body that organises the item (a 专委会, or the organ itself), required.
    organising_organ_id: Mapped[int] = mapped_column(ForeignKey("organ.id"), index=True)
    planned_month: Mapped[int | None] = mapped_column(Integer)
    planned_quarter: Mapped[int | None] = mapped_column(Integer)
    planned_half: Mapped[int | None] = mapped_column(Integer)  # 1 上半年, 2 下半年
    lead_member_id: Mapped[int | None] = mapped_column(ForeignKey("member.id"))
    # The government side: 对口部门 (the main department) and 参加部门 (others, one per line or 、).
    counterpart_department: Mapped[str] = mapped_column(String(200), default="", server_default="")
    participating_departments: Mapped[str] = mapped_column(Text, default="")
    # 成果形式 (协商意见, 建议案, 专报 …) and 报送对象 (区委、区政府 …).
    expected_result: Mapped[str] = mapped_column(String(20), default="", server_default="")
    report_to: Mapped[str] = mapped_column(String(200), default="", server_default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    plan: Mapped[ConsultationPlan] = relationship(back_populates="items")
    organ: Mapped[Organ] = relationship(foreign_keys=[organ_id])
    organising_organ: Mapped[Organ] = relationship(foreign_keys=[organising_organ_id])
    lead_member: Mapped[Member | None] = relationship()
