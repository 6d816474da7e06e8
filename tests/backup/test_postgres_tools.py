"""pg_dump and pg_restore: found on PATH, their versions checked against the server's with a message that says
what to install, and their failures reported (exit status 1, the old archive kept)."""

from __future__ import annotations

import pytest

from consult.backup.postgres_backend import dump_version_problem, major_version, restore_version_problem
from tests.backup.conftest import backup


@pytest.mark.parametrize("said, major", [
    ("pg_dump (PostgreSQL) 15.20 (Debian 15.20-0+deb12u1)", 15),
    ("pg_restore (PostgreSQL) 16.4", 16),
    ("pg_dump (PostgreSQL) 9.6.24", 9),
    ("pg_dump (PostgreSQL) 17beta1", 17),
    ("15.2", 15),
    ("no version here", None),
])
def test_major_version(said, major):
    assert major_version(said) == major


@pytest.mark.parametrize("client, server, refused", [(15, 15, False), (16, 15, False), (15, 16, True), (12, 17, True)])
def test_pg_dump_reads_its_own_and_older_servers_only(client, server, refused):
    problem = dump_version_problem(client, server)
    assert (problem is not None) == refused
    if refused:
        assert f"postgresql-client-{server}" in problem and f"version {client}" in problem


@pytest.mark.parametrize("pg_restore, dumped_by, dumped_from, server, refused_for", [
    (15, 15, 15, 15, None), (16, 15, 15, 16, None), (17, 16, 15, 16, None),
    (15, 16, 15, 16, "pg_restore"), (16, 16, 16, 15, "server"),
])
def test_pg_restore_reads_archives_of_its_own_version_or_older_into_a_server_as_new(
        pg_restore, dumped_by, dumped_from, server, refused_for):
    problem = restore_version_problem(pg_restore, dumped_by, dumped_from, server)
    if refused_for is None:
        assert problem is None
    elif refused_for == "pg_restore":
        assert f"pg_dump {dumped_by}" in problem and f"postgresql-client-{dumped_by}" in problem
    else:
        assert f"PostgreSQL {dumped_from} server" in problem and f"version {server}" in problem


pytestmark_pg = pytest.mark.parametrize("app", ["postgresql"], indirect=True)


def _fake_client(folder, name: str, version: str, exit_status: int = 0):
    folder.mkdir(exist_ok=True)
    script = folder / name
    script.write_text(f"#!/bin/sh\nif [ \"$1\" = --version ]; then echo '{name} (PostgreSQL) {version}'; exit 0; fi\n"
                      f"echo 'could not connect: imaginary failure' >&2\nexit {exit_status}\n")
    script.chmod(0o755)
    return folder


@pytestmark_pg
def test_without_pg_dump_on_path_the_backup_says_what_to_install(app, world, runner, tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    path = tmp_path / "backup.tar"
    result = backup(runner, path)
    assert result.exit_code == 1
    assert "pg_dump is not on PATH" in result.output and "postgresql-client" in result.output
    assert not path.exists()


@pytestmark_pg
def test_a_pg_dump_older_than_the_server_is_refused_with_the_versions(app, world, runner, tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(_fake_client(tmp_path / "bin", "pg_dump", "9.6.24")))
    path = tmp_path / "backup.tar"
    path.write_bytes(b"yesterday's archive")
    result = backup(runner, path)
    assert result.exit_code == 1
    assert "pg_dump is version 9" in result.output and "cannot dump a newer server" in result.output
    assert path.read_bytes() == b"yesterday's archive"


@pytestmark_pg
def test_a_failing_pg_dump_is_reported_with_its_words(app, world, runner, tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(_fake_client(tmp_path / "bin", "pg_dump", "99.0", exit_status=2)))
    path = tmp_path / "backup.tar"
    result = backup(runner, path)
    assert result.exit_code == 1
    assert "pg_dump failed (exit status 2)" in result.output and "imaginary failure" in result.output
    assert not path.exists() and [p for p in tmp_path.iterdir() if p.name.startswith(".")] == []


@pytestmark_pg
def test_without_pg_restore_the_restore_says_so_and_changes_nothing(app, world, runner, target, tmp_path, monkeypatch):
    path = tmp_path / "backup.tar"
    assert backup(runner, path).exit_code == 0
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    result = target.invoke("restore", str(path))
    assert result.exit_code == 1 and "pg_restore is not on PATH" in result.output
    assert "Nothing was changed" in result.output and not target.files.exists()
    from sqlalchemy import create_engine, inspect

    engine = create_engine(target.url)
    assert inspect(engine).get_table_names() == []
    engine.dispose()
