"""Files written whole or not at all: a temporary file in the same folder, flushed to disk, then renamed over
the final name. A reader (or a cron job's next run) never meets a half-written file, and a failure leaves the
previous file, if any, as it was."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO


@contextmanager
def atomic_output(path: Path, *, prefix: str = ".consult-", mode: int = 0o600) -> Iterator[BinaryIO]:
    """Yield a binary file to write; when the block ends without an exception, the file is flushed to disk, given
    `mode` and renamed to `path`; when it raises, the temporary file is removed and `path` is untouched.

    Raises OSError when the folder of `path` cannot be written."""
    folder = path.parent if str(path.parent) else Path(".")
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=prefix, suffix=".part")
    try:
        with os.fdopen(handle, "wb") as out:
            yield out
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    _sync_folder(folder)


def write_atomically(path: Path, data: bytes, *, prefix: str = ".consult-", mode: int = 0o600) -> None:
    """Write `data` to `path` through a temporary file in the same folder: never a half-written file.

    Raises OSError when the folder cannot be written."""
    with atomic_output(path, prefix=prefix, mode=mode) as out:
        out.write(data)


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (the folder's entry), where the system allows opening a folder."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)
