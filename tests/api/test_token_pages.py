"""The admins' page of API tokens: only admins, the token shown once (never stored, never cached), a form sent
twice makes one token, what was typed is kept, revoking after a confirmation page."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select

from consult.api.models import ApiToken
from consult.api.tokens import secret_hash
from consult.extensions import db
from tests.api.conftest import bearer

PAGE = "/settings/api-tokens"


@pytest.fixture
def admin(client, auth):
    auth.login("chief", "chief-password", role="admin")
    return client


def _form(page: str) -> dict:
    key = re.search(r'name="creation_key" type="hidden" value="([^"]+)"', page).group(1)
    owner = re.search(r'<option selected value="(\d+)">', page).group(1)
    return {"name": "区政协办公OA系统", "owner_id": owner, "scopes": ["sittings:read", "attendance:read"],
            "creation_key": key}


def _tokens() -> list[ApiToken]:
    db.session.expire_all()
    return list(db.session.scalars(select(ApiToken)))


def test_only_admins_manage_tokens(client, auth):
    assert client.get(PAGE).status_code == 302  # to the login
    auth.login()  # staff, not admin
    assert client.get(PAGE).status_code == 403
    form = {"name": "x", "scopes": ["sittings:read"], "creation_key": "k" * 20}
    assert client.post(PAGE, data=form).status_code == 403
    assert _tokens() == []


def test_the_settings_page_links_to_the_tokens(admin):
    assert PAGE in admin.get("/settings").get_data(as_text=True)


def test_a_token_is_shown_once_and_kept_as_a_hash(admin, committee):
    page = admin.get(PAGE)
    assert page.status_code == 200 and page.headers["Cache-Control"] == "no-store"
    response = admin.post(PAGE, data=_form(page.get_data(as_text=True)))
    html = response.get_data(as_text=True)
    assert response.status_code == 201 and response.headers["Cache-Control"] == "no-store"
    secret = re.search(r'value="(cst_[A-Za-z0-9_-]{43})"', html).group(1)
    assert f"Authorization: Bearer {secret}" in html  # the curl example
    token = _tokens()[0]
    assert token.secret_hash == secret_hash(secret) and token.prefix == secret[:12]
    assert token.scope_set == {"sittings:read", "attendance:read"} and token.name == "区政协办公OA系统"
    # the list shows the prefix, never the secret
    listed = admin.get(PAGE).get_data(as_text=True)
    assert token.prefix in listed and secret not in listed and "区政协办公OA系统" in listed
    # the token works at once
    assert admin.get("/api/v1/sittings", headers=bearer(secret)).status_code == 200


def test_the_form_sent_twice_makes_one_token_and_shows_no_secret_again(admin, committee):
    data = _form(admin.get(PAGE).get_data(as_text=True))
    assert admin.post(PAGE, data=data).status_code == 201
    again = admin.post(PAGE, data=data)
    assert again.status_code == 303 and again.headers["Location"].endswith(PAGE)
    page = admin.get(PAGE).get_data(as_text=True)
    assert "cst_" in page and re.search(r"cst_[A-Za-z0-9_-]{43}", page) is None
    assert len(_tokens()) == 1


@pytest.mark.parametrize(("change", "field"), [
    ({"name": ""}, "name"),
    ({"name": "系" * 81}, "name"),
    ({"scopes": []}, "scopes"),
    ({"scopes": ["members:contact"]}, "scopes"),
    ({"scopes": ["sittings:read", "root"]}, "scopes"),
    ({"owner_id": "99999"}, "owner_id"),
    ({"expires_on": "2030-02-28"}, "expires_on"),  # before today (1 March 2030)
    ({"expires_on": "2030-02-30"}, "expires_on"),
    ({"expires_on": "9999-12-31"}, "expires_on"),
])
def test_a_form_with_problems_keeps_what_was_typed_and_makes_nothing(admin, committee, change, field):
    data = {**_form(admin.get(PAGE).get_data(as_text=True)), "name": "大厅意见终端", **change}
    response = admin.post(PAGE, data=data)
    html = response.get_data(as_text=True)
    assert response.status_code == 400 and "has-error" in html
    if field != "name":
        assert 'value="大厅意见终端"' in html
    assert _tokens() == []


def test_an_expiry_is_the_end_of_that_day_in_the_committees_zone(admin, committee, clock):
    data = {**_form(admin.get(PAGE).get_data(as_text=True)), "expires_on": "2030-03-01"}
    secret = re.search(r'value="(cst_[^"]+)"', admin.post(PAGE, data=data).get_data(as_text=True)).group(1)
    assert _tokens()[0].expires_at == datetime(2030, 3, 1, 16, 0, tzinfo=UTC)  # midnight in Shanghai
    assert admin.get("/api/v1/organs", headers=bearer(secret)).status_code == 200
    clock.now = datetime(2030, 3, 1, 16, 0, tzinfo=UTC)
    assert admin.get("/api/v1/organs", headers=bearer(secret)).status_code == 401


def test_revoking_asks_first_then_refuses_the_token_at_once(admin, committee):
    secret = re.search(r'value="(cst_[^"]+)"', admin.post(
        PAGE, data=_form(admin.get(PAGE).get_data(as_text=True))).get_data(as_text=True)).group(1)
    token = _tokens()[0]
    url = f"{PAGE}/{token.id}/revoke"
    assert url in admin.get(PAGE).get_data(as_text=True)
    confirm = admin.get(url)
    assert confirm.status_code == 200 and 'name="confirmed" value="1"' in confirm.get_data(as_text=True)
    assert admin.post(url).status_code == 200  # not confirmed: the page again, nothing revoked
    assert _tokens()[0].revoked_at is None
    done = admin.post(url, data={"confirmed": "1"})
    assert done.status_code == 303 and _tokens()[0].revoked_at is not None
    assert admin.get("/api/v1/organs", headers=bearer(secret)).status_code == 401
    assert f'href="{url}"' not in admin.get(PAGE).get_data(as_text=True)
    assert admin.post(url, data={"confirmed": "1"}).status_code == 303  # twice: said, nothing changes
    assert admin.get(f"{PAGE}/99999/revoke").status_code == 404
    assert admin.get(f"{PAGE}/99999999999/revoke").status_code == 404


def test_the_page_loads_in_a_fixed_number_of_statements(admin, committee, tokens, count_statements):
    counts = []
    for size in (2, 30):
        while db.session.scalar(select(func.count(ApiToken.id))) < size:
            tokens.make("sittings:read", owner=tokens.owner(f"owner{size}"))
        with count_statements() as n:
            assert admin.get(PAGE).status_code == 200
        counts.append(n())
    assert counts[0] == counts[1], counts
