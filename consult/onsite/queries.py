"""Reads of attendance and leave: what the sitting's page, the staff panel and the member's page show."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import NamedTuple

from sqlalchemy import and_, bindparam, literal, select

from consult.extensions import built_once, db
from consult.onsite.attendance import LOCK_WINDOW
from consult.onsite.models import AttendanceRecord, IdentifyFailure, LeaveRequest, OnsiteSitting


def records_of(meeting_id: int) -> dict[int, AttendanceRecord]:
    """Return the attendance records of a sitting by member id (one statement)."""
    rows = db.session.scalars(select(AttendanceRecord).where(AttendanceRecord.meeting_id == meeting_id))
    return {row.member_id: row for row in rows}


def record_of(meeting_id: int, member_id: int) -> AttendanceRecord | None:
    """Return one invitee's attendance record at a sitting, or None."""
    return db.session.scalars(_record_of(), {"meeting_id": meeting_id, "member_id": member_id}).first()


@built_once
def _record_of():
    return select(AttendanceRecord).where(AttendanceRecord.meeting_id == bindparam("meeting_id"),
                                          AttendanceRecord.member_id == bindparam("member_id"))


class Standing(NamedTuple):
    """Where an invitee stands at a sitting: invited or not, their attendance record and leave request (or None)."""

    invited: bool
    record: AttendanceRecord | None
    leave: LeaveRequest | None


def standing_of(meeting_id: int, member_id: int) -> Standing:
    """Return whether the member is invited to the sitting (as meetings.queries.is_invited says), with their
    attendance record and leave request there: what record_of and leave_request_of return, in one statement."""
    invited, record, leave = db.session.execute(
        _standing_of(), {"meeting_id": meeting_id, "member_id": member_id}).one()
    return Standing(bool(invited), record, leave)


@built_once
def _standing_of():
    from consult.meetings.queries import invited_condition

    meeting_id, member_id = bindparam("meeting_id"), bindparam("member_id")
    one_row = select(literal(1).label("one")).subquery()
    return (
        select(invited_condition(meeting_id, member_id).label("invited"), AttendanceRecord, LeaveRequest)
        .select_from(one_row)
        .outerjoin(AttendanceRecord, and_(AttendanceRecord.meeting_id == meeting_id,
                                          AttendanceRecord.member_id == member_id))
        .outerjoin(LeaveRequest, and_(LeaveRequest.meeting_id == meeting_id, LeaveRequest.member_id == member_id))
    )


def leave_requests_of(meeting_id: int) -> list[LeaveRequest]:
    """Return the leave requests of a sitting, oldest first (one statement)."""
    return list(db.session.scalars(
        select(LeaveRequest).where(LeaveRequest.meeting_id == meeting_id)
        .order_by(LeaveRequest.requested_at, LeaveRequest.id)
    ))


def leave_request_of(meeting_id: int, member_id: int) -> LeaveRequest | None:
    """Return the member's leave request for a sitting, or None."""
    return db.session.scalars(_leave_request_of(), {"meeting_id": meeting_id, "member_id": member_id}).first()


@built_once
def _leave_request_of():
    return select(LeaveRequest).where(LeaveRequest.meeting_id == bindparam("meeting_id"),
                                      LeaveRequest.member_id == bindparam("member_id"))


def leave_requests_of_member(member_id: int, limit: int = 50) -> list[LeaveRequest]:
    """Return a member's leave requests, latest first (one statement)."""
    return list(db.session.scalars(_leave_requests_of_member(), {"member_id": member_id, "limit": limit}))


@built_once
def _leave_requests_of_member():
    return (select(LeaveRequest).where(LeaveRequest.member_id == bindparam("member_id"))
            .order_by(LeaveRequest.requested_at.desc(), LeaveRequest.id.desc()).limit(bindparam("limit")))


def records_of_member(member_id: int, limit: int = 50) -> list[AttendanceRecord]:
    """Return a member's attendance records, latest first (one statement)."""
    return list(db.session.scalars(_records_of_member(), {"member_id": member_id, "limit": limit}))


@built_once
def _records_of_member():
    return (select(AttendanceRecord).where(AttendanceRecord.member_id == bindparam("member_id"))
            .order_by(AttendanceRecord.recorded_at.desc(), AttendanceRecord.id.desc()).limit(bindparam("limit")))


def recent_failures(key: str, now: datetime) -> list[datetime]:
    """Return the times of the wrong identify answers for `key` within the lock window before `now`."""
    return list(db.session.scalars(
        select(IdentifyFailure.failed_at)
        .where(IdentifyFailure.key == key, IdentifyFailure.failed_at > now - LOCK_WINDOW)
    ))


def attendance_of_sittings(meeting_ids, member_id: int | None = None, status: str | None = None) -> list:
    """Return the attendance records of the sittings `meeting_ids` as rows (meeting_id, member_id, status, note),
    only the member's when `member_id` is given and only of `status` when given (one statement; none for no
    sittings): what the duty records count. records_set_after_closing tells which of them are corrections."""
    ids = list(meeting_ids)
    if not ids:
        return []
    query = select(AttendanceRecord.meeting_id, AttendanceRecord.member_id, AttendanceRecord.status,
                   AttendanceRecord.note).where(AttendanceRecord.meeting_id.in_(ids))
    if member_id is not None:
        query = query.where(AttendanceRecord.member_id == member_id)
    if status is not None:
        query = query.where(AttendanceRecord.status == status)
    return list(db.session.connection().execute(query).all())  # Core rows: a year holds tens of thousands


def records_set_after_closing(meeting_ids, member_id: int | None = None) -> set[tuple[int, int]]:
    """Return the (sitting id, member id) pairs of the attendance records at the sittings `meeting_ids` that were
    set after the sitting's attendance was closed (corrections by staff, leave approved afterwards), only the
    member's when `member_id` is given (one statement; none for no sittings). Few: asked apart from the records,
    which then need no join."""
    ids = list(meeting_ids)
    if not ids:
        return set()
    query = (
        select(AttendanceRecord.meeting_id, AttendanceRecord.member_id)
        .join(OnsiteSitting, OnsiteSitting.meeting_id == AttendanceRecord.meeting_id)
        .where(AttendanceRecord.meeting_id.in_(ids), AttendanceRecord.recorded_at > OnsiteSitting.attendance_closed_at)
    )
    if member_id is not None:
        query = query.where(AttendanceRecord.member_id == member_id)
    return {(meeting_id, member) for meeting_id, member in db.session.connection().execute(query)}


def recorded_pairs(meeting_ids: Iterable[int]):
    """Return a SELECT of the (sitting id, member id) pairs that have an attendance record at the sittings
    `meeting_ids`, for another domain to leave those pairs out of its rows: a subquery, no statement of its own."""
    return select(AttendanceRecord.meeting_id, AttendanceRecord.member_id).where(
        AttendanceRecord.meeting_id.in_(list(meeting_ids)))


def leave_of_sittings(meeting_ids, member_id: int | None = None) -> list:
    """Return the leave requests of the sittings `meeting_ids` as rows (meeting_id, member_id, status, late,
    decided_at), only the member's when `member_id` is given (one statement; none for no sittings)."""
    ids = list(meeting_ids)
    if not ids:
        return []
    query = select(LeaveRequest.meeting_id, LeaveRequest.member_id, LeaveRequest.status, LeaveRequest.late,
                   LeaveRequest.decided_at).where(LeaveRequest.meeting_id.in_(ids))
    if member_id is not None:
        query = query.where(LeaveRequest.member_id == member_id)
    return list(db.session.connection().execute(query).all())

