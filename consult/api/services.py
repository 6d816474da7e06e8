"""Writes of API tokens: create, revoke, note a use. Flush and log, never commit."""

from __future__ import annotations

import logging
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from consult import audit
from consult.api.models import ApiToken
from consult.api.scopes import SCOPES, missing_companions, stored_scopes
from consult.api.tokens import new_secret, secret_hash, visible_prefix
from consult.extensions import db

log = logging.getLogger(__name__)

NAME_MAX = 80


def token_by_creation_key(creation_key: str) -> ApiToken | None:
    """Return the token made by the form sent with `creation_key`, or None."""
    return db.session.scalars(select(ApiToken).where(ApiToken.creation_key == creation_key)).first()


def create_token(
    *, name: str, scopes, owner_id: int, created_by_id: int | None, now: datetime, creation_key: str,
    expires_at: datetime | None = None,
) -> tuple[ApiToken, str | None]:
    """Add a token and return it with its secret, the only time the secret exists outside the caller's
    hands. When a token was already made with `creation_key` (the form sent twice), return that one with
    None: its secret was shown once and cannot be shown again.

    Raises ValueError for an empty or too long name, no scope, an unknown scope, a scope without the one it
    needs, or an expiry not after `now`.
    """
    existing = token_by_creation_key(creation_key)
    if existing is not None:
        return existing, None
    name = " ".join((name or "").split())
    chosen = set(scopes)
    if not name or len(name) > NAME_MAX:
        raise ValueError(f"a token's name has 1 to {NAME_MAX} characters")
    if not chosen or chosen - set(SCOPES) or missing_companions(chosen):
        raise ValueError(f"scopes must be known, at least one, with what they need: {sorted(chosen)}")
    if expires_at is not None and expires_at <= now:
        raise ValueError("a token must expire after it is made")
    secret = new_secret()
    token = ApiToken(
        name=name, prefix=visible_prefix(secret), secret_hash=secret_hash(secret), scopes=stored_scopes(chosen),
        owner_id=owner_id, created_by_id=created_by_id, created_at=now, creation_key=creation_key,
        expires_at=expires_at,
    )
    try:
        with db.session.begin_nested():
            db.session.add(token)
    except IntegrityError:  # two requests with one key: the other one made it
        existing = token_by_creation_key(creation_key)
        if existing is None:
            raise
        return existing, None
    audit.record("api_token.create", token, label=f"{token.name} ({token.prefix}…)", at=now,
                 after={"name": token.name, "prefix": token.prefix, "scopes": sorted(chosen), "owner_id": owner_id,
                        "expires_at": expires_at})
    log.info("API token %s (%s) created for user %s by user %s, scopes %s", token.id, token.prefix, owner_id,
             created_by_id, token.scopes)
    return token, secret


def revoke_token(token: ApiToken, *, by_user_id: int | None, now: datetime) -> bool:
    """Revoke `token` from `now` on; return False when it was revoked already (nothing changes)."""
    if token.revoked_at is not None:
        return False
    token.revoked_at, token.revoked_by_id = now, by_user_id
    db.session.flush()
    audit.record("api_token.revoke", token, label=f"{token.name} ({token.prefix}…)", at=now,
                 before={"revoked_at": None}, after={"revoked_at": now})
    log.info("API token %s (%s) revoked by user %s", token.id, token.prefix, by_user_id)
    return True


def note_use(token: ApiToken, now: datetime) -> None:
    """Record that `token` was used at `now`."""
    token.last_used_at = now
    db.session.flush()
