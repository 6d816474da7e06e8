"""The log cannot be edited: the ORM refuses to change or delete an entry, and the database refuses UPDATE and DELETE
on the table whatever SQL reaches it, on SQLite and PostgreSQL, in test databases built from the models and in
databases built by the migrations."""

from __future__ import annotations

import pytest
from flask_migrate import upgrade
from sqlalchemy import delete, func, select, text, update
from sqlalchemy.exc import DatabaseError

from consult import audit
from consult.audit.models import AuditEntry, AuditLogImmutable
from consult.extensions import db


def _entry() -> int:
    entry = audit.record("committee.update", audit.Subject("committee", 1, "政协崇川区委员会"),
                         before={"term": 7}, after={"term": 8})
    db.session.commit()
    return entry.id


def _count() -> int:
    return db.session.scalar(select(func.count()).select_from(AuditEntry))


def test_the_mapper_refuses_to_change_an_entry(app):
    entry = db.session.get(AuditEntry, _entry())
    entry.note = "changed afterwards"
    with pytest.raises(AuditLogImmutable):
        db.session.flush()
    db.session.rollback()
    assert db.session.get(AuditEntry, entry.id).note == ""


def test_the_mapper_refuses_to_delete_an_entry(app):
    entry = db.session.get(AuditEntry, _entry())
    db.session.delete(entry)
    with pytest.raises(AuditLogImmutable):
        db.session.flush()
    db.session.rollback()
    assert _count() == 1


@pytest.mark.parametrize("statement", [
    update(AuditEntry).values(note="x"),
    delete(AuditEntry),
    update(AuditEntry).where(AuditEntry.id == 1).values(actor_label="someone else"),
])
def test_orm_statements_on_the_table_are_refused_before_they_run(app, count_statements, statement):
    _entry()
    with count_statements() as n, pytest.raises(AuditLogImmutable):
        db.session.execute(statement)
    assert n() == 0
    db.session.rollback()
    assert _count() == 1


@pytest.mark.parametrize("sql", [
    "UPDATE audit_entry SET note = 'rewritten'",
    "UPDATE audit_entry SET before_values = NULL, after_values = NULL WHERE id = :id",
    "DELETE FROM audit_entry",
    "DELETE FROM audit_entry WHERE id = :id",
])
def test_the_database_refuses_raw_update_and_delete(app, sql):
    entry_id = _entry()
    with pytest.raises(DatabaseError, match="audit entries cannot be"), db.engine.begin() as connection:
        connection.execute(text(sql), {"id": entry_id})
    db.session.expire_all()
    entry = db.session.get(AuditEntry, entry_id)
    assert (entry.note, entry.after) == ("", {"term": 8})


def test_inserting_still_works_through_raw_sql(app):
    _entry()
    with db.engine.begin() as connection:
        connection.execute(text(
            "INSERT INTO audit_entry (at, actor_kind, actor_label, action, subject_type, subject_label, note, address)"
            " VALUES (CURRENT_TIMESTAMP, 'system', 'operator', 'committee.update', 'committee', '', '', '')"))
    assert _count() == 2


def test_the_migrations_make_the_same_refusal(app):
    db.drop_all()
    with db.engine.begin() as conn:
        conn.exec_driver_sql("DROP TABLE IF EXISTS alembic_version")
    upgrade()
    try:
        entry_id = _entry()
        for sql in ("UPDATE audit_entry SET note = 'x'", "DELETE FROM audit_entry"):
            with pytest.raises(DatabaseError, match="audit entries cannot be"), db.engine.begin() as connection:
                connection.execute(text(sql))
        assert db.session.get(AuditEntry, entry_id) is not None
    finally:
        db.session.rollback()
        with db.engine.begin() as conn:
            conn.exec_driver_sql("DROP TABLE alembic_version")
