"""The audit page's filters read from the query string, as plain functions: what each value means and which are
wrong. No Flask, no database; the zone is passed in."""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from consult.db_types import DB_INT_MAX

TEXT_MAX = 100
ACTION_PATTERN = re.compile(r"^[a-z][a-z_]{0,29}\.[a-z][a-z_]{0,29}$")
_ACTOR_PATTERN = re.compile(r"^(?P<kind>[a-z]+)(?::(?P<id>\d{1,10}))?$")
FIRST_YEAR, LAST_YEAR = 1900, 2100

# The query values the page reads (and keeps in its links).
KEYS = ("by", "who", "type", "action", "subject", "sitting", "from", "to", "q")


@dataclass(frozen=True)
class AuditFilter:
    """The entries to show: None (or "") is "any"; `since` and `until` are UTC instants, `until` excluded."""

    actor_kind: str | None = None
    actor_id: int | None = None
    actor_text: str = ""
    subject_type: str | None = None
    action: str | None = None
    subject_id: int | None = None
    meeting_id: int | None = None
    since: datetime | None = None
    until: datetime | None = None
    text: str = ""
    first_day: date | None = None
    last_day: date | None = None


@dataclass(frozen=True)
class ReadFilters:
    """What the query string said: the filter of its good values, and the keys of the values it ignored."""

    criteria: AuditFilter
    problems: tuple[str, ...] = field(default=())


def _positive_id(value: str) -> int | None:
    value = value.strip()
    if not value.isdigit() or not value.isascii() or len(value) > 10:
        return None
    number = int(value)
    return number if 0 < number <= DB_INT_MAX else None


def _day(value: str) -> date | None:
    try:
        day = date.fromisoformat(value.strip())
    except ValueError:
        return None
    return day if FIRST_YEAR <= day.year <= LAST_YEAR and len(value.strip()) == 10 else None


def read_filters(args: Mapping[str, str], zone: ZoneInfo, subject_types: Collection[str],
                 actor_kinds: Collection[str]) -> ReadFilters:
    """Return the filters of `args` (the query string): by whom ("by": one of `actor_kinds`, optionally with ":<id>",
    e.g. "user:3"; "who": words of their username or name), the kind of subject (one of `subject_types`), the action
    ("meeting.publish"), the subject's id, the sitting's id, the first and last day (YYYY-MM-DD in `zone`, both
    included) and words to look for. A value that cannot be understood is left out and its key listed among the
    problems; "range" when the last day comes before the first (both are then left out)."""
    problems: list[str] = []
    values: dict = {}

    def text(key: str) -> str:
        return (args.get(key) or "").strip()

    if by := text("by"):
        match = _ACTOR_PATTERN.match(by)
        actor_id = _positive_id(match["id"]) if match and match["id"] else None
        if match is None or match["kind"] not in actor_kinds or (match["id"] and actor_id is None):
            problems.append("by")
        else:
            values["actor_kind"], values["actor_id"] = match["kind"], actor_id
    if kind := text("type"):
        if kind in subject_types:
            values["subject_type"] = kind
        else:
            problems.append("type")
    if action := text("action"):
        if ACTION_PATTERN.match(action):
            values["action"] = action
        else:
            problems.append("action")
    for key, name in (("subject", "subject_id"), ("sitting", "meeting_id")):
        if raw := text(key):
            number = _positive_id(raw)
            if number is None:
                problems.append(key)
            else:
                values[name] = number
    days = {}
    for key in ("from", "to"):
        if raw := text(key):
            day = _day(raw)
            if day is None:
                problems.append(key)
            else:
                days[key] = day
    if "from" in days and "to" in days and days["to"] < days["from"]:
        problems.append("range")
        days = {}
    if "from" in days:
        values["first_day"] = days["from"]
        values["since"] = datetime.combine(days["from"], time.min, zone).astimezone(UTC)
    if "to" in days:
        values["last_day"] = days["to"]
        values["until"] = datetime.combine(days["to"] + timedelta(days=1), time.min, zone).astimezone(UTC)
    values["actor_text"] = " ".join(text("who").split())[:TEXT_MAX]
    values["text"] = " ".join(text("q").split())[:TEXT_MAX]
    return ReadFilters(AuditFilter(**values), tuple(problems))


def page_number(value: str | None, pages: int) -> int:
    """Return the page asked for (1 when it is not a number), kept within 1 … `pages`."""
    raw = (value or "").strip()
    number = int(raw) if raw.isdigit() and raw.isascii() and len(raw) <= 6 else 1
    return min(max(number, 1), max(pages, 1))
