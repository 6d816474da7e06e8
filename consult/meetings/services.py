"""Writes of the meetings domain: create, edit, publish (and number), reschedule, postpone, cancel,
renumber, mark held; conflicts.

Every function adds and flushes and logs; none commits — the view commits once per request.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from datetime import datetime

from sqlalchemy import func, select, update

from consult import audit
from consult.committee import get_committee
from consult.extensions import db
from consult.meetings.kinds import CONSULTATION_FORMS, SITTING_KINDS
from consult.meetings.models import (
    VISIBILITIES,
    Invitation,
    Meeting,
    MeetingChange,
    Topic,
    default_visibility,
)
from consult.meetings.numbering import number_label, numbered_name, numbers_in_date_order, out_of_date_order
from consult.meetings.queries import booked_slots
from consult.meetings.scheduling import (
    Conflict,
    SittingSlot,
    check_period,
    find_conflicts,
    invited_by_default,
    notice_shortfall,
)
from consult.meetings.scheduling import (
    notice_days as scheduling_notice_days,
)
from consult.meetings.statuses import CANCELLABLE, HOLDS_NUMBER, POSTPONABLE, RESCHEDULABLE
from consult.members.models import Member, Organ, Sector, organ_member

log = logging.getLogger(__name__)

TITLE_MAX = 200
TOPIC_MAX = 300
LOCATION_MAX = 200
CONTACT_NAME_MAX = 50
CONTACT_PHONE_MAX = 40
TOPICS_MAX = 30  # agenda items of one sitting: a plenary has about ten
LIST_MAX = 5000  # observers (列席) and guests (出席): units and people, one per line
NOTES_MAX = 5000  # the staff's notes

# Fields whose change a calendar must see (iCalendar SEQUENCE): everything but notes and who is invited.
CALENDAR_FIELDS = frozenset(
    {
        "organ",
        "title",
        "starts_at",
        "ends_at",
        "location",
        "sitting_kind",
        "consultation_form",
        "presiding_member",
        "observers",
        "guests",
        "assembly_at",
        "assembly_place",
        "topics",
        "visibility",
        "contact_name",
        "contact_phone",
    }
)
QUIET_FIELDS = frozenset({"notes", "invitees", "plan_item_id", "series_id"})


def _name(person) -> str | None:
    return person.name if person is not None else None


# What the audit log keeps of a sitting, field by field: names rather than ids, the agenda and invitees as lists.
AUDIT_FIELDS = {
    "title": lambda m: m.title,
    "organ": lambda m: _name(m.organ),
    "sitting_kind": lambda m: m.sitting_kind,
    "consultation_form": lambda m: m.consultation_form,
    "starts_at": lambda m: m.starts_at,
    "ends_at": lambda m: m.ends_at,
    "location": lambda m: m.location,
    "visibility": lambda m: m.visibility,
    "presiding_member": lambda m: _name(m.presiding_member),
    "observers": lambda m: m.observers,
    "guests": lambda m: m.guests,
    "assembly_at": lambda m: m.assembly_at,
    "assembly_place": lambda m: m.assembly_place,
    "contact_name": lambda m: m.contact_name,
    "contact_phone": lambda m: m.contact_phone,
    "topics": lambda m: [t.title for t in m.topics],
    "invitees": lambda m: [i.member.name for i in m.invitations],
    "notes": lambda m: m.notes,
    "plan_item_id": lambda m: m.plan_item_id,
}
_STATE_FIELDS = {
    "status": lambda m: m.status,
    "number": lambda m: m.number,
    "term": lambda m: m.term,
    "late_notice_confirmed": lambda m: m.late_notice_confirmed_at is not None,
}


class MeetingError(ValueError):
    """A request the meeting's state or values do not allow. `code` names the problem for forms."""

    def __init__(self, code: str, message: str = ""):
        super().__init__(message or code)
        self.code = code


class LateNoticeError(MeetingError):
    """Publishing would give less notice than the organ needs, and it was not confirmed."""

    def __init__(self, starts_at: datetime, notice_days: int):
        super().__init__("late_notice", f"sitting starts {starts_at:%Y-%m-%d %H:%M} UTC, needs {notice_days} days")
        self.starts_at = starts_at
        self.notice_days = notice_days


