"""Reads of materials: a sitting's, grouped by topic; a member's coming sittings'. Who may open what is
decided in consult.materials.access."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlalchemy import bindparam, select

from consult.extensions import built_once, db
from consult.materials.models import Material


@dataclass
class TopicMaterials:
    """The materials of one topic (`topic` None: of the sitting as a whole), in upload order."""

    topic: object | None
    materials: list[Material] = field(default_factory=list)


def material_by_id(material_id: int) -> Material | None:
    """Return the material with this id, or None."""
    return db.session.get(Material, material_id)


def materials_of(meeting_ids: Iterable[int], *, public_only: bool = False) -> dict[int, list[Material]]:
    """Return, per sitting id, its materials (only public ones when `public_only`), by topic then upload order,
    in one statement."""
    ids = list(meeting_ids)
    found: dict[int, list[Material]] = {meeting_id: [] for meeting_id in ids}
    if not ids:
        return found
    for material in db.session.scalars(_materials_of(public_only), {"ids": ids}):
        found[material.meeting_id].append(material)
    return found


@built_once
def _materials_of(public_only: bool):
    query = select(Material).where(Material.meeting_id.in_(bindparam("ids", expanding=True)))
    if public_only:
        query = query.where(Material.visibility == "public")
    return query.order_by(Material.uploaded_at, Material.id)


def by_topic(materials: list[Material], topics) -> list[TopicMaterials]:
    """Return `materials` grouped as the agenda reads: the sitting's own first, then each topic in order;
    a material whose topic is gone from the agenda goes with the sitting's own. Groups without materials are
    left out."""
    groups = {topic.id: TopicMaterials(topic) for topic in topics}
    general = TopicMaterials(None)
    for material in materials:
        groups.get(material.topic_id, general).materials.append(material)
    return [group for group in (general, *groups.values()) if group.materials]


def stored_file_keys(session) -> list[str]:
    """Return the storage key of every material `session` sees, in key order (for the backup, which reads them in
    the database snapshot it archives rather than in the app's session)."""
    return list(session.scalars(select(Material.storage_key).order_by(Material.storage_key)))
