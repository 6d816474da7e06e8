"""What the notice and the sign-in sheet say about a sitting, asked of the domains that know it.

Each function reads through the other domains' modules (meetings, members, onsite, feeds' notice wording),
never their tables, and returns the plain content the pure builders (notice.py, signin.py) lay out.
"""

from __future__ import annotations

from consult.committee import clock, get_committee
from consult.feeds.blueprint import external_url, qr_png
from consult.feeds.descriptions import assembly_text, attendance_texts, contact_text, leave_text
from consult.meetings import queries as meeting_queries
from consult.meetings.models import Meeting
from consult.meetings.scheduling import attendance
from consult.members import queries as member_queries
from consult.notices.compose import when_text
from consult.onsite import services as onsite_services

from .notice import NoticeContent
from .signin import SignInContent, SignInPerson

# A notice tells how to ask for leave only while that still makes sense: before publication and after it.
LEAVE_STATUSES = ("draft", "published")


def sitting_period(meeting: Meeting) -> str:
    """Return the sitting's period as a document writes it, with the year: 2026年11月26日（星期四）09:00—11:30."""
    start = clock.local(meeting.starts_at)
    return f"{start.year}年{when_text(meeting.starts_at, meeting.ends_at, clock.zone_name())}"


def document_name(meeting: Meeting) -> str:
    """Return the sitting's short name for file names and the sign-in sheet: 区政协八届十二次常委会议, or its title."""
    return meeting.full_display_number(get_committee().short_name) or meeting.title


def _split_invitees(meeting: Meeting):
    """Return (organ members invited, 列席委员 invited, 应到) with the meeting page's rule (scheduling.attendance)."""
    invitees = meeting_queries.invitees_for_page(meeting.id)
    composition = member_queries.composition_ids(meeting.organ_id, clock.local(meeting.starts_at).date())
    counted = attendance(composition, (person.id for person in invitees), meeting.organ.effective_quorum_rule)
    observer_ids = set(counted.observer_ids)
    members = [person for person in invitees if person.id not in observer_ids]
    observers = [person for person in invitees if person.id in observer_ids]
    return members, observers, counted.expected


def _lines(text: str | None) -> tuple[str, ...]:
    return tuple(line.strip() for line in (text or "").splitlines() if line.strip())


def notice_content(meeting_id: int) -> NoticeContent | None:
    """Return what the sitting's 会议通知 says, or None for an unknown sitting. Makes the sitting's on-site
    code the first time (the view commits it), for the QR code of /m/<code>; a cancelled or postponed sitting
    gets none."""
    meeting = meeting_queries.meeting_for_detail(meeting_id)
    if meeting is None:
        return None
    committee = get_committee()
    members, observers, _expected = _split_invitees(meeting)
    attendance, observer_members = attendance_texts(meeting.organ.name, len(members), len(observers))
    leave = ""
    if meeting.status in LEAVE_STATUSES:
        leave = leave_text(meeting.starts_at, committee.time_zone, committee.leave_deadline_days,
                           meeting.contact_name, f"{committee.short_name}办公室", activity=meeting.is_activity)
    page_url, picture = "", b""
    if meeting.status not in ("cancelled", "postponed"):
        page_url = external_url("onsite.sitting_page", code=onsite_services.onsite_for(meeting.id).code)
        picture = qr_png(page_url)
    issued = clock.local(meeting.published_at).date() if meeting.published_at else clock.today()
    return NoticeContent(
        name=meeting.formal_name(committee) or meeting.title,
        when=sitting_period(meeting),
        location=meeting.location or "",
        office=f"{committee.name}办公室",
        issued_on=issued,
        created=meeting.updated_at,
        status=meeting.status,
        activity=meeting.is_activity,
        assembly=assembly_text(meeting.assembly_at, meeting.assembly_place, committee.time_zone),
        topics=tuple(topic.title for topic in meeting.topics),
        presiding=meeting.presiding_member.name if meeting.presiding_member else "",
        attendance=attendance,
        guests=_lines(meeting.guests),
        observer_members=observer_members,
        observers=_lines(meeting.observers),
        leave=leave,
        contact=contact_text(meeting.contact_name, meeting.contact_phone),
        page_url=page_url,
        qr_png=picture,
        cancel_reason=meeting.cancel_reason or "",
        postpone_reason=meeting.postpone_reason or "",
    )


def signin_content(meeting_id: int) -> SignInContent | None:
    """Return what the sitting's 签到表 holds (invitees by sector, 列席委员, 应到), or None for an unknown sitting."""
    meeting = meeting_queries.meeting_for_detail(meeting_id)
    if meeting is None:
        return None
    members, observers, expected = _split_invitees(meeting)
    return SignInContent(
        name=document_name(meeting),
        when=sitting_period(meeting),
        location=meeting.location or "",
        created=meeting.updated_at,
        members=tuple(SignInPerson(person.name, person.sector_name) for person in members),
        observer_members=tuple(SignInPerson(person.name, person.sector_name) for person in observers),
        expected=expected,
        status=meeting.status,
    )
