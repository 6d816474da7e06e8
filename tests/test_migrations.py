"""The committed migrations build the schema the models describe, on both databases."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import upgrade
from sqlalchemy import inspect

from consult.extensions import db


def test_upgrade_empty_database_to_head_matches_models(app):
    db.drop_all()
    with db.engine.begin() as conn:
        conn.exec_driver_sql("DROP TABLE IF EXISTS alembic_version")
    upgrade()
    assert "meeting" in inspect(db.engine).get_table_names()
    with db.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        drift = compare_metadata(context, db.metadata)
    assert drift == [], f"models and migrations differ: {drift}"
    # leave the database as the fixture expects it
    with db.engine.begin() as conn:
        conn.exec_driver_sql("DROP TABLE alembic_version")
