"""Materials: staff attach, re-label and remove them on the sitting's page; readers open them by the rules of
consult.materials.access."""

from __future__ import annotations

import logging

from flask import Response, abort, flash, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from consult.auth.permissions import staff_required
from consult.auth.scope import require_meeting, staff_for
from consult.extensions import db
from consult.feeds.queries import member_by_access_token
from consult.form_helpers import ConfirmForm
from consult.materials import access, kinds, listing, queries, services  # noqa: F401  (listing: template globals)
from consult.materials.blueprint import bp, max_upload_bytes, max_upload_mb
from consult.materials.forms import MaterialForm, MaterialVisibilityForm
from consult.materials.models import MATERIAL_VISIBILITIES, Material
from consult.materials.storage import MissingFile, storage
from consult.meetings import queries as meeting_queries
from consult.meetings.models import Meeting
from consult.onsite.identity import recognised_member
from consult.onsite.services import meeting_id_by_code

log = logging.getLogger(__name__)

MISSING_FILE = _l("The file of this material cannot be found on the server. Please tell the committee's office.")
UPLOAD_MESSAGES = {
    "empty": _l("The file is empty."),
    "no_name": _l("The file has no name; rename it and choose it again."),
    "unknown_kind": _l("Only PDF files, Word documents (.docx, .doc) and JPEG or PNG images can be attached. "
                       "This file is none of these, whatever its name says."),
    "name_mismatch": _l("The file's name does not match what it contains (a %(kind)s file). Rename it and choose "
                        "it again."),
    "visibility": _l("Choose who may open it."),
}
KIND_NAMES = {"pdf": "PDF", "docx": "Word", "doc": "Word", "jpeg": "JPEG", "png": "PNG"}


# --- staff ----------------------------------------------------------------------------------------


def _staff_meeting(meeting_id: int) -> Meeting:
    return require_meeting(meeting_queries.meeting_for_detail(meeting_id))


def _staff_material(meeting_id: int, material_id: int) -> tuple[Meeting, Material]:
    material = queries.material_by_id(material_id)
    if material is None or material.meeting_id != meeting_id:
        abort(404)
    return _staff_meeting(meeting_id), material


def _upload_page(meeting: Meeting, form: MaterialForm, status: int = 200):
    return render_template(
        "materials/upload.html", meeting=meeting, form=form, max_mb=max_upload_mb()
    ), status


@bp.route("/meetings/<int:meeting_id>/materials", methods=["GET", "POST"])
@staff_required
def upload(meeting_id: int):
    """Staff attach a file to the sitting or one of its topics; a refused file changes nothing and the form
    keeps the title, topic and choice of readers."""
    meeting = _staff_meeting(meeting_id)
    form = MaterialForm(topics=meeting.topics)
    if request.method == "GET":
        return _upload_page(meeting, form)
    if not form.validate_on_submit():
        if form.errors.get("csrf_token"):
            form.file.errors = [*form.file.errors, _("The page had expired; please try again.")]
        return _upload_page(meeting, form, 400)
    upload_file = form.file.data
    try:
        material = services.attach_material(
            meeting_id=meeting.id, topic_id=form.topic.data, source=upload_file.stream,
            file_name=upload_file.filename or "", title=form.title.data or "", visibility=form.visibility.data,
            max_bytes=max_upload_bytes(), by_user_id=current_user.id,
        )
    except services.MaterialError as error:
        if error.code == "too_large":
            message = _("The file is larger than %(mb)s MB, the most that can be attached.", mb=max_upload_mb())
        else:
            message = str(UPLOAD_MESSAGES.get(error.code, UPLOAD_MESSAGES["unknown_kind"]))
            if error.code == "name_mismatch":
                message = message % {"kind": KIND_NAMES[error.details["kind"]]}
        form.file.errors = [*form.file.errors, message]
        return _upload_page(meeting, form, 400)
    key = material.storage_key
    try:
        db.session.commit()
    except Exception:
        db.session.rollback()
        services.forget_stored_file(key)
        raise
    flash(_("Attached: %(title)s.", title=material.title), "success")
    return redirect(url_for("meetings.detail", meeting_id=meeting.id, _anchor="materials"))


