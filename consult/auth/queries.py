"""Reads of the auth domain that other domains ask for."""

from __future__ import annotations

from consult.auth.models import User
from consult.extensions import db


def user_name(user_id: int | None) -> str:
    """Return the name a staff account is shown by (its display name, else its username), "" for no account or
    one that no longer exists. No statement when the account is already loaded (the logged-in user)."""
    if user_id is None:
        return ""
    user = db.session.get(User, user_id)
    return (user.display_name or user.username) if user is not None else ""
