"""The reminders a member may ask for in their own feed (VALARM), by their stored value."""

from __future__ import annotations

from datetime import timedelta

from flask_babel import lazy_gettext as _l

# Stored in Member.feed_reminder; "" is no reminder.
REMINDERS = {
    "": (_l("No reminder"), None),
    "1d": (_l("1 day before"), timedelta(days=1)),
    "2h": (_l("2 hours before"), timedelta(hours=2)),
}


def reminder_before(value: str | None) -> timedelta | None:
    """Return how long before the start the reminder `value` ("1d", "2h") rings; None for none or unknown."""
    return REMINDERS.get(value or "", (None, None))[1]
