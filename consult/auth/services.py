"""Writes of the auth domain: flush and log, never commit."""

from __future__ import annotations

import logging
import secrets
from collections.abc import Iterable

from sqlalchemy import select

from consult import audit
from consult.auth.models import USER_ROLES, User, UserOrgan
from consult.auth.rules import MIN_PASSWORD_LENGTH, admins_left, password_too_short
from consult.auth.sessions import dummy_password_check, end_sessions
from consult.db_types import utcnow
from consult.extensions import db

log = logging.getLogger(__name__)


class LastAdmin(ValueError):
    """The change would leave the committee without an active administrator."""


def authenticate(username: str, password: str) -> User | None:
    """Return the active user with these credentials (and note the login time), or None.

    An unknown or disabled username costs the same password check as a known one, so the answer's timing tells
    nothing about which usernames exist.
    """
    user = db.session.scalar(select(User).where(User.username == (username or "").strip()))
    if user is None:
        dummy_password_check(password)
        return None
    if not user.check_password(password) or not user.active:
        return None
    user.last_login_at = utcnow()
    return user


def generated_password() -> str:
    """Return a new random password of 16 characters (letters, digits, - and _), for an admin to hand over."""
    return secrets.token_urlsafe(12)


def _check_password(password: str) -> None:
    if password_too_short(password):
        raise ValueError(f"the password needs at least {MIN_PASSWORD_LENGTH} characters")


def create_user(
    username: str, password: str, role: str = "staff", display_name: str = "", organ_ids: Iterable[int] = ()
) -> User:
    """Add a staff account (limited to `organ_ids` when some are given) and return it.

    Raises ValueError when the role is unknown, the name is taken or the password too short.
    """
    username = (username or "").strip()
    if role not in USER_ROLES:
        raise ValueError(f"unknown role {role!r}; use one of {', '.join(USER_ROLES)}")
    if not username or len(username) > 40:
        raise ValueError("the username needs 1 to 40 characters")
    _check_password(password)
    if db.session.scalar(select(User.id).where(User.username == username)) is not None:
        raise ValueError(f"the user {username!r} exists already")
    user = User(username=username, role=role, display_name=display_name or username, active=True, session_version=1)
    user.set_password(password)
    user.organ_limits = [UserOrgan(organ_id=organ_id) for organ_id in sorted(set(organ_ids))]
    db.session.add(user)
    db.session.flush()
    audit.record("user.create", user, after={"username": user.username, "display_name": user.display_name,
                                             "role": user.role, "active": user.active})
    log.info("user %s created with role %s", username, role)
    return user


def active_admin_ids() -> set[int]:
    """Return the ids of the active administrators (one statement)."""
    return set(db.session.scalars(select(User.id).where(User.role == "admin", User.active.is_(True))))


def update_user(user: User, *, display_name: str, role: str, organ_ids: Iterable[int], by: str) -> None:
    """Set an account's name, role and organ limits (none: every organ).

    Raises LastAdmin when this would leave no active administrator, ValueError for an unknown role.
    """
    if role not in USER_ROLES:
        raise ValueError(f"unknown role {role!r}")
    if admins_left(active_admin_ids(), user.id, role=role, active=user.active) == 0:
        raise LastAdmin(user.username)
    wanted = sorted(set(organ_ids)) if role != "admin" else []
    taken = audit.snapshot(user, {"display_name": lambda u: u.display_name, "role": lambda u: u.role,
                                  "organs": lambda u: sorted(limit.organ_id for limit in u.organ_limits)})
    user.display_name = display_name or user.username
    user.role = role
    kept = {limit.organ_id: limit for limit in user.organ_limits}
    user.organ_limits = [kept.get(organ_id) or UserOrgan(organ_id=organ_id) for organ_id in wanted]
    db.session.flush()
    audit.record_changes("user.update", user, taken)
    log.info("user %s set to role %s, organs %s by %s", user.username, role, wanted or "all", by)


def set_active(user: User, active: bool, *, by: str) -> None:
    """Enable or disable an account; a disabled account is logged out everywhere at once.

    Raises LastAdmin when disabling it would leave no active administrator.
    """
    if not active and admins_left(active_admin_ids(), user.id, role=user.role, active=False) == 0:
        raise LastAdmin(user.username)
    changed = user.active != active
    user.active = active
    if not active:
        end_sessions(user, reason=f"disabled by {by}")
    db.session.flush()
    if changed:
        audit.record("user.enable" if active else "user.disable", user, before={"active": not active},
                     after={"active": active})
    log.info("user %s %s by %s", user.username, "enabled" if active else "disabled", by)


def set_password(user: User, password: str, *, by: str) -> None:
    """Give an account a new password and end all its sessions (the caller logs its own session in again when
    the person changed their own password). Raises ValueError when the password is too short."""
    _check_password(password)
    user.set_password(password)
    end_sessions(user, reason=f"password set by {by}")
    audit.record("user.password", user, note=f"by {by}")


def log_out(user: User) -> None:
    """End the sessions of `user` on logging out: the session and remember cookies, copied or not, stop working."""
    end_sessions(user, reason="logged out")
