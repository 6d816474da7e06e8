"""What templates show of materials: the template globals behind the staff part of a sitting's page, the
public list, the on-site list (/m/<code>) and the member's page."""

from __future__ import annotations

from consult.auth.scope import staff_for
from consult.materials import access, kinds, queries
from consult.materials.blueprint import KIND_LABELS, bp, max_upload_mb
from consult.materials.forms import MaterialForm, MaterialVisibilityForm
from consult.materials.models import MATERIAL_VISIBILITIES
from consult.meetings import queries as meeting_queries
from consult.meetings.models import Meeting


@bp.app_template_global()
def material_size(size: int) -> str:
    """Return a file size as people read it (1.2 MB)."""
    return kinds.size_label(size)


@bp.app_template_global()
def material_kind_label(content_type: str) -> str:
    """Return what a reader calls a file of this content type: PDF, Word, image."""
    for kind in kinds.KINDS.values():
        if kind.content_type == content_type:
            return str(KIND_LABELS[kind.key])
    return content_type


@bp.app_template_global()
def staff_materials(meeting: Meeting) -> dict:
    """Return what the staff part of a sitting's page shows of its materials: the groups (by topic), the upload
    form, a visibility form and the labels."""
    materials = queries.materials_of([meeting.id])[meeting.id]
    return {
        "groups": queries.by_topic(materials, meeting.topics),
        "form": MaterialForm(formdata=None, topics=meeting.topics),
        "visibility_form": MaterialVisibilityForm(formdata=None),
        "visibilities": MATERIAL_VISIBILITIES,
        "max_mb": max_upload_mb(),
    }


@bp.app_template_global()
def public_materials(meeting: Meeting) -> list:
    """Return the groups (by topic) of the materials anyone may open from the sitting's public page."""
    materials = [
        m for m in queries.materials_of([meeting.id], public_only=True)[meeting.id]
        if access.on_public_page(m.public, meeting.status, meeting.visibility)
    ]
    return queries.by_topic(materials, meeting.topics)


@bp.app_template_global()
def onsite_materials(meeting: Meeting, member=None, invited: bool | None = None) -> list:
    """Return the groups (by topic) of the materials the reader of the on-site page may open: all for staff and
    a recognised invitee, the public ones for everyone else. `invited`, when the page knows it already, spares
    asking whether the member is invited."""
    if invited is None:
        invited = member is not None and meeting_queries.is_invited(meeting.id, member.id)
    everything = staff_for(meeting.organ_id) or invited
    materials = [
        m for m in queries.materials_of([meeting.id])[meeting.id]
        if everything or access.on_site(m.public, meeting.status, False)
    ]
    return queries.by_topic(materials, meeting.topics)


@bp.app_template_global()
def member_materials(member, sittings) -> list:
    """Return, for a member's own page, (sitting, groups by topic) for each of `sittings` (their coming
    sittings) that has materials they may open, in two statements at most."""
    sittings = [s for s in sittings if s.status != "draft"]
    found = queries.materials_of([s.id for s in sittings])
    shown = []
    invited_ids = meeting_queries.invited_meeting_ids(member.id, [s.id for s in sittings if found[s.id]])
    for sitting in sittings:
        # `sittings` are those the member is invited to (or public ones): access.for_member decides per file.
        invited = sitting.id in invited_ids
        materials = [
            m for m in found[sitting.id] if access.for_member(m.public, sitting.status, sitting.visibility, invited)
        ]
        if materials:
            shown.append((sitting, queries.by_topic(materials, sitting.topics)))
    return shown

