"""The statuses of a sitting and the named sets every domain asks about: one home for these rules.

draft → published → held; published ⇄ postponed (延期，时间另定); draft, published or postponed → cancelled.
A postponed sitting keeps its number and its old time until it is rescheduled (改期), which publishes it
again at the new time.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

DRAFT = "draft"
PUBLISHED = "published"
POSTPONED = "postponed"
HELD = "held"
CANCELLED = "cancelled"

MEETING_STATUSES = {
    DRAFT: _l("Draft"),
    PUBLISHED: _l("Published"),
    POSTPONED: _l("Postponed (new date to follow)"),
    HELD: _l("Held"),
    CANCELLED: _l("Cancelled"),
}

# What people outside the office may see of a sitting that is visible to them (drafts are staff-only).
SHOWN_TO_PUBLIC = (PUBLISHED, POSTPONED, HELD, CANCELLED)
# What staff see.
SHOWN_TO_STAFF = (DRAFT, *SHOWN_TO_PUBLIC)
# Always in calendar feeds (cancelled sittings too, for a while: consult.feeds.window).
IN_FEEDS = (PUBLISHED, POSTPONED, HELD)
# Sittings that take people's time and rooms: conflicts are checked against these only.
BOOKS_TIME = (PUBLISHED, HELD)
# Sittings that hold a number in their organ's count (八届十二次): renumbering runs over these.
HOLDS_NUMBER = (PUBLISHED, POSTPONED, HELD)
CANCELLABLE = (DRAFT, PUBLISHED, POSTPONED)
POSTPONABLE = (PUBLISHED,)
RESCHEDULABLE = (DRAFT, PUBLISHED, POSTPONED)
# Still to happen: a plan item with such a sitting is scheduled (已安排).
LIVE = (DRAFT, PUBLISHED, POSTPONED)


def shown_statuses(staff: bool) -> tuple[str, ...]:
    """Return the statuses a person sees: staff see drafts too."""
    return SHOWN_TO_STAFF if staff else SHOWN_TO_PUBLIC
