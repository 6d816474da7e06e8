"""Writes of the on-site domain that every part shares: a sitting's code. Services flush, never commit."""

from __future__ import annotations

import logging
from datetime import datetime

from sqlalchemy import bindparam, delete, select

from consult import audit
from consult.extensions import built_once, db, insert_unless_taken
from consult.members.models import Member, new_token
from consult.onsite import queries
from consult.onsite.attendance import ABSENT, LOCK_WINDOW, ON_LEAVE, PRESENT, absent_on_closing
from consult.onsite.models import (
    APPROVED,
    ATTENDANCE_STATUSES,
    PENDING,
    REFUSED,
    AttendanceRecord,
    IdentifyFailure,
    LeaveRequest,
    OnsiteSitting,
)
from consult.onsite.rules import looks_like_code, new_code

log = logging.getLogger(__name__)


def onsite_for(meeting_id: int) -> OnsiteSitting:
    """Return the on-site row of the sitting, making it (with a new unique code) the first time."""
    row = db.session.get(OnsiteSitting, meeting_id)
    if row is not None:
        return row
    code = new_code()
    while db.session.scalar(select(OnsiteSitting.meeting_id).where(OnsiteSitting.code == code)) is not None:
        code = new_code()
    row = OnsiteSitting(meeting_id=meeting_id, code=code)
    db.session.add(row)
    db.session.flush()
    return row


def ensure_code(meeting_id: int) -> bool:
    """Make the sitting's on-site row (and code) unless it exists; return True when it was made now (the view
    then commits it)."""
    if db.session.get(OnsiteSitting, meeting_id) is not None:
        return False
    onsite_for(meeting_id)
    return True


def onsite_by_code(code: str) -> OnsiteSitting | None:
    """Return the on-site row of the sitting whose code is `code` (letters in any case), or None. While the
    caller holds it, onsite_for and the collection's state find it in the session without another statement."""
    code = _tidy_code(code)
    if code is None:
        return None
    return db.session.scalars(_onsite_by_code(), {"code": code}).first()


@built_once
def _onsite_by_code():
    return select(OnsiteSitting).where(OnsiteSitting.code == bindparam("code"))


def sitting_by_code(code: str):
    """Return (the sitting, its on-site row) for the code `code` (letters in any case), the sitting with its organ
    and topics (meetings.queries.beside_sitting), all in one statement; or None for an unknown code."""
    code = _tidy_code(code)
    if code is None:
        return None
    row = db.session.execute(_sitting_by_code(), {"code": code}).unique().first()
    return (row[1], row[0]) if row is not None else None


@built_once
def _sitting_by_code():
    from consult.meetings.queries import beside_sitting

    return beside_sitting(OnsiteSitting, OnsiteSitting.meeting_id).where(
        OnsiteSitting.code == bindparam("code"))


def _tidy_code(code: str | None) -> str | None:
    """Return a code as stored (trimmed, lower case), or None when it cannot be one."""
    code = (code or "").strip().lower()
    return code if looks_like_code(code) else None


def meeting_id_by_code(code: str) -> int | None:
    """Return the id of the sitting whose code is `code` (letters in any case), or None."""
    row = onsite_by_code(code)
    return row.meeting_id if row is not None else None


# --- attendance ------------------------------------------------------------------------------------


def _member_name(member_id: int) -> str:
    """Return the member's name for the audit log (from the session, where the view has usually loaded them)."""
    member = db.session.get(Member, member_id)
    return member.name if member is not None else ""


def _actor(by: str, member_id: int) -> audit.Actor | None:
    """Return the member as the actor when `by` says the member acted ("member"); None: the request's account."""
    if by != "member":
        return None
    member = db.session.get(Member, member_id)
    return audit.member(member) if member is not None else None


def sitting_subject(meeting_id: int) -> audit.Subject:
    """Return the sitting as the subject of an audit entry, named by its title (from the session, where the view
    has loaded it)."""
    from consult.meetings.models import Meeting

    meeting = db.session.get(Meeting, meeting_id)
    return audit.Subject("meeting", meeting_id, meeting.title if meeting is not None else "", meeting_id)


