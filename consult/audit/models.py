"""The audit log's one table, append-only.

An entry is written in the transaction of the change it records and never changed or removed by the app: the
mapper refuses to update or delete an entry, an ORM UPDATE or DELETE statement on the table is refused before it
runs, and the database itself rejects UPDATE and DELETE on the table (triggers on SQLite and PostgreSQL, made
with the table by create_all and by the migration). Old entries are archived by an operator outside the app
(README: "The audit log").

The entry keeps copies, not foreign keys: who acted and what was changed stay readable after an account, a member
or a sitting is gone, and no ON DELETE can ever touch the log.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DDL, Index, Integer, String, Text, event
from sqlalchemy.orm import Mapped, Session, mapped_column

from consult.audit.changes import loads
from consult.db_types import UTCDateTime
from consult.extensions import db

ACTION_MAX = 60
SUBJECT_TYPE_MAX = 30
SUBJECT_LABEL_MAX = 200
ADDRESS_MAX = 45  # the longest IPv6 address in text


class AuditLogImmutable(RuntimeError):
    """An attempt to change or remove an audit entry."""


class AuditEntry(db.Model):
    """One change: when (the app's clock), who (kind, id and label as they were), what (a stable action name such
    as meeting.publish, the subject's type, id and label, the sitting it belongs to) and the fields that changed,
    before and after, as JSON text (secrets masked), with a note (a reason given) and the request's address."""

    __tablename__ = "audit_entry"
    # Three indexes: by time (the page, newest first, and its dates), by subject (a subject's history) and by sitting.
    # Every index is written by every change; filters by actor or action read the rows of the dates chosen instead.
    __table_args__ = (Index("ix_audit_entry_subject", "subject_type", "subject_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    actor_kind: Mapped[str] = mapped_column(String(10))
    actor_id: Mapped[int | None] = mapped_column(Integer)
    actor_label: Mapped[str] = mapped_column(String(100), default="")
    action: Mapped[str] = mapped_column(String(ACTION_MAX))
    subject_type: Mapped[str] = mapped_column(String(SUBJECT_TYPE_MAX))
    subject_id: Mapped[int | None] = mapped_column(Integer)
    subject_label: Mapped[str] = mapped_column(String(SUBJECT_LABEL_MAX), default="")
    # The sitting the change belongs to (its attendance, opinions, minutes, materials, notices), to find them all.
    meeting_id: Mapped[int | None] = mapped_column(Integer, index=True)
    before_values: Mapped[str | None] = mapped_column(Text)
    after_values: Mapped[str | None] = mapped_column(Text)
    note: Mapped[str] = mapped_column(Text, default="")
    address: Mapped[str] = mapped_column(String(ADDRESS_MAX), default="")

    @property
    def before(self) -> dict | None:
        """Return the changed fields as they were (None for a subject that did not exist before)."""
        return loads(self.before_values)

    @property
    def after(self) -> dict | None:
        """Return the changed fields as they became (None for a subject that no longer exists)."""
        return loads(self.after_values)

    def __repr__(self) -> str:
        return f"<AuditEntry {self.id} {self.action} {self.subject_type}:{self.subject_id}>"


@event.listens_for(AuditEntry, "before_update")
def _refuse_update(mapper, connection, target) -> None:
    raise AuditLogImmutable("audit entries cannot be changed")


@event.listens_for(AuditEntry, "before_delete")
def _refuse_delete(mapper, connection, target) -> None:
    raise AuditLogImmutable("audit entries cannot be deleted")


@event.listens_for(Session, "do_orm_execute")
def _refuse_bulk_changes(state) -> None:
    """Refuse session.execute(update(AuditEntry)...) and delete(...) before they reach the database."""
    if (state.is_update or state.is_delete) and any(m.class_ is AuditEntry for m in state.all_mappers):
        raise AuditLogImmutable("audit entries cannot be changed or deleted")


# The database's own refusal, for whatever SQL reaches it. Kept word for word in the migration that makes the table.
SQLITE_TRIGGERS = (
    "CREATE TRIGGER audit_entry_no_update BEFORE UPDATE ON audit_entry "
    "BEGIN SELECT RAISE(ABORT, 'audit entries cannot be changed'); END",
    "CREATE TRIGGER audit_entry_no_delete BEFORE DELETE ON audit_entry "
    "BEGIN SELECT RAISE(ABORT, 'audit entries cannot be deleted'); END",
)
POSTGRESQL_TRIGGERS = (
    "CREATE OR REPLACE FUNCTION audit_entry_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$ "
    "BEGIN RAISE EXCEPTION 'audit entries cannot be changed or deleted' USING ERRCODE = 'insufficient_privilege'; "
    "END $$",
    "CREATE TRIGGER audit_entry_no_change BEFORE UPDATE OR DELETE ON audit_entry "
    "FOR EACH ROW EXECUTE FUNCTION audit_entry_refuse_change()",
)

for _statement in SQLITE_TRIGGERS:
    event.listen(AuditEntry.__table__, "after_create", DDL(_statement).execute_if(dialect="sqlite"))
for _statement in POSTGRESQL_TRIGGERS:
    event.listen(AuditEntry.__table__, "after_create", DDL(_statement).execute_if(dialect="postgresql"))
event.listen(AuditEntry.__table__, "after_drop",
             DDL("DROP FUNCTION IF EXISTS audit_entry_refuse_change()").execute_if(dialect="postgresql"))
