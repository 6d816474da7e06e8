"""The absence rules a committee keeps (consult.records.rules says what they mean).

A committee that never edited its rules has no AbsenceRuleSet and uses rules.DEFAULT_RULES; the first edit stores
the set (the defaults and the change), so that a committee may also keep no rule at all.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from consult.db_types import UTCDateTime, utcnow
from consult.extensions import db


class AbsenceRuleSet(db.Model):
    """That a committee keeps rules of its own, and who changed them last."""

    __tablename__ = "absence_rule_set"

    id: Mapped[int] = mapped_column(primary_key=True)
    committee_id: Mapped[int] = mapped_column(ForeignKey("committee.id", ondelete="CASCADE"), unique=True)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))

    rules: Mapped[list[StoredAbsenceRule]] = relationship(
        back_populates="rule_set", cascade="all, delete-orphan", order_by="StoredAbsenceRule.id"
    )


class StoredAbsenceRule(db.Model):
    """One rule: `count` absences without leave from the sittings of an organ kind (or of one organ) per year or per
    term."""

    __tablename__ = "absence_rule"

    id: Mapped[int] = mapped_column(primary_key=True)
    rule_set_id: Mapped[int] = mapped_column(ForeignKey("absence_rule_set.id", ondelete="CASCADE"), index=True)
    count: Mapped[int] = mapped_column(Integer)
    period: Mapped[str] = mapped_column(String(10))  # rules.YEAR or rules.TERM
    organ_kind: Mapped[str | None] = mapped_column(String(32))
    organ_id: Mapped[int | None] = mapped_column(ForeignKey("organ.id", ondelete="CASCADE"), index=True)

    rule_set: Mapped[AbsenceRuleSet] = relationship(back_populates="rules")

    def __repr__(self) -> str:
        return f"<AbsenceRule {self.count} {self.period} {self.organ_kind or self.organ_id}>"
