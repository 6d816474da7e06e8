"""The migration of kinds, forms and plan fields moves the stored values whose meaning changed, and goes back."""

from flask_migrate import downgrade, upgrade
from sqlalchemy import text

from consult.extensions import db

BEFORE = "6d834bbd976f"
REVISION = "58cb167995bb"


def _reset():
    db.drop_all()
    with db.engine.begin() as conn:
        conn.exec_driver_sql("DROP TABLE IF EXISTS alembic_version")


def test_upgrade_moves_old_values_and_downgrade_restores_the_department(app):
    _reset()
    upgrade(revision=BEFORE)
    with db.engine.begin() as conn:
        conn.execute(text("INSERT INTO organ (id, kind, name, slug, number_label, quorum_rule, "
                          "prior_sittings_in_term, position, active, description) "
                          "VALUES (1, 'chair_meeting', '主席会议', 'chair', '', 'none', 0, 0, :t, '')"), {"t": True})
        conn.execute(text("INSERT INTO consultation_plan (id, year, title, is_public, notes) "
                          "VALUES (1, 2030, '', :f, '')"), {"f": False})
        rows = [
            (1, "经济运行", "focused", "meeting"),
            (2, "安置房建设", "focused", "inspection"),
            (3, "集体资产", "counterpart", "research_visit"),
            (4, "评议农业农村局", "counterpart", "appraisal"),
            (5, "建议案落实情况跟踪督查", "focused", "inspection"),
            (6, "商贸流通", "counterpart", "meeting"),
        ]
        for item_id, topic, form, kind in rows:
            conn.execute(text(
                "INSERT INTO plan_item (id, plan_id, position, topic, consultation_form, sitting_kind, organ_id, "
                "responsible_department, participating_departments, notes, created_at, updated_at) VALUES "
                "(:id, 1, :id, :topic, :form, :kind, 1, '区发改委', '', '', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"
            ), {"id": item_id, "topic": topic, "form": form, "kind": kind})
    upgrade(revision=REVISION)
    with db.engine.connect() as conn:
        found = conn.execute(text(
            "SELECT id, consultation_form, organising_organ_id, counterpart_department FROM plan_item ORDER BY id"
        )).all()
    assert [(r[0], r[1]) for r in found] == [
        (1, "thematic"), (2, "inspection"), (3, "research"), (4, "appraisal"), (5, "follow_up"), (6, "counterpart")]
    assert {(r[2], r[3]) for r in found} == {(1, "区发改委")}
    downgrade(revision=BEFORE)
    with db.engine.connect() as conn:
        back = conn.execute(text("SELECT consultation_form, responsible_department FROM plan_item ORDER BY id")).all()
    assert back[0] == ("thematic", "区发改委") and back[2] == ("counterpart", "区发改委")
    # leave the database as the fixture expects it
    upgrade()
    _reset()
    db.create_all()