def _active_members_query():
    return (
        select(Member)
        .join(Sector, Member.sector_id == Sector.id)
        .where(Member.active.is_(True))
        .order_by(Sector.position, Sector.name, Member.member_number, Member.name, Member.id)
    )


def default_invitees(organ: Organ) -> list[Member]:
    """Return the active members a sitting of `organ` invites by default, ordered by sector and name.

    plenary: all active members; standing_committee: the leadership and the standing members;
    chair_meeting: the leadership; any other organ: its own active members.
    """
    from consult.committee import clock
    from consult.members.queries import standing_member_ids

    own = set(db.session.scalars(select(organ_member.c.member_id).where(organ_member.c.organ_id == organ.id)))
    standing = standing_member_ids(clock.today())  # one statement, not one per member
    return [
        member
        for member in db.session.scalars(_active_members_query())
        if invited_by_default(organ.kind, member.role, member.id in standing, member.id in own)
    ]


def _resolve_members(invitees: Iterable[Member | int]) -> list[Member]:
    people: list[Member] = []
    ids: list[int] = []
    for person in invitees:
        if isinstance(person, Member):
            people.append(person)
        else:
            ids.append(int(person))
    if ids:
        found = {m.id: m for m in db.session.scalars(select(Member).where(Member.id.in_(ids)))}
        missing = sorted(set(ids) - set(found))
        if missing:
            raise MeetingError("unknown_member", f"no members with ids {missing}")
        people.extend(found[i] for i in dict.fromkeys(ids))
    unique: dict[int, Member] = {}
    for person in people:
        unique.setdefault(person.id, person)
    return list(unique.values())


def _clean_title(title: str) -> str:
    title = " ".join((title or "").split())
    if not title:
        raise MeetingError("empty_title", "a sitting needs a title")
    if len(title) > TITLE_MAX:
        raise MeetingError("title_too_long", f"titles have at most {TITLE_MAX} characters")
    return title


def _clean_topics(topics: Iterable[str]) -> list[str]:
    cleaned = [" ".join(t.split()) for t in topics if t and t.strip()]
    if len(cleaned) > TOPICS_MAX:
        raise MeetingError("too_many_topics", f"a sitting has at most {TOPICS_MAX} topics")
    for topic in cleaned:
        if len(topic) > TOPIC_MAX:
            raise MeetingError("topic_too_long", f"topics have at most {TOPIC_MAX} characters")
    return cleaned


def _long_text(value: str | None, most: int) -> str:
    """Return `value` trimmed; raise MeetingError("text_too_long") past `most` characters (line breaks count one)."""
    text = (value or "").strip()
    if len(text.replace("\r\n", "\n")) > most:
        raise MeetingError("text_too_long", f"a text of at most {most} characters")
    return text


def _check_choice(value: str, choices: dict, code: str) -> str:
    if value not in choices:
        raise MeetingError(code, f"unknown value {value!r}")
    return value


def _set_topics(meeting: Meeting, topics: Sequence[str]) -> None:
    """Set the agenda to `topics` (titles in order). A topic whose title stays keeps its row, so what hangs on
    it (materials, opinions) stays with it when other topics are added, removed or reordered."""
    remaining: dict[str, list[Topic]] = {}
    for topic in meeting.topics:
        remaining.setdefault(topic.title, []).append(topic)
    agenda = []
    for position, title in enumerate(topics):
        same = remaining.get(title)
        topic = same.pop(0) if same else Topic(title=title)
        topic.position = position
        agenda.append(topic)
    meeting.topics[:] = agenda


def _set_invitees(meeting: Meeting, people: list[Member]) -> None:
    wanted = {m.id for m in people}
    meeting.invitations[:] = [inv for inv in meeting.invitations if inv.member_id in wanted]
    have = {inv.member_id for inv in meeting.invitations}
    for person in people:
        if person.id not in have:
            meeting.invitations.append(Invitation(member=person, member_id=person.id))


