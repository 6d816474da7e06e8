"""The members blueprint, shared by the view modules of the domain."""

from __future__ import annotations

from flask import Blueprint

from consult.meetings.statuses import MEETING_STATUSES
from consult.members.models import GENDERS, LEADERSHIP_ROLES, ORGAN_KINDS, POST_LABELS, QUORUM_RULES

bp = Blueprint("members", __name__)

LABELS = {
    "roles": LEADERSHIP_ROLES,
    "organ_kinds": ORGAN_KINDS,
    "quorum_rules": QUORUM_RULES,
    "statuses": MEETING_STATUSES,
    "genders": GENDERS,
    "posts": POST_LABELS,
}


@bp.context_processor
def inject_member_labels() -> dict:
    """Give templates the members domain's labels."""
    return {"member_labels": LABELS}
