"""Who may open a material: the rules in one place, as plain functions over values the views load.

- Staff open every material.
- Public materials: everyone who can see the sitting, that is its public page (a published, public sitting),
  a member invited to it, and whoever holds the sitting's on-site code /m/<code> (the people in the room,
  guests and observers too).
- Invitee-only materials: the sitting's invitees, on their own page /my/<token> or on /m/<code> once the phone
  recognises them.
A draft sitting's materials are for staff only.
"""

from __future__ import annotations

from consult.meetings.statuses import SHOWN_TO_PUBLIC


def on_public_page(public_material: bool, status: str, sitting_visibility: str) -> bool:
    """Return True when anyone may open the material from the sitting's public page."""
    return public_material and status in SHOWN_TO_PUBLIC and sitting_visibility == "public"


def for_member(public_material: bool, status: str, sitting_visibility: str, invited: bool) -> bool:
    """Return True when a member (known by their link or their phone) may open the material: every material of
    a sitting they are invited to, and public materials of public sittings."""
    if status not in SHOWN_TO_PUBLIC:
        return False
    return invited or on_public_page(public_material, status, sitting_visibility)


def on_site(public_material: bool, status: str, invited: bool) -> bool:
    """Return True when the holder of the sitting's on-site code may open the material: public materials for
    everyone in the room, invitee-only ones for a recognised invitee."""
    if status not in SHOWN_TO_PUBLIC:
        return False
    return public_material or invited
