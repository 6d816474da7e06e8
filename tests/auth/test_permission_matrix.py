"""Every route of app.url_map, walked as each role, against the declared matrix (tests/auth/permission_matrix.py).

Roles: anonymous; member (a browser that opened its personal link, not logged in); organ-limited staff (limited to
the standing committee, walked with that organ's values and, where its cell is `scoped` or `visitor`, with another
organ's); staff; admin. Arguments come from tests/auth/matrix_world.py (the demo and a little more). POSTs carry no
CSRF token: the forms refuse them after the permission checks, so the walk changes nothing (only logout, walked
last, acts). A route without an entry fails the test: whoever adds a route declares who may use it.
"""

from __future__ import annotations

import os
import shutil
from datetime import UTC, datetime
from urllib.parse import urlsplit

import pytest
from flask import url_for
from sqlalchemy import text

from consult import create_app
from consult.extensions import db
from tests.auth.matrix_world import PASSWORD, build_world
from tests.auth.permission_matrix import MATRIX, OUTCOMES, ROLES
from tests.conftest import BACKENDS, Clock

LOGINS = {"limited": "limited", "staff": "clerk", "admin": "admin"}
# Late in the demo's year, so that both organs have held sittings with opinions.
MATRIX_NOW = datetime(2030, 11, 20, 2, 0, tzinfo=UTC)
SKIPPED_METHODS = {"HEAD", "OPTIONS"}


@pytest.fixture(scope="module", params=BACKENDS)
def matrix_app(request, tmp_path_factory):
    """An app on the matrix world, CSRF on for the forms (not checked before the views, so that the permission
    checks answer first)."""
    folder = tmp_path_factory.mktemp("matrix")
    if request.param == "postgresql":
        url = request.getfixturevalue("postgres_database")
    else:
        url = f"sqlite:///{folder / 'matrix.db'}"
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "CONSULT_CLOCK": Clock(MATRIX_NOW),
                      "CONSULT_STORAGE_PATH": str(folder / "files"), "WTF_CSRF_ENABLED": True,
                      "WTF_CSRF_CHECK_DEFAULT": False})
    with app.app_context():
        db.create_all()  # on PostgreSQL the run's database may hold the (empty) tables already
        world = build_world()
        db.session.remove()
    yield app, world
    with app.app_context():
        db.session.remove()
        if request.param == "postgresql":  # leave the shared database empty, as the app fixture does
            tables = ", ".join(f'"{t.name}"' for t in db.metadata.sorted_tables)
            with db.engine.begin() as connection:
                connection.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
        db.engine.dispose()
    shutil.rmtree(folder / "files", ignore_errors=True)


def _client(app, role: str, world):
    client = app.test_client()
    if role in LOGINS:
        response = client.post("/login", data={"username": LOGINS[role], "password": PASSWORD,
                                               "csrf_token": _csrf(client)})
        assert response.status_code == 302, (role, response.status_code)
    elif role == "member":
        assert client.get(f"/my/{world.member_token}").status_code == 200
    return client


def _csrf(client) -> str:
    import re

    page = client.get("/login").get_data(as_text=True)
    return re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)


def outcome(response) -> str:
    """Return what the answer means: login, 403, 404, or ok (anything the view itself answered)."""
    status = response.status_code
    if status in (302, 303) and urlsplit(response.headers.get("Location", "")).path == "/login":
        return "login"
    if status in (401, 403):
        return "403"
    if status == 404:
        return "404"
    if status >= 500 or status in (405, 429):
        return f"HTTP {status}"
    return "ok"


# Walked last: they act even without a CSRF token (forgetting this phone, logging out harm no one).
LAST = ("onsite.not_me", "auth.logout")


def _rules(app):
    return sorted(app.url_map.iter_rules(), key=lambda rule: (rule.endpoint in LAST, LAST.index(rule.endpoint)
                                                                 if rule.endpoint in LAST else 0, rule.rule))


def _url(app, rule, values: dict, role: str, world) -> str:
    arguments = {name: values[name] for name in rule.arguments}
    if role == "anonymous":  # a visitor holds no personal link or private feed address; a member has theirs
        for name in ("access_token", "token"):
            if name in arguments:
                arguments[name] = "not-a-personal-link"
    if rule.endpoint == "auth.set_language":
        arguments["code"] = "en"
    with app.test_request_context():
        return url_for(rule.endpoint, **arguments)


def test_every_route_is_in_the_matrix(matrix_app):
    app, _world = matrix_app
    endpoints = {rule.endpoint for rule in app.url_map.iter_rules()}
    missing = sorted(endpoints - set(MATRIX))
    assert not missing, f"routes without an entry in tests/auth/permission_matrix.py: {missing}"
    stale = sorted(set(MATRIX) - endpoints)
    assert not stale, f"entries for routes that no longer exist: {stale}"
    for endpoint, cells in MATRIX.items():
        assert len(cells) == len(ROLES) and all(cell in OUTCOMES for cell in cells), (endpoint, cells)


@pytest.mark.parametrize("role", ROLES)
def test_each_role_gets_what_the_matrix_says(matrix_app, role):
    app, world = matrix_app
    column = ROLES.index(role)
    client = _client(app, role, world)
    wrong, walked = [], 0
    with app.app_context():
        for rule in _rules(app):
            expected = MATRIX.get(rule.endpoint, [None] * len(ROLES))[column]
            if expected is None:
                continue
            for method in sorted(rule.methods - SKIPPED_METHODS):
                cases = [(world.inside, "ok" if expected in ("scoped", "visitor") else expected)]
                if role == "limited" and expected == "scoped":
                    cases.append((world.outside, "404"))
                elif role == "limited" and expected == "visitor":
                    cases.append((world.outside, "ok"))
                for values, wanted in cases:
                    url = _url(app, rule, values, role, world)
                    response = client.open(url, method=method)
                    walked += 1
                    got = outcome(response)
                    response.close()  # files (materials, Word documents) are streamed
                    if got != wanted:
                        wrong.append(f"{method} {url} ({rule.endpoint}): {got}, declared {wanted}")
                    db.session.remove()
    if os.environ.get("CONSULT_MATRIX_REPORT"):
        print(f"{role}: {walked} requests")  # noqa: T201
    assert walked >= len(MATRIX)
    assert not wrong, f"{len(wrong)} answers differ from the matrix as {role}:\n" + "\n".join(wrong)
