"""When a sitting takes opinions: reads and staff's writes of the closing of the collection (意见征集).
Writes flush, never commit."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from consult import audit
from consult.extensions import db
from consult.onsite.models import OnsiteSitting
from consult.onsite.rules import checkin_window, opinions_close_at, opinions_open
from consult.onsite.services import onsite_for, sitting_subject

# Sittings in these states take no opinions.
NO_OPINIONS_STATUSES = ("draft", "cancelled", "postponed")

NOT_YET, OPEN, CLOSED, NONE = "not_yet", "open", "closed", "none"


@dataclass(frozen=True)
class Collection:
    """Whether a sitting takes opinions at a moment: `state` (NOT_YET, OPEN, CLOSED or NONE for a draft,
    cancelled or postponed sitting), when it opens and closes, and whether staff closed it by hand."""

    state: str
    opens_at: datetime
    closes_at: datetime
    closed_by_hand: bool
    custom_close: bool

    @property
    def open(self) -> bool:
        return self.state == OPEN


def collection_state(meeting, now: datetime, rows: dict | None = None) -> Collection:
    """Return the Collection of `meeting` at `now`: opinions are taken from the opening of check-in
    (rules.checkin_window) until the collection closes (rules.opinions_open). `rows` (from onsite_rows) spares
    a statement per sitting on pages that list many."""
    row = rows.get(meeting.id) if rows is not None else db.session.get(OnsiteSitting, meeting.id)
    custom = row.opinions_close_at if row else None
    closed_at = row.opinions_closed_at if row else None
    opens, _ = checkin_window(meeting.starts_at, meeting.ends_at)
    closes = opinions_close_at(meeting.ends_at, custom)
    if closed_at is not None and closed_at < closes:
        closes = closed_at
    if meeting.status in NO_OPINIONS_STATUSES:
        state = NONE
    elif now < opens:
        state = NOT_YET
    elif opinions_open(now, meeting.ends_at, custom, closed_at):
        state = OPEN
    else:
        state = CLOSED
    return Collection(state, opens, closes, closed_at is not None and closed_at <= now, custom is not None)


def close_opinions(meeting_id: int, *, by_user_id: int | None, now: datetime) -> None:
    """Close the collection of opinions of a sitting now (staff, earlier than planned)."""
    row = onsite_for(meeting_id)
    before = {"opinions_closed": row.opinions_closed_at}
    row.opinions_closed_at, row.opinions_closed_by_id = now, by_user_id
    db.session.flush()
    audit.record("opinion.collection_close", sitting_subject(meeting_id), before=before, after={"opinions_closed": now},
                 at=now)


def reopen_opinions(meeting_id: int, *, close_at: datetime | None) -> None:
    """Open the collection again until `close_at` (None: the default, 3 days after the end)."""
    row = onsite_for(meeting_id)
    taken = audit.snapshot(row, {"opinions_closed": lambda r: r.opinions_closed_at,
                                 "opinions_close_at": lambda r: r.opinions_close_at})
    row.opinions_closed_at = row.opinions_closed_by_id = None
    row.opinions_close_at = close_at
    db.session.flush()
    audit.record_changes("opinion.collection_reopen", sitting_subject(meeting_id), taken, always=True)


def set_opinions_close_at(meeting_id: int, close_at: datetime | None) -> None:
    """Set when the collection closes (None: the default); a hand closing stays as it is."""
    row = onsite_for(meeting_id)
    before = {"opinions_close_at": row.opinions_close_at}
    row.opinions_close_at = close_at
    db.session.flush()
    if before["opinions_close_at"] != close_at:
        audit.record("opinion.collection_time", sitting_subject(meeting_id), before=before,
                     after={"opinions_close_at": close_at})


def onsite_rows(meeting_ids) -> dict[int, OnsiteSitting]:
    """Return the on-site rows (code, closing of the collection) of those of these sittings that have one, by
    sitting id, in one statement; nothing is made."""
    ids = set(meeting_ids)
    if not ids:
        return {}
    return {row.meeting_id: row for row in db.session.scalars(
        select(OnsiteSitting).where(OnsiteSitting.meeting_id.in_(ids))
    )}
