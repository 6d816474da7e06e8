"""Minutes on the web: staff edit the draft, download it (marked 草稿), approve it as a version, share it with the
invitees; the sitting's invitees download shared minutes from their own page."""

from __future__ import annotations

from io import BytesIO

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from consult.auth.permissions import staff_required
from consult.auth.scope import require_meeting
from consult.committee import clock, get_committee
from consult.extensions import db
from consult.feeds.queries import member_by_access_token
from consult.form_helpers import db_int
from consult.meetings import queries as meeting_queries
from consult.meetings.models import Meeting
from consult.minutes import queries, services
from consult.minutes.forms import ApproveForm, ShareForm, minutes_form, summary_name
from consult.minutes.gathering import Edits, can_have_minutes, gather
from consult.minutes.models import APPROVED
from consult.responses import private as _private

bp = Blueprint("minutes", __name__)

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
CONFLICT_MESSAGES = {
    services.ISSUE_TAKEN: _l("Another set of minutes of this year already has this issue number (or was saved at the "
                             "same moment). Choose another number and save again."),
    services.ALREADY_APPROVED: _l("These minutes were already approved, perhaps by a colleague at the same moment. "
                                  "Nothing was changed; the versions are listed below."),
    services.STALE: _l("The draft changed after you opened this page. Read it again, then approve."),
    services.NOTHING_APPROVED: _l("Approve the minutes before sharing them."),
}
NOT_YET_HELD = _l("Minutes can be written once the sitting has taken place. This sitting has not been held yet.")


def _meeting(meeting_id: int) -> Meeting:
    return meeting_queries.meeting_for_detail(meeting_id) or abort(404)


def _staff_meeting(meeting_id: int) -> Meeting:
    """Return the sitting for its staff pages, or answer 404 (also to staff limited to other organs)."""
    return require_meeting(meeting_queries.meeting_for_detail(meeting_id))


def _form_edits(form, meeting: Meeting) -> Edits:
    return Edits(
        title=form.title.data, year=form.issued_on.data.year, issue_number=form.issue_number.data,
        office=form.office.data, issued_on=form.issued_on.data, opening=form.opening.data or "",
        summaries={t.id: form[summary_name(t.id)].data or "" for t in meeting.topics},
        decisions=form.decisions.data or "",
    )


def _form_data(edits: Edits, meeting: Meeting) -> dict:
    data = {"title": edits.title, "issue_number": edits.issue_number, "office": edits.office,
            "issued_on": edits.issued_on, "opening": edits.opening, "decisions": edits.decisions}
    data.update({summary_name(t.id): edits.summaries.get(t.id, "") for t in meeting.topics})
    return data


def _page(meeting: Meeting, form, minutes, status: int = 200):
    committee = get_committee()
    versions = queries.versions_of(minutes.id) if minutes is not None else []
    edits = services.edits_for(meeting, committee, minutes, clock.today())
    content = gather(meeting, committee, edits)
    approve_form = ApproveForm(formdata=None, revision=minutes.revision if minutes else "")
    return _private(Response(render_template(
        "minutes/edit.html", meeting=meeting, form=form, minutes=minutes, versions=versions, content=content,
        approve_form=approve_form, share_form=ShareForm(formdata=None), approved=APPROVED,
        full_number=meeting.full_display_number(committee.short_name),
    ), status))


@bp.route("/meetings/<int:meeting_id>/minutes", methods=["GET", "POST"])
@staff_required
def edit(meeting_id: int):
    """Staff edit the minutes before generating them: title, issue number, office and date, opening paragraph, a
    summary per topic and the decisions, kept as a draft. A sitting not yet held gets a message instead."""
    meeting = _staff_meeting(meeting_id)
    if not can_have_minutes(meeting.status, meeting.starts_at, clock.now()):
        return _private(Response(render_template("minutes/not_yet.html", meeting=meeting, message=NOT_YET_HELD),
                                 409 if request.method == "POST" else 200))
    committee = get_committee()
    minutes = queries.minutes_of(meeting.id)
    topics = [(t.id, t.title) for t in meeting.topics]
    if request.method == "POST":
        form = minutes_form(topics)
        if form.validate_on_submit():
            try:
                services.save_draft(meeting, committee, _form_edits(form, meeting), user_id=current_user.id,
                                    now=clock.now())
            except services.MinutesConflict as conflict:
                db.session.rollback()
                form.issue_number.errors = [CONFLICT_MESSAGES[conflict.reason]]
                return _page(meeting, form, queries.minutes_of(meeting.id), 409)
            db.session.commit()
            flash(_("The draft of the minutes was saved."), "success")
            return redirect(url_for("minutes.edit", meeting_id=meeting.id))
        return _page(meeting, form, minutes, 400)
    edits = services.edits_for(meeting, committee, minutes, clock.today())
    return _page(meeting, minutes_form(topics, formdata=None, data=_form_data(edits, meeting)), minutes)


