"""What kind of file an upload is, told from its bytes, and how its name is kept and sent back. Pure functions:
no Flask, no database.

A name can say anything (an .exe renamed .pdf): the kind comes from the first bytes of the file (its magic
number), and the name's extension must agree with it.
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass
from urllib.parse import quote


@dataclass(frozen=True)
class FileKind:
    """One kind of file we accept: its key, content type, extensions (the first is the one we add) and whether
    a browser shows it in the page (PDF, images) or downloads it (Word)."""

    key: str
    content_type: str
    extensions: tuple[str, ...]
    inline: bool


PDF = FileKind("pdf", "application/pdf", (".pdf",), True)
DOCX = FileKind("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", (".docx",), False)
DOC = FileKind("doc", "application/msword", (".doc",), False)
JPEG = FileKind("jpeg", "image/jpeg", (".jpg", ".jpeg"), True)
PNG = FileKind("png", "image/png", (".png",), True)
KINDS = {kind.key: kind for kind in (PDF, DOCX, DOC, JPEG, PNG)}
# What the file input offers (a hint for the phone's file picker; the bytes decide).
ACCEPT = ",".join(ext for kind in KINDS.values() for ext in kind.extensions)

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# A Word 97–2003 file is an OLE2 compound file holding a stream named WordDocument (Excel's holds Workbook);
# the directory entries keep stream names in UTF-16LE.
_WORD_STREAM = "WordDocument".encode("utf-16-le")


def kind_of(head: bytes, path_or_file=None) -> FileKind | None:
    """Return the FileKind the bytes `head` (the start of the file, at least 8 bytes; the whole file for Word)
    show, or None for anything else. For a ZIP (.docx) `path_or_file`, a path or a seekable binary file, is
    opened to look for word/document.xml; without it a ZIP is not recognised.
    """
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(_OLE2):
        return DOC if _WORD_STREAM in head or _WORD_STREAM in _ole2_directory(head, path_or_file) else None
    if head.startswith(b"PK\x03\x04") and path_or_file is not None:
        try:
            with zipfile.ZipFile(path_or_file) as archive:  # reads the central directory only, nothing is unpacked
                names = set(archive.namelist())
        except (zipfile.BadZipFile, OSError, ValueError):
            return None
        return DOCX if "word/document.xml" in names and "[Content_Types].xml" in names else None
    return None


def _ole2_directory(head: bytes, path_or_file) -> bytes:
    """Return the bytes of the first sectors of an OLE2 file's directory (b"" when it cannot be read)."""
    if path_or_file is None or len(head) < 0x34:
        return b""
    sector_size = 1 << int.from_bytes(head[0x1E:0x20], "little")
    first = int.from_bytes(head[0x30:0x34], "little")
    if sector_size not in (512, 4096) or first >= 0xFFFFFFFA:
        return b""
    try:
        if isinstance(path_or_file, (str, bytes)) or hasattr(path_or_file, "__fspath__"):
            with open(path_or_file, "rb") as handle:
                handle.seek((first + 1) * sector_size)
                return handle.read(8 * sector_size)
        position = path_or_file.tell()
        path_or_file.seek((first + 1) * sector_size)
        directory = path_or_file.read(8 * sector_size)
        path_or_file.seek(position)
        return directory
    except (OSError, ValueError):
        return b""


def kind_of_bytes(content: bytes) -> FileKind | None:
    """Return the FileKind of a whole file held in memory, or None (kind_of over the bytes)."""
    return kind_of(content, io.BytesIO(content))


_UNSAFE = re.compile(r"[\x00-\x1f\x7f/\\:*?\"<>|]+")


def clean_file_name(name: str, limit: int = 200) -> str:
    """Return the last part of an uploaded file name (browsers may send a whole path) with control characters,
    path separators and characters Windows refuses replaced by "_", spaces collapsed, NFC-normalised, at most
    `limit` characters (the extension kept); "" when nothing is left."""
    name = unicodedata.normalize("NFC", name or "")
    name = re.split(r"[/\\]", name)[-1]
    name = _UNSAFE.sub("_", name)
    name = " ".join(name.split()).strip(" .")
    if len(name) > limit:
        stem, dot, ext = name.rpartition(".")
        name = stem[: limit - len(ext) - 1] + "." + ext if dot and len(ext) <= 10 else name[:limit]
    return name


def extension_of(name: str) -> str:
    """Return the lower-case extension of `name` with its dot (".pdf"), or ""."""
    stem, dot, ext = name.rpartition(".")
    return f".{ext.lower()}" if dot and stem and ext and len(ext) <= 10 else ""


def name_fits_kind(name: str, kind: FileKind) -> bool:
    """Return True when `name` has no extension or one of `kind`'s (a .pdf name on PNG bytes does not fit)."""
    ext = extension_of(name)
    return ext == "" or ext in kind.extensions


def name_with_extension(name: str, kind: FileKind) -> str:
    """Return `name`, with `kind`'s usual extension added when it has none."""
    return name if extension_of(name) else f"{name}{kind.extensions[0]}"


def title_from_file_name(name: str) -> str:
    """Return a title made from a file name: without its extension (征求意见稿.pdf → 征求意见稿)."""
    ext = extension_of(name)
    return name[: -len(ext)] if ext else name


def content_disposition(name: str, inline: bool) -> str:
    """Return a Content-Disposition value (RFC 6266) carrying `name` as filename* (RFC 5987, UTF-8, for every
    current browser) and an ASCII filename fallback (non-ASCII letters as "_", quotes and backslashes removed)."""
    disposition = "inline" if inline else "attachment"
    fallback = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    fallback = re.sub(r"[^A-Za-z0-9._ ()\-]+", "_", fallback).strip(" _") or "file"
    ext = extension_of(name)
    if ext and not fallback.lower().endswith(ext):
        fallback = f"{fallback.rsplit('.', 1)[0] if '.' in fallback else fallback}{ext}"
    if fallback.startswith("."):
        fallback = "file" + fallback
    return f"{disposition}; filename=\"{fallback}\"; filename*=UTF-8''{quote(name, safe='')}"


def size_label(size: int) -> str:
    """Return a file size as people read it: 820 B, 35 KB, 1.2 MB (1 KB = 1,024 bytes)."""
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{round(size / 1024)} KB"
    return f"{size / (1024 * 1024):.1f} MB"
