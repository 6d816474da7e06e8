"""The people migration moves data, not just columns: 常委 flags become standing-committee membership,
names get their stroke-order keys, leaders a protocol order; and it goes back down. Both databases."""

from __future__ import annotations

from datetime import UTC, datetime

from flask_migrate import downgrade, upgrade
from sqlalchemy import text

from consult.extensions import db
from consult.members.collation import name_sort_key

BEFORE = "e848e95c8a11"
PEOPLE = "6d834bbd976f"


def _reset():
    db.drop_all()
    with db.engine.begin() as conn:
        conn.exec_driver_sql("DROP TABLE IF EXISTS alembic_version")


def _member(conn, id_: int, name: str, role: str | None, standing: bool) -> None:
    now = datetime(2030, 1, 1, tzinfo=UTC)
    conn.execute(text(
        "INSERT INTO member (id, name, sector_id, role, is_standing, affiliation, phone, email, active, access_token,"
        " feed_token, created_at, updated_at) VALUES (:id, :name, 1, :role, :standing, '', '', '', :yes, :a, :f,"
        " :now, :now)"
    ), {"id": id_, "name": name, "role": role, "standing": standing, "yes": True, "a": f"a{id_}", "f": f"f{id_}",
        "now": now})


def test_standing_flags_become_membership_and_come_back(app):
    _reset()
    upgrade(revision=BEFORE)
    with db.engine.begin() as conn:
        conn.execute(text("INSERT INTO sector (id, name, position) VALUES (1, '中共', 0)"))
        conn.execute(text(
            "INSERT INTO organ (id, kind, name, slug, number_label, quorum_rule, prior_sittings_in_term, position,"
            " active, description) VALUES (1, 'standing_committee', '常务委员会', 'standing', '', 'more_than_half',"
            " 0, 0, :yes, '')"), {"yes": True})
        _member(conn, 1, "周林勇", "chair", True)
        _member(conn, 2, "陈晓", None, True)
        _member(conn, 3, "王芳", None, False)
        conn.execute(text("INSERT INTO organ_member (organ_id, member_id) VALUES (1, 1)"))  # already seated
    upgrade(revision=PEOPLE)
    with db.engine.connect() as conn:
        seated = set(conn.execute(text("SELECT member_id FROM organ_member WHERE organ_id = 1")).scalars())
        rows = {r.id: r for r in conn.execute(text("SELECT id, name_sort_key, protocol_order FROM member"))}
        dates = conn.execute(text("SELECT starts_on, ends_on, post FROM organ_member")).all()
    assert seated == {1, 2}
    assert rows[2].name_sort_key == name_sort_key("陈晓") and rows[2].name_sort_key < rows[1].name_sort_key
    assert (rows[1].protocol_order, rows[3].protocol_order) == (10, 0)
    assert all(row == (None, None, None) for row in dates)  # existing memberships: always, no post
    downgrade(revision=BEFORE)
    with db.engine.connect() as conn:
        flags = dict(conn.execute(text("SELECT id, is_standing FROM member")).all())
    assert {k: bool(v) for k, v in flags.items()} == {1: True, 2: True, 3: False}
    _reset()
    db.create_all()  # leave the database as the fixture expects it
