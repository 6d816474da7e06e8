"""Notices in the staff's forms: the "notify invitees" fields, the preview, queuing on confirmation, and the
delivery log of a batch.

A meetings view calls `after_change(meeting, event)` once the change is flushed: it returns the preview page
(and rolls the change back) until staff confirm, then queues the notices in the view's transaction.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from flask_login import current_user
from sqlalchemy.exc import IntegrityError

from consult.auth.permissions import is_staff, staff_required
from consult.auth.scope import require_meeting, require_organ_of
from consult.committee import clock
from consult.extensions import db
from consult.form_helpers import ActionForm
from consult.meetings.models import Meeting
from consult.meetings.queries import organ_of_meeting
from consult.notices import queries, services
from consult.notices.compose import SMS_PART, SMS_SINGLE
from consult.notices.models import CHANNELS, NoticeBatch
from consult.notices.preparing import prepare
from consult.notices.worker import configured_channels

bp = Blueprint("notices", __name__)

EVENT_LABELS = {
    "published": _l("Notice of the sitting"),
    "rescheduled": _l("Notice of the new time"),
    "postponed": _l("Notice of postponement"),
    "cancelled": _l("Notice of cancellation"),
}
CHANNEL_LABELS = {"sms": _l("SMS"), "email": _l("E-mail")}
STATUS_LABELS = {
    "queued": _l("Queued"),
    "sending": _l("Sending"),
    "sent": _l("Sent"),
    "failed": _l("Refused"),
    "no_address": _l("No address"),
    "waiting": _l("Waiting for the gateway to be set up"),
    "retrying": _l("Not delivered yet; will try again"),
}
NO_ADDRESS_LABELS = {"sms": _l("No mobile number"), "email": _l("No e-mail address")}
_KEY = re.compile(r"^[A-Za-z0-9_-]{16,64}$")
# Form fields of the notify section and the preview, not replayed as the change's own fields.
_OWN_FIELDS = {"notice_key", "notice_confirmed"}


@dataclass(frozen=True)
class NoticeFields:
    """What the "notify invitees" section of an action form shows."""

    key: str
    checked: dict[str, bool]
    configured: tuple[str, ...]


def _new_key() -> str:
    return secrets.token_urlsafe(24)


@bp.app_template_global()
def notice_fields(meeting: Meeting, event: str) -> NoticeFields:
    """Return the state of the notify section: the form's idempotency key (kept when the form comes back),
    which channels are ticked (what was submitted, else on by default when the sitting is or becomes
    published) and which gateways are configured."""
    form = request.form
    key = form.get("notice_key", "")
    if "notify_shown" in form:
        checked = {c: bool(form.get(f"notify_{c}")) for c in CHANNELS}
    else:
        on = event == "published" or meeting.status in ("published", "postponed")
        checked = dict.fromkeys(CHANNELS, on)
    return NoticeFields(key if _KEY.match(key) else _new_key(), checked, configured_channels(current_app.config))


@bp.app_template_global()
def notice_log(meeting_id: int) -> list[queries.BatchSummary]:
    """Return the sitting's notification batches for its page (staff only; empty for others)."""
    if not is_staff():
        return []
    return queries.batches_for_meeting(meeting_id, configured_channels(current_app.config))


@bp.app_context_processor
def notice_labels() -> dict:
    """Give templates the labels of events, channels and statuses (translated when shown)."""
    return {"notice_labels": {"events": EVENT_LABELS, "channels": CHANNEL_LABELS, "statuses": STATUS_LABELS,
                              "no_address": NO_ADDRESS_LABELS}}


def revising() -> bool:
    """Return True when staff came back from the preview to change what they typed: the view shows its form."""
    return request.method == "POST" and bool(request.form.get("notice_revise"))


def chosen_channels() -> tuple[str, ...]:
    """Return the channels ticked in the submitted form."""
    return tuple(c for c in CHANNELS if request.form.get(f"notify_{c}"))


