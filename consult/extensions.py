"""Flask extensions, created unbound and bound to the app in create_app()."""

import functools

from flask_babel import Babel
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf import CSRFProtect
from sqlalchemy import MetaData
from sqlalchemy.orm import DeclarativeBase

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


db = SQLAlchemy(model_class=Base)
migrate = Migrate(render_as_batch=True, compare_type=True)
csrf = CSRFProtect()
login_manager = LoginManager()
babel = Babel()


# How long a writer waits for another process's write to finish before SQLite gives up ("database is locked").
SQLITE_BUSY_TIMEOUT_MS = 15_000
# Requests with these methods only read: their transactions start deferred, so they never wait for a writer.
READING_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def prepare_sqlite(engine) -> None:
    """Make an SQLite `engine` ready for several worker processes writing at once; other engines are left as
    they are.

    Every connection gets WAL journal mode (readers never block the writer) and a busy timeout (a writer waits
    for the one before it instead of failing). A request that may write (POST and the like) starts its
    transaction with BEGIN IMMEDIATE at its first statement: it holds the write lock from the start, so its
    reads and writes cannot be interleaved with another worker's (a check-then-insert stays atomic), and it
    never meets the WAL case where a transaction that read first fails at once, whatever the busy timeout, when
    it tries to write after another process committed. A view marked `locks_at_first_write` (a member's
    check-in or opinion, sent by many phones at once) is the exception: its reads run outside any transaction
    and its first write takes the lock, so it holds the lock only while it writes and commits. Everything else
    keeps the driver's own handling (reads outside a transaction, an implicit BEGIN before the first write), so
    reading requests, commands, the notices worker and tests never hold a snapshot or the write lock while they
    only read. A savepoint (`begin_nested`) outside a writing request first opens the transaction it belongs in.
    """
    from sqlalchemy import event

    if engine.dialect.name != "sqlite":
        return

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, connection_record) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = NORMAL")  # safe with WAL: a power cut loses at most the last commits
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection) -> None:
        if _writing_request():
            # On the driver's connection itself: statement counters (tests, timings) count the app's statements
            # only. The driver sees the open transaction and adds no BEGIN of its own; it commits or rolls back.
            connection.connection.dbapi_connection.execute("BEGIN IMMEDIATE")

    @event.listens_for(engine, "savepoint")
    def _on_savepoint(connection, name) -> None:
        # The driver opens a transaction only before INSERT/UPDATE/DELETE: a SAVEPOINT sent first would start one
        # of its own, and its RELEASE would commit at once (half of a command's or a thread's transaction
        # committed, the rest lost on rollback). Open the real transaction first, as a writing request does.
        dbapi_connection = connection.connection.dbapi_connection
        if not dbapi_connection.in_transaction:
            dbapi_connection.execute("BEGIN")


def _writing_request() -> bool:
    """Return True inside a request whose method may write (anything but GET, HEAD, OPTIONS) and whose view
    is not marked `locks_at_first_write`."""
    from flask import has_request_context, request

    return (has_request_context() and request.method not in READING_METHODS
            and not request.environ.get(_LOCK_AT_FIRST_WRITE))


# Where locks_at_first_write marks its request.
_LOCK_AT_FIRST_WRITE = "consult.lock_at_first_write"


def locks_at_first_write(view):
    """Mark a view that needs no lock over its reads: on SQLite its transaction takes the write lock at its first
    INSERT, UPDATE or DELETE (and holds it only for its writes and the commit) instead of at its first statement.
    For views whose one check-then-write is guarded by a unique constraint (an opinion's submission key, one
    attendance record per sitting and member: the loser of a race meets it in a savepoint and answers with the
    winner's row), as every view behaves on PostgreSQL (read committed). Return the wrapped view."""

    @functools.wraps(view)
    def marked(*args, **kwargs):
        from flask import request

        request.environ[_LOCK_AT_FIRST_WRITE] = True
        return view(*args, **kwargs)

    return marked


def built_once(build):
    """Decorate a function that builds a statement taking its values as bind parameters
    (`bindparam("member_id")`, `bindparam("ids", expanding=True)` for a list), with no arguments or a few flags
    that choose its shape: it is built on the first call (per flags) and the same statement is returned on every
    later one. Statements are immutable, so one object serves every
    request and thread, and SQLAlchemy keeps its cache key with it. Building an ORM statement anew costs about
    50 µs of Python for a simple one and 0.5 ms with loader options and subqueries: on the pages a burst of phones
    asks for, that was a tenth of the work. Return the caching function."""
    return functools.cache(build)


def insert_unless_taken(entity, values: dict, *, unique: tuple[str, ...]):
    """Insert one row of the mapped class `entity` with `values` (attribute name to value; the others take their
    column defaults), unless a row already holds the same values in the columns `unique` (a unique constraint's).

    One statement, INSERT … ON CONFLICT DO NOTHING RETURNING, on both databases the app runs on (PostgreSQL,
    SQLite): two requests racing with the same key store one row, and the loser's transaction goes on unharmed,
    without the two round trips of a savepoint or a flush of the session. The statement is a Core one on the table,
    and the object is made from the row it returns and added to the session as loaded (what an ORM INSERT …
    RETURNING does, for a third of its Python). Any other constraint still raises IntegrityError. Return the new
    object, persistent in the session, or None when the row was taken (the caller then reads the winner's)."""
    from sqlalchemy.orm import make_transient_to_detached

    statement, attributes = _insert_unless_taken(entity, tuple(sorted(values)), unique,
                                                 db.session.get_bind().dialect.name)
    row = db.session.execute(statement, values).first()
    if row is None:
        return None
    made = entity(**dict(zip(attributes, row, strict=True)))
    make_transient_to_detached(made)
    db.session.add(made)
    return made


@functools.cache
def _insert_unless_taken(entity, names: tuple[str, ...], unique: tuple[str, ...], dialect: str):
    """Return the statement insert_unless_taken sends for these attribute names, and the attribute each column
    it returns goes to."""
    from sqlalchemy import bindparam, inspect
    from sqlalchemy.dialects import postgresql, sqlite

    mapper = inspect(entity)
    table = mapper.local_table
    columns = list(table.columns)
    attributes = tuple(mapper.get_property_by_column(column).key for column in columns)
    column_of = dict(zip(attributes, columns, strict=True))
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    statement = (insert(table).values({column_of[name].name: bindparam(name) for name in names})
                 .on_conflict_do_nothing(index_elements=[column_of[name].name for name in unique])
                 .returning(*columns))
    return statement, attributes
