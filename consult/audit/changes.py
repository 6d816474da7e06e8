"""What an audit entry says changed, as plain functions: values made JSON-able, secrets masked, two snapshots
compared field by field. No Flask, no database: the tests are tables of cases."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from datetime import UTC, date, datetime, time
from decimal import Decimal
from enum import Enum

# Fields whose value is never written into the log: only that it changed.
HIDDEN = "******"
_HIDDEN_FIELDS = re.compile(r"(^|_)(password|passwd|hash|secret)($|_)")
# Fields that hold a bearer token (a link that opens a member's page or feed): only its last characters are kept,
# enough to tell two tokens apart, far too few to use one.
_TOKEN_FIELDS = re.compile(r"(^|_)(token|key)($|_)")
TOKEN_TAIL = 4


def jsonable(value):
    """Return `value` as JSON can hold it: times and dates in ISO 8601 (aware times in UTC), sets sorted into
    lists, tuples as lists, enums by value, anything else unknown as its text."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, datetime):
        return (value if value.tzinfo is None else value.astimezone(UTC)).isoformat(timespec="seconds")
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, Enum):
        return jsonable(value.value)
    if isinstance(value, Mapping):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, set | frozenset):
        return sorted((jsonable(v) for v in value), key=lambda v: (str(type(v)), str(v)))
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    return str(value)


def masked(field: str, value):
    """Return what the log may keep of `field`'s `value`: passwords, hashes and secrets as ******, tokens and keys
    as … and their last 4 characters, anything else unchanged. None stays None (nothing was set)."""
    if value is None or value == "":
        return value
    name = field.lower()
    if _HIDDEN_FIELDS.search(name):
        return HIDDEN
    if _TOKEN_FIELDS.search(name):
        text = str(value)
        return "…" + text[-TOKEN_TAIL:] if len(text) > TOKEN_TAIL * 2 else HIDDEN
    return value


def clean(values: Mapping[str, object] | None) -> dict | None:
    """Return `values` JSON-able and masked, field by field; None stays None."""
    if values is None:
        return None
    return {str(field): masked(str(field), jsonable(value)) for field, value in values.items()}


def diff(before: Mapping[str, object], after: Mapping[str, object]) -> tuple[dict, dict]:
    """Return (before, after) holding only the fields whose values differ, JSON-able and masked. A field present on
    one side only counts as None on the other."""
    old, new = clean(before) or {}, clean(after) or {}
    # Compared before masking, so that a new token whose tail happens to match the old one still counts.
    raw_old, raw_new = {k: jsonable(v) for k, v in before.items()}, {k: jsonable(v) for k, v in after.items()}
    changed = [f for f in dict.fromkeys([*raw_old, *raw_new]) if raw_old.get(f) != raw_new.get(f)]
    return {f: old.get(f) for f in changed}, {f: new.get(f) for f in changed}


def dumps(values: Mapping | None) -> str | None:
    """Return `values` as compact JSON text, fields in the order given, Chinese kept as written (so the log's text
    search finds it); None stays None."""
    if values is None:
        return None
    return json.dumps(values, ensure_ascii=False, separators=(",", ":"))


def loads(text: str | None):
    """Return the JSON in `text` (None for None or text that is not JSON)."""
    if text is None:
        return None
    try:
        return json.loads(text)
    except ValueError:
        return None


def list_change(before, after) -> tuple[list, list] | None:
    """Return (removed, added) when both values are lists (the invitees, the agenda), else None: what a reader of
    the log wants of a list of 150 names is what left it and what joined it."""
    if not isinstance(before, list | type(None)) or not isinstance(after, list | type(None)):
        return None
    if before is None and after is None:
        return None
    old, new = before or [], after or []
    return [v for v in old if v not in new], [v for v in new if v not in old]
