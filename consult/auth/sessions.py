"""Logged-in sessions: loading the request's account, ending every session of an account, and the login's
rate limits.

The session and the remember cookie keep the account's id with its session version ("7:3", User.get_id). Each
request loads the account (one statement, with the organs it is limited to) and refuses a value whose version
is not the account's: raising the version ends every session and every remember cookie of that account at
once, on every app server, because the version lives in the database they share.
"""

from __future__ import annotations

import logging
import math
import time

from flask import current_app, request
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from sqlalchemy import select
from sqlalchemy.orm import joinedload
from werkzeug.security import check_password_hash, generate_password_hash

from consult.auth.models import User
from consult.auth.rules import parse_session_value
from consult.extensions import db

log = logging.getLogger(__name__)


def load_user(value: str) -> User | None:
    """Return the active account named by a session or remember-cookie value, or None (unknown account, a
    disabled one, or a version that is no longer the account's: logged out, password changed)."""
    parsed = parse_session_value(value)
    if parsed is None:
        return None
    user_id, version = parsed
    user = db.session.scalars(
        select(User).where(User.id == user_id).options(joinedload(User.organ_limits))
    ).unique().first()
    if user is None or not user.active or user.session_version != version:
        return None
    return user


def end_sessions(user: User, *, reason: str) -> None:
    """End every session and remember cookie of `user` (on every device and server) by raising its version."""
    user.session_version = (user.session_version or 0) + 1
    db.session.flush()
    log.info("sessions of user %s ended: %s", user.username, reason)


def dummy_password_check(password: str) -> None:
    """Check `password` against a throw-away hash of the configured kind, so that a login with an unknown
    username takes as long as one with a known username (nothing to learn from the timing)."""
    hashed = current_app.extensions.get("consult_dummy_hash")
    if hashed is None:
        method = current_app.config.get("PASSWORD_HASH_METHOD", "scrypt")
        hashed = current_app.extensions["consult_dummy_hash"] = generate_password_hash("not-a-password", method)
    check_password_hash(hashed, password)


# --- the login's rate limits (Flask-Limiter; shared across servers when RATELIMIT_STORAGE_URI is Redis) ---------


def limit_logins(app) -> Limiter:
    """Give `app` its own Flask-Limiter (storage from RATELIMIT_STORAGE_URI) and limit failed logins per typed
    username and per address; return the limiter. One per app: a shared one would keep the first app's settings.
    """
    limiter = Limiter(key_func=get_remote_address, app=app)
    login = app.view_functions["auth.login"]
    for limit, key, scope in ((account_limit, login_account_key, "login-account"),
                              (address_limit, login_address_key, "login-address")):
        login = limiter.limit(limit, key_func=key, methods=["POST"], deduct_when=failed_login, scope=scope)(login)
    app.view_functions["auth.login"] = login
    app.extensions["consult_limiter"] = limiter
    return limiter


def login_account_key() -> str:
    """Return the rate-limit key of the account a login names (the typed username, case and spaces ignored)."""
    return "login-account:" + "".join((request.form.get("username") or "").split()).casefold()[:40]


def login_address_key() -> str:
    """Return the rate-limit key of the address a login comes from (the proxy's client when behind one)."""
    return "login-address:" + (get_remote_address() or "")


def account_limit() -> str:
    """Return how many failed logins an account takes in a window (CONSULT_LOGIN_ACCOUNT_LIMIT)."""
    return current_app.config["CONSULT_LOGIN_ACCOUNT_LIMIT"]


def address_limit() -> str:
    """Return how many failed logins an address may make in a window (CONSULT_LOGIN_ADDRESS_LIMIT)."""
    return current_app.config["CONSULT_LOGIN_ADDRESS_LIMIT"]


def failed_login(response) -> bool:
    """Return True for the answer to a login that did not succeed (only those count against the limits)."""
    return response.status_code != 302


def retry_minutes() -> int:
    """Return in how many whole minutes (at least 1) the rate limit this request reached lets the person try
    again, for the 429 page."""
    current = current_app.extensions["consult_limiter"].current_limit
    if current is None:
        return 1
    return max(1, math.ceil((current.reset_at - time.time()) / 60))
