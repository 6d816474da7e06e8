"""Restore refuses, with a message and exit status 1 and changing nothing, a database that is not empty, an archive
cut short or changed, one of the other backend, one of an unknown schema revision, and files that would be
overwritten; a failed backup leaves the previous archive as it was."""

from __future__ import annotations

import io
import json
import tarfile
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, inspect, select

from consult.backup import archive as archive_module
from consult.extensions import db
from consult.opinions.models import Opinion
from tests.backup.conftest import backup


@pytest.fixture
def archive(world, runner, tmp_path) -> Path:
    path = tmp_path / "backup.tar"
    result = backup(runner, path)
    assert result.exit_code == 0, result.output
    return path


def _target_is_empty(target) -> bool:
    engine = create_engine(target.url)
    try:
        return inspect(engine).get_table_names() == []
    finally:
        engine.dispose()


def _refused(result, *words) -> None:
    assert result.exit_code == 1, result.output
    assert "Not restored" in result.output and "changed" in result.output
    for word in words:
        assert word in result.output


def test_a_database_that_is_not_empty_is_refused_and_keeps_its_data(app, world, archive, tmp_path):
    from tests.backup.conftest import Target

    here = Target(str(db.engine.url.render_as_string(hide_password=False)), tmp_path / "files-here")
    before = db.session.scalar(select(func.count(Opinion.id)))
    _refused(here.invoke("restore", str(archive)), "not empty", "alembic_version")
    db.session.expire_all()
    assert db.session.scalar(select(func.count(Opinion.id))) == before
    assert not (tmp_path / "files-here").exists()  # not a single material file written


def _rewrite(path: Path, out: Path, change) -> None:
    """Copy the archive at `path` to `out`, passing each member's (info, bytes) through `change`."""
    with tarfile.open(path) as source, tarfile.open(out, "w:") as copy:
        for member in source.getmembers():
            data = source.extractfile(member).read()
            changed = change(member, data)
            if changed is None:
                continue
            member.size = len(changed[1])
            copy.addfile(changed[0], io.BytesIO(changed[1]))


def _flip_in_database(member, data):
    if member.name.startswith("database."):
        middle = len(data) // 2
        data = data[:middle] + bytes([data[middle] ^ 1]) + data[middle + 1:]
    return member, data


def _drop_material(member, data):
    return None if member.name.startswith("materials/") else (member, data)


def _add_member(member, data):
    return member, data


@pytest.mark.parametrize("damage", ["cut in half", "cut inside the manifest", "flipped byte", "material removed",
                                    "not a tar file", "empty file", "no manifest", "another format", "file added"])
