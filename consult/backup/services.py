"""Taking a backup (database snapshot, then the material files it names, then the manifest, written atomically) and
restoring one (checked whole first, into an empty database only, nothing changed on any refusal)."""

from __future__ import annotations

import hashlib
import logging
import shutil
import sqlite3
import tarfile
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import Engine

from consult.atomic_files import atomic_output
from consult.backup import postgres_backend, sqlite_backend
from consult.backup.archive import (
    DATABASE_PARTS,
    DamagedArchive,
    Manifest,
    add_file,
    add_manifest,
    copy_parts,
    material_name,
    storage_key,
    verify,
)
from consult.backup.facts import DatabaseFacts, has_tables, read_facts
from consult.materials.storage import MissingFile, Storage

log = logging.getLogger(__name__)


class BackupRefused(RuntimeError):
    """The backup or restore was not done; the message says why and what to do. Nothing was changed."""


@dataclass(frozen=True)
class Outcome:
    """What a backup wrote or a restore restored."""

    manifest: Manifest
    archive_size: int


def backend_of(engine: Engine) -> str:
    """Return "sqlite" or "postgresql" for `engine`; raise BackupRefused for any other database."""
    name = engine.dialect.name
    if name not in DATABASE_PARTS:
        raise BackupRefused(f"backups support SQLite and PostgreSQL, not {name}")
    return name


def take_backup(
    engine: Engine, storage: Storage, output: Path, *, now: datetime,
    after_snapshot: Callable[[], None] = lambda: None,
) -> Outcome:
    """Write a backup of the database of `engine` and of the material files it names to `output`, atomically:
    `output` is the complete archive or, on any failure, as it was before. The database is read at one instant
    while the app goes on writing; the files are read after that instant, so each file its rows name is there
    (a material deleted in between is listed as missing in the manifest).

    Raises BackupRefused (with the reason) when the database cannot be read, a client program is missing or
    of the wrong version, or `output` cannot be written."""
    backend = backend_of(engine)
    output = Path(output)
    if output.is_dir():
        raise BackupRefused(f"{output} is a folder: give the name of the archive file to write")
    try:
        with tempfile.TemporaryDirectory(dir=output.parent, prefix=".consult-backup-") as work:
            dump = Path(work) / DATABASE_PARTS[backend]
            facts, versions = _dump(engine, backend, dump, after_snapshot)
            mtime = now.timestamp()
            with atomic_output(output, prefix=".consult-backup-") as out, \
                    tarfile.open(fileobj=out, mode="w:", format=tarfile.PAX_FORMAT) as archive:
                database = add_file(archive, DATABASE_PARTS[backend], dump, mtime=mtime)
                dump.unlink()
                materials, missing = _add_materials(archive, storage, facts.storage_keys, work, mtime)
                manifest = Manifest(
                    backend=backend, created_at=now.isoformat(), schema_revision=facts.schema_revision,
                    database=database, materials=materials, missing_materials=missing,
                    row_counts=facts.row_counts, versions=versions,
                )
                add_manifest(archive, manifest, mtime=mtime)
    except (sqlite_backend.SQLiteProblem, postgres_backend.PostgresProblem) as error:
        raise BackupRefused(_clause(error)) from error
    except OSError as error:
        raise BackupRefused(f"cannot write {output}: {error.strerror or error}") from error
    log.info("backup %s written: %s, revision %s, %d material files (%d missing)", output, backend,
             manifest.schema_revision, len(materials), len(missing))
    return Outcome(manifest, output.stat().st_size)


def _dump(engine: Engine, backend: str, dump: Path, after_snapshot) -> tuple[DatabaseFacts, dict[str, str]]:
    if backend == "sqlite":
        sqlite_backend.copy_database(sqlite_backend.database_path(engine.url), dump, after_snapshot=after_snapshot)
        return sqlite_backend.facts_of_file(dump), {"sqlite": sqlite3.sqlite_version}
    return postgres_backend.dump_database(engine, dump, after_snapshot=after_snapshot)


def _add_materials(archive, storage: Storage, keys: list[str], work: str, mtime: float):
    """Add the file of every key; return (parts, keys whose file is missing)."""
    parts, missing = [], []
    for key in keys:
        try:
            source = storage.open(key)
        except MissingFile:
            missing.append(key)
            continue
        # A copy first: the tar header needs the size, and a file replaced meanwhile must not tear the archive.
        copy = Path(work) / "material"
        with source, copy.open("wb") as out:
            shutil.copyfileobj(source, out)
        parts.append(add_file(archive, material_name(key), copy, mtime=mtime))
        copy.unlink()
    return parts, missing


def check_archive(path: Path) -> Manifest:
    """Return the manifest of the archive at `path` once every part of it has been read and checked.

    Raises BackupRefused when it is missing, unreadable, truncated or changed."""
    try:
        return verify(Path(path))
    except DamagedArchive as error:
        raise BackupRefused(f"{path} is damaged: {error}. Nothing was changed.") from error
    except OSError as error:
        raise BackupRefused(f"cannot read {path}: {error.strerror or error}. Nothing was changed.") from error


