"""The backup archive: one uncompressed tar file holding the database dump, the files of meeting materials and a
manifest. Plain functions over files; no Flask, no database.

    database.sqlite3 | database.pgdump    the database: an SQLite file, or pg_dump's custom format
    materials/ab/cdef…                    each material's file under its storage key
    manifest.json                         written last: what the archive holds, with the size and SHA-256 of each
                                          part, the backend, the schema revision, the time, the row counts

Uncompressed because its parts are compressed already (pg_dump's custom format, PDF, Word, JPEG) or small (an
SQLite file of a committee is a few megabytes); tar because any system can list and unpack it by hand.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import tarfile
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import BinaryIO

FORMAT = "consult-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
DATABASE_PARTS = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}
MATERIALS = "materials/"
_MATERIAL_NAME = re.compile(r"materials/[0-9a-f]{2}/[0-9a-f]{30}")
CHUNK = 1024 * 1024


class DamagedArchive(ValueError):
    """The file is not a complete, unaltered consult backup (truncated, changed, or something else)."""


@dataclass(frozen=True)
class Part:
    """One file inside the archive."""

    name: str
    size: int
    sha256: str


@dataclass
class Manifest:
    """What an archive holds and where it came from."""

    backend: str  # "sqlite" or "postgresql"
    created_at: str  # ISO 8601, UTC
    schema_revision: str | None  # Alembic's revision of the database, None when it has no alembic_version
    database: Part
    materials: list[Part] = field(default_factory=list)
    missing_materials: list[str] = field(default_factory=list)  # keys the database names whose file was gone
    row_counts: dict[str, int] = field(default_factory=dict)
    versions: dict[str, str] = field(default_factory=dict)  # sqlite / server / pg_dump versions
    format: str = FORMAT
    format_version: int = FORMAT_VERSION

    def to_json(self) -> bytes:
        """Return the manifest as UTF-8 JSON, keys sorted, so the same backup gives the same bytes."""
        return json.dumps(asdict(self), ensure_ascii=False, indent=2, sort_keys=True).encode()

    @classmethod
    def from_json(cls, raw: bytes) -> Manifest:
        """Return the manifest in `raw`; raise DamagedArchive when it is not one this version reads."""
        try:
            values = json.loads(raw)
            if values.get("format") != FORMAT:
                raise DamagedArchive("it is not a consult backup (its manifest names no consult backup)")
            if values.get("format_version") != FORMAT_VERSION:
                raise DamagedArchive(f"it is a backup of format {values.get('format_version')!r}; this version of "
                                     f"consult reads format {FORMAT_VERSION}")
            values["database"] = Part(**values["database"])
            values["materials"] = [Part(**part) for part in values["materials"]]
            manifest = cls(**values)
        except DamagedArchive:
            raise
        except (ValueError, TypeError, KeyError, AttributeError) as error:
            raise DamagedArchive(f"its manifest cannot be read ({error})") from error
        if manifest.backend not in DATABASE_PARTS or manifest.database.name != DATABASE_PARTS[manifest.backend]:
            raise DamagedArchive(f"its manifest names an unknown database ({manifest.backend!r})")
        return manifest

    def parts(self) -> list[Part]:
        """Return every part the archive must hold besides the manifest: the database first."""
        return [self.database, *self.materials]


class _Hashing(io.RawIOBase):
    """A reader that hashes and counts what passes through it."""

    def __init__(self, source: BinaryIO) -> None:
        self.source, self.digest, self.size = source, hashlib.sha256(), 0

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        chunk = self.source.read(size)
        self.digest.update(chunk)
        self.size += len(chunk)
        return chunk


def add_file(archive: tarfile.TarFile, name: str, path: Path, *, mtime: float) -> Part:
    """Add the file at `path` to `archive` as `name`; return its Part (size and SHA-256 of the bytes written).

    Raises OSError when the file cannot be read, or changed size while it was read."""
    with path.open("rb") as source:
        info = tarfile.TarInfo(name)
        info.size, info.mtime, info.mode = path.stat().st_size, int(mtime), 0o600
        hashing = _Hashing(source)
        archive.addfile(info, hashing)
        if hashing.size != info.size:
            raise OSError(f"{path} changed size while it was read")
    return Part(name, hashing.size, hashing.digest.hexdigest())


def add_manifest(archive: tarfile.TarFile, manifest: Manifest, *, mtime: float) -> None:
    """Add the manifest as the archive's last member."""
    raw = manifest.to_json()
    info = tarfile.TarInfo(MANIFEST)
    info.size, info.mtime, info.mode = len(raw), int(mtime), 0o600
    archive.addfile(info, io.BytesIO(raw))