@bp.route("/meetings/<int:meeting_id>/materials/<int:material_id>/visibility", methods=["POST"])
@staff_required
def set_visibility(meeting_id: int, material_id: int):
    """Staff change who may open a material."""
    meeting, material = _staff_material(meeting_id, material_id)
    form = MaterialVisibilityForm()
    if not form.validate_on_submit():
        flash(_("Nothing was changed: choose who may open it (or the page had expired; please try again)."), "error")
    else:
        services.set_visibility(material, form.visibility.data)
        db.session.commit()
        flash(_("%(title)s: %(who)s.", title=material.title, who=MATERIAL_VISIBILITIES[material.visibility]),
              "success")
    return redirect(url_for("meetings.detail", meeting_id=meeting.id, _anchor="materials"))


@bp.route("/meetings/<int:meeting_id>/materials/<int:material_id>/delete", methods=["GET", "POST"])
@staff_required
def delete(meeting_id: int, material_id: int):
    """Staff remove a material and its file, after a confirmation page."""
    meeting, material = _staff_material(meeting_id, material_id)
    form = ConfirmForm()
    if not form.confirmed_on_submit():
        return render_template(
            "_confirm.html",
            heading=_("Remove %(title)s?", title=material.title),
            warnings=[_("The file %(name)s is removed from the sitting %(sitting)s; members can no longer open it.",
                        name=material.file_name, sitting=meeting.display_name)],
            action=url_for("materials.delete", meeting_id=meeting.id, material_id=material.id),
            button=_("Yes, remove it"),
            back=url_for("meetings.detail", meeting_id=meeting.id, _anchor="materials"),
            form=form,
        )
    title = material.title
    key = services.remove_material(material)
    db.session.commit()
    services.remove_stored_file(key)
    flash(_("Removed: %(title)s.", title=title), "success")
    return redirect(url_for("meetings.detail", meeting_id=meeting.id, _anchor="materials"))


# --- reading --------------------------------------------------------------------------------------


def _send(material: Material, *, public: bool) -> Response:
    """Answer with the material's file: its stored type, inline for PDF and images, else as an attachment."""
    try:
        handle = storage().open(material.storage_key)
    except MissingFile:
        log.error("material %s: file %s missing from the storage", material.id, material.storage_key)
        abort(404, description=MISSING_FILE)
    inline = any(kind.inline for kind in kinds.KINDS.values() if kind.content_type == material.content_type)
    response = send_file(
        handle, mimetype=material.content_type, conditional=True, etag=material.sha256,
        last_modified=material.uploaded_at, max_age=300 if public else None,
    )
    response.headers["Content-Disposition"] = kinds.content_disposition(material.file_name, inline)
    response.headers["X-Content-Type-Options"] = "nosniff"
    if public:
        response.headers["Cache-Control"] = "public, max-age=300"
    else:
        response.headers["Cache-Control"] = "private, no-cache"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["X-Robots-Tag"] = "noindex"
    return response


def _material_of(material_id: int, meeting_id: int | None = None) -> tuple[Material, Meeting]:
    material = queries.material_by_id(material_id)
    if material is None or (meeting_id is not None and material.meeting_id != meeting_id):
        abort(404)
    meeting = meeting_queries.meeting_for_detail(material.meeting_id) or abort(404)
    return material, meeting


@bp.route("/materials/<int:material_id>")
def download(material_id: int):
    """Open a material: staff any; anyone else a public material of a public sitting."""
    material, meeting = _material_of(material_id)
    if staff_for(meeting.organ_id):
        return _send(material, public=False)
    if not access.on_public_page(material.public, meeting.status, meeting.visibility):
        abort(404)
    return _send(material, public=True)


@bp.route("/my/<access_token>/materials/<int:material_id>")
def member_download(access_token: str, material_id: int):
    """A member opens a material from their own page: every material of a sitting they are invited to."""
    member = member_by_access_token(access_token) or abort(404)
    material, meeting = _material_of(material_id)
    invited = meeting_queries.is_invited(meeting.id, member.id)
    if not access.for_member(material.public, meeting.status, meeting.visibility, invited):
        abort(404)
    return _send(material, public=False)


@bp.route("/m/<code>/materials/<int:material_id>")
def onsite_download(code: str, material_id: int):
    """Open a material on the sitting's on-site page: public ones for everyone with the code, the others for a
    recognised invitee (and staff)."""
    meeting_id = meeting_id_by_code(code) or abort(404)
    material, meeting = _material_of(material_id, meeting_id)
    if staff_for(meeting.organ_id):
        return _send(material, public=False)
    member = recognised_member()
    invited = member is not None and meeting_queries.is_invited(meeting.id, member.id)
    if not access.on_site(material.public, meeting.status, invited):
        abort(404)
    return _send(material, public=False)
