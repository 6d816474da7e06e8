"""Sittings (会议, 视察, 调研, 座谈会, 民主评议), their topics (议题) and invitations."""

from __future__ import annotations

import uuid
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from consult.db_types import UTCDateTime, utcnow
from consult.extensions import db
from consult.meetings.kinds import is_activity, leader_label
from consult.meetings.numbering import formal_label, formal_numbered_name, number_label, numbered_name, sitting_name
from consult.members.models import Member, Organ

# Who may see a sitting (内部 / 委员 / 公开). Internal and members-only sittings never appear on public
# pages or public feeds; their invitees always see them (personal page and feed), staff see everything.
VISIBILITIES = {
    "internal": _l("Internal (staff and invitees)"),
    "members": _l("Members (not public)"),
    "public": _l("Public"),
}
# The default visibility of a new sitting, by organ kind: the standing committee's and the chair
# meeting's notices are for members, the secretary-general meeting's are internal.
DEFAULT_VISIBILITY = {
    "standing_committee": "members",
    "chair_meeting": "members",
    "secretary_general_meeting": "internal",
}


def default_visibility(organ_kind: str) -> str:
    """Return the visibility a new sitting of an organ of `organ_kind` gets."""
    return DEFAULT_VISIBILITY.get(organ_kind, "public")


def new_uuid() -> str:
    """Return a new random UUID as text."""
    return str(uuid.uuid4())


class Meeting(db.Model):
    """One sitting of one organ, at a time and place."""

    __tablename__ = "meeting"
    __table_args__ = (
        # A number, once given, belongs to one sitting of its organ and term for ever.
        UniqueConstraint("organ_id", "term", "number", name="uq_meeting_organ_term_number"),
        Index("ix_meeting_status_starts_at", "status", "starts_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid)
    organ_id: Mapped[int] = mapped_column(ForeignKey("organ.id"), index=True)
    sitting_kind: Mapped[str] = mapped_column(String(20), default="meeting")
    consultation_form: Mapped[str] = mapped_column(String(20), default="none")
    title: Mapped[str] = mapped_column(String(200))
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime)
    location: Mapped[str] = mapped_column(String(200), default="")
    presiding_member_id: Mapped[int | None] = mapped_column(ForeignKey("member.id"))  # 主持, or 带队 for activities
    observers: Mapped[str] = mapped_column(Text, default="")  # 列席: units and people, one per line
    guests: Mapped[str] = mapped_column(Text, default="", server_default="")  # 出席: invited leaders, one per line
    # Activities (视察, 调研 …) meet somewhere first: 集合时间 and 集合地点, apart from where they go.
    assembly_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    assembly_place: Mapped[str] = mapped_column(String(200), default="", server_default="")
    # 会务联系人 and their phone, as the notice gives them: whom to ask, and whom to ask for leave (请假).
    contact_name: Mapped[str] = mapped_column(String(50), default="", server_default="")
    contact_phone: Mapped[str] = mapped_column(String(40), default="", server_default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(12), default="draft")
    visibility: Mapped[str] = mapped_column(String(10), default="public", server_default="public")
    cancel_reason: Mapped[str] = mapped_column(Text, default="")
    # 延期（时间另定）: why and when; the sitting keeps its number and its old time until 改期.
    postpone_reason: Mapped[str] = mapped_column(Text, default="", server_default="")
    postponed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Given on publication to sittings of numbered organs: 八届【十二】次常委会议, in date order and without
    # gaps (a cancelled sitting gives its number back when no later one has been numbered).
    term: Mapped[int | None] = mapped_column(Integer)
    number: Mapped[int | None] = mapped_column(Integer)
    # Raised on every change a calendar must see (time, place, title, status): iCalendar SEQUENCE.
    revision: Mapped[int] = mapped_column(Integer, default=0)
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    cancelled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    held_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    # Issue 3: the plan item this sitting carries out, the series it was created in, and the
    # confirmation that it was published with less notice than its organ needs.
    plan_item_id: Mapped[int | None] = mapped_column(ForeignKey("plan_item.id"), index=True)
    series_id: Mapped[str | None] = mapped_column(String(36), index=True)
    late_notice_confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    late_notice_confirmed_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))

    organ: Mapped[Organ] = relationship()
    presiding_member: Mapped[Member | None] = relationship(foreign_keys=[presiding_member_id])
    topics: Mapped[list[Topic]] = relationship(
        back_populates="meeting", order_by="Topic.position", cascade="all, delete-orphan"
    )
    invitations: Mapped[list[Invitation]] = relationship(
        back_populates="meeting", cascade="all, delete-orphan"
    )

    @property
    def display_number(self) -> str:
        """Return the short numbered name (八届十二次常委会议), or "" for a sitting without a number."""
        label = number_label(self.organ.kind, self.organ.number_label)
        if self.number is None or self.term is None or not label:
            return ""
        return numbered_name(self.term, self.number, label)

    def full_display_number(self, committee_short_name: str) -> str:
        """Return the numbered name with the committee's short name (区政协八届十二次常委会议), or ""."""
        return f"{committee_short_name}{self.display_number}" if self.display_number else ""

    def formal_name(self, committee) -> str:
        """Return the formal name with the term inside the committee's name
        (政协崇川区第八届委员会常务委员会第十五次会议), or "" for a sitting without a number.
        """
        pattern = formal_label(self.organ.kind, self.organ.formal_label, self.organ.number_label)
        return formal_numbered_name(
            committee.effective_formal_prefix, self.term, self.number, pattern, committee.formal_suffix or "委员会"
        )

    @property
    def is_activity(self) -> bool:
        """True for an activity (视察, 调研, 走访 …) rather than a meeting."""
        return is_activity(self.sitting_kind)

    @property
    def leader_label(self):
        """Return the label of the person in charge: 带队 for an activity, 主持 for a meeting."""
        return leader_label(self.sitting_kind)

    @property
    def display_name(self) -> str:
        """Return what lists show: 八届十二次常委会议：<title>, or the title alone (numbering.sitting_name)."""
        return sitting_name(self.term, self.number, number_label(self.organ.kind, self.organ.number_label), self.title)

    def __repr__(self) -> str:
        return f"<Meeting {self.id} {self.title!r} {self.status}>"


