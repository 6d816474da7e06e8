"""PostgreSQL connections (psycopg): cursors whose `description` costs nothing until it is read, a ping before a
connection is lent only when it has been idle, and views that read without a transaction.

Cursors. psycopg builds `cursor.description` anew on every access as a list of Column objects, one per result column,
each looking its type up in the connection's type registry: about 1.2 µs a column, 90 µs for a result of 79 columns
(a sitting read with its organ, presiding member and topics). SQLAlchemy asks for it after every statement but, for a
compiled statement it has run before (nearly all of them), only checks that it is not None: its result metadata
is cached with the statement. Here the description is a sequence of the same Column objects made when an item is
read, from the result the cursor held when `description` was asked for.

Pings. SQLAlchemy's pre-ping sends SELECT 1 each time the pool lends a connection, to find one the server has
closed (a restart, a timeout) before a request fails on it: a round trip for the worker and for the server on every
request, some 3% of an on-site request's work in a burst, where each connection is lent again within milliseconds.
Here the pool pings a connection only when it comes back into use after IDLE_PING_SECONDS or more, when the server
may have dropped it; a connection found closed is replaced before it is lent, as with pre-ping.

Reading views. A request's transaction costs a BEGIN and a ROLLBACK, two round trips, and psycopg forgets its
prepared statements at every ROLLBACK: the statements a request sends once each never reach the five executions
after which it prepares them, so the server parses and plans every one anew — for the pages of a burst, planning
took three times as long as executing. A view marked `reads_without_transaction` (a member's page, a sitting's
page, "who are you") runs the statements of a GET in autocommit, each on its own as READ COMMITTED sees it
within a transaction anyway; the connection's prepared statements then last, and every request's statements are
planned once per connection.
"""

from __future__ import annotations

import functools
import time
from collections.abc import Sequence

import psycopg
from psycopg import pq
from sqlalchemy import event, exc

from consult.extensions import READING_METHODS

# A connection back in use after this long unused is pinged before it is lent (a busy one is not).
IDLE_PING_SECONDS = 10.0

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


def is_postgresql(url: str) -> bool:
    """Return True for a PostgreSQL database URL (postgresql:// or postgresql+psycopg://)."""
    return url.split(":", 1)[0].split("+", 1)[0] == "postgresql"


def _uses_psycopg(engine) -> bool:
    """Return True for an engine on PostgreSQL through psycopg, the only one this module changes."""
    return engine.dialect.name == "postgresql" and engine.dialect.driver == "psycopg"


def prepare_postgresql(engine, idle_seconds: float = IDLE_PING_SECONDS, clock=time.monotonic) -> None:
    """Make a PostgreSQL (psycopg) `engine` ready: its connections' cursors are LazyDescriptionCursor, and its pool
    pings a connection idle for `idle_seconds` or more (by `clock`) before lending it, in place of pre-ping (which
    create_app leaves off for PostgreSQL). Other engines are left as they are."""
    if not _uses_psycopg(engine):
        return

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, connection_record) -> None:
        dbapi_connection.cursor_factory = LazyDescriptionCursor

    @event.listens_for(engine, "checkin")
    def _on_checkin(dbapi_connection, connection_record) -> None:
        if dbapi_connection is not None:  # None: the connection was invalidated
            connection_record.info[_RETURNED] = (id(dbapi_connection), clock())
            if dbapi_connection.autocommit and dbapi_connection.info.transaction_status == pq.TransactionStatus.IDLE:
                dbapi_connection.autocommit = False  # lent by a reading view that committed: as the pool expects

    @event.listens_for(engine, "checkout")
    def _on_checkout(dbapi_connection, connection_record, connection_proxy) -> None:
        returned = connection_record.info.get(_RETURNED)
        if returned is None or returned[0] != id(dbapi_connection) or clock() - returned[1] < idle_seconds:
            return  # just connected, or in use a moment ago
        try:
            engine.dialect.do_ping(dbapi_connection)
        except engine.dialect.loaded_dbapi.Error as error:
            # The pool closes this connection and lends a new one (SQLAlchemy's checkout protocol).
            raise exc.DisconnectionError(f"the idle connection was closed: {error}") from error


# Where a connection's record keeps when it was last given back to the pool (and which connection that was).
_RETURNED = "consult.returned_at"


def reads_without_transaction(view):
    """Mark a view that only reads (and does not commit) when asked with a reading method (GET, HEAD, OPTIONS:
    READING_METHODS): on PostgreSQL the statements of such a request run in autocommit, with no BEGIN or ROLLBACK
    around them and the connection's prepared statements kept; any other method (a form the same view takes by
    POST) runs in a transaction as usual. The session's connection is switched for the view and back after it;
    when the session is already inside a transaction (a command, a test that has read before the request) the view
    runs in it, as any other. Elsewhere nothing changes. Return the wrapped view."""

    @functools.wraps(view)
    def marked(*args, **kwargs):
        from flask import request

        switched = _autocommit_for_the_view() if request.method in READING_METHODS else None
        try:
            return view(*args, **kwargs)
        finally:
            if switched is not None and switched.info.transaction_status == pq.TransactionStatus.IDLE:
                switched.autocommit = False

    return marked


def _autocommit_for_the_view():
    """Put the session's psycopg connection in autocommit and return it, or return None (another database, a
    connection already in a transaction or already in autocommit)."""
    from consult.extensions import db

    if not _uses_psycopg(db.engine):
        return None
    dbapi_connection = db.session.connection().connection.dbapi_connection
    if dbapi_connection.autocommit or dbapi_connection.info.transaction_status != pq.TransactionStatus.IDLE:
        return None
    dbapi_connection.autocommit = True
    return dbapi_connection
