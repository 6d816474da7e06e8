"""The committee, its sectors (界别), organs and members (委员)."""

from __future__ import annotations

import secrets
from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import Boolean, Column, Date, ForeignKey, Integer, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates

from consult.db_types import UTCDateTime, utcnow
from consult.extensions import db
from consult.members.collation import name_sort_key
from consult.members.composition import is_active_on

# Organ kinds (see GLOSSARY.md). The values are stored; the labels are shown.
ORGAN_KINDS = {
    "plenary": _l("Plenary"),
    "standing_committee": _l("Standing committee"),
    "chair_meeting": _l("Chair meeting"),
    "secretary_general_meeting": _l("Secretary-general meeting"),
    "special_committee": _l("Special committee"),
    "street_committee": _l("Street working committee"),
    "sector_group": _l("Sector group"),
}


QUORUM_RULES = {
    "more_than_half": _l("More than half"),
    "two_thirds": _l("Two thirds or more"),
    "none": _l("No quorum"),
}

# The quorum a new organ of each kind takes (issue 7): 全会 two thirds, 常委会 more than half.
DEFAULT_QUORUM_RULES = {"plenary": "two_thirds", "standing_committee": "more_than_half"}
OTHER_QUORUM_RULE = "none"

# Posts inside organs (consult.members.posts), as the organ page shows them.
POST_LABELS = {
    "director": _l("Director"),
    "deputy_director": _l("Deputy director"),
    "convener": _l("Convener"),
    "deputy_convener": _l("Deputy convener"),
}

GENDERS = {"male": _l("Male"), "female": _l("Female")}

# 政治面貌/党派 as member records list them; the stored value is the Chinese short name.
PARTIES = (
    "中共党员", "民革", "民盟", "民建", "民进", "农工党", "致公党", "九三学社", "台盟", "无党派人士", "群众",
)

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
    # The membership's first and last day; None: since always / still serving.
    Column("starts_on", Date, nullable=True),
    Column("ends_on", Date, nullable=True),
    # A post inside the organ (consult.members.posts): director, deputy_director, convener, …; None: a member.
    Column("post", String(30), nullable=True),
)

# 分工联系: the sectors and the street working committees a leader keeps in touch with.
liaison_sector = Table(
    "liaison_sector",
    db.metadata,
    Column("member_id", ForeignKey("member.id", ondelete="CASCADE"), primary_key=True),
    Column("sector_id", ForeignKey("sector.id", ondelete="CASCADE"), primary_key=True, index=True),
)
liaison_organ = Table(
    "liaison_organ",
    db.metadata,
    Column("member_id", ForeignKey("member.id", ondelete="CASCADE"), primary_key=True),
    Column("organ_id", ForeignKey("organ.id", ondelete="CASCADE"), primary_key=True, index=True),
)


class Membership(db.Model):
    """One member's seat in one organ: its dates and post. Read-only view of organ_member for pages;
    Member.organs and Organ.members write the rows, services.set_composition edits dates and posts.
    """

    __table__ = organ_member

    organ: Mapped[Organ] = relationship(viewonly=True)
    member: Mapped[Member] = relationship(viewonly=True)

    def active_on(self, day: date) -> bool:
        """Return True when the membership covers `day`."""
        return is_active_on(self.starts_on, self.ends_on, day)


class Member(db.Model):
    """A committee member (委员)."""

    __tablename__ = "member"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50), index=True)
    sector_id: Mapped[int] = mapped_column(ForeignKey("sector.id"), index=True)
    # Sortable form of the name in surname-stroke order (姓氏笔画), set whenever the name is set.
    name_sort_key: Mapped[str] = mapped_column(String(400), default="", server_default="", index=True)
    role: Mapped[str | None] = mapped_column(String(20))  # chair, vice_chair, secretary_general
    # Where leaders stand in protocol order (排序): smaller first; ties by stroke order.
    protocol_order: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    gender: Mapped[str] = mapped_column(String(10), default="", server_default="")  # GENDERS, "" unknown
    party: Mapped[str] = mapped_column(String(20), default="", server_default="")  # PARTIES, "" unknown
    member_number: Mapped[str | None] = mapped_column(String(20), unique=True)
    affiliation: Mapped[str] = mapped_column(String(200), default="")  # 工作单位及职务
    phone: Mapped[str] = mapped_column(String(30), default="")
    email: Mapped[str] = mapped_column(String(120), default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # /my/<access_token>: the member's personal page; /feeds/member/<feed_token>.ics: their feed.
    access_token: Mapped[str] = mapped_column(String(64), unique=True, default=new_token)
    feed_token: Mapped[str] = mapped_column(String(64), unique=True, default=new_token)
    feed_token_rotated_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # The reminder the member chose for their own feed (consult.feeds.reminders): "" none, "1d", "2h".
    feed_reminder: Mapped[str] = mapped_column(String(10), default="", server_default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    sector: Mapped[Sector] = relationship(back_populates="members")
    organs: Mapped[list[Organ]] = relationship(secondary=organ_member, back_populates="members")
    memberships: Mapped[list[Membership]] = relationship(viewonly=True)
    liaison_sectors: Mapped[list[Sector]] = relationship(secondary=liaison_sector)
    liaison_organs: Mapped[list[Organ]] = relationship(secondary=liaison_organ)

    @validates("name")
    def _set_sort_key(self, _key: str, name: str) -> str:
        self.name_sort_key = name_sort_key(name or "")
        return name

    @property
    def is_standing(self) -> bool:
        """Return True when the member sits in a standing committee (常委) today: one fact, the membership."""
        from consult.committee import clock

        today = clock.today()
        return any(m.organ.kind == "standing_committee" and m.active_on(today) for m in self.memberships)

    def __repr__(self) -> str:
        return f"<Member {self.name}>"


class Organ(db.Model):
    """A body of the committee that sits: plenary, standing committee, chair meeting, …"""

    __tablename__ = "organ"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(32))
    name: Mapped[str] = mapped_column(String(60), unique=True)
    slug: Mapped[str] = mapped_column(String(60), unique=True)
    # What a numbered sitting is called: 八届十二次【常委会议】. Empty: the kind's default; organs of kinds
    # without one (special committees, street committees, sector groups) are numbered only with a label.
    number_label: Mapped[str] = mapped_column(String(30), default="")
    # The formal name after 政协崇川区第八届委员会, × for the number (常务委员会第×次会议). Empty: the default.
    formal_label: Mapped[str] = mapped_column(String(40), default="", server_default="")
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
    def effective_quorum_rule(self) -> str:
        """Return the organ's quorum rule, the kind's default when the stored one is unknown."""
        if self.quorum_rule in QUORUM_RULES:
            return self.quorum_rule
        return default_quorum_rule(self.kind)

    def __repr__(self) -> str:
        return f"<Organ {self.name}>"


# The one order of organs on every page and list: their position, then their id.
ORGAN_ORDER = (Organ.position, Organ.id)


def default_quorum_rule(kind: str) -> str:
    """Return the quorum rule a new organ of `kind` takes: two_thirds, more_than_half or none."""
    return DEFAULT_QUORUM_RULES.get(kind, OTHER_QUORUM_RULE)
