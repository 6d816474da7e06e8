"""API tokens as plain values: how a new token looks, the hash kept instead of it, the prefix shown to
identify it, and whether a stored token still works at a moment. No Flask, no database; `now` is passed in.

A token is `cst_` and 43 characters of URL-safe base64 (32 random bytes, 256 bits). Only its SHA-256 is
stored; the first 12 characters (the marker and 8 random characters) are kept in clear so that a list of
tokens, a log line or a leaked string can be matched to a row without the secret.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from datetime import datetime

MARKER = "cst_"
PREFIX_LENGTH = 12
# What a bearer value may look like before anything is looked up: an API token, or a member's personal
# link token (secrets.token_urlsafe(32)); nothing else reaches the database.
_BEARER = re.compile(r"[A-Za-z0-9_-]{20,100}")

ACTIVE, EXPIRED, REVOKED = "active", "expired", "revoked"


def new_secret() -> str:
    """Return a new token: the marker and 32 random bytes as URL-safe base64."""
    return MARKER + secrets.token_urlsafe(32)


def secret_hash(secret: str) -> str:
    """Return the SHA-256 of `secret` as 64 hex digits: what the database keeps."""
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def visible_prefix(secret: str) -> str:
    """Return the part of `secret` shown to identify it (cst_ and 8 characters)."""
    return secret[:PREFIX_LENGTH]


def looks_like_bearer(value: str) -> bool:
    """Return True when `value` could be a token (its length and alphabet), before asking the database."""
    return _BEARER.fullmatch(value) is not None


def bearer_value(header: str | None) -> str | None:
    """Return the credential of an `Authorization: Bearer …` header ("" for a header of another scheme or
    without a value), or None when there is no header."""
    if header is None:
        return None
    scheme, _, value = header.strip().partition(" ")
    if scheme.lower() != "bearer":
        return ""
    return value.strip()


def token_state(now: datetime, expires_at: datetime | None, revoked_at: datetime | None) -> str:
    """Return ACTIVE, EXPIRED or REVOKED: whether a token works at `now` (revoked wins over expired)."""
    if revoked_at is not None and revoked_at <= now:
        return REVOKED
    if expires_at is not None and expires_at <= now:
        return EXPIRED
    return ACTIVE


# Last use is written at most this often (seconds): a system polling every second would otherwise make a
# write of every read.
LAST_USED_EVERY = 60


def needs_touch(now: datetime, last_used_at: datetime | None) -> bool:
    """Return True when the token's last use should be written again at `now`."""
    return last_used_at is None or (now - last_used_at).total_seconds() >= LAST_USED_EVERY
