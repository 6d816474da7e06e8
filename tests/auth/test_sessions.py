"""Sessions end when they should (review finding #5): logout, a new password and a disabled account end the
session and the remember cookie, copied or not; the remember cookie is SameSite=Lax, HttpOnly, and Secure when
cookies are secure."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from consult import create_app
from consult.auth.models import User
from consult.auth.services import create_user, set_active
from consult.extensions import db

STAFF_PAGE = "/account/password"  # a page for logged-in staff only


def _log_in(client, username="clerk", password="clerk-password-1", remember=True):
    data = {"username": username, "password": password}
    if remember:
        data["remember"] = "y"
    response = client.post("/login", data=data)
    assert response.status_code == 302, response.get_data(as_text=True)
    return response


def _cookie(client, name):
    cookie = client.get_cookie(name, domain="consult.test")
    assert cookie is not None, name
    return cookie.value


def _client_with(app, **cookies):
    other = app.test_client()
    for name, value in cookies.items():
        other.set_cookie(name, value, domain="consult.test")
    return other


def _is_logged_in(client) -> bool:
    response = client.get(STAFF_PAGE)
    if response.status_code == 302:
        assert "/login" in response.headers["Location"]
        return False
    assert response.status_code in (200, 302), response.status_code
    return True


@pytest.fixture
def clerk(app):
    user = create_user("clerk", "clerk-password-1", role="staff")
    create_user("boss", "boss-password-1", role="admin")
    db.session.commit()
    return user


def test_logout_ends_the_copied_session_and_remember_cookie(app, client, clerk):
    _log_in(client)
    session, remember = _cookie(client, "session"), _cookie(client, "remember_token")
    # Before logging out, each copy alone is a logged-in browser.
    assert _is_logged_in(_client_with(app, session=session))
    assert _is_logged_in(_client_with(app, remember_token=remember))
    client.post("/logout")
    assert not _is_logged_in(client)
    assert not _is_logged_in(_client_with(app, session=session))
    assert not _is_logged_in(_client_with(app, remember_token=remember))


def test_a_new_password_ends_other_sessions_and_keeps_this_one(app, client, clerk):
    _log_in(client)
    elsewhere = _client_with(app, remember_token=_cookie(client, "remember_token"))
    assert _is_logged_in(elsewhere)
    response = client.post("/account/password", data={
        "current": "clerk-password-1", "new": "clerk-password-2", "repeat": "clerk-password-2"})
    assert response.status_code == 302
    assert _is_logged_in(client)
    assert not _is_logged_in(elsewhere)
    assert not _is_logged_in(_client_with(app, session=_cookie(elsewhere, "session")))
    # The new remember cookie this browser got works on its own.
    assert _is_logged_in(_client_with(app, remember_token=_cookie(client, "remember_token")))
    client.post("/logout")
    assert _log_in(client, password="clerk-password-2")


def test_changing_ones_password_needs_the_current_one_and_ten_characters(client, clerk, english):
    _log_in(client)
    wrong = client.post("/account/password", data={"current": "not-it-at-all", "new": "x" * 12, "repeat": "x" * 12})
    assert wrong.status_code == 400 and "not your current password" in wrong.get_data(as_text=True)
    short = client.post("/account/password", data={
        "current": "clerk-password-1", "new": "short-9ch", "repeat": "short-9ch"})
    assert short.status_code == 400 and "at least 10 characters" in short.get_data(as_text=True)
    differ = client.post("/account/password", data={
        "current": "clerk-password-1", "new": "a-long-password", "repeat": "b-long-password"})
    assert differ.status_code == 400 and "differ" in differ.get_data(as_text=True)
    assert db.session.get(User, clerk.id).check_password("clerk-password-1")


def test_a_disabled_account_is_logged_out_at_once(app, client, clerk):
    _log_in(client)
    copy = _client_with(app, remember_token=_cookie(client, "remember_token"))
    set_active(db.session.get(User, clerk.id), False, by="test")
    db.session.commit()
    assert not _is_logged_in(client)
    assert not _is_logged_in(copy)
    assert client.post("/login", data={"username": "clerk", "password": "clerk-password-1"}).status_code == 200


def test_a_session_from_before_session_versions_is_refused(app, client, clerk):
    """A session that keeps only the id (as every session did before) no longer logs anyone in."""
    with client.session_transaction() as session:
        session["_user_id"] = str(clerk.id)
        session["_fresh"] = True
    assert not _is_logged_in(client)
    with client.session_transaction() as session:
        session["_user_id"] = clerk.get_id()
    assert _is_logged_in(client)


def test_the_request_user_and_its_organs_come_in_one_statement(app, client, clerk, count_statements):
    _log_in(client, remember=False)
    from consult.auth.sessions import load_user

    with count_statements() as count:
        user = load_user(clerk.get_id())
        assert user.organ_ids is None
    assert count() == 1


def test_the_remember_cookie_is_samesite_lax_and_httponly(client, clerk):
    response = _log_in(client)
    header = next(h for h in response.headers.getlist("Set-Cookie") if h.startswith("remember_token="))
    assert "SameSite=Lax" in header and "HttpOnly" in header and "Secure" not in header


def test_with_secure_cookies_the_remember_cookie_is_secure(app, tmp_path):
    secure = create_app({"SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"],
                         "SESSION_COOKIE_SECURE": True, "REMEMBER_COOKIE_SECURE": True})
    with secure.app_context():
        create_user("clerk", "clerk-password-1", role="staff")
        db.session.commit()
        response = secure.test_client().post(
            "/login", data={"username": "clerk", "password": "clerk-password-1", "remember": "y"},
            base_url="https://consult.test")
        headers = response.headers.getlist("Set-Cookie")
        remember = next(h for h in headers if h.startswith("remember_token="))
        assert "Secure" in remember and "SameSite=Lax" in remember
        db.session.execute(db.delete(User))
        db.session.commit()
        db.session.remove()
        db.engine.dispose()  # this app's own connections
    assert db.session.scalars(select(User)).all() == []
