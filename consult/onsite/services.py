"""Writes of the on-site domain that every part shares: a sitting's code. Services flush, never commit."""

from __future__ import annotations

from sqlalchemy import select

from consult.extensions import db
from consult.onsite.models import OnsiteSitting
from consult.onsite.rules import looks_like_code, new_code


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


def meeting_id_by_code(code: str) -> int | None:
    """Return the id of the sitting whose code is `code` (letters in any case), or None."""
    code = (code or "").strip().lower()
    if not looks_like_code(code):
        return None
    return db.session.scalar(select(OnsiteSitting.meeting_id).where(OnsiteSitting.code == code))
