"""SQLite made ready for several workers writing at once: WAL, a busy timeout, and writing requests that hold
the write lock from their first statement (so a read-then-write never fails with "database is locked")."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import text

from consult.extensions import SQLITE_BUSY_TIMEOUT_MS, db, locks_at_first_write


@pytest.fixture
def sqlite_app(app):
    """The app on SQLite (the tests using it run on that backend only)."""
    assert db.engine.dialect.name == "sqlite"
    return app


pytestmark = pytest.mark.parametrize("app", ["sqlite"], indirect=True)


def test_every_connection_has_wal_and_a_busy_timeout(sqlite_app):
    with db.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA busy_timeout")).scalar() == SQLITE_BUSY_TIMEOUT_MS >= 5000


def _other_writer_locked_out(path: str) -> bool:
    other = sqlite3.connect(path, timeout=0, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as error:
        assert "locked" in str(error)
        return True
    other.execute("ROLLBACK")
    return False


def test_a_writing_request_takes_the_write_lock_at_its_first_statement_and_a_reading_one_does_not(sqlite_app):
    path = db.engine.url.database
    with sqlite_app.test_request_context("/", method="POST"):
        db.session.execute(text("SELECT 1"))
        assert _other_writer_locked_out(path)
        db.session.rollback()
    assert not _other_writer_locked_out(path)
    with sqlite_app.test_request_context("/", method="GET"):
        db.session.execute(text("SELECT count(*) FROM meeting"))
        assert not _other_writer_locked_out(path)
        db.session.rollback()


def test_a_view_marked_locks_at_first_write_reads_without_the_lock_and_takes_it_at_its_first_write(sqlite_app):
    """A member's check-in or opinion: many phones at once; each holds the lock only while it writes."""
    path = db.engine.url.database
    seen = []

    @locks_at_first_write
    def view():
        db.session.execute(text("SELECT count(*) FROM meeting"))
        seen.append(_other_writer_locked_out(path))
        with db.session.begin_nested():
            db.session.execute(text("INSERT INTO sector (name, position) VALUES ('教育界', 0)"))
        seen.append(_other_writer_locked_out(path))
        db.session.commit()
        seen.append(_other_writer_locked_out(path))
        return "ok"

    with sqlite_app.test_request_context("/", method="POST"):
        assert view() == "ok"
    assert seen == [False, True, False]
    with db.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM sector WHERE name = '教育界'")).scalar() == 1
    with sqlite_app.test_request_context("/", method="POST"):  # an unmarked writing request: locked from the start
        db.session.execute(text("SELECT 1"))
        assert _other_writer_locked_out(path)
        db.session.rollback()


def test_a_savepoint_outside_a_request_stays_inside_its_transaction(sqlite_app):
    """Found by the backup-under-load test: the driver opened no transaction before SAVEPOINT, so RELEASE committed
    half of a command's (or a thread's) work at once, and a rollback left it stored."""
    path = db.engine.url.database
    db.session.execute(text("SELECT count(*) FROM sector"))
    with db.session.begin_nested():
        db.session.execute(text("INSERT INTO sector (name, position) VALUES ('教育界', 0)"))
    other = sqlite3.connect(path)
    try:
        assert other.execute("SELECT count(*) FROM sector").fetchone() == (0,)  # not committed by the RELEASE
        db.session.rollback()
        assert other.execute("SELECT count(*) FROM sector").fetchone() == (0,)
    finally:
        other.close()
