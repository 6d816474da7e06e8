"""The on-site blueprint and its labels."""

from __future__ import annotations

from flask import Blueprint
from flask_babel import lazy_gettext as _l

from consult.onsite.attendance import ABSENT, ON_LEAVE, PRESENT
from consult.onsite.models import APPROVED, PENDING, REFUSED

bp = Blueprint("onsite", __name__)

ATTENDANCE_LABELS = {PRESENT: _l("Present"), ON_LEAVE: _l("On leave"), ABSENT: _l("Absent")}
LEAVE_LABELS = {PENDING: _l("Waiting for the office"), APPROVED: _l("Leave approved"), REFUSED: _l("Leave refused")}
