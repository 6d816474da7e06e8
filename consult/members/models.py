"""The committee, its sectors (界别), organs and members (委员)."""

from __future__ import annotations

import secrets
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import Boolean, Column, ForeignKey, Integer, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from consult.db_types import UTCDateTime, utcnow
from consult.extensions import db
from consult.meetings.scheduling import notice_days

# Organ kinds (see GLOSSARY.md). The values are stored; the labels are shown.
ORGAN_KINDS = {
    "plenary": _l("Plenary"),
    "standing_committee": _l("Standing committee"),
    "chair_meeting": _l("Chair meeting"),
    "special_committee": _l("Special committee"),
    "street_committee": _l("Street working committee"),
    "sector_group": _l("Sector group"),
}

# The words a numbered meeting of each organ kind ends with: 八届十二次【常委会议】.
DEFAULT_NUMBER_LABELS = {
    "plenary": "全体委员会议",
    "standing_committee": "常委会议",
    "chair_meeting": "主席会议",
}

QUORUM_RULES = {
    "more_than_half": _l("More than half"),
    "two_thirds": _l("Two thirds or more"),
    "none": _l("No quorum"),
}

LEADERSHIP_ROLES = {
    "chair": _l("Chair"),
    "vice_chair": _l("Vice-chair"),
    "secretary_general": _l("Secretary-general"),
}


def new_token() -> str:
    """Return a random URL-safe token of 256 bits."""
    return secrets.token_urlsafe(32)


class Sector(db.Model):
    """A constituency (界别) that members represent."""

    __tablename__ = "sector"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(40), unique=True)
    position: Mapped[int] = mapped_column(Integer, default=0)

    members: Mapped[list[Member]] = relationship(back_populates="sector")

    def __repr__(self) -> str:
        return f"<Sector {self.name}>"


organ_member = Table(
    "organ_member",
    db.metadata,
    Column("organ_id", ForeignKey("organ.id", ondelete="CASCADE"), primary_key=True),
    Column("member_id", ForeignKey("member.id", ondelete="CASCADE"), primary_key=True, index=True),
)


class Member(db.Model):
    """A committee member (委员)."""

    __tablename__ = "member"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50), index=True)
    sector_id: Mapped[int] = mapped_column(ForeignKey("sector.id"), index=True)
    role: Mapped[str | None] = mapped_column(String(20))  # chair, vice_chair, secretary_general
    is_standing: Mapped[bool] = mapped_column(Boolean, default=False)
    member_number: Mapped[str | None] = mapped_column(String(20), unique=True)
    affiliation: Mapped[str] = mapped_column(String(200), default="")  # 工作单位及职务
    phone: Mapped[str] = mapped_column(String(30), default="")
    email: Mapped[str] = mapped_column(String(120), default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # /my/<access_token>: the member's personal page; /feeds/member/<feed_token>.ics: their feed.
    access_token: Mapped[str] = mapped_column(String(64), unique=True, default=new_token)
    feed_token: Mapped[str] = mapped_column(String(64), unique=True, default=new_token)
    feed_token_rotated_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    sector: Mapped[Sector] = relationship(back_populates="members")
    organs: Mapped[list[Organ]] = relationship(secondary=organ_member, back_populates="members")

    @property
    def is_leadership(self) -> bool:
        """True for the chair, vice-chairs and the secretary-general."""
        return self.role in LEADERSHIP_ROLES

    def __repr__(self) -> str:
        return f"<Member {self.name}>"


class Organ(db.Model):
    """A body of the committee that sits: plenary, standing committee, chair meeting, …"""

    __tablename__ = "organ"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(32))
    name: Mapped[str] = mapped_column(String(60), unique=True)
    slug: Mapped[str] = mapped_column(String(60), unique=True)
    # What a numbered sitting is called: 八届十二次【常委会议】. Empty: the kind's default, else the name.
    number_label: Mapped[str] = mapped_column(String(30), default="")
    quorum_rule: Mapped[str] = mapped_column(String(20), default="more_than_half")
    notice_days: Mapped[int | None] = mapped_column(Integer)  # None: the kind's default
    # Sittings of the current term numbered before consult was used (an office that starts mid-term
    # has held 八届一次 … 八届十一次 on paper): the next number is at least this plus one.
    prior_sittings_in_term: Mapped[int] = mapped_column(Integer, default=0)
    position: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    description: Mapped[str] = mapped_column(Text, default="")

    members: Mapped[list[Member]] = relationship(secondary=organ_member, back_populates="organs")

    @property
    def effective_number_label(self) -> str:
        """Return the words a numbered sitting of this organ ends with, e.g. 常委会议."""
        return self.number_label or DEFAULT_NUMBER_LABELS.get(self.kind) or f"{self.name}会议"

    @property
    def effective_notice_days(self) -> int:
        """Return the days of notice this organ's sittings need."""
        return notice_days(self.kind, self.notice_days)

    def __repr__(self) -> str:
        return f"<Organ {self.name}>"
