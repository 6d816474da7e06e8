"""A committee with a sitting, opinions, a staff account and a material, its database stamped at the migrations'
head (as `flask db upgrade` leaves it), and an empty database of the same backend to restore into."""

from __future__ import annotations

import io
import secrets
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest
from flask_migrate import stamp
from sqlalchemy import text

from consult import create_app
from consult.extensions import db
from consult.onsite.services import onsite_for
from tests import factories
from tests.conftest import TEST_NOW, Clock, FreshGlobalsClient, _postgres_admin_connect
from tests.materials.test_kinds_and_storage import PDF_BYTES


@dataclass
class World:
    meeting_id: int
    topic_ids: list[int]
    member_ids: list[int]
    code: str
    material_id: int
    revision: str


@pytest.fixture
def world(app, clock) -> World:
    """The data a backup must carry, committed, with alembic_version at head (dropped again afterwards)."""
    from consult.auth.services import create_user
    from consult.materials.services import attach_material
    from consult.opinions.services import give_opinion

    factories.committee()
    members = [factories.member(f"委员{n}") for n in range(4)]
    meeting = factories.meeting(title="专题协商会议", invitees=members, topics=["老旧小区改造", "营商环境"])
    code = onsite_for(meeting.id).code
    user = create_user("staff", "staff-password", role="staff")
    material = attach_material(meeting_id=meeting.id, topic_id=None, source=io.BytesIO(PDF_BYTES),
                               file_name="征求意见稿.pdf", title="", visibility="public", max_bytes=10**6,
                               by_user_id=user.id)
    for n, person in enumerate(members):
        give_opinion(meeting_id=meeting.id, topic_id=meeting.topics[n % 2].id, submission_key=f"seed-{n}",
                     text=f"意见 {n}", named=True, now=clock.now, member_id=person.id)
    db.session.commit()
    clock.now = meeting.starts_at + timedelta(minutes=10)
    stamp()
    revision = db.session.execute(text("SELECT version_num FROM alembic_version")).scalar_one()
    db.session.commit()
    yield World(meeting.id, [t.id for t in meeting.topics], [m.id for m in members], code, material.id, revision)
    db.session.remove()
    with db.engine.begin() as connection:
        connection.exec_driver_sql("DROP TABLE IF EXISTS alembic_version")


@dataclass
class Target:
    """An empty database of the test's backend and an empty materials folder, with an app bound to them."""

    url: str
    files: Path

    def app(self):
        target = create_app({"SQLALCHEMY_DATABASE_URI": self.url, "CONSULT_CLOCK": Clock(TEST_NOW),
                             "CONSULT_STORAGE_PATH": str(self.files)})
        target.test_client_class = FreshGlobalsClient
        return target

    def invoke(self, *args):
        """Run `flask consult ARGS` against the target; return the click result. (The command uses the app context
        already pushed, so the target's is pushed over the test's.)"""
        target = self.app()
        with target.app_context():
            try:
                return target.test_cli_runner().invoke(args=["consult", *args])
            finally:
                db.session.remove()
                db.engine.dispose()


@pytest.fixture
def target(app, tmp_path):
    """Yield an empty restore target of the same backend as `app`; a PostgreSQL one is dropped afterwards."""
    files = tmp_path / "restored-files"
    if db.engine.dialect.name == "sqlite":
        yield Target(f"sqlite:///{tmp_path / 'restored.db'}", files)
        return
    name = f"consult_restore_{secrets.token_hex(4)}"
    admin = _postgres_admin_connect()
    admin.execute(f'CREATE DATABASE "{name}"')
    base = db.engine.url.set(database=name).render_as_string(hide_password=False)
    try:
        yield Target(base, files)
    finally:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


def backup(runner, path: Path, *extra):
    """Run `flask consult backup PATH` in the test's app; return the click result."""
    return runner.invoke(args=["consult", "backup", str(path), *extra])
