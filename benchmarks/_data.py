"""Data shared by the benchmarks."""

from __future__ import annotations

from consult.members.models import Organ

ORGANS = (
    ("plenary", "全体委员会议", "plenary"), ("standing_committee", "常务委员会", "standing"),
    ("chair_meeting", "主席会议", "chair"), ("special_committee", "提案委员会", "proposals"),
    ("special_committee", "经济委员会", "economy"), ("sector_group", "科技界小组", "science"),
)


def standard_organs() -> list[Organ]:
    """Return six new organs, one or two of each kind, in their order (not yet added to a session)."""
    return [Organ(kind=kind, name=name, slug=slug, position=i) for i, (kind, name, slug) in enumerate(ORGANS)]
