"""The demo's sittings carry attendance: held ones present, on leave (with reasons) and absent, closed; the next
coming ones a couple of pending leave requests."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select

from consult.demo import load_demo
from consult.extensions import db
from consult.meetings.models import Meeting
from consult.onsite.models import AttendanceRecord, LeaveRequest, OnsiteSitting


def test_demo_sittings_have_realistic_attendance(app):
    load_demo(today=date(2026, 6, 15), admin_password="demo-admin-password")
    by_status = select(AttendanceRecord.status, func.count()).group_by(AttendanceRecord.status)
    counts = dict(db.session.execute(by_status).all())
    assert counts["present"] > 5 * counts["on_leave"] > 0 and counts["absent"] > 0
    held = db.session.scalar(select(func.count()).select_from(Meeting).where(Meeting.status == "held"))
    closed = db.session.scalar(select(func.count()).select_from(OnsiteSitting)
                               .where(OnsiteSitting.attendance_closed_at.is_not(None)))
    assert closed == held
    leave = db.session.scalars(select(LeaveRequest)).all()
    assert all(r.reason for r in leave)
    assert {r.status for r in leave} == {"approved", "pending"}
    assert sum(r.status == "pending" for r in leave) >= 2