# check_in's `record` when the caller has not read it.
_UNREAD = object()


def check_in(meeting_id: int, member_id: int, *, now: datetime, by: str,
             record: AttendanceRecord | None | object = _UNREAD) -> tuple[AttendanceRecord, bool]:
    """Record the invitee as present at `now` (by "member" on their phone, or a staff username). Return the
    record and True when it is new; a member already checked in keeps their first time (False). `record`: the
    invitee's record (or None) as the caller has just read it with queries.record_of; read here when not given."""
    if record is _UNREAD:
        record = queries.record_of(meeting_id, member_id)
    if record is not None and record.status == PRESENT:
        return record, False
    before = {"status": record.status} if record is not None else None
    if record is None:
        record = insert_unless_taken(AttendanceRecord, {
            "meeting_id": meeting_id, "member_id": member_id, "status": PRESENT, "checked_in_at": now,
            "recorded_at": now, "recorded_by": by}, unique=("meeting_id", "member_id"))
        if record is None:  # two taps from two phones at once: one row, the other sees it
            return queries.record_of(meeting_id, member_id), False
    else:  # on leave or marked absent, and came after all
        record.status, record.checked_in_at, record.recorded_at, record.recorded_by = PRESENT, now, now, by
        db.session.flush()
    audit.record("attendance.check_in", record, before=before, after={"status": PRESENT, "checked_in_at": now},
                 label=_member_name(member_id), actor=_actor(by, member_id), at=now)
    log.info("member %s checked in at sitting %s by %s", member_id, meeting_id, by)
    return record, True


def set_attendance(meeting_id: int, member_id: int, status: str | None, *, now: datetime, by: str,
                   note: str = "") -> AttendanceRecord | None:
    """Staff set (or, with None, clear) an invitee's attendance: present, on leave or absent. Return the record
    or None when cleared. Raises ValueError for an unknown status."""
    if status is not None and status not in ATTENDANCE_STATUSES:
        raise ValueError(f"unknown attendance status {status!r}")
    record = queries.record_of(meeting_id, member_id)
    before = {"status": record.status, "note": record.note} if record is not None else {"status": None, "note": ""}
    if status is None:
        if record is not None:
            audit.record("attendance.set", record, before=before, after={"status": None},
                         label=_member_name(member_id), at=now)
            db.session.delete(record)
            db.session.flush()
        return None
    if record is None:
        record = AttendanceRecord(meeting_id=meeting_id, member_id=member_id)
        db.session.add(record)
    if status == PRESENT and record.status != PRESENT:
        record.checked_in_at = now
    elif status != PRESENT:
        record.checked_in_at = None
    record.status, record.recorded_at, record.recorded_by, record.note = status, now, by, note[:200]
    db.session.flush()
    old, new = audit.diff(before, {"status": status, "note": record.note})
    if new:
        audit.record("attendance.set", record, before=old, after=new, label=_member_name(member_id), at=now)
    log.info("attendance of member %s at sitting %s set to %s by %s", member_id, meeting_id, status, by)
    return record


def close_attendance(meeting_id: int, invitee_ids, approved_leave, *, now: datetime, by_user_id: int, by: str) -> int:
    """Close attendance: invitees neither present nor on leave become absent (缺席), those with approved leave
    on leave; check-in closes. Return how many were marked absent."""
    statuses = {m: r.status for m, r in queries.records_of(meeting_id).items()}
    absent, leave = absent_on_closing(invitee_ids, statuses, approved_leave)
    for member_id in absent:
        db.session.add(AttendanceRecord(meeting_id=meeting_id, member_id=member_id, status=ABSENT,
                                        recorded_at=now, recorded_by=by))
    for member_id in leave:
        db.session.add(AttendanceRecord(meeting_id=meeting_id, member_id=member_id, status=ON_LEAVE,
                                        recorded_at=now, recorded_by=by))
    row = onsite_for(meeting_id)
    row.attendance_closed_at, row.attendance_closed_by_id = now, by_user_id
    db.session.flush()
    audit.record("attendance.close", sitting_subject(meeting_id), before={"attendance_closed": False},
                 after={"attendance_closed": True, "absent": len(absent), "on_leave": len(leave)}, at=now)
    log.info("attendance of sitting %s closed by %s: %s absent", meeting_id, by, len(absent))
    return len(absent)


