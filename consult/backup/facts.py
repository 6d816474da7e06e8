"""What a backup records about the database it holds, read through one SQLAlchemy connection (the snapshot being
archived, or a database just restored): the schema revision, the row count of every table, the materials' keys."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, inspect, text
from sqlalchemy.orm import Session


@dataclass(frozen=True)
class DatabaseFacts:
    """The schema revision (None without alembic_version), row counts per table, and the stored files' keys."""

    schema_revision: str | None
    row_counts: dict[str, int]
    storage_keys: list[str]


def read_facts(connection: Connection) -> DatabaseFacts:
    """Return the facts of the database `connection` sees (in its transaction, if one is open)."""
    from consult.materials.queries import stored_file_keys

    tables = sorted(inspect(connection).get_table_names())
    counts = {name: connection.execute(text(f'SELECT count(*) FROM "{name}"')).scalar_one() for name in tables}
    revision = None
    if "alembic_version" in tables:
        revisions = sorted(connection.execute(text("SELECT version_num FROM alembic_version")).scalars())
        revision = ",".join(revisions) or None
    keys = []
    if "material" in tables:
        with Session(bind=connection) as session:  # joins the connection's transaction, never ends it
            keys = stored_file_keys(session)
    return DatabaseFacts(revision, counts, keys)


def has_tables(connection: Connection) -> list[str]:
    """Return the names of the tables (and views, sequences) the database already holds: empty when none."""
    if connection.dialect.name == "postgresql":
        return list(connection.execute(text(
            "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f') AND n.nspname NOT IN ('pg_catalog', "
            "'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp%' "
            "ORDER BY c.relname LIMIT 5")).scalars())
    return list(connection.execute(text(
        "SELECT name FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' "
        "ORDER BY name LIMIT 5")).scalars())