class Topic(db.Model):
    """One agenda item (议题) of a sitting, in order."""

    __tablename__ = "topic"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    title: Mapped[str] = mapped_column(String(300))
    notes: Mapped[str] = mapped_column(Text, default="")

    meeting: Mapped[Meeting] = relationship(back_populates="topics")


class Invitation(db.Model):
    """A member invited to a sitting (应到).

    Attendance (签到, 请假) belongs in its own table keyed the same way: a check-in must not raise
    the data version that calendar feeds follow.
    """

    __tablename__ = "invitation"

    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"), primary_key=True)
    member_id: Mapped[int] = mapped_column(
        ForeignKey("member.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    meeting: Mapped[Meeting] = relationship(back_populates="invitations")
    member: Mapped[Member] = relationship()


# What a recorded change of a sitting's time or place was: 改期 through the reschedule form, or an edit.
CHANGE_KINDS = {
    "rescheduled": _l("Rescheduled"),
    "edited": _l("Edited"),
}


class MeetingChange(db.Model):
    """One change of a sitting's time or place after members were told of it (时间变更记录): when, by whom,
    from what to what, and why. Shown on the sitting's page to everyone who may see the sitting.

    Kept apart from the meeting row: calendar feeds do not read it, so recording a change does not touch
    what they follow.
    """

    __tablename__ = "meeting_change"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"), index=True)
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    changed_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    kind: Mapped[str] = mapped_column(String(20), default="rescheduled")
    old_starts_at: Mapped[datetime] = mapped_column(UTCDateTime)
    old_ends_at: Mapped[datetime] = mapped_column(UTCDateTime)
    old_location: Mapped[str] = mapped_column(String(200), default="")
    new_starts_at: Mapped[datetime] = mapped_column(UTCDateTime)
    new_ends_at: Mapped[datetime] = mapped_column(UTCDateTime)
    new_location: Mapped[str] = mapped_column(String(200), default="")
    reason: Mapped[str] = mapped_column(Text, default="")
    # The new time gave less notice than the organ needs, and staff confirmed it.
    late_notice_confirmed: Mapped[bool] = mapped_column(Boolean, default=False)

    def __repr__(self) -> str:
        return f"<MeetingChange {self.id} of meeting {self.meeting_id} {self.kind}>"
