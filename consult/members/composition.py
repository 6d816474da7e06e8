"""Who sits in an organ on a given day: membership periods, the 常委 fact and quorum inputs.

Pure: plain values in and out; no Flask, no database.
"""

from __future__ import annotations

from datetime import date

from consult.csv_files import N_

# Dates the forms accept for the start and end of a membership.
EARLIEST = date(1900, 1, 1)
LATEST = date(2100, 12, 31)


def is_active_on(starts_on: date | None, ends_on: date | None, day: date) -> bool:
    """Return True when a membership from `starts_on` to `ends_on` (both inclusive; None: open) covers `day`."""
    if starts_on is not None and day < starts_on:
        return False
    return ends_on is None or day <= ends_on


def period_problem(starts_on: date | None, ends_on: date | None) -> str | None:
    """Return an English msgid saying what is wrong with a membership period, or None when it is fine."""
    for value in (starts_on, ends_on):
        if value is not None and not (EARLIEST <= value <= LATEST):
            return N_("Dates must lie between 1900 and 2100.")
    if starts_on is not None and ends_on is not None and ends_on < starts_on:
        return N_("A membership cannot end before it starts.")
    return None
