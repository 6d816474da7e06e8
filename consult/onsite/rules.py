"""The on-site rules as plain functions: the check-in window, when opinions close, codes. No Flask, no database;
`now` is always passed in."""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta

# Check-in (签到) opens this long before the start and closes at the end.
CHECKIN_OPENS_BEFORE = timedelta(minutes=60)
# Opinions are taken until this long after the end, unless staff set another time or close earlier.
OPINIONS_OPEN_AFTER = timedelta(days=3)
# The sitting's code: 8 characters from 31 that cannot be misread (no 0/o, 1/l/i): about 40 bits.
CODE_ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz"
CODE_LENGTH = 8

# States of check-in at a moment.
NOT_YET, OPEN, CLOSED = "not_yet", "open", "closed"


def new_code() -> str:
    """Return a new random sitting code of CODE_LENGTH characters from CODE_ALPHABET."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def looks_like_code(text: str) -> bool:
    """Return True when `text` could be a sitting code (length and alphabet), before asking the database."""
    return len(text) == CODE_LENGTH and all(c in CODE_ALPHABET for c in text)


def checkin_window(starts_at: datetime, ends_at: datetime) -> tuple[datetime, datetime]:
    """Return when check-in opens and closes for a sitting from `starts_at` to `ends_at`."""
    return starts_at - CHECKIN_OPENS_BEFORE, ends_at


def checkin_state(now: datetime, starts_at: datetime, ends_at: datetime, attendance_closed: bool = False) -> str:
    """Return NOT_YET, OPEN or CLOSED: whether a member may check in at `now` (closed once staff closed
    attendance, whatever the time)."""
    if attendance_closed:
        return CLOSED
    opens, closes = checkin_window(starts_at, ends_at)
    if now < opens:
        return NOT_YET
    return OPEN if now <= closes else CLOSED


def opinions_close_at(ends_at: datetime, custom: datetime | None = None) -> datetime:
    """Return when the collection of opinions closes: `custom` when staff set one, else 3 days after the end."""
    return custom if custom is not None else ends_at + OPINIONS_OPEN_AFTER


def opinions_open(now: datetime, ends_at: datetime, custom: datetime | None = None,
                  closed_at: datetime | None = None) -> bool:
    """Return True while members may still give, edit or withdraw opinions: before the closing time and not
    closed by hand."""
    if closed_at is not None and closed_at <= now:
        return False
    return now <= opinions_close_at(ends_at, custom)


def guests_welcome(status: str, visibility: str) -> bool:
    """Return True when guests and observers without a personal link may give opinions at a sitting: a published
    or held sitting that is not internal (an internal sitting hears its invitees only)."""
    return status in ("published", "held") and visibility != "internal"
