"""Staff downloads of a sitting's Word documents: the meeting notice (会议通知) and the sign-in sheet (签到表)."""

from __future__ import annotations

from urllib.parse import quote

from flask import Blueprint, Response, abort
from sqlalchemy.exc import IntegrityError

from consult.auth.permissions import staff_required
from consult.auth.scope import require_organ_of
from consult.documents import gathering
from consult.documents.notice import notice_docx, notice_title
from consult.documents.signin import signin_docx, signin_title
from consult.extensions import db
from consult.meetings.queries import organ_of_meeting

bp = Blueprint("documents", __name__)

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def docx_response(data: bytes, filename: str, fallback: str):
    """Return the .docx bytes as a download named `filename`.docx (RFC 5987 filename*), with the ASCII
    `fallback`.docx for clients that read only filename."""
    response = Response(data, mimetype=DOCX)
    response.headers["Content-Disposition"] = (
        f'attachment; filename="{fallback}.docx"; filename*=UTF-8\'\'{quote(filename + ".docx", safe="")}'
    )
    response.headers["Cache-Control"] = "private, no-store"
    return response


@bp.route("/meetings/<int:meeting_id>/notice.docx")
@staff_required
def notice(meeting_id: int):
    """The sitting's 会议通知 as a Word document (草稿 for a draft, a short notice for a cancelled or postponed
    sitting); 404 for an unknown sitting."""
    require_organ_of(lambda: organ_of_meeting(meeting_id))
    try:
        content = gathering.notice_content(meeting_id)
    except IntegrityError:  # another request made the sitting's on-site code at the same moment: it exists now
        db.session.rollback()
        content = gathering.notice_content(meeting_id)
    if content is None:
        abort(404)
    data = notice_docx(content)
    db.session.commit()  # the on-site code, made the first time the QR code is asked for
    return docx_response(data, notice_title(content), f"notice-{meeting_id}")


@bp.route("/meetings/<int:meeting_id>/signin.docx")
@staff_required
def signin(meeting_id: int):
    """The sitting's 签到表 as a Word document: invitees by sector with a box to sign; 404 for an unknown sitting."""
    require_organ_of(lambda: organ_of_meeting(meeting_id))
    content = gathering.signin_content(meeting_id) or abort(404)
    return docx_response(signin_docx(content), signin_title(content), f"sign-in-{meeting_id}")
