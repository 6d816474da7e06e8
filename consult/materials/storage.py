"""Where the files of materials live: one interface (put, open, delete by key) and its implementations.

Today files are kept in a folder (the instance folder by default, CONSULT_STORAGE_PATH). When several servers
share the work, another implementation (a shared volume, an object store) is added here and chosen in
storage_for(); nothing else in the app touches files.
"""

from __future__ import annotations

import hashlib
import os
import re
import secrets
import tempfile
from pathlib import Path
from typing import BinaryIO, Protocol

from flask import Flask, current_app

CHUNK = 1024 * 1024
_KEY = re.compile(r"[0-9a-f]{2}/[0-9a-f]{30}")


class MissingFile(LookupError):
    """The storage has no file under this key (deleted by hand, a lost disk, a backup restored without files)."""


class Storage(Protocol):
    """A place that keeps files under keys it chooses."""

    def put(self, source: BinaryIO) -> tuple[str, int, str]:
        """Store the bytes read from `source` (read to its end); return (key, size, SHA-256 hex)."""

    def open(self, key: str) -> BinaryIO:
        """Return the file under `key`, open for binary reading; raise MissingFile when there is none."""

    def delete(self, key: str) -> None:
        """Remove the file under `key`; a key already gone is no error."""

    def put_at(self, key: str, source: BinaryIO) -> tuple[int, str]:
        """Store the bytes of `source` under `key` (a key this storage gave before: a restored backup); return
        (size, SHA-256 hex)."""


class LocalFolderStorage:
    """Files in a folder of this server, under random keys (ab/cdef…), written atomically: a temporary file in
    the same folder, flushed to disk, then renamed over its final name, so a reader never sees half a file."""

    def __init__(self, root: str | os.PathLike) -> None:
        self.root = Path(root)

    def _path(self, key: str) -> Path:
        # Keys are ours (hex), but a key from the database is checked all the same before it becomes a path.
        if not _KEY.fullmatch(key or ""):
            raise MissingFile(key)
        return self.root / key

    def put(self, source: BinaryIO) -> tuple[str, int, str]:
        """Store the bytes read from `source`; return (key, size, SHA-256 hex)."""
        token = secrets.token_hex(16)
        key = f"{token[:2]}/{token[2:]}"
        size, digest = self.put_at(key, source)
        return key, size, digest

    def put_at(self, key: str, source: BinaryIO) -> tuple[int, str]:
        """Store the bytes read from `source` under `key` (raise MissingFile for a key this storage would not
        give); return (size, SHA-256 hex)."""
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        digest, size = hashlib.sha256(), 0
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".upload-")
        try:
            with os.fdopen(handle, "wb") as out:
                while chunk := source.read(CHUNK):
                    out.write(chunk)
                    digest.update(chunk)
                    size += len(chunk)
                out.flush()
                os.fsync(out.fileno())
            os.chmod(temporary, 0o640)
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        return size, digest.hexdigest()

    def open(self, key: str) -> BinaryIO:
        """Return the file under `key` open for reading; raise MissingFile when there is none."""
        try:
            return self._path(key).open("rb")
        except (FileNotFoundError, IsADirectoryError, NotADirectoryError) as error:
            raise MissingFile(key) from error

    def delete(self, key: str) -> None:
        """Remove the file under `key` (nothing when it is already gone)."""
        try:
            self._path(key).unlink(missing_ok=True)
        except MissingFile:
            return


def storage_for(app: Flask) -> Storage:
    """Return the storage of `app`, made once: a LocalFolderStorage at CONSULT_STORAGE_PATH (default
    <instance>/materials)."""
    storage = app.extensions.get("consult_storage")
    if storage is None:
        root = app.config.get("CONSULT_STORAGE_PATH") or os.path.join(app.instance_path, "materials")
        storage = app.extensions["consult_storage"] = LocalFolderStorage(root)
    return storage


def storage() -> Storage:
    """Return the current app's storage."""
    return storage_for(current_app)