@bp.route("/meetings/<int:meeting_id>/minutes/approve", methods=["POST"])
@staff_required
def approve(meeting_id: int):
    """Staff approve the draft: its exact bytes and SHA-256 become the next version. Two at once give one version;
    the other is told."""
    meeting = _staff_meeting(meeting_id)
    minutes = queries.minutes_of(meeting.id) or abort(404)
    form = ApproveForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        revision = int(form.revision.data or 0)
    except ValueError:
        revision = -1
    try:
        version = services.approve(meeting, get_committee(), minutes, revision=revision, user_id=current_user.id,
                                   now=clock.now())
    except services.MinutesConflict as conflict:
        db.session.rollback()
        flash(str(CONFLICT_MESSAGES[conflict.reason]), "error")
        return redirect(url_for("minutes.edit", meeting_id=meeting.id, _anchor="versions"))
    db.session.commit()
    flash(_("Approved as version %(number)d.", number=version.number), "success")
    return redirect(url_for("minutes.edit", meeting_id=meeting.id, _anchor="versions"))


@bp.route("/meetings/<int:meeting_id>/minutes/share", methods=["POST"])
@staff_required
def share(meeting_id: int):
    """Staff offer the approved minutes to the sitting's invitees on their own page, or stop offering them."""
    meeting = _staff_meeting(meeting_id)
    minutes = queries.minutes_of(meeting.id) or abort(404)
    form = ShareForm()
    if not form.validate_on_submit():
        abort(400)
    shared = form.shared.data == "1"
    try:
        services.share(minutes, shared=shared, now=clock.now())
    except services.MinutesConflict as conflict:
        db.session.rollback()
        flash(str(CONFLICT_MESSAGES[conflict.reason]), "error")
        return redirect(url_for("minutes.edit", meeting_id=meeting.id))
    db.session.commit()
    flash(_("The invitees can now download the approved minutes from their own page.") if shared
          else _("The minutes are no longer offered to the invitees."), "success")
    return redirect(url_for("minutes.edit", meeting_id=meeting.id, _anchor="versions"))


def file_name(meeting: Meeting, label: str) -> str:
    """Return the download's file name: 区政协八届十二次常委会议纪要（第2版）.docx, …纪要（草稿）.docx."""
    committee = get_committee()
    minutes = queries.minutes_of(meeting.id)
    title = minutes.title if minutes is not None else (
        meeting.full_display_number(committee.short_name) or meeting.title) + "纪要"
    title = "".join(c for c in title if c.isprintable() and c not in '\\/:*?"<>|') or "纪要"
    suffix = "（草稿）" if label == "draft" else f"（第{label.removeprefix('v')}版）"
    return f"{title}{suffix}.docx"


def _send(data: bytes, name: str, etag: str | None = None) -> Response:
    response = send_file(BytesIO(data), mimetype=DOCX, as_attachment=True, download_name=name, etag=etag or False,
                         max_age=None)
    return _private(response)


@bp.route("/meetings/<int:meeting_id>/minutes.docx")
@staff_required
def download(meeting_id: int):
    """The minutes as a Word file: the latest approved version; ?version=N an older one, ?draft=1 the draft
    (marked 草稿). A sitting not yet held, or without an approved version, gets a message."""
    meeting = _staff_meeting(meeting_id)
    if not can_have_minutes(meeting.status, meeting.starts_at, clock.now()):
        abort(404, description=NOT_YET_HELD)
    minutes = queries.minutes_of(meeting.id)
    if request.args.get("draft") == "1":
        data = services.draft_bytes(meeting, get_committee(), minutes, clock.today())
        return _send(data, file_name(meeting, "draft"))
    number = request.args.get("version", type=db_int)
    if request.args.get("version") is not None and number is None:
        abort(404)
    version = queries.version(minutes.id, number) if minutes is not None else None
    if version is None:
        abort(404, description=_("No approved version of these minutes yet. Staff can download the draft."))
    return _send(version.content, file_name(meeting, f"v{version.number}"), version.sha256)


@bp.route("/my/<access_token>/minutes/<int:meeting_id>.docx")
def member_download(access_token: str, meeting_id: int):
    """An invitee downloads the latest approved minutes of their sitting from their own page, once staff shared
    them."""
    member = member_by_access_token(access_token) or abort(404)
    minutes = queries.minutes_of(meeting_id)
    if minutes is None or minutes.shared_at is None or not meeting_queries.is_invited(meeting_id, member.id):
        abort(404)
    version = queries.version(minutes.id) or abort(404)
    meeting = _meeting(meeting_id)
    return _send(version.content, file_name(meeting, f"v{version.number}"), version.sha256)


@bp.app_template_global()
def meeting_minutes(meeting: Meeting) -> dict | None:
    """Return what the staff part of a sitting's page shows of its minutes (state, latest version, shared), or None
    when the sitting cannot have minutes yet."""
    if not can_have_minutes(meeting.status, meeting.starts_at, clock.now()):
        return None
    minutes = queries.minutes_of(meeting.id)
    latest = queries.latest_version_number(minutes.id) if minutes is not None else 0
    return {"minutes": minutes, "latest": latest}


@bp.app_template_global()
def member_minutes(member) -> list[tuple[Meeting, int]]:
    """Return (sitting, latest version number) of the shared, approved minutes of the sittings the member is
    invited to, latest sitting first, for their own page (three statements)."""
    shared = {minutes.meeting_id: number for minutes, number in queries.shared_minutes()}
    invited = meeting_queries.invited_meeting_ids(member.id, list(shared))
    sittings = meeting_queries.sittings_by_ids(invited)
    ordered = sorted(sittings.values(), key=lambda m: (m.starts_at, m.id), reverse=True)
    return [(meeting, shared[meeting.id]) for meeting in ordered]