def create_meeting(
    organ: Organ,
    title: str,
    starts_at: datetime,
    ends_at: datetime,
    *,
    sitting_kind: str = "meeting",
    consultation_form: str = "none",
    location: str = "",
    topics: Iterable[str] = (),
    observers: str = "",
    guests: str = "",
    assembly_at: datetime | None = None,
    assembly_place: str = "",
    presiding_member: Member | None = None,
    invitees: Iterable[Member | int] | None = None,
    notes: str = "",
    plan_item_id: int | None = None,
    series_id: str | None = None,
    visibility: str | None = None,
    created_by=None,
    contact_name: str = "",
    contact_phone: str = "",
) -> Meeting:
    """Add a draft sitting of `organ` and return it (flushed, so it has an id).

    `invitees` None invites `default_invitees(organ)`; members or member ids otherwise. `visibility`
    None takes the organ kind's default (members-only for the standing committee and chair meeting).
    Raises PeriodError for a bad period and MeetingError for an empty or too long title, too many or too long
    topics, observers, guests or notes past their limit, an unknown sitting kind, consultation form or member.
    """
    if organ is None:
        raise MeetingError("unknown_organ", "a sitting needs an organ")
    check_period(starts_at, ends_at)
    meeting = Meeting(
        organ=organ,
        organ_id=organ.id,
        title=_clean_title(title),
        starts_at=starts_at,
        ends_at=ends_at,
        sitting_kind=_check_choice(sitting_kind, SITTING_KINDS, "unknown_sitting_kind"),
        consultation_form=_check_choice(consultation_form, CONSULTATION_FORMS, "unknown_consultation_form"),
        location=" ".join((location or "").split())[:LOCATION_MAX],
        observers=_long_text(observers, LIST_MAX),
        guests=_long_text(guests, LIST_MAX),
        assembly_at=assembly_at,
        assembly_place=" ".join((assembly_place or "").split())[:LOCATION_MAX],
        presiding_member=presiding_member,
        notes=_long_text(notes, NOTES_MAX),
        contact_name=" ".join((contact_name or "").split())[:CONTACT_NAME_MAX],
        contact_phone=" ".join((contact_phone or "").split())[:CONTACT_PHONE_MAX],
        status="draft",
        visibility=_check_choice(visibility or default_visibility(organ.kind), VISIBILITIES, "unknown_visibility"),
        revision=0,
        plan_item_id=plan_item_id,
        series_id=series_id,
        created_by_id=getattr(created_by, "id", None),
    )
    _set_topics(meeting, _clean_topics(topics))
    people = default_invitees(organ) if invitees is None else _resolve_members(invitees)
    _set_invitees(meeting, people)
    db.session.add(meeting)
    db.session.flush()
    audit.record("meeting.create", meeting, after={
        name: value for name, value in audit.snapshot(meeting, AUDIT_FIELDS).values.items() if value not in ("", None)
    })
    log.info("meeting %s (%s) created as a draft of organ %s", meeting.id, meeting.title, organ.id)
    return meeting


def update_meeting(meeting: Meeting, **changes) -> Meeting:
    """Apply `changes` to a sitting and return it; raise its revision when a calendar must see them.

    Accepted keys: organ, title, starts_at, ends_at, location, sitting_kind, consultation_form,
    presiding_member, observers, guests, assembly_at, assembly_place, contact_name, contact_phone, topics
    (list of str), invitees (members or ids), notes, plan_item_id,
    series_id. Only values that really differ count as changes; notes, invitees and links do not raise
    the revision. Raises MeetingError for a cancelled sitting, a numbered sitting moved to another organ,
    unknown keys or bad values, and PeriodError for a bad period.
    """
    taken = audit.snapshot(meeting, {name: AUDIT_FIELDS[name] for name in changes if name in AUDIT_FIELDS})
    _apply_changes(meeting, changes)
    audit.record_changes("meeting.update", meeting, taken)
    return meeting


