"""Who is calling the API: anonymous, a staff or system token (with its scopes), or a member with their own
personal link token (the `/my/<token>` one).

Only the `Authorization: Bearer …` header counts. The site's cookies (a staff login, a member's phone) never
authenticate an API request, so a page on another site cannot make a browser write through the API, and the
API needs no CSRF token.

What each may see of sittings is a meetings.queries.Audience: a token with `sittings:read` sees what staff
see; a member sees the public sittings and those they are invited to; anyone else (and a token without that
scope) what the public pages show.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from flask import g, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from consult.api import queries, services
from consult.api.errors import api_abort
from consult.api.scopes import SITTINGS_READ
from consult.api.tokens import ACTIVE, bearer_value, looks_like_bearer, needs_touch
from consult.committee import clock
from consult.extensions import db
from consult.meetings.queries import PUBLIC, STAFF, Audience

log = logging.getLogger(__name__)

BAD_TOKEN = _l("The API token is not valid: it is unknown, revoked or expired, or its owner's account is disabled.")
NEEDS_TOKEN = _l("This needs a staff API token: send it as Authorization: Bearer followed by the token.")
STAFF_ONLY = _l("A member's personal link can give opinions and read sittings; this needs a staff API token.")


@dataclass(frozen=True)
class Caller:
    """The caller of one request: a token's id, owner and scopes, or a member's id, or neither (anonymous)."""

    token_id: int | None = None
    token_prefix: str = ""
    owner_id: int | None = None
    scopes: frozenset[str] = frozenset()
    member_id: int | None = None
    # The organs the token's owner may act on (consult/auth/scope.py): None for every organ.
    organ_ids: frozenset[int] | None = None

    @property
    def is_token(self) -> bool:
        return self.token_id is not None

    @property
    def audience(self) -> Audience:
        """Return who is looking, for the visibility rules of sittings (meetings.queries.visible_to)."""
        if self.is_token and SITTINGS_READ in self.scopes:
            return self.staff_audience
        if self.member_id is not None:
            return Audience(member_id=self.member_id)
        return PUBLIC

    @property
    def staff_audience(self) -> Audience:
        """Return what the token's owner sees as staff: every sitting, or only their organs' when the owner's
        account is limited to some organs."""
        return STAFF if self.organ_ids is None else Audience(staff=True, organ_ids=self.organ_ids)

    def may_act_on(self, *organ_ids: int | None) -> bool:
        """Return True when the token's owner is staff for something of these organs (always, unlimited)."""
        return self.organ_ids is None or any(organ_id in self.organ_ids for organ_id in organ_ids)

    def has(self, scope: str) -> bool:
        """Return True when the caller is a token with `scope`."""
        return self.is_token and scope in self.scopes


ANONYMOUS = Caller()


def _refuse_credentials(detail: str) -> None:
    api_abort(401, error="invalid_token", message=BAD_TOKEN,
              headers={"WWW-Authenticate": f'Bearer realm="consult", error="invalid_token", '
                                           f'error_description="{detail}"'})


def authenticate() -> Caller:
    """Return the caller named by the request's Authorization header (ANONYMOUS without one) and keep it for
    current_caller(). Raises 401 for a header that names no working token: another scheme, an unknown,
    revoked or expired token, a token whose owner is disabled, the personal link of a former member."""
    value = bearer_value(request.headers.get("Authorization"))
    if value is None:
        caller = ANONYMOUS
    elif not looks_like_bearer(value):
        _refuse_credentials("malformed")
    else:
        caller = _token_caller(value) or _member_caller(value)
        if caller is None:
            _refuse_credentials("unknown, revoked or expired")
    g.api_caller = caller
    return caller


def _token_caller(value: str) -> Caller | None:
    token = queries.token_by_secret(value)
    if token is None:
        return None
    now = clock.now()
    if token.state(now) != ACTIVE or not token.owner.active or not token.owner.is_staff:
        return None
    caller = Caller(token_id=token.id, token_prefix=token.prefix, owner_id=token.owner_id, scopes=token.scope_set,
                    organ_ids=token.owner.organ_ids)
    if needs_touch(now, token.last_used_at):
        services.note_use(token, now)
        db.session.commit()  # on its own, before the view: a read must not hold the write lock
    return caller


def _member_caller(value: str) -> Caller | None:
    from consult.feeds.queries import member_by_access_token

    member = member_by_access_token(value)
    if member is None or not member.active:
        return None
    return Caller(member_id=member.id)


def current_caller() -> Caller:
    """Return the caller of this request (authenticate() ran before every API view)."""
    return g.get("api_caller", ANONYMOUS)


def require_scope(scope: str) -> Caller:
    """Return the caller when it is a token with `scope`; raise 401 for an anonymous caller, 403 for a member's
    link or a token without it (naming the scope in WWW-Authenticate, RFC 6750)."""
    caller = current_caller()
    if caller.has(scope):
        return caller
    if not caller.is_token and caller.member_id is None:
        api_abort(401, message=NEEDS_TOKEN)
    message = STAFF_ONLY if not caller.is_token else _("The API token does not have the scope %(scope)s.", scope=scope)
    api_abort(403, error="insufficient_scope", message=message,
              headers={"WWW-Authenticate": f'Bearer realm="consult", error="insufficient_scope", scope="{scope}"'})
