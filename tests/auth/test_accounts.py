"""Admins manage staff accounts in the web interface (review finding #10: no role separation, no user
management): list with last login, create with organ limits, a password made and shown once, disable (logged out
at once), enable, a new password; never without an active admin; staff get 403; the create-user command and every
form keep the 10-character password rule."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from consult.auth.models import User
from consult.auth.services import create_user
from consult.extensions import db
from tests import factories


@pytest.fixture
def admin(app, client):
    factories.committee()
    user = create_user("boss", "boss-password-1", role="admin")
    db.session.commit()
    client.post("/login", data={"username": "boss", "password": "boss-password-1"})
    return user


def _user(name: str) -> User:
    db.session.expire_all()
    return db.session.scalars(select(User).where(User.username == name)).one()


def test_staff_may_not_manage_accounts_or_settings(app, client, auth):
    factories.committee()
    auth.login()
    for path in ("/accounts", "/accounts/new", "/settings", "/accounts/1/edit", "/accounts/1/password"):
        assert client.get(path).status_code == 403, path
    assert client.post("/accounts/new", data={"username": "x", "role": "admin"}).status_code == 403
    assert db.session.scalar(select(User.id).where(User.username == "x")) is None


def test_an_admin_makes_an_account_limited_to_organs_with_a_password_shown_once(app, client, admin, english):
    economy = factories.organ("special_committee", name="经济委员会")
    culture = factories.organ("special_committee", name="文史委员会")
    db.session.commit()
    form = client.get("/accounts/new").get_data(as_text=True)
    assert "经济委员会" in form and "At least 10 characters" in form
    response = client.post("/accounts/new", data={
        "username": "clerk", "display_name": "王秘书", "role": "staff", "organ_ids": [str(economy.id)]})
    assert response.status_code == 200 and response.headers["Cache-Control"] == "no-store"
    password = re.search(r'<code class="secret">([^<]+)</code>', response.get_data(as_text=True)).group(1)
    clerk = _user("clerk")
    assert clerk.organ_ids == frozenset({economy.id}) and clerk.display_name == "王秘书"
    assert clerk.check_password(password) and len(password) >= 10
    listing = client.get("/accounts").get_data(as_text=True)
    assert "经济委员会" in listing and "文史委员会" not in listing and "Never" in listing
    # The password is not shown again anywhere.
    assert password not in listing and password not in client.get(f"/accounts/{clerk.id}/edit").get_data(as_text=True)
    other = app.test_client()
    assert other.post("/login", data={"username": "clerk", "password": password}).status_code == 302
    assert "Never" not in client.get("/accounts").get_data(as_text=True).split("clerk", 1)[1].split("</tr>")[0]
    assert culture.id not in clerk.organ_ids


def test_a_typed_password_needs_ten_characters_and_a_username_is_unique(app, client, admin, english):
    short = client.post("/accounts/new", data={"username": "clerk", "role": "staff", "password": "nine-char"})
    assert short.status_code == 400 and "at least 10 characters" in short.get_data(as_text=True)
    assert 'value="clerk"' in short.get_data(as_text=True)  # the form keeps what was typed
    taken = client.post("/accounts/new", data={"username": "boss", "role": "staff", "password": "long-enough-1"})
    assert taken.status_code == 400 and "taken" in taken.get_data(as_text=True)
    spaced = client.post("/accounts/new", data={"username": "a b", "role": "staff", "password": "long-enough-1"})
    assert spaced.status_code == 400
    made = client.post("/accounts/new", data={"username": "clerk", "role": "staff", "password": "long-enough-1"})
    assert made.status_code == 302 and _user("clerk").organ_ids is None


def test_setting_role_and_organs(app, client, admin):
    organ = factories.organ("special_committee", name="经济委员会")
    clerk = create_user("clerk", "clerk-password-1", organ_ids=[organ.id])
    db.session.commit()
    page = client.get(f"/accounts/{clerk.id}/edit").get_data(as_text=True)
    assert f'value="{organ.id}"' in page and "checked" in page.split(f'value="{organ.id}"', 1)[1][:40]
    assert client.post(f"/accounts/{clerk.id}/edit", data={"display_name": "王", "role": "staff"}).status_code == 302
    assert _user("clerk").organ_ids is None  # nothing ticked: every organ
    client.post(f"/accounts/{clerk.id}/edit", data={"role": "admin", "organ_ids": [str(organ.id)]})
    assert _user("clerk").is_admin and _user("clerk").organ_limits == []  # admins have every organ


def test_the_last_admin_cannot_demote_or_disable_themself(app, client, admin, english):
    demote = client.post(f"/accounts/{admin.id}/edit", data={"role": "staff"})
    assert demote.status_code == 400 and "at least one active administrator" in demote.get_data(as_text=True)
    assert _user("boss").is_admin
    disable = client.post(f"/accounts/{admin.id}/disable", data={"confirmed": "1"}, follow_redirects=True)
    assert "at least one active administrator" in disable.get_data(as_text=True)
    assert _user("boss").active
    # With a second admin, the first may step down.
    create_user("deputy", "deputy-password", role="admin")
    db.session.commit()
    assert client.post(f"/accounts/{admin.id}/edit", data={"role": "staff"}).status_code == 302
    assert not _user("boss").is_admin


def test_disabling_asks_first_logs_the_account_out_and_enabling_lets_it_in_again(app, client, admin):
    clerk = create_user("clerk", "clerk-password-1")
    db.session.commit()
    theirs = app.test_client()
    theirs.post("/login", data={"username": "clerk", "password": "clerk-password-1", "remember": "y"})
    assert theirs.get("/account/password").status_code == 200
    confirm = client.get(f"/accounts/{clerk.id}/disable")
    assert confirm.status_code == 200 and 'name="confirmed"' in confirm.get_data(as_text=True)
    assert client.post(f"/accounts/{clerk.id}/disable", data={}).status_code == 200  # no tick: the page again
    assert _user("clerk").active
    assert client.post(f"/accounts/{clerk.id}/disable", data={"confirmed": "1"}).status_code == 302
    assert not _user("clerk").active
    assert theirs.get("/account/password").status_code == 302  # logged out at once
    assert client.post(f"/accounts/{clerk.id}/enable").status_code == 302
    assert theirs.get("/account/password").status_code == 302  # old sessions stay ended
    assert theirs.post("/login", data={"username": "clerk", "password": "clerk-password-1"}).status_code == 302


def test_a_new_password_set_by_an_admin_logs_the_account_out(app, client, admin, english):
    clerk = create_user("clerk", "clerk-password-1")
    db.session.commit()
    theirs = app.test_client()
    theirs.post("/login", data={"username": "clerk", "password": "clerk-password-1"})
    short = client.post(f"/accounts/{clerk.id}/password", data={"password": "too-short"})
    assert short.status_code == 400 and "at least 10 characters" in short.get_data(as_text=True)
    assert theirs.get("/account/password").status_code == 200
    shown = client.post(f"/accounts/{clerk.id}/password", data={})
    password = re.search(r'<code class="secret">([^<]+)</code>', shown.get_data(as_text=True)).group(1)
    assert shown.headers["Cache-Control"] == "no-store"
    assert theirs.get("/account/password").status_code == 302
    assert _user("clerk").check_password(password)
    assert client.post(f"/accounts/{clerk.id}/password", data={"password": "typed-by-admin"}).status_code == 302
    assert _user("clerk").check_password("typed-by-admin")
    # The admin resetting their own password stays logged in.
    client.post(f"/accounts/{admin.id}/password", data={"password": "new-boss-password"})
    assert client.get("/accounts").status_code == 200


def test_unknown_accounts_are_404(app, client, admin):
    for path in ("/accounts/999/edit", "/accounts/999/password", "/accounts/999/disable"):
        assert client.get(path).status_code == 404


def test_the_create_user_command_keeps_the_password_rule(app, runner):
    short = runner.invoke(args=["consult", "create-user", "clerk", "--password", "nine-char"])
    assert short.exit_code != 0 and "at least 10 characters" in short.output
    assert db.session.scalar(select(User.id).where(User.username == "clerk")) is None
    made = runner.invoke(args=["consult", "create-user", "clerk", "--password", "ten-chars!"])
    assert made.exit_code == 0, made.output
