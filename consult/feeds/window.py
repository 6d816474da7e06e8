"""How long a cancelled sitting stays in the feeds: until 30 days after its date, in the committee's zone.

A cancelled sitting on local date D is listed while today's local date is at most D + 30, and leaves
the feeds at local midnight starting D + 31. Pure functions: `now` is always an argument.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from consult.meetings.statuses import IN_FEEDS

CANCELLED_KEPT_DAYS = 30


def _local_midnight(day: date, time_zone: str) -> datetime:
    return datetime.combine(day, time.min, tzinfo=ZoneInfo(time_zone)).astimezone(UTC)


def cancelled_cutoff(now: datetime, time_zone: str) -> datetime:
    """Return the instant before which a cancelled sitting's start no longer appears in the feeds.

    A cancelled sitting is listed if and only if it starts at or after this instant (UTC, aware).
    Raises ValueError for a naive `now`.
    """
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    today = now.astimezone(ZoneInfo(time_zone)).date()
    return _local_midnight(today - timedelta(days=CANCELLED_KEPT_DAYS), time_zone)


def cancelled_leaves_at(starts_at: datetime, time_zone: str) -> datetime:
    """Return the instant (UTC) at which a cancelled sitting starting at `starts_at` leaves the feeds."""
    day = starts_at.astimezone(ZoneInfo(time_zone)).date()
    return _local_midnight(day + timedelta(days=CANCELLED_KEPT_DAYS + 1), time_zone)


def is_listed(status: str, starts_at: datetime, now: datetime, time_zone: str) -> bool:
    """Return True when a sitting of this status and start belongs in the feeds at `now`.

    Published, postponed and held sittings always do, drafts never, cancelled ones until 30 days after
    their date. The feeds' SQL (queries.listed_filter) says the same; a test checks that they agree.
    """
    if status in IN_FEEDS:
        return True
    if status == "cancelled":
        return starts_at >= cancelled_cutoff(now, time_zone)
    return False