def test_a_damaged_archive_is_refused_before_anything_is_touched(app, archive, target, tmp_path, damage):
    bad = tmp_path / "bad.tar"
    raw = archive.read_bytes()
    if damage == "cut in half":
        bad.write_bytes(raw[: len(raw) // 2])
    elif damage == "cut inside the manifest":
        with tarfile.open(archive) as source:
            offset = source.getmember("manifest.json").offset_data
        bad.write_bytes(raw[: offset + 100])
    elif damage == "flipped byte":
        _rewrite(archive, bad, _flip_in_database)
    elif damage == "material removed":
        _rewrite(archive, bad, _drop_material)
    elif damage == "not a tar file":
        bad.write_bytes(b"PK\x03\x04 a zip file, or anything else" * 100)
    elif damage == "empty file":
        bad.write_bytes(b"")
    elif damage == "no manifest":
        _rewrite(archive, bad, lambda member, data: None if member.name == "manifest.json" else (member, data))
    elif damage == "another format":
        def newer(member, data):
            if member.name == "manifest.json":
                values = json.loads(data)
                values["format_version"] = 99
                data = json.dumps(values).encode()
            return member, data
        _rewrite(archive, bad, newer)
    else:
        with tarfile.open(archive) as source, tarfile.open(bad, "w:") as copy:
            for member in source.getmembers():
                copy.addfile(member, source.extractfile(member))
            extra = tarfile.TarInfo("../../etc/cron.d/evil")
            extra.size = 5
            copy.addfile(extra, io.BytesIO(b"owned"))
    result = target.invoke("restore", str(bad))
    _refused(result, "damaged")
    assert _target_is_empty(target)
    assert not target.files.exists()


def test_a_missing_archive_is_a_clear_error(app, target, tmp_path):
    _refused(target.invoke("restore", str(tmp_path / "nowhere.tar")), "cannot read")


def _archive_of(path: Path, backend: str, revision: str | None) -> None:
    """Write a well-formed archive claiming `backend` and `revision` (its database part is not a real one)."""
    dump = path.parent / "dump"
    dump.write_bytes(b"not really a database")
    with tarfile.open(path, "w:") as tar:
        part = archive_module.add_file(tar, archive_module.DATABASE_PARTS[backend], dump, mtime=0)
        manifest = archive_module.Manifest(backend=backend, created_at="2030-03-01T02:00:00+00:00",
                                           schema_revision=revision, database=part)
        archive_module.add_manifest(tar, manifest, mtime=0)


def test_an_archive_of_the_other_backend_is_refused(app, target, tmp_path):
    other = "postgresql" if db.engine.dialect.name == "sqlite" else "sqlite"
    path = tmp_path / "other.tar"
    _archive_of(path, other, None)
    _refused(target.invoke("restore", str(path)), "across databases is not supported")
    assert _target_is_empty(target)


def test_an_archive_of_a_newer_schema_is_refused(app, target, tmp_path):
    path = tmp_path / "newer.tar"
    _archive_of(path, db.engine.dialect.name, "ffffffffffff")
    _refused(target.invoke("restore", str(path)), "ffffffffffff", "newer version")
    assert _target_is_empty(target)


def test_another_file_under_a_key_of_the_backup_is_refused(app, world, archive, target):
    from consult.materials.models import Material

    key = db.session.get(Material, world.material_id).storage_key
    (target.files / key).parent.mkdir(parents=True)
    (target.files / key).write_bytes(b"someone else's file")
    _refused(target.invoke("restore", str(archive)), "another file", key)
    assert _target_is_empty(target)
    assert (target.files / key).read_bytes() == b"someone else's file"


def test_the_same_file_already_there_is_no_obstacle(app, world, archive, target):
    from consult.materials.models import Material
    from tests.materials.test_kinds_and_storage import PDF_BYTES

    key = db.session.get(Material, world.material_id).storage_key
    (target.files / key).parent.mkdir(parents=True)
    (target.files / key).write_bytes(PDF_BYTES)
    result = target.invoke("restore", str(archive))
    assert result.exit_code == 0, result.output


def test_a_material_whose_file_is_gone_is_listed_as_missing_with_a_warning(app, world, runner, tmp_path):
    from consult.materials.models import Material

    key = db.session.get(Material, world.material_id).storage_key
    (Path(app.config["CONSULT_STORAGE_PATH"]) / key).unlink()
    path = tmp_path / "backup.tar"
    result = backup(runner, path, "--quiet")
    assert result.exit_code == 0
    assert f"the file of material {key} was missing" in result.output
    manifest = archive_module.verify(path)
    assert manifest.missing_materials == [key] and manifest.materials == []


def test_a_backup_to_a_folder_or_a_missing_folder_is_a_clear_error(app, world, runner, tmp_path):
    into_folder = backup(runner, tmp_path)
    assert into_folder.exit_code != 0
    missing = backup(runner, tmp_path / "no" / "such" / "folder" / "backup.tar")
    assert missing.exit_code == 1 and "No backup written" in missing.output
    assert not (tmp_path / "no").exists()


def test_a_failure_halfway_leaves_no_archive_and_no_temporary_file(app, world, runner, tmp_path, monkeypatch):
    from consult.backup import services

    def broken(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(services, "add_manifest", broken)
    path = tmp_path / "backup.tar"
    path.write_bytes(b"yesterday's archive")
    result = backup(runner, path)
    assert result.exit_code == 1 and "No space left on device" in result.output
    assert path.read_bytes() == b"yesterday's archive"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
