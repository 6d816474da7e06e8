"""The organs a staff account may act on: the one home of organ limits.

An account limited to some organs (user_organ rows) plans, sees and exports only those organs' sittings and
members: its lists and exports hold only them, and a staff page about another organ's sitting or member answers
404, as a draft does for a visitor. Another organ's public pages open as any visitor sees them. Admins and staff
without limits act on every organ (`organ_scope()` is None). Every domain asks here, never the user_organ table.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from flask import abort
from flask_login import current_user

from consult.auth.rules import in_scope


def organ_scope() -> frozenset[int] | None:
    """Return the ids of the organs the request's person may act on as staff: None for every organ (admins and
    unrestricted staff), an empty set for anyone who is not staff."""
    if not (current_user.is_authenticated and current_user.is_staff):
        return frozenset()
    return current_user.organ_ids


def is_limited() -> bool:
    """Return True for staff whose account is limited to some organs."""
    scope = organ_scope()
    return scope is not None and bool(scope)


def staff_for(*organ_ids: int | None) -> bool:
    """Return True when the request's person is staff for something of these organs (any one of them)."""
    scope = organ_scope()
    if scope is not None and not scope:
        return False
    return in_scope(scope, organ_ids)


def staff_for_any(organ_ids: Iterable[int | None]) -> bool:
    """Return True when the request's person is staff for any of `organ_ids` (a member's organs, say)."""
    return staff_for(*organ_ids)


def require_organ(*organ_ids: int | None) -> None:
    """Answer 404 unless the request's person is staff for something of these organs (call after the role
    check: a visitor is sent to log in by staff_required before this)."""
    if not staff_for(*organ_ids):
        abort(404)


def require_meeting(meeting):
    """Return `meeting` when the request's person is staff for its organ; otherwise answer 404."""
    if meeting is None:
        abort(404)
    require_organ(meeting.organ_id)
    return meeting


def limit_organs(organs: Iterable) -> list:
    """Return those of `organs` (objects with an `id`) a limited account may act on, in their order; all of them
    for everyone else (what a visitor may choose among is the caller's business)."""
    if not is_limited():
        return list(organs)
    scope = organ_scope()
    return [organ for organ in organs if organ.id in scope]


def staff_for_organ_of(organ_id_of: Callable[[], int | None]) -> bool:
    """Return True when the request's person is staff for the organ `organ_id_of()` names; the function is called
    only for staff limited to some organs (staff of every organ pay no statement)."""
    scope = organ_scope()
    if scope is None:
        return True
    return bool(scope) and staff_for(organ_id_of())


def require_organ_of(organ_id_of: Callable[[], int | None]) -> None:
    """Answer 404 unless the request's person is staff for the organ `organ_id_of()` names; for staff of every
    organ nothing is loaded (the function is not called), so their pages keep their statement counts."""
    if organ_scope() is None:
        return
    require_organ(organ_id_of())


def require_organs_of(organ_ids_of: Callable[[], Iterable[int]]) -> None:
    """Answer 404 unless the request's person is staff for one of the organs `organ_ids_of()` gives (a member's
    organs, say); as require_organ_of, nothing is loaded for staff of every organ."""
    if organ_scope() is None:
        return
    require_organ(*organ_ids_of())
