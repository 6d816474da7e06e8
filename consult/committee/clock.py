"""The app's one clock and the committee's zone.

Every view asks here for the time. Tests set `app.config["CONSULT_CLOCK"]` to a callable that returns
an aware datetime (the `clock` fixture), so the suite passes whatever today's date is.
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from flask import current_app

from consult.db_types import utcnow


def now() -> datetime:
    """Return the current time, timezone-aware (UTC unless a test clock says otherwise)."""
    return current_app.config.get("CONSULT_CLOCK", utcnow)()


def zone_name() -> str:
    """Return the committee's time zone name, e.g. Asia/Shanghai."""
    from consult.committee import get_committee

    return get_committee().time_zone


def zone() -> ZoneInfo:
    """Return the committee's time zone."""
    return ZoneInfo(zone_name())


def today() -> date:
    """Return today's date in the committee's zone."""
    return now().astimezone(zone()).date()


def local(moment: datetime) -> datetime:
    """Return `moment` in the committee's zone."""
    return moment.astimezone(zone())
