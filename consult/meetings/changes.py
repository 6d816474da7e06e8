"""What the forms that move a sitting (改期, and editing a published sitting's time or place) share: why a move
was refused, the notice and working-day hints they show, and the hint flashed after a move."""

from __future__ import annotations

from datetime import UTC, datetime

from flask import flash, request
from flask_babel import gettext as _

from consult.committee import clock
from consult.i18n import current_locale, format_local
from consult.meetings import services
from consult.meetings.forms import refusal_message
from consult.meetings.models import Meeting
from consult.meetings.scheduling import notice_shortfall
from consult.meetings.services import LateNoticeError, MeetingError
from consult.workdays import day_off


def refused_change(form, error: MeetingError) -> int:
    """Put on the form why a change of time or place was refused (no reason, late notice unconfirmed, or
    another refusal) and flash a summary; return the status to answer with."""
    if isinstance(error, LateNoticeError):
        form.confirm_late_notice.errors = [_("Tick this box to confirm the move with late notice.")]
        flash(_("Nothing was changed: the new time gives less notice than the rules require. "
                "Tick the confirmation box to move it anyway."), "error")
        return 409
    if error.code == "reason_required":
        form.change_reason.errors = [_("Say why the time or place changes: members who were told of the "
                                       "sitting will see the reason.")]
    else:
        form.change_reason.errors = [refusal_message(error)]
    flash(_("Nothing was changed; see the message on the form."), "error")
    return 422


def change_context(meeting: Meeting, form) -> dict:
    """Return what a form that moves a sitting shows: whether the reason is required, the notice days,
    whether the typed time is inside them, and whether the typed day is not a working day."""
    announced = meeting.status in services.ANNOUNCED
    notice_days = services.organ_notice_days(meeting.organ)
    starts_at, ends_at = (form.starts_at, form.ends_at) if request.method == "POST" else (None, None)
    moved = bool(starts_at and ends_at and services.moves(meeting, starts_at, ends_at, form.location.data or ""))
    return {
        "reason_required": announced,
        "notice_days": notice_days,
        "late": announced and moved and notice_shortfall(starts_at, clock.now(), notice_days),
        "day_off": day_off(form.date.data) if moved and starts_at != meeting.starts_at else None,
    }


def warn_day_off(day) -> None:
    """Flash a hint when a sitting was put on a weekend or an official holiday."""
    reason = day_off(day) if day else None
    if reason is None:
        return
    shown = format_local(datetime(day.year, day.month, day.day, 12, tzinfo=UTC), "date", "UTC", current_locale())
    if reason[0] == "holiday":
        flash(_("Note: the new date, %(date)s, falls in an official holiday (%(name)s).", date=shown,
                name=reason[1] or "—"), "warning")
    else:
        flash(_("Note: the new date, %(date)s, is a weekend day, not a working day.", date=shown), "warning")
