"""Shared fixtures: an app per test on SQLite and on PostgreSQL, a client, a logged-in staff helper,
factories and a statement counter.

The `app` fixture is parametrized over both databases; PostgreSQL tests skip when the server is
unreachable, and fail instead under CI (CI=true). Each pytest run gets its own PostgreSQL database,
so parallel runs on one machine do not meet.
"""

from __future__ import annotations

import os
import secrets
import shutil
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import pytest
from flask import g
from flask.testing import FlaskClient
from sqlalchemy import event, text

from consult import create_app
from consult.extensions import db
from tests.ci import skip_or_fail

POSTGRES_URL = os.environ.get(
    "CONSULT_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
BACKENDS = [b.strip() for b in os.environ.get("CONSULT_TEST_BACKENDS", "sqlite,postgresql").split(",") if b]


def _postgres_admin_connect():
    import psycopg

    plain = POSTGRES_URL.replace("postgresql+psycopg://", "postgresql://")
    return psycopg.connect(plain, autocommit=True, connect_timeout=3)


@pytest.fixture(scope="session")
def postgres_database():
    """Create a database of our own for this run on the test server; yield its URL; drop it."""
    try:
        admin = _postgres_admin_connect()
    except Exception as error:  # noqa: BLE001 - any failure to connect means "not reachable"
        message = f"PostgreSQL not reachable at {POSTGRES_URL}: {error}"
        skip_or_fail(message, "the PostgreSQL run")
    name = f"consult_test_{os.getpid()}_{secrets.token_hex(3)}"
    admin.execute(f'CREATE DATABASE "{name}"')
    base = POSTGRES_URL.rsplit("/", 1)[0]
    url = f"{base}/{name}"
    yield url
    admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.close()


_postgres_schema_ready: set[str] = set()


class FreshGlobalsClient(FlaskClient):
    """A test client whose every request starts with an empty `flask.g`, as it does in production.

    The `app` fixture keeps one app context pushed for the whole test (so tests can use the database
    directly), and Flask reuses a pushed context for requests: without this, the locale Flask-Babel
    picked, the logged-in user Flask-Login loaded and the committee row would leak from one request
    into the next.
    """

    def open(self, *args, **kwargs):
        for name in list(vars(g)):
            delattr(g, name)
        return super().open(*args, **kwargs)


class Clock:
    """The time the app sees through app.config["CONSULT_CLOCK"]; tests move it by setting `now`."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


# Every test's app starts at this instant (10:00 in Shanghai), whatever the wall clock says.
TEST_NOW = datetime(2030, 3, 1, 2, 0, tzinfo=UTC)


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory) -> Path:
    """Return an SQLite file holding the empty schema, made once per run: each test copies it."""
    path = tmp_path_factory.mktemp("schema") / "template.db"
    template_app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{path}"})
    with template_app.app_context():
        db.create_all()
        db.engine.dispose()
    return path


@pytest.fixture(params=BACKENDS)
def app(request, tmp_path):
    """Return an app bound to a fresh, empty database of the parametrized backend."""
    if request.param == "postgresql":
        url = request.getfixturevalue("postgres_database")
    else:
        path = tmp_path / "test.db"
        shutil.copyfile(request.getfixturevalue("sqlite_template"), path)
        url = f"sqlite:///{path}"
    # Materials are written to a folder of the test, never to the instance folder.
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "CONSULT_CLOCK": Clock(TEST_NOW),
                      "CONSULT_STORAGE_PATH": str(tmp_path / "files")})
    app.test_client_class = FreshGlobalsClient
    with app.app_context():
        if request.param == "postgresql" and url not in _postgres_schema_ready:
            db.create_all()
            _postgres_schema_ready.add(url)
        yield app
        db.session.remove()
        if request.param == "postgresql":
            tables = ", ".join(f'"{t.name}"' for t in db.metadata.sorted_tables)
            with db.engine.begin() as conn:
                conn.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
        db.engine.dispose()


@pytest.fixture
def clock(app) -> Clock:
    """Return the app's clock, set to TEST_NOW; a test moves time with `clock.now = ...`."""
    return app.config["CONSULT_CLOCK"]


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def english(client):
    """Switch the client's interface to English, for tests that read the English messages."""
    client.get("/lang/en")
    return client


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


class AuthActions:
    """Log in and out as staff through the real login form."""

    def __init__(self, client):
        self._client = client

    def login(self, username: str = "staff", password: str = "staff-password", role: str = "staff"):
        from consult.auth.models import User
        from consult.auth.services import create_user

        if db.session.query(User).filter_by(username=username).first() is None:
            create_user(username, password, role=role)
            db.session.commit()
        return self._client.post("/login", data={"username": username, "password": password})

    def logout(self):
        return self._client.post("/logout")


@pytest.fixture
def auth(client, app):
    return AuthActions(client)


@pytest.fixture
def count_statements(app):
    """Return a context manager that counts the SQL statements run inside it: `with count() as n: ...; n()`."""

    @contextmanager
    def counter():
        statements: list[str] = []

        def before(conn, cursor, statement, parameters, context, executemany):
            statements.append(statement)

        event.listen(db.engine, "before_cursor_execute", before)
        try:
            yield lambda: len(statements)
        finally:
            event.remove(db.engine, "before_cursor_execute", before)

    return counter
