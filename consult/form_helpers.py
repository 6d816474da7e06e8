"""Small helpers shared by the forms of every domain."""

from __future__ import annotations

from wtforms.fields.choices import SelectChoice


def options(pairs) -> list[SelectChoice]:
    """Return select options from (value, label) pairs; None becomes the empty value."""
    return [SelectChoice("" if value is None else str(value), label) for value, label in pairs]


def int_or_none(value) -> int | None:
    """Return `value` as an int, or None for an empty or non-numeric value (the validator then says why)."""
    if value in (None, ""):
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
