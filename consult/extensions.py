"""Flask extensions, created unbound and bound to the app in create_app()."""

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
    for the one before it instead of failing). The driver's own transaction handling is switched off so that a
    request that may write (POST and the like, commands, workers) starts its transaction with BEGIN IMMEDIATE:
    in WAL mode a transaction that first reads and then writes after another process committed fails at once,
    whatever the busy timeout, unless it held the write lock from its start. Reading requests begin deferred.
    """
    from sqlalchemy import event

    if engine.dialect.name != "sqlite":
        return

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, connection_record) -> None:
        dbapi_connection.isolation_level = None  # BEGIN is ours (below), not the driver's
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = NORMAL")  # safe with WAL: a power cut loses at most the last commits
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection) -> None:
        # On the driver's connection itself: statement counters (tests, timings) count the app's statements only.
        connection.connection.dbapi_connection.execute("BEGIN IMMEDIATE" if _writing_request() else "BEGIN")


def _writing_request() -> bool:
    """Return True inside a request whose method may write (anything but GET, HEAD, OPTIONS)."""
    from flask import has_request_context, request

    return has_request_context() and request.method not in READING_METHODS