def material_name(storage_key: str) -> str:
    """Return the archive name of the material stored under `storage_key` (ab/cdef… → materials/ab/cdef…)."""
    return MATERIALS + storage_key


def storage_key(name: str) -> str:
    """Return the storage key of the archive member `name` (the inverse of material_name)."""
    return name.removeprefix(MATERIALS)


def verify(path: Path) -> Manifest:
    """Read the whole archive at `path` and return its manifest when every part is there with the size and
    SHA-256 the manifest gives, and nothing else is.

    Raises DamagedArchive (with what is wrong) for anything else: not a tar file, truncated, a part changed,
    missing or added, a name that would leave the folder it is unpacked in. Raises OSError when it cannot be read."""
    try:
        with tarfile.open(path, mode="r:") as archive:
            members = archive.getmembers()
            by_name = {member.name: member for member in members}
            if len(by_name) != len(members):
                raise DamagedArchive("it holds a name twice")
            if MANIFEST not in by_name:
                raise DamagedArchive("it has no manifest (not a consult backup, or cut short)")
            manifest = Manifest.from_json(_read_member(archive, by_name[MANIFEST]))
            expected = {part.name: part for part in manifest.parts()}
            unexpected = sorted(set(by_name) - set(expected) - {MANIFEST})
            if unexpected:
                raise DamagedArchive(f"it holds files its manifest does not list: {', '.join(unexpected[:3])}")
            for part in expected.values():
                if part.name != manifest.database.name and not _MATERIAL_NAME.fullmatch(part.name):
                    raise DamagedArchive(f"its manifest names an unexpected file {part.name!r}")
                member = by_name.get(part.name)
                if member is None:
                    raise DamagedArchive(f"{part.name} is missing")
                if not member.isfile():
                    raise DamagedArchive(f"{part.name} is not a plain file")
                size, digest = _hash_member(archive, member)
                if (size, digest) != (part.size, part.sha256):
                    raise DamagedArchive(f"{part.name} is not what was backed up (size or SHA-256 differs)")
    except tarfile.TarError as error:
        raise DamagedArchive(f"it is not a readable tar file ({error})") from error
    except EOFError as error:
        raise DamagedArchive("it is cut short") from error
    return manifest


def _read_member(archive: tarfile.TarFile, member: tarfile.TarInfo, limit: int = 64 * 1024 * 1024) -> bytes:
    if not member.isfile() or member.size > limit:
        raise DamagedArchive(f"{member.name} is not a plain file of a sensible size")
    source = archive.extractfile(member)
    raw = source.read() if source is not None else b""
    if len(raw) != member.size:
        raise DamagedArchive(f"{member.name} is cut short")
    return raw


def _hash_member(archive: tarfile.TarFile, member: tarfile.TarInfo) -> tuple[int, str]:
    source = archive.extractfile(member)
    digest, size = hashlib.sha256(), 0
    if source is not None:
        while chunk := source.read(CHUNK):
            digest.update(chunk)
            size += len(chunk)
    return size, digest.hexdigest()


def copy_parts(archive_path: Path, manifest: Manifest) -> Iterator[tuple[Part, BinaryIO]]:
    """Yield (part, a reader of its bytes) for each part of the archive in the order it holds them (the database
    first), in one pass over the file. A reader is valid until the next part is asked for.

    Raises DamagedArchive when a part read does not match the manifest (the file changed since verify())."""
    expected = {part.name: part for part in manifest.parts()}
    with tarfile.open(archive_path, mode="r:") as archive:
        for member in archive:
            part = expected.get(member.name)
            if part is None:
                continue
            source = archive.extractfile(member)
            if source is None:
                raise DamagedArchive(f"{member.name} is not a plain file")
            hashing = _Hashing(source)
            yield part, hashing
            while hashing.read(CHUNK):  # what the caller left unread still counts
                pass
            if (hashing.size, hashing.digest.hexdigest()) != (part.size, part.sha256):
                raise DamagedArchive(f"{part.name} changed while it was restored")
