"""PostgreSQL connections (consult/pg_connections.py): cursors whose description is made column by column when
read, a ping only for a connection back from being idle, and reading views without a transaction."""

from __future__ import annotations

import re

import psycopg
import pytest
from sqlalchemy import create_engine, select, text

from consult import create_app
from consult.extensions import db
from consult.meetings.models import Meeting
from consult.onsite.services import onsite_for
from consult.pg_connections import LazyDescription, LazyDescriptionCursor, prepare_postgresql
from tests import factories

pytestmark = pytest.mark.parametrize("app", ["postgresql"], indirect=True)  # SQLite keeps its driver's cursors


def _raw_cursor(app):
    return db.session.connection().connection.dbapi_connection.cursor()


def test_the_apps_postgresql_cursors_describe_a_result_as_psycopg_does(app):
    cursor = _raw_cursor(app)
    assert isinstance(cursor, LazyDescriptionCursor)
    query = "SELECT 1 AS n, 'x'::text AS word, now() AS at, NULL::numeric(8, 2) AS amount"
    cursor.execute(query)
    lazy = cursor.description
    plain = psycopg.Cursor(cursor.connection)
    plain.execute(query)
    expected = plain.description
    assert isinstance(lazy, LazyDescription) and len(lazy) == len(expected) == 4
    assert [tuple(c) for c in lazy] == [tuple(c) for c in expected]
    assert [c.name for c in lazy[1:3]] == ["word", "at"] and lazy[-1].name == "amount"
    assert lazy[0] is lazy[0]  # made once
    with pytest.raises(IndexError):
        lazy[4]


def test_a_description_kept_describes_its_own_result_after_the_cursor_moves_on(app):
    cursor = _raw_cursor(app)
    cursor.execute("SELECT 1 AS first_name, 2 AS second_name")
    kept = cursor.description
    cursor.execute("SELECT 3 AS other")
    assert [c.name for c in kept] == ["first_name", "second_name"]
    assert [c.name for c in cursor.description] == ["other"]


def test_statements_without_rows_have_no_description_and_an_empty_select_has_an_empty_one(app):
    cursor = _raw_cursor(app)
    cursor.execute("CREATE TEMPORARY TABLE scratch (n integer)")
    assert cursor.description is None
    cursor.execute("SELECT")
    assert cursor.description is not None and len(cursor.description) == 0


def test_sqlalchemy_reads_rows_by_name_through_them_cached_statement_or_not(app):
    _raw_cursor(app)
    for _ in range(2):  # the second run takes SQLAlchemy's cached result metadata
        row = db.session.execute(text("SELECT 7 AS seven, 'a' AS letter")).one()
        assert (row.seven, row._mapping["letter"]) == (7, "a")
        assert db.session.scalars(select(Meeting.id).where(Meeting.id == -1)).all() == []


class FakeClock:
    """A monotonic clock the test moves."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def engine(app):
    """An engine of its own on the test's database, prepared as the app's is but with a clock the test moves, and
    a count of its pings; one connection in its pool."""
    clock = FakeClock()
    engine = create_engine(db.engine.url.render_as_string(hide_password=False), pool_size=1, max_overflow=0)
    prepare_postgresql(engine, idle_seconds=10, clock=clock)
    pings = []
    do_ping = engine.dialect.do_ping
    engine.dialect.do_ping = lambda connection: pings.append(clock.now) or do_ping(connection)
    engine.clock, engine.pings = clock, pings
    yield engine
    engine.dispose()


def _backend_pid(engine) -> int:
    with engine.connect() as connection:
        return connection.scalar(text("SELECT pg_backend_pid()"))


def test_a_connection_lent_again_soon_is_not_pinged_one_back_from_idle_is(engine):
    first = _backend_pid(engine)  # a new connection: no ping
    engine.clock.now += 9.9
    assert _backend_pid(engine) == first and engine.pings == []
    engine.clock.now += 10
    assert _backend_pid(engine) == first and engine.pings == [engine.clock.now]


def test_an_idle_connection_the_server_closed_is_replaced_before_it_is_lent(engine):
    first = _backend_pid(engine)
    with db.engine.connect() as admin:
        assert admin.scalar(text("SELECT pg_terminate_backend(:pid)"), {"pid": first})
    engine.clock.now += 60
    second = _backend_pid(engine)  # no error: the ping found it closed and the pool connected anew
    assert second != first and len(engine.pings) == 1


def test_the_pool_pre_pings_on_sqlite_and_pings_idle_connections_on_postgresql(app, tmp_path):
    assert db.engine.pool._pre_ping is False  # PostgreSQL: prepare_postgresql's ping instead
    sqlite_app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'ping.db'}"})
    with sqlite_app.app_context():
        assert db.engine.pool._pre_ping is True
        db.engine.dispose()


def _dbapi_connection():
    return db.session.connection().connection.dbapi_connection


@pytest.fixture
def pages(app):
    """The sitting page and the member's page of a published sitting with one invitee; nothing held open."""
    factories.committee()
    member = factories.member("张明")
    meeting = factories.meeting(invitees=[member], topics=["推进老旧小区改造"])
    code = onsite_for(meeting.id).code
    db.session.commit()
    return f"/m/{code}", f"/my/{member.access_token}"


def test_reading_views_run_without_a_transaction_and_their_statements_get_prepared(client, pages):
    db.session.remove()
    db.engine.dispose()  # one connection, lent to every request in turn
    for _ in range(7):  # psycopg prepares a statement at its sixth execution on a connection
        for page in pages:
            assert client.get(page).status_code == 200
            db.session.remove()  # as at the end of a request in production: a ROLLBACK would forget them
    connection = _dbapi_connection()
    assert connection.autocommit is False  # switched back after each view
    prepared = db.session.scalars(text("SELECT statement FROM pg_prepared_statements")).all()
    assert any("FROM onsite_sitting" in statement for statement in prepared)  # the sitting page's
    assert any("member.access_token" in statement for statement in prepared)  # the member's page's


def test_a_reading_view_inside_a_transaction_runs_in_it(client, pages):
    db.session.execute(text("SELECT 1"))  # the test has read: its transaction is open
    connection = _dbapi_connection()
    assert connection.info.transaction_status == psycopg.pq.TransactionStatus.INTRANS
    assert client.get(pages[0]).status_code == 200
    assert connection.info.transaction_status == psycopg.pq.TransactionStatus.INTRANS and not connection.autocommit


def test_a_connection_given_back_in_autocommit_is_lent_again_in_a_transaction(app):
    lent = db.engine.raw_connection()
    connection = lent.dbapi_connection
    connection.autocommit = True  # as a reading view that committed would leave it
    lent.close()
    assert connection.autocommit is False


def test_a_form_sent_to_a_reading_view_runs_in_a_transaction(client, pages, monkeypatch):
    from consult.meetings import queries as meeting_queries

    autocommit = []  # the connection's mode each time the view lists the invitees
    invitees_for_page = meeting_queries.invitees_for_page
    monkeypatch.setattr(meeting_queries, "invitees_for_page", lambda meeting_id: (
        autocommit.append(_dbapi_connection().autocommit), invitees_for_page(meeting_id))[1])
    identify = pages[0] + "/identify"
    db.session.remove()
    page = client.get(identify).get_data(as_text=True)
    db.session.remove()
    member_id = re.search(r'<option value="(\d+)"', page).group(1)
    response = client.post(identify, data={"member_id": member_id, "phone_digits": "0000"})
    assert response.status_code == 400  # the failed try is written, in a transaction
    assert autocommit == [True, False]
