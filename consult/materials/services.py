"""Writes of materials: attach a file, change who may open it, remove it. Services flush, never commit; the
file is written to the storage before the row, and removed from it only after the row's removal is committed
(remove_stored_file), so a failed transaction never leaves a row without its file."""

from __future__ import annotations

import logging
from typing import BinaryIO

from consult import audit
from consult.extensions import db
from consult.materials import kinds
from consult.materials.models import FILE_NAME_MAX, MATERIAL_VISIBILITIES, TITLE_MAX, Material
from consult.materials.storage import storage

log = logging.getLogger(__name__)


class MaterialError(ValueError):
    """A file that cannot be attached; `code` names the reason (the form turns it into a message)."""

    def __init__(self, code: str, message: str = "", **details) -> None:
        super().__init__(message or code)
        self.code = code
        self.details = details


def read_head(source: BinaryIO, size: int = 64 * 1024) -> bytes:
    """Return the first bytes of `source` for kinds.kind_of (up to `size`), and rewind it."""
    source.seek(0)
    head = source.read(size)
    source.seek(0)
    return head


def check_upload(source: BinaryIO, file_name: str, max_bytes: int) -> tuple[kinds.FileKind, str]:
    """Return the kind and the cleaned name of an upload, or raise MaterialError: "empty", "too_large"
    (details: max_bytes), "no_name", "unknown_kind" (not a PDF, Word file or JPEG/PNG image, whatever its name)
    or "name_mismatch" (details: kind; a name whose extension says another kind than the bytes)."""
    source.seek(0, 2)
    size = source.tell()
    source.seek(0)
    if size == 0:
        raise MaterialError("empty")
    if size > max_bytes:
        raise MaterialError("too_large", max_bytes=max_bytes)
    name = kinds.clean_file_name(file_name, FILE_NAME_MAX)
    if not kinds.title_from_file_name(name):
        raise MaterialError("no_name")
    kind = kinds.kind_of(read_head(source), source)
    source.seek(0)
    if kind is None:
        raise MaterialError("unknown_kind")
    if not kinds.name_fits_kind(name, kind):
        raise MaterialError("name_mismatch", kind=kind.key)
    return kind, kinds.name_with_extension(name, kind)


def attach_material(
    *, meeting_id: int, topic_id: int | None, source: BinaryIO, file_name: str, title: str, visibility: str,
    max_bytes: int, by_user_id: int | None,
) -> Material:
    """Store the uploaded file and add its material to the sitting (or to `topic_id`, one of its topics, which
    the caller has checked); return it. `title` "" takes the file's name. Raises MaterialError (check_upload)."""
    if visibility not in MATERIAL_VISIBILITIES:
        raise MaterialError("visibility")
    kind, name = check_upload(source, file_name, max_bytes)
    key, size, sha256 = storage().put(source)
    title = " ".join((title or "").split())[:TITLE_MAX] or kinds.title_from_file_name(name)[:TITLE_MAX]
    material = Material(
        meeting_id=meeting_id, topic_id=topic_id, title=title, file_name=name, content_type=kind.content_type,
        size=size, sha256=sha256, storage_key=key, visibility=visibility, uploaded_by_id=by_user_id,
    )
    db.session.add(material)
    db.session.flush()
    audit.record("material.upload", material, after=_audit_values(material))
    log.info("material %s (%s, %d bytes) attached to meeting %s by user %s", material.id, kind.key, size,
             meeting_id, by_user_id)
    return material


def _audit_values(material: Material) -> dict:
    """Return what the audit log keeps of a material: its title, file, kind, size, SHA-256 and who may open it."""
    return {"title": material.title, "file_name": material.file_name, "content_type": material.content_type,
            "size": material.size, "sha256": material.sha256, "visibility": material.visibility}


def forget_stored_file(key: str) -> None:
    """Remove a stored file that no row holds (after a failed commit of attach_material)."""
    storage().delete(key)


def set_visibility(material: Material, visibility: str) -> None:
    """Set who may open `material` (a key of MATERIAL_VISIBILITIES; raise MaterialError otherwise)."""
    if visibility not in MATERIAL_VISIBILITIES:
        raise MaterialError("visibility")
    if material.visibility != visibility:
        audit.record("material.visibility", material, before={"visibility": material.visibility},
                     after={"visibility": visibility})
        material.visibility = visibility
        db.session.flush()
        log.info("material %s now %s", material.id, visibility)


def remove_material(material: Material) -> str:
    """Delete the material's row; return its storage key, for remove_stored_file once the deletion is
    committed."""
    key = material.storage_key
    audit.record("material.remove", material, before=_audit_values(material))
    db.session.delete(material)
    db.session.flush()
    log.info("material %s removed from meeting %s", material.id, material.meeting_id)
    return key


def remove_stored_file(key: str) -> None:
    """Remove the file of a material whose row is gone (committed)."""
    storage().delete(key)