def _apply_changes(meeting: Meeting, changes: dict) -> set[str]:
    """Apply `changes` as update_meeting does and return the names of the fields that changed (flushed)."""
    unknown = set(changes) - CALENDAR_FIELDS - QUIET_FIELDS
    if unknown:
        raise MeetingError("unknown_field", f"cannot change {sorted(unknown)}")
    if meeting.status == "cancelled":
        raise MeetingError("cancelled", "a cancelled sitting cannot be changed")
    if "visibility" in changes:
        assign_visibility = _check_choice(changes["visibility"], VISIBILITIES, "unknown_visibility")
    starts_at = changes.get("starts_at", meeting.starts_at)
    ends_at = changes.get("ends_at", meeting.ends_at)
    check_period(starts_at, ends_at)

    changed: set[str] = set()

    def assign(name: str, value) -> None:
        if getattr(meeting, name) != value:
            setattr(meeting, name, value)
            changed.add(name)

    if "organ" in changes:
        organ = changes["organ"]
        if organ is None:
            raise MeetingError("unknown_organ", "a sitting needs an organ")
        if organ.id != meeting.organ_id and meeting.number is not None:
            raise MeetingError("numbered_organ", "a numbered sitting stays with its organ")
        if organ.id != meeting.organ_id:
            meeting.organ = organ
            meeting.organ_id = organ.id
            changed.add("organ")
    if "title" in changes:
        assign("title", _clean_title(changes["title"]))
    assign("starts_at", starts_at)
    assign("ends_at", ends_at)
    if "location" in changes:
        assign("location", " ".join((changes["location"] or "").split())[:LOCATION_MAX])
    if "sitting_kind" in changes:
        kind = _check_choice(changes["sitting_kind"], SITTING_KINDS, "unknown_sitting_kind")
        if kind != meeting.sitting_kind and meeting.number is not None:
            raise MeetingError("numbered_kind", "a numbered meeting stays a meeting")
        assign("sitting_kind", kind)
    if "consultation_form" in changes:
        assign(
            "consultation_form",
            _check_choice(changes["consultation_form"], CONSULTATION_FORMS, "unknown_consultation_form"),
        )
    if "presiding_member" in changes:
        person = changes["presiding_member"]
        if (person.id if person else None) != meeting.presiding_member_id:
            meeting.presiding_member = person
            meeting.presiding_member_id = person.id if person else None
            changed.add("presiding_member")
    for name in ("observers", "guests"):
        if name in changes:
            assign(name, _long_text(changes[name], LIST_MAX))
    if "assembly_at" in changes:
        assign("assembly_at", changes["assembly_at"])
    if "assembly_place" in changes:
        assign("assembly_place", " ".join((changes["assembly_place"] or "").split())[:LOCATION_MAX])
    for name, most in (("contact_name", CONTACT_NAME_MAX), ("contact_phone", CONTACT_PHONE_MAX)):
        if name in changes:
            assign(name, " ".join((changes[name] or "").split())[:most])
    if "topics" in changes:
        topics = _clean_topics(changes["topics"])
        if topics != [t.title for t in meeting.topics]:
            _set_topics(meeting, topics)
            changed.add("topics")
    if "notes" in changes:
        assign("notes", _long_text(changes["notes"], NOTES_MAX))
    if "visibility" in changes:
        assign("visibility", assign_visibility)
    if "invitees" in changes:
        people = _resolve_members(changes["invitees"])
        if {m.id for m in people} != {inv.member_id for inv in meeting.invitations}:
            _set_invitees(meeting, people)
            changed.add("invitees")
    for name in ("plan_item_id", "series_id"):
        if name in changes:
            assign(name, changes[name])

    if changed & CALENDAR_FIELDS:
        meeting.revision = (meeting.revision or 0) + 1
    db.session.flush()
    if changed:
        log.info("meeting %s changed: %s (revision %s)", meeting.id, ", ".join(sorted(changed)), meeting.revision)
    return changed


def organ_notice_days(organ: Organ) -> int:
    """Return the days of notice the organ's sittings need: its own setting, else its kind's default."""
    return scheduling_notice_days(organ.kind, organ.notice_days)


def unlink_plan_item(plan_item_id: int) -> int:
    """Unlink every sitting from a plan item that is going away; return how many were linked. The sittings
    stay as they are (no calendar sees the link, so no revision is raised)."""
    return db.session.execute(
        update(Meeting).where(Meeting.plan_item_id == plan_item_id).values(plan_item_id=None)
    ).rowcount


