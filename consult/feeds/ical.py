"""Sittings as iCalendar (RFC 5545, RFC 7986): plain values in, bytes out.

Nothing here reads the clock, the request or the database: the bytes depend only on the
arguments, so the same data always gives the same feed (calendar clients and ETags rely on it).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from icalendar import Alarm, Calendar, Event, Timezone

from consult.meetings.kinds import FORM_NAMES_ZH, KIND_NAMES_ZH

PRODID = "-//consult//CPPCC committee sittings//ZH"
CANCELLED_PREFIX = "【已取消】"
# A postponed sitting stays at its old time until it is rescheduled; the prefix says it is not happening then.
POSTPONED_PREFIX = "【延期，时间另定】"
STATUSES = ("CONFIRMED", "TENTATIVE", "CANCELLED")

# What a TEXT value cannot carry (RFC 5545 3.3.11: CONTROL except HTAB and the line break we
# escape), plus C1 controls and lone surrogates, which no UTF-8 reader accepts.
_UNCARRIABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
_LINE_BREAK = re.compile("\r\n?")


@dataclass(frozen=True, slots=True)
class FeedEvent:
    """One sitting as a calendar shows it. Times are timezone-aware."""

    uid: str
    dtstamp: datetime
    created: datetime
    last_modified: datetime
    sequence: int
    start: datetime
    end: datetime
    tzid: str
    summary: str
    status: str = "CONFIRMED"
    location: str = ""
    description: str = ""
    url: str = ""
    categories: tuple[str, ...] = ()
    # How long before the start a VALARM reminds (a member's own feed only); None: no reminder.
    reminder: timedelta | None = None


@dataclass(frozen=True, slots=True)
class CalendarSettings:
    """What a whole feed says about itself."""

    name: str
    time_zone: str
    description: str = ""
    source_url: str = ""
    # None for a file meant for a one-off import: Xiaomi's importer refuses a file with REFRESH-INTERVAL.
    refresh: timedelta | None = field(default=timedelta(hours=1))
    prodid: str = PRODID


def clean_text(value: str | None) -> str:
    """Return `value` with line breaks made `\\n` and every character iCalendar cannot carry removed.

    None gives "". Tabs, newlines, emoji and all printable text are kept as they are.
    """
    if not value:
        return ""
    return _UNCARRIABLE.sub("", _LINE_BREAK.sub("\n", value))


def summary_for(name: str, status: str) -> str:
    """Return the SUMMARY of a sitting: its name, prefixed with 【已取消】 when cancelled.

    The prefix is there because Outlook ignores STATUS:CANCELLED.
    """
    if status == "CANCELLED" and not name.startswith(CANCELLED_PREFIX):
        return f"{CANCELLED_PREFIX}{name}"
    return name


def consultation_categories(organ_name: str, consultation_form: str, sitting_kind: str) -> tuple[str, ...]:
    """Return the CATEGORIES of a sitting: its organ, its form of work (专题协商, 视察 …) and, if it is not
    a plain meeting, its kind, each once (the Chinese names of consult.meetings.kinds)."""
    categories = [organ_name, FORM_NAMES_ZH.get(consultation_form, "")]
    if sitting_kind != "meeting":
        categories.append(KIND_NAMES_ZH.get(sitting_kind, ""))
    return tuple(dict.fromkeys(c for c in categories if c))


@lru_cache(maxsize=64)
def _zone(tzid: str) -> ZoneInfo:
    return ZoneInfo(tzid)


@lru_cache(maxsize=32)
def vtimezone(tzid: str, first_year: int = 1970, last_year: int = 2038) -> Timezone:
    """Return the VTIMEZONE of `tzid` valid from 1 January `first_year` to 1 January `last_year`.

    Cached: generating one takes tens of milliseconds. Raises ValueError for an unknown zone.
    """
    return Timezone.from_tzid(tzid, first_date=date(first_year, 1, 1), last_date=date(last_year, 1, 1))


def _year_range(events: Sequence[FeedEvent]) -> tuple[int, int]:
    if not events:
        return 1970, 2038
    first = min(event.start for event in events).year - 1
    last = max(event.end for event in events).year + 2
    return min(1970, first), max(2038, last)


def _event_component(event: FeedEvent) -> Event:
    if event.status not in STATUSES:
        raise ValueError(f"unknown event status {event.status!r}")
    zone = _zone(event.tzid)
    component = Event()
    component.add("UID", event.uid)
    # In UTC whatever zone they came in, so that equal instants always give equal bytes (see event_bytes).
    component.add("DTSTAMP", event.dtstamp.astimezone(UTC))
    component.add("CREATED", event.created.astimezone(UTC))
    component.add("LAST-MODIFIED", event.last_modified.astimezone(UTC))
    component.add("SEQUENCE", event.sequence)
    component.add("DTSTART", event.start.astimezone(zone))
    component.add("DTEND", event.end.astimezone(zone))
    component.add("SUMMARY", clean_text(summary_for(event.summary, event.status)))
    if event.location:
        component.add("LOCATION", clean_text(event.location))
    if event.description:
        component.add("DESCRIPTION", clean_text(event.description))
    if event.url:
        component.add("URL", clean_text(event.url))
    categories = [c for c in (clean_text(c) for c in event.categories) if c]
    if categories:
        component.add("CATEGORIES", categories)
    component.add("STATUS", event.status)
    component.add("TRANSP", "OPAQUE" if event.status == "CONFIRMED" else "TRANSPARENT")
    # Only a sitting that takes place at that time reminds: not a cancelled or postponed one.
    if event.reminder is not None and event.status == "CONFIRMED":
        component.add_component(reminder_alarm(event.reminder, summary_for(event.summary, event.status)))
    return component


def reminder_alarm(before: timedelta, summary: str) -> Alarm:
    """Return a VALARM that shows `summary` (提醒：…) `before` the start (TRIGGER:-P1D, -PT2H).

    Raises ValueError for a reminder that is not before the start.
    """
    if before <= timedelta(0):
        raise ValueError("a reminder comes before the start")
    alarm = Alarm()
    alarm.add("ACTION", "DISPLAY")
    alarm.add("DESCRIPTION", clean_text(f"提醒：{summary}"))
    alarm.add("TRIGGER", -before)
    return alarm


@lru_cache(maxsize=20_000)
def event_bytes(event: FeedEvent) -> bytes:
    """Return one VEVENT serialised by icalendar, from BEGIN:VEVENT to END:VEVENT with its line break.

    Cached by value: FeedEvent is frozen and holds everything the bytes depend on, so a sitting that
    did not change is not serialised again when another one does — the first GET of a feed after a
    change costs only the changed events. Raises ValueError for an unknown status or zone.
    """
    return _event_component(event).to_ical()


@lru_cache(maxsize=64)
def _vtimezone_bytes(tzid: str, first_year: int, last_year: int) -> bytes:
    return vtimezone(tzid, first_year, last_year).to_ical()


_END = b"END:VCALENDAR\r\n"


def calendar_header(settings: CalendarSettings) -> Calendar:
    """Return the VCALENDAR with its own properties and no components."""
    calendar = Calendar()
    calendar.add("PRODID", settings.prodid)
    calendar.add("VERSION", "2.0")
    calendar.add("CALSCALE", "GREGORIAN")
    calendar.add("METHOD", "PUBLISH")
    name = clean_text(settings.name)
    calendar.add("NAME", name)
    calendar.add("X-WR-CALNAME", name)
    if settings.description:
        description = clean_text(settings.description)
        calendar.add("DESCRIPTION", description)
        calendar.add("X-WR-CALDESC", description)
    calendar.add("X-WR-TIMEZONE", settings.time_zone)
    # RFC 7986 wants VALUE=DURATION; the older X-PUBLISHED-TTL is a bare duration string.
    if settings.refresh is not None:
        calendar.add("REFRESH-INTERVAL", settings.refresh, parameters={"VALUE": "DURATION"})
        calendar.add("X-PUBLISHED-TTL", _duration_text(settings.refresh))
    if settings.source_url:
        calendar.add("SOURCE", settings.source_url, parameters={"VALUE": "URI"})
    return calendar


def build_calendar(settings: CalendarSettings, events: Iterable[FeedEvent]) -> bytes:
    """Return the whole VCALENDAR as UTF-8 bytes, with a VTIMEZONE for every zone it uses.

    The same bytes icalendar writes for the whole calendar at once (a test compares them), joined
    from the header, the cached VTIMEZONEs and the cached events.
    Raises ValueError for an event with an unknown status and for an unknown time zone.
    """
    events = list(events)
    head = calendar_header(settings).to_ical()
    if not head.endswith(_END):  # icalendar always ends a component so; a new version might not
        raise ValueError("unexpected end of the serialised calendar")
    first_year, last_year = _year_range(events)
    parts = [head[: -len(_END)]]
    parts.extend(
        _vtimezone_bytes(tzid, first_year, last_year)
        for tzid in sorted({settings.time_zone, *(event.tzid for event in events)})
    )
    parts.extend(event_bytes(event) for event in events)
    parts.append(_END)
    return b"".join(parts)


def _duration_text(duration: timedelta) -> str:
    seconds = int(duration.total_seconds())
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    parts = [f"{value}{unit}" for value, unit in ((hours, "H"), (minutes, "M"), (seconds, "S")) if value]
    return "PT" + ("".join(parts) or "0S")
