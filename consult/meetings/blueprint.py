"""The meetings blueprint and what its view modules share."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from flask import Blueprint

from consult.committee import get_committee
from consult.meetings.kinds import CONSULTATION_FORMS, SITTING_KINDS
from consult.meetings.models import VISIBILITIES
from consult.meetings.numbering import number_label
from consult.meetings.scheduling import notice_days
from consult.meetings.statuses import MEETING_STATUSES
from consult.members.models import ORGAN_KINDS, QUORUM_RULES

bp = Blueprint("meetings", __name__)

LABELS = {
    "sitting_kinds": SITTING_KINDS,
    "consultation_forms": CONSULTATION_FORMS,
    "statuses": MEETING_STATUSES,
    "visibilities": VISIBILITIES,
    "quorum_rules": QUORUM_RULES,
    "organ_kinds": ORGAN_KINDS,
}


@bp.app_template_global()
def organ_notice_days(organ) -> int:
    """Return the days of notice the organ's sittings need (its own, else its kind's default)."""
    return notice_days(organ.kind, organ.notice_days)


@bp.app_template_global()
def organ_number_label(organ) -> str:
    """Return the words the organ's numbered sittings end with (常委会议), or "" when it numbers none."""
    return number_label(organ.kind, organ.number_label)


@bp.app_template_global()
def meeting_date_in_zone(moment: datetime) -> date:
    """Return the committee-zone date of an instant (for grouping in templates)."""
    return moment.astimezone(ZoneInfo(get_committee().time_zone)).date()