def sitting_label(organ: Organ) -> str:
    """Return the words the organ's numbered sittings end with (常委会议), or "" when it numbers none."""
    return number_label(organ.kind, organ.number_label)


def is_numbered(meeting: Meeting) -> bool:
    """Return True when publishing `meeting` gives it a number: a sitting of kind "meeting" of an organ
    with a number label (by default the plenary, standing committee, chair and secretary-general meetings).
    """
    return meeting.sitting_kind == "meeting" and bool(sitting_label(meeting.organ))


def next_sitting_number(organ: Organ, term: int) -> int:
    """Return the number the next numbered sitting of `organ` in `term` gets: one more than the highest
    of the sittings numbered on paper (prior_sittings_in_term) and the numbers held now.
    """
    highest = db.session.scalar(
        select(func.max(Meeting.number)).where(Meeting.organ_id == organ.id, Meeting.term == term)
    )
    return max(organ.prior_sittings_in_term or 0, highest or 0) + 1


def date_order_breaks(meeting: Meeting) -> list[int]:
    """Return the numbers of the organ's other sittings in the term that break date order with this
    numbered sitting (a lower number later, a higher one earlier); empty when the order holds or the
    sitting has no number. One statement.
    """
    if meeting.number is None:
        return []
    others = db.session.execute(
        select(Meeting.number, Meeting.starts_at).where(
            Meeting.organ_id == meeting.organ_id,
            Meeting.term == meeting.term,
            Meeting.number.is_not(None),
            Meeting.id != meeting.id,
        )
    ).all()
    return out_of_date_order(meeting.number, meeting.starts_at, [(n, s) for n, s in others])


def later_numbered(meeting: Meeting) -> list[int]:
    """Return the numbers above this sitting's in its organ and term (what renumbering would move)."""
    if meeting.number is None:
        return []
    return sorted(
        db.session.scalars(
            select(Meeting.number).where(
                Meeting.organ_id == meeting.organ_id, Meeting.term == meeting.term, Meeting.number > meeting.number
            )
        )
    )


def _lock_organ(organ: Organ) -> None:
    db.session.execute(select(Organ.id).where(Organ.id == organ.id).with_for_update())


def publish_meeting(meeting: Meeting, *, now: datetime, by=None, confirm_late_notice: bool = False) -> Meeting:
    """Publish a draft and return it; a numbered sitting (is_numbered) gets its organ's next number.

    Other sittings (inspections, research visits, sittings of unnumbered organs) are published without
    a number. The organ row is locked (SELECT … FOR UPDATE where the database has it) so two
    publications cannot take one number; the unique constraint on (organ, term, number) is the
    backstop. A number out of date order is given all the same: the view warns with date_order_breaks
    and offers renumber_sittings.
    Raises MeetingError("not_draft") unless the sitting is a draft, and LateNoticeError when it starts
    less than the organ's notice days after `now` and `confirm_late_notice` is false; when confirmed,
    records the confirmation (late_notice_confirmed_at/by).
    """
    taken = audit.snapshot(meeting, _STATE_FIELDS)
    _publish(meeting, now=now, by=by, confirm_late_notice=confirm_late_notice)
    audit.record_changes("meeting.publish", meeting, taken, at=now)
    return meeting


def _publish(meeting: Meeting, *, now: datetime, by=None, confirm_late_notice: bool = False) -> None:
    """Publish a draft as publish_meeting says, without recording it in the audit log (the callers do)."""
    if meeting.status != "draft":
        raise MeetingError("not_draft", "only a draft can be published")
    organ = meeting.organ
    notice_days = organ_notice_days(organ)
    late = notice_shortfall(meeting.starts_at, now, notice_days)
    if late and not confirm_late_notice:
        raise LateNoticeError(meeting.starts_at, notice_days)
    if is_numbered(meeting):
        _lock_organ(organ)
        term = get_committee().term
        meeting.term = term
        meeting.number = next_sitting_number(organ, term)
    if late:
        meeting.late_notice_confirmed_at = now
        meeting.late_notice_confirmed_by_id = getattr(by, "id", None)
    meeting.status = "published"
    meeting.published_at = now
    meeting.revision = (meeting.revision or 0) + 1
    db.session.flush()
    log.info(
        "meeting %s published by %s%s%s",
        meeting.id,
        getattr(by, "username", None) or "system",
        f" as {numbered_name(meeting.term, meeting.number, sitting_label(organ))}" if meeting.number else "",
        " with late notice confirmed" if late else "",
    )


