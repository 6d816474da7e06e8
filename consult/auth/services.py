"""Writes of the auth domain: flush and log, never commit."""

from __future__ import annotations

import logging

from sqlalchemy import select

from consult import audit
from consult.auth.models import USER_ROLES, User
from consult.db_types import utcnow
from consult.extensions import db

log = logging.getLogger(__name__)


def authenticate(username: str, password: str) -> User | None:
    """Return the active user with these credentials, or None."""
    user = db.session.scalar(select(User).where(User.username == username.strip()))
    if user is None or not user.active or not user.check_password(password):
        return None
    user.last_login_at = utcnow()
    return user


def create_user(username: str, password: str, role: str = "staff", display_name: str = "") -> User:
    """Add a staff account and return it.

    Raises ValueError when the role is unknown, the name is taken or the password too short.
    """
    if role not in USER_ROLES:
        raise ValueError(f"unknown role {role!r}; use one of {', '.join(USER_ROLES)}")
    if len(password) < 8:
        raise ValueError("the password needs at least 8 characters")
    if db.session.scalar(select(User.id).where(User.username == username)) is not None:
        raise ValueError(f"the user {username!r} exists already")
    user = User(username=username, role=role, display_name=display_name or username, active=True)
    user.set_password(password)
    db.session.add(user)
    db.session.flush()
    audit.record("user.create", user, after={"username": user.username, "display_name": user.display_name,
                                             "role": user.role, "active": user.active})
    log.info("user %s created with role %s", username, role)
    return user
