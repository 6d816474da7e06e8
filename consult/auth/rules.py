"""The rules of accounts as plain functions: the password rule, who may stay admin, the session value.

No Flask, no database: their tests are tables of cases.
"""

from __future__ import annotations

from collections.abc import Iterable

# The shortest password an account may have (the create-user command and every web form).
MIN_PASSWORD_LENGTH = 10
# The longest one taken (the login form refuses more, so a hash is never asked to digest megabytes).
MAX_PASSWORD_LENGTH = 200


def password_too_short(password: str) -> bool:
    """Return True when `password` has fewer than MIN_PASSWORD_LENGTH characters (spaces count)."""
    return len(password or "") < MIN_PASSWORD_LENGTH


def admins_left(active_admin_ids: Iterable[int], user_id: int, *, role: str, active: bool) -> int:
    """Return how many active admins remain once account `user_id` has `role` and `active`, given the ids of
    the active admins now. A change that leaves none is refused by the caller."""
    remaining = set(active_admin_ids) - {user_id}
    return len(remaining) + (1 if role == "admin" and active else 0)


def parse_session_value(value: str) -> tuple[int, int] | None:
    """Return (user id, session version) from what the session or the remember cookie keeps ("7:3"), or None
    when it is not in that shape (a value from before session versions, or a forged one)."""
    user_id, sep, version = (value or "").partition(":")
    if not (sep and _digits(user_id) and _digits(version)):
        return None
    return int(user_id), int(version)


def _digits(text: str) -> bool:
    return 0 < len(text) <= 12 and text.isascii() and text.isdigit()


def in_scope(scope: frozenset[int] | None, organ_ids: Iterable[int | None]) -> bool:
    """Return True when an account with `scope` (None: every organ) may act on something of these organs: any
    one of them is in the scope. Something of no organ is only for unrestricted accounts."""
    if scope is None:
        return True
    return any(organ_id in scope for organ_id in organ_ids if organ_id is not None)
