"""The members blueprint, shared by the view modules of the domain."""

from __future__ import annotations

from flask import Blueprint, url_for
from werkzeug.routing import BuildError

from consult.meetings.models import MEETING_STATUSES
from consult.members.models import LEADERSHIP_ROLES, ORGAN_KINDS, QUORUM_RULES

bp = Blueprint("members", __name__)

LABELS = {
    "roles": LEADERSHIP_ROLES,
    "organ_kinds": ORGAN_KINDS,
    "quorum_rules": QUORUM_RULES,
    "statuses": MEETING_STATUSES,
}


def optional_url(endpoint: str, **values) -> str | None:
    """Return the address of another domain's page, or None while that domain does not provide it."""
    try:
        return url_for(endpoint, **values)
    except BuildError:
        return None


@bp.context_processor
def inject_member_labels() -> dict:
    """Give templates the members domain's labels and optional_url."""
    return {"member_labels": LABELS, "optional_url": optional_url}