def restore_backup(engine: Engine, storage: Storage, path: Path, *, known_revision: Callable[[str], bool]) -> Outcome:
    """Restore the archive at `path` into the empty database of `engine` and its files into `storage`, leaving the
    database at the backup's schema revision (`flask db upgrade` brings it forward).

    Everything is checked before anything is written: the archive whole (sizes and SHA-256), that it is of this
    database's backend, that `known_revision` knows its schema revision (not a backup of a newer consult), that the
    database holds no table and that no stored file under the same key differs. Files go first, the database last
    (in one transaction on PostgreSQL, one backup-API copy on SQLite), so a failure leaves the database empty.

    Raises BackupRefused with the reason when any check fails or the restore fails."""
    path = Path(path)
    manifest = check_archive(path)
    backend = backend_of(engine)
    if manifest.backend != backend:
        raise BackupRefused(f"{path} is a backup of {_BACKEND_NAMES[manifest.backend]} database and DATABASE_URL "
                            f"names {_BACKEND_NAMES[backend]}: restoring across databases is not supported. "
                            f"Nothing was changed.")
    revisions = (manifest.schema_revision or "").split(",")
    unknown = [revision for revision in revisions if revision and not known_revision(revision)]
    if unknown:
        raise BackupRefused(f"{path} is of schema revision {manifest.schema_revision}, which this version of consult "
                            f"does not know (a backup of a newer version): restore it with that version. "
                            f"Nothing was changed.")
    _refuse_unless_empty(engine, backend)
    try:
        pg_restore = postgres_backend.restore_tool(engine, manifest.versions) if backend == "postgresql" else ""
    except postgres_backend.PostgresProblem as error:
        raise BackupRefused(f"{_clause(error)}. Nothing was changed.") from error
    _refuse_conflicting_files(storage, manifest)
    try:
        work_root = (sqlite_backend.database_path(engine.url).parent if backend == "sqlite" else None)
        if work_root is not None:
            work_root.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(dir=work_root, prefix=".consult-restore-") as work:
            dump = Path(work) / manifest.database.name
            for part, source in copy_parts(path, manifest):  # the database comes first
                if part.name == manifest.database.name:
                    with dump.open("wb") as out:
                        shutil.copyfileobj(source, out)
                    if backend == "sqlite":
                        _refuse_unless_as_recorded(sqlite_backend.facts_of_file(dump), manifest)
                else:
                    storage.put_at(storage_key(part.name), source)
            if backend == "sqlite":
                sqlite_backend.restore_database(dump, sqlite_backend.database_path(engine.url))
            else:
                postgres_backend.restore_database(engine, dump, pg_restore)
                with engine.connect() as connection:
                    _refuse_unless_as_recorded(read_facts(connection), manifest)
    except DamagedArchive as error:
        raise BackupRefused(f"{path} is damaged: {error}. The database was not changed.") from error
    except (sqlite_backend.SQLiteProblem, postgres_backend.PostgresProblem) as error:
        raise BackupRefused(f"{_clause(error)}. The database was not changed.") from error
    except OSError as error:
        raise BackupRefused(f"the restore failed: {error.strerror or error}. The database was not changed.") from error
    finally:
        engine.dispose()
    log.info("backup %s restored: %s, revision %s, %d material files", path, backend, manifest.schema_revision,
             len(manifest.materials))
    return Outcome(manifest, path.stat().st_size)


def _clause(error: BaseException) -> str:
    """The error's message without its closing full stop, to be followed by what was (not) changed."""
    return str(error).rstrip(". ")


_BACKEND_NAMES = {"sqlite": "an SQLite", "postgresql": "a PostgreSQL"}


def _refuse_unless_empty(engine: Engine, backend: str) -> None:
    if backend == "sqlite":
        try:
            found = sqlite_backend.tables_in(sqlite_backend.database_path(engine.url))
        except sqlite_backend.SQLiteProblem as error:
            raise BackupRefused(f"{_clause(error)}. Nothing was changed.") from error
    else:
        with engine.connect() as connection:
            found = has_tables(connection)
    engine.dispose()
    if found:
        raise BackupRefused(f"the database is not empty (it has tables: {', '.join(found)}…): restore only into a new, "
                            f"empty database (PostgreSQL: createdb; SQLite: a file that does not exist yet) and "
                            f"point DATABASE_URL at it. Nothing was changed.")


def _refuse_conflicting_files(storage: Storage, manifest: Manifest) -> None:
    """Refuse when the storage holds, under a key of the backup, a file with other bytes (a file with the same
    bytes, from an earlier attempt or the old server's folder, is simply written again)."""
    for part in manifest.materials:
        try:
            source = storage.open(storage_key(part.name))
        except MissingFile:
            continue
        digest = hashlib.sha256()
        with source:
            while chunk := source.read(1024 * 1024):
                digest.update(chunk)
        if digest.hexdigest() != part.sha256:
            raise BackupRefused(f"the materials folder already holds another file under {storage_key(part.name)}: "
                                f"restore into an empty CONSULT_STORAGE_PATH. Nothing was changed.")


def _refuse_unless_as_recorded(facts: DatabaseFacts, manifest: Manifest) -> None:
    if facts.schema_revision != manifest.schema_revision or facts.row_counts != manifest.row_counts:
        raise DamagedArchive("its database does not hold what its manifest records (revision or row counts differ)")
