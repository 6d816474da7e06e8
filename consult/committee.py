"""Access to the single Committee row and the data version that feeds and caches key on."""

from __future__ import annotations

from flask import current_app, g
from sqlalchemy import event, select, update
from sqlalchemy.orm import Session

from consult.db_types import utcnow
from consult.extensions import db
from consult.members.models import Committee


def get_committee() -> Committee:
    """Return the committee of this installation, creating it from the configuration if missing.

    The row is cached on `flask.g` for the request.
    """
    committee = g.get("committee")
    if committee is not None:
        return committee
    committee = db.session.scalars(select(Committee).order_by(Committee.id).limit(1)).first()
    if committee is None:
        committee = Committee(
            name=current_app.config["CONSULT_COMMITTEE_NAME"],
            short_name="区政协",
            term=1,
            time_zone=current_app.config["CONSULT_TIME_ZONE"],
            data_version=0,
            data_changed_at=utcnow(),
        )
        db.session.add(committee)
        db.session.flush()
    g.committee = committee
    return committee


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
    """Listen to every flush of the app's sessions and bump the data version when needed."""
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