# Sittings whose invitees were told the time: moving them needs a reason and respects the notice rule.
ANNOUNCED = ("published", "postponed")


def moves(meeting: Meeting, starts_at: datetime, ends_at: datetime, location: str) -> bool:
    """Return True when these values change the sitting's time or place (the place as it would be stored)."""
    place = " ".join((location or "").split())[:LOCATION_MAX]
    return (starts_at, ends_at, place) != (meeting.starts_at, meeting.ends_at, meeting.location or "")


def check_move(
    meeting: Meeting, starts_at: datetime, location: str, *, reason: str, now: datetime,
    confirm_late_notice: bool = False,
) -> bool:
    """Check a change of time or place of a sitting before it is made; return True when the new time gives
    less notice than the organ needs (and it was confirmed).

    Only sittings members were told of (published, postponed) are checked: a draft moves freely.
    Raises MeetingError("reason_required") without a reason, and LateNoticeError when the new start is
    inside the organ's notice period and `confirm_late_notice` is false.
    """
    if meeting.status not in ANNOUNCED:
        return False
    if not (reason or "").strip():
        raise MeetingError("reason_required", "moving a published sitting needs a reason")
    notice_days = organ_notice_days(meeting.organ)
    late = notice_shortfall(starts_at, now, notice_days)
    if late and not confirm_late_notice:
        raise LateNoticeError(starts_at, notice_days)
    return late


def record_change(
    meeting: Meeting, old: tuple[datetime, datetime, str], *, kind: str, reason: str, by=None, now: datetime,
    late_notice_confirmed: bool = False,
) -> MeetingChange | None:
    """Record that the sitting's time or place changed from `old` (starts_at, ends_at, location) to what it
    is now, and return the record; None when nothing of these changed, or when a draft moved without a
    reason (nobody was told its time yet)."""
    new = (meeting.starts_at, meeting.ends_at, meeting.location or "")
    reason = (reason or "").strip()
    if tuple(old) == new or (meeting.status not in ANNOUNCED and not reason):
        return None
    change = MeetingChange(
        meeting_id=meeting.id, changed_at=now, changed_by_id=getattr(by, "id", None), kind=kind,
        old_starts_at=old[0], old_ends_at=old[1], old_location=old[2] or "",
        new_starts_at=new[0], new_ends_at=new[1], new_location=new[2], reason=reason,
        late_notice_confirmed=late_notice_confirmed,
    )
    db.session.add(change)
    db.session.flush()
    log.info("meeting %s %s by %s: %s", meeting.id, kind, getattr(by, "username", None) or "system", reason)
    return change


def late_drafts(meetings: Iterable[Meeting], *, now: datetime) -> list[Meeting]:
    """Return the drafts among `meetings` that start inside their organ's notice period at `now`."""
    return [m for m in meetings if notice_shortfall(m.starts_at, now, organ_notice_days(m.organ))]


def publish_drafts(
    meetings: Iterable[Meeting], *, now: datetime, by=None, confirm_late_notice: bool = False
) -> list[Meeting]:
    """Publish the drafts together, in date order (so that numbers follow the dates), each through
    publish_meeting, and return them in that order. All or nothing: raises MeetingError("not_draft") when
    one is no draft, and LateNoticeError for the first that starts inside its notice period when
    `confirm_late_notice` is false — before any is published."""
    ordered = sorted(meetings, key=lambda m: (m.starts_at, m.id))
    for meeting in ordered:
        if meeting.status != "draft":
            raise MeetingError("not_draft", f"meeting {meeting.id} is not a draft")
    late = late_drafts(ordered, now=now)
    if late and not confirm_late_notice:
        raise LateNoticeError(late[0].starts_at, organ_notice_days(late[0].organ))
    for meeting in ordered:
        taken = audit.snapshot(meeting, _STATE_FIELDS)
        _publish(meeting, now=now, by=by, confirm_late_notice=confirm_late_notice)
        audit.record_changes("meeting.bulk_publish", meeting, taken, at=now)
    log.info("%s drafts published together by %s", len(ordered), getattr(by, "username", None) or "system")
    return ordered


