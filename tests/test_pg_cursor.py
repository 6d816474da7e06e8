"""PostgreSQL cursors whose description is made column by column when read (consult/pg_cursor.py)."""

from __future__ import annotations

import psycopg
import pytest
from sqlalchemy import select, text

from consult.extensions import db
from consult.meetings.models import Meeting
from consult.pg_cursor import LazyDescription, LazyDescriptionCursor

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
