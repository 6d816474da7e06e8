"""Writes of the audit log: one entry per change, added to the session of the change (the view's one commit
writes both, a rollback removes both). Services call these; they flush nothing themselves, so an entry is one more
row in a flush that happens anyway."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from operator import attrgetter

from flask import has_request_context, request
from sqlalchemy import insert

from consult.audit import actors, changes
from consult.audit.models import ADDRESS_MAX, SUBJECT_LABEL_MAX, AuditEntry
from consult.extensions import db

log = logging.getLogger(__name__)

NOTE_MAX = 2000

# The kind of subject of each model, by class name (so that this module imports no domain).
_TYPE_OF_CLASS = {
    "Meeting": "meeting",
    "AttendanceRecord": "attendance",
    "LeaveRequest": "leave",
    "Opinion": "opinion",
    "Minutes": "minutes",
    "Material": "material",
    "NoticeBatch": "notice_batch",
    "Member": "member",
    "Organ": "organ",
    "Sector": "sector",
    "Committee": "committee",
    "ConsultationPlan": "plan",
    "PlanItem": "plan_item",
    "User": "user",
    "ApiToken": "api_token",
}
_LABEL_ATTRIBUTES = ("title", "name", "username", "topic")


@dataclass(frozen=True)
class Subject:
    """What an entry is about: its kind (a key of audit.labels.SUBJECT_TYPES), id, a readable label kept as it
    was, and the sitting it belongs to (None when it belongs to none)."""

    type: str
    id: int | None
    label: str = ""
    meeting_id: int | None = None


def subject_of(target, label: str | None = None, meeting_id: int | None = None) -> Subject:
    """Return the Subject of a model instance (or `target` itself when it is one): its kind from its class, its
    id, `label` or its title / name / username / topic, and its sitting (the sitting itself, or its meeting_id)."""
    if isinstance(target, Subject):
        return target
    name = type(target).__name__
    kind = _TYPE_OF_CLASS.get(name) or getattr(target, "__tablename__", name.lower())
    if label is None:
        label = next((str(v) for a in _LABEL_ATTRIBUTES if (v := getattr(target, a, None))), "")
    if meeting_id is None:
        meeting_id = target.id if kind == "meeting" else getattr(target, "meeting_id", None)
    return Subject(kind, getattr(target, "id", None), label, meeting_id)


def _address() -> str:
    return (request.remote_addr or "")[:ADDRESS_MAX] if has_request_context() else ""


def _row(action: str, subject: Subject, before, after, note: str, actor: actors.Actor | None,
         at: datetime | None = None) -> dict:
    from consult.committee import clock

    who = actor or actors.current_actor()
    return {
        "at": at or clock.now(), "actor_kind": who.kind, "actor_id": who.id, "actor_label": who.label,
        "action": action, "subject_type": subject.type, "subject_id": subject.id,
        "subject_label": (subject.label or "")[:SUBJECT_LABEL_MAX], "meeting_id": subject.meeting_id,
        "before_values": changes.dumps(changes.clean(before)), "after_values": changes.dumps(changes.clean(after)),
        "note": (note or "")[:NOTE_MAX], "address": _address(),
    }


def record(action: str, subject, *, before: Mapping | None = None, after: Mapping | None = None, note: str = "",
           actor: actors.Actor | None = None, label: str | None = None, meeting_id: int | None = None,
           at: datetime | None = None) -> AuditEntry:
    """Add an entry to the session and return it: `action` (e.g. "meeting.publish") done to `subject` (a model
    instance, or a Subject) by `actor` (default: actors.current_actor()) at `at` (default: the app's clock; services
    pass the `now` they were given), with the fields `before` and `after` (only those that changed; secrets masked)
    and a `note` (a reason given). The entry is written by the caller's flush or commit, with the change."""
    entry = AuditEntry(**_row(action, subject_of(subject, label, meeting_id), before, after, note, actor, at))
    db.session.add(entry)
    log.debug("audit %s %s:%s", action, entry.subject_type, entry.subject_id)
    return entry


Getter = Callable[[object], object]


@dataclass
class Snapshot:
    """Named values of an object read at one moment, to compare with the same values read later."""

    target: object
    getters: dict[str, Getter]
    values: dict = field(default_factory=dict)

    def read(self) -> dict:
        """Return the values as they are now."""
        return {name: getter(self.target) for name, getter in self.getters.items()}


def snapshot(target, fields: Iterable[str] | Mapping[str, Getter]) -> Snapshot:
    """Return the values of `fields` of `target` now: names of attributes, or a mapping of names to functions of
    the target (for what a reader wants to see: an organ's name rather than its id, the agenda's titles)."""
    getters = dict(fields) if isinstance(fields, Mapping) else {name: attrgetter(name) for name in fields}
    taken = Snapshot(target, getters)
    taken.values = taken.read()
    return taken


def record_changes(action: str, subject, taken: Snapshot, *, note: str = "", always: bool = False,
                   actor: actors.Actor | None = None, label: str | None = None, meeting_id: int | None = None,
                   at: datetime | None = None) -> AuditEntry | None:
    """Compare `taken` with the same fields now and record `action` with the fields that differ, before and after;
    return the entry, or None when nothing differs (unless `always`: then an entry without fields)."""
    before, after = changes.diff(taken.values, taken.read())
    if not before and not after and not always:
        return None
    return record(action, subject, before=before, after=after, note=note, actor=actor, label=label,
                  meeting_id=meeting_id, at=at)


def record_many(action: str, items: Iterable[tuple[Subject, Mapping | None, Mapping | None]], *,
                actor: actors.Actor | None = None, at: datetime | None = None) -> int:
    """Write one entry per (subject, before, after) of `items` in a single INSERT, now (for imports of hundreds of
    rows, which write with single statements too); return how many. Unlike record, the rows go to the database at
    once, in the caller's transaction."""
    who = actor or actors.current_actor()
    rows = [_row(action, subject, before, after, "", who, at) for subject, before, after in items]
    if rows:
        db.session.execute(insert(AuditEntry.__table__), rows)
    return len(rows)