def reschedule_meeting(
    meeting: Meeting, starts_at: datetime, ends_at: datetime, location: str, *, reason: str = "", by=None,
    now: datetime | None = None, confirm_late_notice: bool = False,
) -> Meeting:
    """Move a draft, published or postponed sitting (改期) and return it. It keeps its number; a
    postponed sitting is published again at its new time. A published or postponed sitting needs a
    `reason` and, when the new start is inside its organ's notice period, `confirm_late_notice`
    (check_move); the move is recorded with its reason (record_change) and shown on the sitting's page.
    `now` defaults to the app's clock.
    Raises MeetingError("not_reschedulable") for a held or cancelled sitting, MeetingError("reason_required"),
    LateNoticeError, and PeriodError for a bad period; nothing is changed when it raises.
    """
    if meeting.status not in RESCHEDULABLE:
        raise MeetingError("not_reschedulable", f"a {meeting.status} sitting cannot be rescheduled")
    if now is None:
        from consult.committee import clock

        now = clock.now()
    check_period(starts_at, ends_at)
    late = check_move(
        meeting, starts_at, location, reason=reason, now=now, confirm_late_notice=confirm_late_notice
    )
    old = (meeting.starts_at, meeting.ends_at, meeting.location or "")
    taken = audit.snapshot(meeting, {"starts_at": AUDIT_FIELDS["starts_at"], "ends_at": AUDIT_FIELDS["ends_at"],
                                     "location": AUDIT_FIELDS["location"], "status": _STATE_FIELDS["status"]})
    _apply_changes(meeting, {"starts_at": starts_at, "ends_at": ends_at, "location": location})
    record_change(meeting, old, kind="rescheduled", reason=reason, by=by, now=now, late_notice_confirmed=late)
    if meeting.status == "postponed":
        meeting.status = "published"
        meeting.revision = (meeting.revision or 0) + 1
        db.session.flush()
        log.info("postponed meeting %s rescheduled and published again", meeting.id)
    audit.record_changes("meeting.reschedule", meeting, taken, note=(reason or "").strip(), always=True, at=now)
    return meeting


def postpone_meeting(meeting: Meeting, reason: str, *, now: datetime) -> Meeting:
    """Postpone a published sitting (延期，时间另定) and return it: it keeps its number and its old time
    until it is rescheduled, and calendars show plainly that it is not taking place then.
    Raises MeetingError("reason_required") for an empty reason and MeetingError("not_postponable")
    unless the sitting is published.
    """
    reason = (reason or "").strip()
    if not reason:
        raise MeetingError("reason_required", "a postponement needs a reason")
    if meeting.status not in POSTPONABLE:
        raise MeetingError("not_postponable", f"a {meeting.status} sitting cannot be postponed")
    taken = audit.snapshot(meeting, {"status": _STATE_FIELDS["status"], "postpone_reason": lambda m: m.postpone_reason})
    meeting.status = "postponed"
    meeting.postpone_reason = reason
    meeting.postponed_at = now
    meeting.revision = (meeting.revision or 0) + 1
    db.session.flush()
    audit.record_changes("meeting.postpone", meeting, taken, note=reason, at=now)
    log.info("meeting %s postponed: %s", meeting.id, reason)
    return meeting


