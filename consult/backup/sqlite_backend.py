"""SQLite: a consistent copy through the online backup API while the app writes (WAL: the copy is one read
transaction, writers go on), and a restore that copies the checked file into the empty target the same way."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from pathlib import Path

from sqlalchemy import create_engine

from consult.backup.facts import DatabaseFacts, has_tables, read_facts


class SQLiteProblem(RuntimeError):
    """The SQLite database cannot be backed up or restored as asked (the message says why)."""


def database_path(url) -> Path:
    """Return the file of an SQLite SQLAlchemy `url`; raise SQLiteProblem for an in-memory database."""
    if not url.database or url.database == ":memory:" or url.database.startswith("file::memory:"):
        raise SQLiteProblem("DATABASE_URL names an in-memory SQLite database, which no other process can read")
    return Path(url.database)


def copy_database(source: Path, target: Path, *, after_snapshot: Callable[[], None] = lambda: None) -> None:
    """Copy the SQLite database at `source` into a new file `target` as it was at one instant, while other
    processes go on writing: the copy reads inside one read transaction (WAL mode lets writers commit meanwhile,
    and they never restart it). `after_snapshot` runs once that transaction holds its snapshot (tests write then
    to show that later commits stay out). The copy is left in rollback-journal mode: one self-contained file.

    Raises SQLiteProblem when `source` is missing or not an SQLite database."""
    if not source.is_file():
        raise SQLiteProblem(f"the database {source} does not exist")
    try:
        with closing(sqlite3.connect(source, isolation_level=None)) as reading:
            reading.execute("BEGIN")
            reading.execute("SELECT count(*) FROM sqlite_master").fetchone()  # the snapshot starts here
            after_snapshot()
            with closing(sqlite3.connect(target)) as copy:
                reading.backup(copy)
                copy.execute("PRAGMA journal_mode = DELETE")
            reading.execute("ROLLBACK")
    except sqlite3.DatabaseError as error:
        raise SQLiteProblem(f"{source} cannot be read as an SQLite database ({error})") from error


def facts_of_file(path: Path) -> DatabaseFacts:
    """Return the facts of the SQLite file at `path` (a copy made by copy_database).

    Raises SQLiteProblem when the file fails SQLite's integrity check."""
    engine = create_engine(f"sqlite:///{path}")
    try:
        with engine.connect() as connection:
            check = connection.exec_driver_sql("PRAGMA integrity_check").scalars().all()
            if check != ["ok"]:
                raise SQLiteProblem(f"the database copy fails SQLite's integrity check: {'; '.join(check[:3])}")
            return read_facts(connection)
    except SQLiteProblem:
        raise
    except Exception as error:  # noqa: BLE001 - any driver error means "not a usable database"
        raise SQLiteProblem(f"the database copy cannot be read ({error})") from error
    finally:
        engine.dispose()


def tables_in(target: Path) -> list[str]:
    """Return some of the tables the SQLite file `target` holds (empty for a new, empty or missing file).

    Raises SQLiteProblem when the file exists but is no SQLite database."""
    if not target.exists() or target.stat().st_size == 0:
        return []
    engine = create_engine(f"sqlite:///{target}")
    try:
        with engine.connect() as connection:
            return has_tables(connection)
    except Exception as error:  # noqa: BLE001
        raise SQLiteProblem(f"{target} is not an SQLite database ({error})") from error
    finally:
        engine.dispose()


@contextmanager
def _connection(path: Path) -> Iterator[sqlite3.Connection]:
    with closing(sqlite3.connect(path, isolation_level=None)) as connection:
        yield connection


def restore_database(copy: Path, target: Path) -> None:
    """Copy the checked SQLite file `copy` into the empty database `target` (created if missing) through the
    backup API, which takes the target's locks: a process holding it open sees all of it or none of it.

    Raises SQLiteProblem when the target gained tables meanwhile, or SQLite refuses."""
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        with _connection(copy) as source, _connection(target) as destination:
            found = destination.execute(  # checked again on the connection that copies: nothing came meanwhile
                "SELECT name FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite%'"
            ).fetchall()
            if found:
                raise SQLiteProblem(f"{target} is not empty any more")
            source.backup(destination)
            destination.execute("PRAGMA journal_mode = WAL")
    except sqlite3.DatabaseError as error:
        raise SQLiteProblem(f"SQLite could not restore into {target} ({error})") from error
