"""Who made a change: a staff account, a member through their own link or phone, or the system (a command, the
demo, the notices worker). Services pass an actor when they know better than the request (a member checking in);
otherwise the logged-in staff account of the request is the actor, and outside a request the system."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from flask import g, has_app_context, has_request_context

USER, MEMBER, SYSTEM, ANONYMOUS = "user", "member", "system", "anonymous"
ACTOR_KINDS = (USER, MEMBER, SYSTEM, ANONYMOUS)
LABEL_MAX = 100


@dataclass(frozen=True)
class Actor:
    """Who made a change, as the log keeps it: the kind, the id (of the account or member) and a readable label
    kept as it was then (the username, the member's name, the command)."""

    kind: str
    id: int | None
    label: str


def user(account) -> Actor:
    """Return the actor of a staff account (its username is the label)."""
    return Actor(USER, account.id, (account.username or "")[:LABEL_MAX])


def member(person) -> Actor:
    """Return the actor of a member acting through their own link or recognised phone."""
    return Actor(MEMBER, person.id, (person.name or "")[:LABEL_MAX])


def system(label: str = "system") -> Actor:
    """Return the actor of what no person did at that moment: a command (`flask consult create-user`), the demo,
    the notices worker."""
    return Actor(SYSTEM, None, label[:LABEL_MAX])


@contextmanager
def acting_as(actor: Actor) -> Iterator[Actor]:
    """Within the block, changes are recorded as made by `actor` (a command names itself this way)."""
    previous = g.get("audit_actor")
    g.audit_actor = actor
    try:
        yield actor
    finally:
        if previous is None:
            g.pop("audit_actor", None)
        else:
            g.audit_actor = previous


def current_actor() -> Actor:
    """Return who is making changes now: the actor set by acting_as, else the request's logged-in staff account,
    else (a request without one) an anonymous visitor, else (no request: a command) the system."""
    if has_app_context():
        chosen = g.get("audit_actor")
        if chosen is not None:
            return chosen
    if has_request_context():
        from flask_login import current_user

        account = current_user._get_current_object()  # one lookup through the proxy, not three
        if account.is_authenticated:
            return user(account)
        return Actor(ANONYMOUS, None, "")
    return system()