def after_change(meeting: Meeting, event: str):
    """Call after the change to `meeting` is flushed, before the view commits.

    Returns None when no notice is wanted, or when staff confirmed and the notices are now queued in the
    session (the view's commit writes the change and the outbox together). Returns the preview page, with
    the change rolled back, when notices are wanted but not yet confirmed, and a redirect to the batch
    already queued when this form was submitted before.
    """
    channels = chosen_channels()
    if not channels:
        return None
    key = request.form.get("notice_key", "")
    if not _KEY.match(key):
        key = _new_key()
    db.session.flush()
    prepared = prepare(meeting, event, channels)
    if not request.form.get("notice_confirmed"):
        replay = [(k, v) for k, v in request.form.items(multi=True) if k not in _OWN_FIELDS]
        page = render_template(
            "notices/preview.html", meeting=meeting, prepared=prepared, replay=replay, key=key,
            sms_single=SMS_SINGLE, sms_part=SMS_PART,
        )
        db.session.rollback()
        return page
    try:
        services.queue_batch(
            meeting_id=meeting.id, event=event, key=key, channels=channels, created_by_id=current_user.id,
            now=clock.now(), sender_name=prepared.sender_name, subject=prepared.subject,
            calendar=prepared.calendar, calendar_method=prepared.calendar_method, notices=prepared.notices,
        )
    except IntegrityError:
        db.session.rollback()
        return _already_queued(key)
    queued = sum(1 for n in prepared.notices if n.address)
    flash(ngettext("%(num)d notice is queued.", "%(num)d notices are queued.", queued), "success")
    if prepared.waiting:
        flash(_("Notices by %(channels)s go out once the gateway is set up; they wait in the outbox until then.",
                channels=_(", ").join(str(CHANNEL_LABELS[c]) for c in prepared.waiting)), "warning")
    return None


def _already_queued(key: str):
    batch = queries.batch_by_key(key)
    if batch is None:  # the other submission was rolled back after all: nothing to show
        abort(409)
    flash(_("This form was already submitted and its notices queued; nothing was changed or queued again. "
            "To make another change, open the form anew."), "info")
    return redirect(url_for("notices.batch", batch_id=batch.id))


@bp.before_app_request
def refuse_second_submission():
    """Answer a confirmed form whose notices are already queued (a double click, a resubmission) with the
    batch it queued, before the view changes anything again."""
    if request.method != "POST" or not request.form.get("notice_confirmed"):
        return None
    key = request.form.get("notice_key", "")
    if _KEY.match(key) and is_staff() and queries.batch_by_key(key) is not None:
        return _already_queued(key)
    return None


@bp.route("/notices/batches/<int:batch_id>")
@staff_required
def batch(batch_id: int):
    """The delivery log of one notification: each invitee's notice per channel and what became of it."""
    found = db.session.get(NoticeBatch, batch_id) or abort(404)
    meeting = require_meeting(db.session.get(Meeting, found.meeting_id))
    configured = configured_channels(current_app.config)
    return render_template(
        "notices/batch.html", batch=found, meeting=meeting, lines=queries.delivery_log(batch_id),
        channels=tuple(c for c in CHANNELS if c in found.channels.split(",")), configured=configured,
        shown_status=queries.shown_status, form=ActionForm(),
    )


@bp.route("/notices/batches/<int:batch_id>/retry", methods=["POST"])
@staff_required
def retry(batch_id: int):
    """Make the notices of a batch that wait for a retry due at once (after the server is back)."""
    found = db.session.get(NoticeBatch, batch_id) or abort(404)
    require_organ_of(lambda: organ_of_meeting(found.meeting_id))
    if not ActionForm().validate_on_submit():
        abort(400)
    count = services.retry_now(batch_id, clock.now())
    db.session.commit()
    flash(ngettext("%(num)d notice will be tried again now.", "%(num)d notices will be tried again now.", count),
          "success")
    return redirect(url_for("notices.batch", batch_id=batch_id))
