"""API tokens: how they look and are kept (only a hash), their scopes, and when they stop working."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from consult.api import services, tokens
from consult.api.models import ApiToken
from consult.api.scopes import (
    MEMBERS_CONTACT,
    MEMBERS_READ,
    SITTINGS_READ,
    missing_companions,
    parse_scopes,
    stored_scopes,
)
from consult.extensions import db
from tests.api.conftest import bearer
from tests.conftest import TEST_NOW

NOW = datetime(2030, 3, 1, 2, 0, tzinfo=UTC)
HOUR = timedelta(hours=1)


def test_a_new_token_is_256_random_bits_behind_a_marker():
    first, second = tokens.new_secret(), tokens.new_secret()
    assert first != second and first.startswith("cst_") and len(first) == 4 + 43
    assert tokens.visible_prefix(first) == first[:12] and tokens.looks_like_bearer(first)


def test_only_the_sha256_is_what_is_kept():
    assert tokens.secret_hash("cst_abc") == hashlib.sha256(b"cst_abc").hexdigest()


@pytest.mark.parametrize(("header", "value"), [
    (None, None),
    ("Bearer cst_abc", "cst_abc"),
    ("bearer   cst_abc  ", "cst_abc"),
    ("Basic dXNlcjpwYXNz", ""),
    ("Bearer", ""),
    ("", ""),
])
def test_the_bearer_value_of_an_authorization_header(header, value):
    assert tokens.bearer_value(header) == value


@pytest.mark.parametrize(("value", "looks"), [
    ("cst_" + "a" * 43, True),
    ("x" * 43, True),  # a member's personal link token
    ("short", False),
    ("cst_" + "a" * 200, False),
    ("cst_abc def ghij klmn opqr", False),
    ("cst_abcdefghijklmnopqrst\x00", False),
    ("cst_abcdefghijklmnopqrst'", False),
])
def test_what_may_be_looked_up(value, looks):
    assert tokens.looks_like_bearer(value) is looks


@pytest.mark.parametrize(("expires", "revoked", "state"), [
    (None, None, tokens.ACTIVE),
    (NOW + HOUR, None, tokens.ACTIVE),
    (NOW, None, tokens.EXPIRED),
    (NOW - HOUR, None, tokens.EXPIRED),
    (None, NOW, tokens.REVOKED),
    (NOW - HOUR, NOW - HOUR, tokens.REVOKED),
    (None, NOW + HOUR, tokens.ACTIVE),
])
def test_token_state(expires, revoked, state):
    assert tokens.token_state(NOW, expires, revoked) == state


@pytest.mark.parametrize(("last", "touch"), [
    (None, True), (NOW - timedelta(seconds=59), False), (NOW - timedelta(seconds=60), True), (NOW - HOUR, True),
])
def test_last_use_is_written_once_a_minute_at_most(last, touch):
    assert tokens.needs_touch(NOW, last) is touch


def test_scopes_as_stored_and_read_back():
    assert stored_scopes({MEMBERS_CONTACT, SITTINGS_READ, MEMBERS_READ}) == "sittings:read members:read members:contact"
    assert parse_scopes("members:read nonsense sittings:read") == {MEMBERS_READ, SITTINGS_READ}
    assert parse_scopes("") == frozenset() and parse_scopes(None) == frozenset()
    assert missing_companions({MEMBERS_CONTACT}) == {MEMBERS_CONTACT: MEMBERS_READ}
    assert missing_companions({MEMBERS_CONTACT, MEMBERS_READ}) == {}


def test_the_secret_is_returned_once_and_stored_as_a_hash(app, tokens):
    owner = tokens.owner()
    token, secret = services.create_token(name=" OA  系统 ", scopes=[SITTINGS_READ], owner_id=owner.id,
                                          created_by_id=None, now=TEST_NOW, creation_key="form-key-0001")
    db.session.commit()
    row = db.session.scalars(select(ApiToken)).one()
    assert row.name == "OA 系统" and row.secret_hash == hashlib.sha256(secret.encode()).hexdigest()
    assert row.prefix == secret[:12] and secret not in " ".join(str(v) for v in vars(row).values())
    # the same form sent again: the same token, no second secret
    again, no_secret = services.create_token(name="OA", scopes=[MEMBERS_READ], owner_id=owner.id,
                                             created_by_id=None, now=TEST_NOW, creation_key="form-key-0001")
    assert again.id == token.id and no_secret is None
    assert db.session.scalar(select(db.func.count(ApiToken.id))) == 1


@pytest.mark.parametrize(("name", "scopes", "expires"), [
    ("", [SITTINGS_READ], None),
    ("x" * 81, [SITTINGS_READ], None),
    ("OA", [], None),
    ("OA", ["everything"], None),
    ("OA", [MEMBERS_CONTACT], None),
    ("OA", [SITTINGS_READ], TEST_NOW),
])
def test_a_token_that_cannot_be_made(app, tokens, name, scopes, expires):
    with pytest.raises(ValueError):
        services.create_token(name=name, scopes=scopes, owner_id=tokens.owner().id, created_by_id=None,
                              now=TEST_NOW, creation_key="form-key-0002", expires_at=expires)


def test_revoking_twice_changes_nothing_the_second_time(app, tokens):
    tokens.make(SITTINGS_READ)
    token = db.session.scalars(select(ApiToken)).one()
    assert services.revoke_token(token, by_user_id=None, now=TEST_NOW)
    assert not services.revoke_token(token, by_user_id=None, now=TEST_NOW + HOUR)
    assert token.revoked_at == TEST_NOW


# --- the token at work ---------------------------------------------------------------------------


def _status(client, secret, path="/api/v1/sittings"):
    return client.get(path, headers=bearer(secret)).status_code


def test_a_working_token_notes_its_last_use_once_a_minute(client, tokens, clock):
    secret = tokens.make(SITTINGS_READ)
    token = db.session.scalars(select(ApiToken)).one()
    assert token.last_used_at is None
    assert _status(client, secret) == 200
    db.session.expire_all()
    assert token.last_used_at == clock.now
    clock.now = TEST_NOW + timedelta(seconds=30)
    assert _status(client, secret) == 200
    db.session.expire_all()
    assert token.last_used_at == TEST_NOW
    clock.now = TEST_NOW + timedelta(minutes=2)
    assert _status(client, secret) == 200
    db.session.expire_all()
    assert token.last_used_at == TEST_NOW + timedelta(minutes=2)


def test_a_revoked_token_is_refused_at_once(client, tokens, clock):
    secret = tokens.make(SITTINGS_READ)
    assert _status(client, secret) == 200
    services.revoke_token(db.session.scalars(select(ApiToken)).one(), by_user_id=None, now=clock.now)
    db.session.commit()
    response = client.get("/api/v1/sittings", headers=bearer(secret))
    assert response.status_code == 401 and response.json["error"] == "invalid_token"
    assert 'error="invalid_token"' in response.headers["WWW-Authenticate"]


def test_an_expired_token_is_refused(client, tokens, clock):
    secret = tokens.make(SITTINGS_READ, expires_at=TEST_NOW + HOUR)
    assert _status(client, secret) == 200
    clock.now = TEST_NOW + HOUR
    assert _status(client, secret) == 401


def test_the_token_of_a_disabled_account_is_refused(client, tokens):
    owner = tokens.owner("leaving")
    secret = tokens.make(SITTINGS_READ, owner=owner)
    assert _status(client, secret) == 200
    owner.active = False
    db.session.commit()
    assert _status(client, secret) == 401


@pytest.mark.parametrize("header", [
    "Bearer cst_" + "x" * 43,  # unknown
    "Bearer nope",  # malformed
    "Basic dXNlcjpwYXNz",  # another scheme
    "Bearer cst_" + "x" * 300,  # too long to be a token
])
def test_a_header_that_names_no_token_is_refused(client, header):
    response = client.get("/api/v1/sittings", headers={"Authorization": header})
    assert response.status_code == 401 and response.is_json
    assert response.headers["WWW-Authenticate"].startswith('Bearer realm="consult"')


def test_a_header_with_a_nul_character_is_refused_without_a_database_error(client):
    response = client.get("/api/v1/sittings", headers={"Authorization": "Bearer cst_abcdefghijklmnopqrstu\x00vw"})
    assert response.status_code == 401 and response.is_json
