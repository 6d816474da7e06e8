"""The committee row: the whole body (政协XX区委员会), its name in parts, its term and zone."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, Integer, String, true
from sqlalchemy.orm import Mapped, mapped_column

from consult.db_types import UTCDateTime, utcnow
from consult.extensions import db


class Committee(db.Model):
    """The whole body (政协XX区委员会). One row per installation (several, once the roadmap's
    multi-committee work lands: every query already goes through the committee).

    The name is kept in the parts a formal sitting name needs, because the term sits inside it:
    政协崇川区 + 第八届 + 委员会 → 政协崇川区第八届委员会常务委员会第十五次会议.
    """

    __tablename__ = "committee"

    id: Mapped[int] = mapped_column(primary_key=True)
    # The name without the term: 政协崇川区委员会. Shown in headers, footers and documents.
    name: Mapped[str] = mapped_column(String(100))
    # The part of the formal name before the term (政协崇川区) and after it (委员会).
    formal_prefix: Mapped[str] = mapped_column(String(60), default="")
    formal_suffix: Mapped[str] = mapped_column(String(20), default="委员会")
    # The prefix of a sitting's short name: 区政协 (区政协八届十二次常委会议).
    short_name: Mapped[str] = mapped_column(String(40), default="区政协")
    term: Mapped[int] = mapped_column(Integer, default=1)
    time_zone: Mapped[str] = mapped_column(String(64), default="Asia/Shanghai")
    # How many days before a sitting's start members must ask for leave (请假), as notices and feeds say.
    leave_deadline_days: Mapped[int] = mapped_column(Integer, default=2, server_default="2")
    # Raised on every change that a calendar feed or a cached page must see.
    data_version: Mapped[int] = mapped_column(Integer, default=0)
    data_changed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    # The minutes' masthead (会议纪要 heading), issuing office and red rule: local practice, not GB/T 9704,
    # so each office sets its own. Empty: derived from the name (政协崇川区委员会会议纪要, …办公室).
    minutes_masthead: Mapped[str] = mapped_column(String(60), default="", server_default="")
    minutes_office: Mapped[str] = mapped_column(String(100), default="", server_default="")
    minutes_red_rule: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())

    @property
    def effective_minutes_masthead(self) -> str:
        """Return the minutes' masthead: the stored one, or the committee name + 会议纪要."""
        return self.minutes_masthead or f"{self.name}会议纪要"

    @property
    def effective_minutes_office(self) -> str:
        """Return the office that issues the minutes: the stored one, or the committee name + 办公室."""
        return self.minutes_office or f"{self.name}办公室"

    @property
    def effective_formal_prefix(self) -> str:
        """Return the part of the formal name before the term: the stored prefix, or the name less 委员会."""
        if self.formal_prefix:
            return self.formal_prefix
        return self.name.removesuffix(self.formal_suffix or "委员会")

    def __repr__(self) -> str:
        return f"<Committee {self.name} term {self.term}>"
