"""Writes of opinions: giving, editing, withdrawing, and the staff desk's corrections and marks.
Services flush and log, never commit; the view commits once."""

from __future__ import annotations

import logging
from datetime import datetime

from sqlalchemy import bindparam, select

from consult import audit
from consult.extensions import built_once, db, insert_unless_taken
from consult.opinions.models import ACTIVE, WITHDRAWN, DistinctPair, Opinion

log = logging.getLogger(__name__)


def opinion_by_key(meeting_id: int, submission_key: str) -> Opinion | None:
    """Return the opinion of the sitting sent with `submission_key`, or None."""
    return db.session.scalars(_opinion_by_key(), {"meeting_id": meeting_id, "submission_key": submission_key}
                              ).first()


@built_once
def _opinion_by_key():
    return select(Opinion).where(Opinion.meeting_id == bindparam("meeting_id"),
                                 Opinion.submission_key == bindparam("submission_key"))


def give_opinion(
    *, meeting_id: int, topic_id: int, submission_key: str, text: str, named: bool, now: datetime,
    member_id: int | None = None, guest_name: str = "", guest_organisation: str = "",
    recorded_by_id: int | None = None, topic_title: str = "", author_name: str = "",
) -> tuple[Opinion, bool]:
    """Store an opinion (text already cleaned and checked) and return it with True; when the sitting already
    has an opinion sent with `submission_key` (the phone sent the form twice), return that one with False
    and store nothing. The unique constraint on the key decides, so a form sent again and two requests racing
    with one key are the same case: the insert stores nothing (insert_unless_taken, no statement spent looking
    first) and the opinion stored with the key is read. An opinion staff record (`recorded_by_id`) is written to
    the audit log, with `topic_title` and `author_name` as the page names them."""
    opinion = insert_unless_taken(Opinion, {
        "meeting_id": meeting_id, "topic_id": topic_id, "member_id": member_id, "guest_name": guest_name,
        "guest_organisation": guest_organisation, "text": text, "named": named, "submission_key": submission_key,
        "recorded_by_id": recorded_by_id, "created_at": now, "updated_at": now,
    }, unique=("meeting_id", "submission_key"))
    if opinion is None:
        return opinion_by_key(meeting_id, submission_key), False
    if recorded_by_id is not None:  # staff typed it in from paper or a speech; members' own opinions are theirs
        audit.record("opinion.record", opinion, label=_label(opinion), at=now, after={
            "topic": topic_title or topic_id, "member": author_name if member_id else None,
            "guest_name": guest_name or None, "guest_organisation": guest_organisation or None, "text": text,
            "named": named})
    log.info("opinion %s on topic %s of sitting %s given", opinion.id, topic_id, meeting_id)
    return opinion, True


def _label(opinion: Opinion) -> str:
    """Return what names an opinion in the audit log: its number and first words."""
    return f"{opinion.id}：{opinion.text[:30]}"


def edit_opinion(opinion: Opinion, *, text: str, named: bool, now: datetime) -> None:
    """The author changes their opinion's text and whether the minutes may name them."""
    opinion.text, opinion.named, opinion.updated_at = text, named, now
    db.session.flush()


def withdraw_opinion(opinion: Opinion, *, now: datetime) -> None:
    """The author withdraws their opinion: it stays stored, marked withdrawn, out of the minutes."""
    opinion.status, opinion.withdrawn_at, opinion.updated_at = WITHDRAWN, now, now
    db.session.flush()
    log.info("opinion %s withdrawn", opinion.id)


def correct_opinion(opinion: Opinion, *, text: str, by_user_id: int | None, now: datetime) -> bool:
    """Staff correct the text (typos); the text as first sent is kept in original_text. Return False when
    the text is unchanged (nothing stored)."""
    if text == opinion.text:
        return False
    before = opinion.text
    if opinion.original_text is None:
        opinion.original_text = opinion.text
    opinion.text, opinion.corrected_at, opinion.corrected_by_id, opinion.updated_at = text, now, by_user_id, now
    if opinion.text == opinion.original_text:  # corrected back to what was sent
        opinion.original_text = opinion.corrected_at = opinion.corrected_by_id = None
    db.session.flush()
    audit.record("opinion.correct", opinion, before={"text": before}, after={"text": text}, label=_label(opinion),
                 at=now)
    log.info("opinion %s corrected by user %s", opinion.id, by_user_id)
    return True


def mark_duplicate(opinion: Opinion, original: Opinion | None) -> None:
    """Mark `opinion` a duplicate of `original` (another opinion on the same topic), or clear the mark."""
    if original is not None and (original.id == opinion.id or original.topic_id != opinion.topic_id):
        raise ValueError("a duplicate must be of another opinion on the same topic")
    if original is not None and original.duplicate_of_id == opinion.id:
        original.duplicate_of_id = None  # never two opinions duplicates of each other
        audit.record("opinion.duplicate", original, before={"duplicate_of": opinion.id},
                     after={"duplicate_of": None}, label=_label(original))
    before = opinion.duplicate_of_id
    opinion.duplicate_of_id = original.id if original is not None else None
    db.session.flush()
    if before != opinion.duplicate_of_id:
        audit.record("opinion.duplicate", opinion, before={"duplicate_of": before},
                     after={"duplicate_of": opinion.duplicate_of_id}, label=_label(opinion))


def mark_distinct(opinion: Opinion, other: Opinion, *, by_user_id: int | None, now: datetime) -> None:
    """Record that a person found `opinion` and `other` (same topic) not to be duplicates; once is enough."""
    if other.id == opinion.id or other.topic_id != opinion.topic_id:
        raise ValueError("a pair is two opinions on the same topic")
    first_id, second_id = sorted((opinion.id, other.id))
    if db.session.get(DistinctPair, (first_id, second_id)) is None:
        db.session.add(DistinctPair(first_id=first_id, second_id=second_id, decided_by_id=by_user_id, decided_at=now))
        db.session.flush()
        audit.record("opinion.distinct", opinion, after={"other": other.id}, label=_label(opinion), at=now)


def set_excluded(opinion: Opinion, excluded: bool) -> None:
    """Keep the opinion out of the minutes (or take it back in)."""
    if opinion.excluded_from_minutes != excluded:
        audit.record("opinion.exclude", opinion, before={"excluded_from_minutes": opinion.excluded_from_minutes},
                     after={"excluded_from_minutes": excluded}, label=_label(opinion))
    opinion.excluded_from_minutes = excluded
    db.session.flush()


__all__ = [
    "ACTIVE", "WITHDRAWN", "give_opinion", "opinion_by_key", "edit_opinion", "withdraw_opinion",
    "correct_opinion", "mark_duplicate", "mark_distinct", "set_excluded",
]
