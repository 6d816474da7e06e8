"""PostgreSQL: pg_dump in its custom format from an exported snapshot (the same instant the backup's facts are read
in), and pg_restore into an empty database in one transaction. The client programs are found on PATH."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import Engine, text

from consult.backup.facts import DatabaseFacts, read_facts

_VERSION = re.compile(r"\b(\d+)(?:\.(\d+))?")


class PostgresProblem(RuntimeError):
    """pg_dump or pg_restore is missing, of the wrong version, or failed (the message says which and why)."""


def major_version(text_: str) -> int | None:
    """Return the major version in a version text (`pg_dump (PostgreSQL) 15.20 (Debian …)` → 15, `9.6.24` → 9;
    before PostgreSQL 10 the major was two numbers, and 9 stands for all of them), or None."""
    found = _VERSION.search(text_.split(")", 1)[-1] if ")" in text_ else text_)
    return int(found.group(1)) if found else None


def dump_version_problem(pg_dump: int, server: int) -> str | None:
    """Return why pg_dump of major `pg_dump` cannot dump a server of major `server`, or None when it can (pg_dump
    reads servers of its own version and older ones only)."""
    if pg_dump < server:
        return (f"pg_dump is version {pg_dump} and the server {server}: pg_dump cannot dump a newer server. Install "
                f"the PostgreSQL {server} client programs (Debian: postgresql-client-{server}) and put them first on "
                f"PATH (e.g. /usr/lib/postgresql/{server}/bin).")
    return None


def restore_version_problem(pg_restore: int, dumped_by: int, dumped_from: int, server: int) -> str | None:
    """Return why pg_restore of major `pg_restore` cannot restore, into a server of major `server`, an archive that
    pg_dump `dumped_by` made of a server `dumped_from`; None when it can."""
    if pg_restore < dumped_by:
        return (f"the backup was made by pg_dump {dumped_by} and pg_restore here is version {pg_restore}, which "
                f"cannot read it. Install the PostgreSQL {dumped_by} client programs (Debian: "
                f"postgresql-client-{dumped_by}) and put them first on PATH.")
    if server < dumped_from:
        return (f"the backup is of a PostgreSQL {dumped_from} server and this server is version {server}: restore "
                f"it into PostgreSQL {dumped_from} or newer.")
    return None


def client_program(name: str) -> tuple[str, int]:
    """Return the path of the client program `name` (pg_dump, pg_restore) found on PATH and its major version.

    Raises PostgresProblem when it is not on PATH or does not say its version."""
    path = shutil.which(name)
    if path is None:
        raise PostgresProblem(f"{name} is not on PATH: install the PostgreSQL client programs (Debian: "
                              f"postgresql-client) or add their folder to PATH.")
    try:
        answer = subprocess.run([path, "--version"], capture_output=True, text=True, timeout=30, check=True)
    except (OSError, subprocess.SubprocessError) as error:
        raise PostgresProblem(f"{path} --version failed ({error})") from error
    major = major_version(answer.stdout.strip())
    if major is None:
        raise PostgresProblem(f"{path} --version said {answer.stdout.strip()!r}, which names no version")
    return path, major


def server_major(engine: Engine) -> tuple[int, str]:
    """Return the major version of the server `engine` connects to and its full version text."""
    with engine.connect() as connection:
        number = int(connection.execute(text("SHOW server_version_num")).scalar_one())
        full = str(connection.execute(text("SHOW server_version")).scalar_one())
    return (number // 10000 if number >= 100000 else number // 100), full


def _libpq(url) -> tuple[str, dict[str, str]]:
    """Return the libpq URI of a SQLAlchemy `url` without its password, and the environment that carries the
    password (PGPASSWORD), so it never shows in the process list."""
    environment = dict(os.environ)
    if url.password:
        environment["PGPASSWORD"] = str(url.password)
    plain = url.set(drivername="postgresql", password=None)
    return plain.render_as_string(hide_password=False), environment


def _run(command: list[str], environment: dict[str, str], what: str) -> None:
    try:
        answer = subprocess.run(command, capture_output=True, text=True, env=environment, check=False)
    except OSError as error:
        raise PostgresProblem(f"{what} could not be started ({error})") from error
    if answer.returncode != 0:
        lines = [line for line in answer.stderr.strip().splitlines() if line.strip()]
        raise PostgresProblem(f"{what} failed (exit status {answer.returncode}): {' / '.join(lines[-3:])}")


def dump_database(
    engine: Engine, target: Path, *, after_snapshot: Callable[[], None] = lambda: None
) -> tuple[DatabaseFacts, dict[str, str]]:
    """Dump the database of `engine` into `target` (pg_dump's custom format) as it was at one instant: a
    repeatable-read transaction exports its snapshot, reads the facts in it and keeps it open while pg_dump dumps
    that same snapshot, so commits made meanwhile are in neither. `after_snapshot` runs once the snapshot exists.
    Return the facts and the versions (server, pg_dump).

    Raises PostgresProblem when pg_dump is missing, too old for the server, or fails."""
    pg_dump, dump_major = client_program("pg_dump")
    major, full = server_major(engine)
    problem = dump_version_problem(dump_major, major)
    if problem:
        raise PostgresProblem(problem)
    uri, environment = _libpq(engine.url)
    with engine.connect() as connection:
        connection = connection.execution_options(isolation_level="REPEATABLE READ", postgresql_readonly=True)
        with connection.begin():
            snapshot = connection.execute(text("SELECT pg_export_snapshot()")).scalar_one()
            facts = read_facts(connection)
            after_snapshot()
            _run([pg_dump, "--format=custom", f"--snapshot={snapshot}", f"--file={target}", f"--dbname={uri}"],
                 environment, "pg_dump")
    return facts, {"server": full, "server_major": str(major), "pg_dump_major": str(dump_major)}


def restore_tool(engine: Engine, versions: dict[str, str]) -> str:
    """Return the path of a pg_restore that can restore an archive of `versions` (the manifest's) into the server of
    `engine`.

    Raises PostgresProblem when pg_restore is missing or the versions do not allow it."""
    pg_restore, restore_major = client_program("pg_restore")
    major, _ = server_major(engine)
    problem = restore_version_problem(
        restore_major, int(versions.get("pg_dump_major", 0)), int(versions.get("server_major", 0)), major
    )
    if problem:
        raise PostgresProblem(problem)
    return pg_restore


def restore_database(engine: Engine, dump: Path, pg_restore: str) -> None:
    """Restore the pg_dump archive `dump` into the (empty) database of `engine` with `pg_restore` (restore_tool), in
    one transaction: all of it or, when anything fails, nothing. Objects are owned by the user restoring, without
    the original grants.

    Raises PostgresProblem when pg_restore fails."""
    uri, environment = _libpq(engine.url)
    _run([pg_restore, "--single-transaction", "--exit-on-error", "--no-owner", "--no-privileges",
          f"--dbname={uri}", str(dump)], environment, "pg_restore")
