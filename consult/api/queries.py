"""Reads of API tokens: the admin page's list, a token by its secret."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from consult.api.models import ApiToken
from consult.api.tokens import secret_hash
from consult.auth.models import User
from consult.extensions import db


def token_by_secret(secret: str) -> ApiToken | None:
    """Return the token whose secret is `secret` (found by its hash, with its owner), or None."""
    return db.session.scalars(
        select(ApiToken).where(ApiToken.secret_hash == secret_hash(secret)).options(joinedload(ApiToken.owner))
    ).first()


def all_tokens() -> list[ApiToken]:
    """Return every token, newest first, with its owner (one statement)."""
    return list(db.session.scalars(
        select(ApiToken).options(joinedload(ApiToken.owner)).order_by(ApiToken.created_at.desc(), ApiToken.id.desc())
    ))


def token_owners() -> list[User]:
    """Return the active staff and admin accounts a token may act for, by name (one statement)."""
    return list(db.session.scalars(
        select(User).where(User.active.is_(True)).order_by(User.username)
    ))
