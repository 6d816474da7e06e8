"""One sitting as the calendar file a notice mail carries (RFC 5546/6047 iTIP over e-mail).

Built from the feeds' own event (same UID, SEQUENCE and text as in every feed), so that a calendar that
imported the mail and also subscribes to a feed holds one event, not two.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from icalendar import Calendar, Event, vCalAddress

from consult.feeds.ical import PRODID, FeedEvent, event_bytes, vtimezone
from consult.feeds.queries import EVENT_STATUS, feed_events, feed_filter

METHODS = ("PUBLISH", "CANCEL")


def sitting_event(meeting_id: int, time_zone: str, sitting_url: Callable[[int], str], prefix: str) -> FeedEvent | None:
    """Return the sitting as the feeds show it (whatever its status), or None when it does not exist."""
    where = feed_filter("meeting", meeting_id, datetime.min.replace(tzinfo=UTC), tuple(EVENT_STATUS))
    events = feed_events(where, time_zone, sitting_url, prefix)
    return events[0] if events else None


def attachment_calendar(event: FeedEvent, method: str, organizer_email: str = "", organizer_name: str = "") -> bytes:
    """Return a VCALENDAR with METHOD `method` (PUBLISH, or CANCEL for a cancelled sitting), the event's
    VTIMEZONE and the event with an ORGANIZER (RFC 5546 asks for one in both methods).

    No REFRESH-INTERVAL or calendar name: this is a message about one event, not a subscription.
    Raises ValueError for another method, or CANCEL of an event that is not STATUS:CANCELLED.
    """
    if method not in METHODS:
        raise ValueError(f"unknown calendar method {method!r}")
    if method == "CANCEL" and event.status != "CANCELLED":
        raise ValueError("CANCEL needs a cancelled event")
    calendar = Calendar()
    calendar.add("PRODID", PRODID)
    calendar.add("VERSION", "2.0")
    calendar.add("CALSCALE", "GREGORIAN")
    calendar.add("METHOD", method)
    first, last = min(1970, event.start.year - 1), max(2038, event.end.year + 2)
    calendar.add_component(vtimezone(event.tzid, first, last))
    component = Event.from_ical(event_bytes(event))
    if organizer_email:
        organizer = vCalAddress(f"mailto:{organizer_email}")
        if organizer_name:
            organizer.params["CN"] = organizer_name
        component.add("ORGANIZER", organizer)
    calendar.add_component(component)
    return calendar.to_ical()
