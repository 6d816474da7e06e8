"""Who is holding this phone: a member recognised by a signed cookie.

Opening the personal page /my/<access_token> once leaves a long-lived, HttpOnly cookie that names the member
and carries a fingerprint of the access token; when staff give the member a new token the fingerprint no
longer matches and the cookie is worth nothing. The cookie holds no secret: the token itself never leaves
the link.
"""

from __future__ import annotations

import hashlib
import hmac

from flask import Response, current_app, request
from itsdangerous import BadSignature, URLSafeSerializer

from consult.members.models import Member
from consult.members.queries import member_by_id

COOKIE = "consult_member"
MAX_AGE = 400 * 24 * 3600  # the longest browsers keep a cookie (Chrome caps at 400 days)
_SALT = "consult.member-browser"


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt=_SALT)


def token_fingerprint(access_token: str) -> str:
    """Return a short fingerprint of an access token (the cookie keeps this, never the token)."""
    return hashlib.sha256(access_token.encode()).hexdigest()[:20]


def remember(response: Response, member: Member) -> Response:
    """Set on `response` the cookie that recognises `member` on this browser; return the response."""
    value = _serializer().dumps({"m": member.id, "k": token_fingerprint(member.access_token)})
    response.set_cookie(
        COOKIE, value, max_age=MAX_AGE, httponly=True, samesite="Lax",
        secure=current_app.config.get("SESSION_COOKIE_SECURE", False), path="/",
    )
    return response


def forget(response: Response) -> Response:
    """Remove the recognising cookie (the member said "this is not me" or the token is stale); return it."""
    response.delete_cookie(COOKIE, path="/", httponly=True, samesite="Lax")
    return response


def recognised_member() -> Member | None:
    """Return the active member this browser's cookie names, or None: no cookie, a bad signature, a member who
    left, or an access token rotated since the cookie was set."""
    raw = request.cookies.get(COOKIE)
    if not raw:
        return None
    try:
        value = _serializer().loads(raw)
        member_id, fingerprint = int(value["m"]), str(value["k"])
    except (BadSignature, KeyError, TypeError, ValueError):
        return None
    member = member_by_id(member_id)
    if member is None or not member.active:
        return None
    if not hmac.compare_digest(fingerprint, token_fingerprint(member.access_token)):
        return None
    return member
