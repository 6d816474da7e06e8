"""The data version that feeds and caches key on, raised by every flush that changes what they show."""

from __future__ import annotations

from flask_sqlalchemy.session import Session
from sqlalchemy import event, update

from consult.committee.models import Committee
from consult.db_types import utcnow

# The tables whose changes a calendar feed or a cached page must see.
VERSIONED_TABLES = frozenset(
    {"committee", "sector", "member", "organ", "organ_member", "meeting", "topic", "invitation"}
)


def _touches_versioned_data(session: Session) -> bool:
    for obj in (*session.new, *session.dirty, *session.deleted):
        table = getattr(obj, "__tablename__", None)
        if table in VERSIONED_TABLES and (obj in session.new or obj in session.deleted or session.is_modified(obj)):
            return True
    return False


def bump_data_version(session: Session) -> None:
    """Raise Committee.data_version by one in the current transaction.

    Done with a single UPDATE so that concurrent writers serialise on the row instead of
    overwriting each other's increments.
    """
    session.connection().execute(
        update(Committee).values(data_version=Committee.data_version + 1, data_changed_at=utcnow())
    )
    for obj in session.identity_map.values():
        if isinstance(obj, Committee):
            session.expire(obj, ["data_version", "data_changed_at"])


def register_versioning() -> None:
    """Listen to every flush of Flask-SQLAlchemy's sessions (not every Session of the process) and
    bump the data version when needed."""
    if getattr(register_versioning, "_done", False):
        return
    register_versioning._done = True

    @event.listens_for(Session, "before_flush")
    def _before_flush(session: Session, flush_context, instances) -> None:
        if _touches_versioned_data(session):
            session.info["bump_data_version"] = True

    @event.listens_for(Session, "after_flush_postexec")
    def _after_flush(session: Session, flush_context) -> None:
        if session.info.pop("bump_data_version", False):
            bump_data_version(session)
