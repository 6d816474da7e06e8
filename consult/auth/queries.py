"""Reads of the auth domain (some that other domains ask for)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from consult.auth.models import User
from consult.extensions import db


def accounts() -> list[User]:
    """Return every account with its organ limits, active ones first, then by username (two statements)."""
    return list(db.session.scalars(
        select(User).options(selectinload(User.organ_limits)).order_by(User.active.desc(), User.username)
    ))


def account(user_id: int) -> User | None:
    """Return the account with this id and its organ limits, or None (two statements at most)."""
    return db.session.scalars(
        select(User).where(User.id == user_id).options(selectinload(User.organ_limits))
    ).first()


def username_taken(username: str) -> bool:
    """Return True when an account has this username (one statement)."""
    return db.session.scalar(select(User.id).where(User.username == (username or "").strip())) is not None


def user_name(user_id: int | None) -> str:
    """Return the name a staff account is shown by (its display name, else its username), "" for no account or
    one that no longer exists. No statement when the account is already loaded (the logged-in user)."""
    if user_id is None:
        return ""
    user = db.session.get(User, user_id)
    return (user.display_name or user.username) if user is not None else ""