def reopen_attendance(meeting_id: int) -> None:
    """Open check-in again after a closing made by mistake; records stay as they are."""
    row = onsite_for(meeting_id)
    if row.attendance_closed_at is not None:
        audit.record("attendance.reopen", sitting_subject(meeting_id), before={"attendance_closed": True},
                     after={"attendance_closed": False})
    row.attendance_closed_at, row.attendance_closed_by_id = None, None
    db.session.flush()


# --- leave -----------------------------------------------------------------------------------------


def ask_leave(meeting_id: int, member_id: int, reason: str, *, now: datetime, late: bool,
              taken_by: str = "") -> LeaveRequest:
    """Record a leave request (a member's, or one staff took by phone: `taken_by`). Asking again replaces the
    reason and waits for a new decision. Return the request."""
    request = queries.leave_request_of(meeting_id, member_id)
    before = {"reason": request.reason, "status": request.status} if request is not None else None
    if request is None:
        request = LeaveRequest(meeting_id=meeting_id, member_id=member_id)
        db.session.add(request)
    request.reason, request.requested_at, request.late, request.taken_by = reason, now, late, taken_by
    request.status, request.decided_at, request.decided_by, request.decision_note = PENDING, None, "", ""
    db.session.flush()
    audit.record("leave.phone" if taken_by else "leave.ask", request, before=before,
                 after={"reason": reason, "status": PENDING, "late": late}, label=_member_name(member_id),
                 actor=None if taken_by else _actor("member", member_id), at=now)
    log.info("leave asked for member %s at sitting %s (late: %s, by %s)", member_id, meeting_id, late,
             taken_by or "member")
    return request


def decide_leave(request: LeaveRequest, approve: bool, note: str, *, now: datetime, by: str) -> LeaveRequest:
    """Approve or refuse a leave request with a word. Approved leave puts the member on leave unless they are
    already present; a refusal takes back an on-leave record. Return the request."""
    before = {"status": request.status, "decision_note": request.decision_note}
    request.status = APPROVED if approve else REFUSED
    request.decided_at, request.decided_by, request.decision_note = now, by, note[:200]
    audit.record("leave.decide", request, before=before,
                 after={"status": request.status, "decision_note": request.decision_note},
                 label=_member_name(request.member_id), at=now)
    record = queries.record_of(request.meeting_id, request.member_id)
    if approve and (record is None or record.status != PRESENT):
        set_attendance(request.meeting_id, request.member_id, ON_LEAVE, now=now, by=by, note=request.reason[:200])
    elif not approve and record is not None and record.status == ON_LEAVE:
        db.session.delete(record)
    db.session.flush()
    log.info("leave of member %s at sitting %s %s by %s", request.member_id, request.meeting_id, request.status, by)
    return request


# --- identifying on a phone ------------------------------------------------------------------------


def record_identify_failure(keys, *, now: datetime) -> None:
    """Count one wrong answer for each of `keys` ("member:<id>", "address:<ip>") and forget old ones."""
    for key in keys:
        db.session.add(IdentifyFailure(key=key, failed_at=now))
    db.session.execute(delete(IdentifyFailure).where(IdentifyFailure.failed_at < now - LOCK_WINDOW * 4))
    db.session.flush()


def rotate_access_token(member: Member, *, by: str) -> None:
    """Give the member a new personal link: the old one answers 404 and the phone cookie dies with it."""
    old = member.access_token
    member.access_token = new_token()
    db.session.flush()
    audit.record("member.access_token", member, before={"access_token": old},
                 after={"access_token": member.access_token}, actor=audit.member(member) if by == "member" else None)
    log.info("personal link of member %s renewed by %s", member.id, by)