def cancel_meeting(meeting: Meeting, reason: str, *, now: datetime) -> Meeting:
    """Cancel a draft, published or postponed sitting with a reason and return it.

    A numbered sitting gives its number back when no later sitting of its organ and term has been
    numbered; otherwise it keeps it, and the view offers renumber_sittings (later_numbered tells).
    Raises MeetingError("reason_required") for an empty reason and MeetingError("not_cancellable")
    for a sitting already held or cancelled.
    """
    reason = (reason or "").strip()
    if not reason:
        raise MeetingError("reason_required", "a cancellation needs a reason")
    if meeting.status not in CANCELLABLE:
        raise MeetingError("not_cancellable", f"a {meeting.status} sitting cannot be cancelled")
    taken = audit.snapshot(meeting, {"status": _STATE_FIELDS["status"], "number": _STATE_FIELDS["number"],
                                     "cancel_reason": lambda m: m.cancel_reason})
    released = None
    if meeting.number is not None:
        _lock_organ(meeting.organ)
        if not later_numbered(meeting):
            released, meeting.number, meeting.term = meeting.number, None, None
    meeting.status = "cancelled"
    meeting.cancel_reason = reason
    meeting.cancelled_at = now
    meeting.revision = (meeting.revision or 0) + 1
    db.session.flush()
    audit.record_changes("meeting.cancel", meeting, taken, note=reason, at=now)
    log.info("meeting %s cancelled: %s%s", meeting.id, reason, f" (number {released} released)" if released else "")
    return meeting


def renumber_sittings(organ: Organ, term: int) -> list[tuple[Meeting, int | None, int | None]]:
    """Number the organ's sittings of `term` again in date order without gaps and return the changes
    as (sitting, old number, new number).

    Published, postponed and held sittings get prior_sittings_in_term + 1, + 2, … by start time;
    cancelled sittings give their numbers up. Changed sittings raise their revision (calendars show
    the new name). The organ row is locked as for publication.
    """
    _lock_organ(organ)
    sittings = list(
        db.session.scalars(
            select(Meeting).where(Meeting.organ_id == organ.id, Meeting.term == term, Meeting.number.is_not(None))
        )
    )
    holders = [m for m in sittings if m.status in HOLDS_NUMBER]
    wanted = numbers_in_date_order([(m.id, m.starts_at) for m in holders], (organ.prior_sittings_in_term or 0) + 1)
    changes = []
    for meeting in sittings:
        new = wanted.get(meeting.id)
        if new != meeting.number:
            changes.append((meeting, meeting.number, new))
    # Two steps, so that no two sittings hold one number in between (the unique constraint).
    for meeting, _old, _new in changes:
        meeting.number = None
    db.session.flush()
    for meeting, old, new in changes:
        meeting.number = new
        meeting.term = term if new is not None else None
        meeting.revision = (meeting.revision or 0) + 1
        audit.record("meeting.renumber", meeting, before={"number": old}, after={"number": new})
    db.session.flush()
    if changes:
        log.info(
            "organ %s term %s renumbered: %s",
            organ.id, term, ", ".join(f"{m.id}: {old}→{new}" for m, old, new in changes),
        )
    return changes


def mark_held(meeting: Meeting, *, now: datetime) -> Meeting:
    """Record that a published sitting took place and return it.

    Raises MeetingError("not_published") for any other status and MeetingError("not_started") when
    the sitting has not begun at `now`.
    """
    if meeting.status != "published":
        raise MeetingError("not_published", "only a published sitting can be marked held")
    if meeting.starts_at > now:
        raise MeetingError("not_started", "a sitting can be marked held once it has started")
    meeting.status = "held"
    meeting.held_at = now
    audit.record("meeting.held", meeting, before={"status": "published"}, after={"status": "held"}, at=now)
    meeting.revision = (meeting.revision or 0) + 1
    db.session.flush()
    log.info("meeting %s marked held", meeting.id)
    return meeting


def conflicts_for(
    starts_at: datetime,
    ends_at: datetime,
    location: str,
    invitee_ids: Iterable[int],
    exclude_meeting_id: int | None = None,
) -> list[Conflict]:
    """Return the conflicts of a sitting at this time and place with these invitees.

    Compared with the sittings that book time (published and held; drafts and cancelled ones book
    nothing) overlapping the period, in one query (queries.booked_slots).
    """
    others = booked_slots(starts_at, ends_at, exclude_meeting_id)
    candidate = SittingSlot(exclude_meeting_id, "", starts_at, ends_at, location or "", frozenset(invitee_ids))
    return find_conflicts(candidate, others)
