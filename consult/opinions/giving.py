"""What a guest must say to give an opinion: the rules the phone form (views.read_entry) and the JSON API
(consult.api.opinion_views) share. Who may give at all is onsite.rules.guests_welcome and the collection's
state (onsite.collection); the text's rules are text.py's."""

from __future__ import annotations

from consult.members.queries import active_member_named
from consult.opinions.blueprint import GUEST_NAME_MAX, GUEST_ORGANISATION_MAX

MISSING, TOO_LONG, MEMBERS_NAME = "missing", "too_long", "members_name"


def tidy(value: str | None) -> str:
    """Return a guest's name or organisation as stored: runs of spaces (full-width too) made one, ends trimmed."""
    return " ".join((value or "").split())


def guest_problems(name: str, organisation: str) -> dict[str, str]:
    """Return the problem of each tidied guest field that cannot be stored, by field ("guest_name",
    "guest_organisation"): MISSING, TOO_LONG, or MEMBERS_NAME for the name of an active member (a member
    gives opinions as themselves). Empty when both can be stored."""
    problems = {}
    if not name:
        problems["guest_name"] = MISSING
    elif len(name) > GUEST_NAME_MAX:
        problems["guest_name"] = TOO_LONG
    elif active_member_named(name) is not None:
        problems["guest_name"] = MEMBERS_NAME
    if not organisation:
        problems["guest_organisation"] = MISSING
    elif len(organisation) > GUEST_ORGANISATION_MAX:
        problems["guest_organisation"] = TOO_LONG
    return problems
