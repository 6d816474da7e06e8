"""The duty records' blueprint and what its route modules share: the year check, the labels, private answers."""

from __future__ import annotations

from datetime import UTC, date, datetime

from flask import Blueprint, abort
from flask_babel import format_date
from flask_babel import lazy_gettext as _l

from consult.i18n import current_locale, format_local
from consult.members.composition import EARLIEST, LATEST
from consult.onsite.attendance import ABSENT, ON_LEAVE, PRESENT
from consult.records.counting import NOT_RECORDED, rate_text
from consult.responses import private  # noqa: F401  (the domain's views import it from here)

bp = Blueprint("records", __name__)

STATUS_LABELS = {
    PRESENT: _l("Present"),
    ON_LEAVE: _l("On leave"),
    ABSENT: _l("Absent without leave"),
    NOT_RECORDED: _l("Not recorded"),
}
# The columns of the report's table, by the sort key that orders it.
COLUMNS = {
    "name": _l("Name"),
    "sector": _l("Sector"),
    "standing": _l("Standing member"),
    "sittings": _l("Sittings to attend"),
    "present": _l("Present"),
    "on_leave": _l("On leave"),
    "absent": _l("Absent"),
    "not_recorded": _l("Not recorded"),
    "rate": _l("Attendance rate"),
    "opinions": _l("Opinions given"),
    "printed": _l("Taken into minutes"),
    "flagged": _l("Absence rules reached"),
}
RATE_RULE = _l("The attendance rate is present ÷ (present + on leave + absent): sittings whose attendance was "
               "not recorded are left out. Leave counts as not present.")


def check_year(year: int) -> None:
    """Answer 404 for a year outside 1900–2100 (the dates the app accepts anywhere)."""
    if not EARLIEST.year <= year <= LATEST.year:
        abort(404)


def plain(labels: dict) -> dict:
    """Return labels as plain text, translated once for the request (long tables would translate them per cell)."""
    return {key: str(label) for key, label in labels.items()}


@bp.app_template_filter("rate")
def rate_filter(rate: float | None) -> str:
    """Return an attendance rate as printed (counting.rate_text): 83.3%, or — when there is none."""
    return rate_text(rate)


@bp.app_template_global()
def month_name(year: int, month: int) -> str:
    """Return the month's short name in the reader's language: 3月, Mar."""
    return format_date(date(year, month, 1), "MMM")


@bp.app_template_filter("plain_day")
def plain_day(day: date) -> str:
    """Return a day (a date of the committee's zone) as a sentence writes it: 2026年2月25日, 25 Feb 2026."""
    return format_local(datetime(day.year, day.month, day.day, 12, tzinfo=UTC), "plain_date", "UTC", current_locale())
