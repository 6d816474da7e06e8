"""PostgreSQL connections' cursors: psycopg's, with a `description` that costs nothing until it is read.

psycopg builds `cursor.description` anew on every access as a list of Column objects, one per result column,
each looking its type up in the connection's type registry: about 1.2 µs a column, 90 µs for the 79 columns of a
sitting read with its organ, presiding member and topics. SQLAlchemy asks for it after every statement but, for a
compiled statement it has run before (nearly all of them), only checks that it is not None: its result metadata
is cached with the statement. Here the description is a sequence of the same Column objects made when an item is
read, from the result the cursor held when `description` was asked for.
"""

from __future__ import annotations

from collections.abc import Sequence

import psycopg
from psycopg import pq

# The result statuses for which psycopg describes columns (psycopg.Cursor.description).
_DESCRIBED = frozenset({pq.ExecStatus.TUPLES_OK, pq.ExecStatus.SINGLE_TUPLE, pq.ExecStatus.TUPLES_CHUNK})


class _ResultView:
    """What psycopg.Column reads of a cursor (its result, encoding and adapters), kept for one result so that
    the columns describe it even when the cursor has moved on to another."""

    __slots__ = ("pgresult", "_encoding", "adapters")

    def __init__(self, cursor: psycopg.Cursor) -> None:
        self.pgresult = cursor.pgresult
        self._encoding = cursor._encoding
        self.adapters = cursor.adapters


class LazyDescription(Sequence):
    """A result's column descriptions (psycopg.Column), each made on first reading."""

    __slots__ = ("_view", "_columns")

    def __init__(self, cursor: psycopg.Cursor, count: int) -> None:
        self._view = _ResultView(cursor)
        self._columns: list[psycopg.Column | None] = [None] * count

    def __len__(self) -> int:
        return len(self._columns)

    def __getitem__(self, index):
        """Return the Column at `index` (a list of them for a slice)."""
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self._columns)))]
        column = self._columns[index]  # IndexError past the end, as for a list
        if column is None:
            column = self._columns[index] = psycopg.Column(self._view, range(len(self._columns))[index])
        return column

    def __repr__(self) -> str:
        return repr(list(self))


class LazyDescriptionCursor(psycopg.Cursor):
    """psycopg's client-side cursor, whose `description` is a LazyDescription (None when the result has no
    columns, as psycopg's)."""

    @property
    def description(self) -> LazyDescription | None:
        result = self.pgresult
        if result and (result.nfields or result.status in _DESCRIBED):
            return LazyDescription(self, result.nfields)
        return None


def prepare_postgresql(engine) -> None:
    """Give every connection of a PostgreSQL (psycopg) `engine` LazyDescriptionCursor as its cursor class; other
    engines are left as they are."""
    from sqlalchemy import event

    if engine.dialect.name != "postgresql" or engine.dialect.driver != "psycopg":
        return

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, connection_record) -> None:
        dbapi_connection.cursor_factory = LazyDescriptionCursor
