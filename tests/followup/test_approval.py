"""Approving minutes makes their decisions rows; later versions keep, add and mark them; what each version says is
kept for the compilation, whatever the draft says afterwards; the migration copies minutes approved before it."""

from __future__ import annotations

from datetime import date

from flask_migrate import downgrade, upgrade
from sqlalchemy import func, select, text

from consult.committee import clock
from consult.extensions import db
from consult.followup import queries, services
from consult.followup.models import ApprovedText, Decision
from consult.meetings.queries import meeting_for_detail
from consult.minutes import queries as minutes_queries
from consult.minutes import services as minutes_services
from consult.minutes.gathering import stored_edits
from tests.followup.conftest import DECISIONS, approve_minutes

ACTOR = services.Actor(None, "王芳")


def _current(meeting_id):
    return [d for d in queries.decisions_of_sitting(meeting_id) if d.in_minutes]


def test_approval_makes_one_row_per_decision_and_keeps_what_the_version_says(approved):
    meeting = approved.meeting
    decisions = queries.decisions_of_sitting(meeting.id)
    assert [(d.position, d.text, d.first_version, d.last_version, d.in_minutes) for d in decisions] == [
        (1, "会议原则同意本次协商形成的意见建议，由办公室整理后报送区委、区政府。", 1, 1, True),
        (2, "请区科技局牵头研究设立科技创新专项资金。", 1, 1, True),
        (3, "请区财政局会同区科技局完善科技金融服务。", 1, 1, True),
    ]
    assert all(d.department == "" and d.outcome == "" for d in decisions)
    assert [[e.kind, e.version] for e in decisions[0].events] == [["added", 1]]
    kept = queries.approved_texts([meeting.id])[meeting.id]
    minutes = minutes_queries.minutes_of(meeting.id)
    assert kept.version == 1 and kept.minutes_version_id == minutes_queries.version(minutes.id).id
    assert kept.title == "区政协八届十二次常委会议纪要" and "周林勇主持" in kept.opening
    assert [title for title, _summary in kept.topics] == ["加强我区科技企业创新能力建设", "我区经济运行情况"]
    assert kept.decisions == DECISIONS.split("\n")


def test_a_later_version_keeps_unchanged_adds_new_and_marks_removed_decisions(approved):
    meeting = approved.meeting
    first, second, third = _current(meeting.id)
    services.assign(second, department="区科技局", due_on=date(2030, 5, 31), sitting_day=date(2030, 2, 26),
                    today=clock.today(), actor=ACTOR, now=clock.now())
    services.record_answer(second, answer="已设立专项资金。", answered_on=date(2030, 3, 1), outcome="adopted",
                           sitting_day=date(2030, 2, 26), today=clock.today(), actor=ACTOR, now=clock.now())
    services.assign(first, department="区政府办公室", due_on=None, sitting_day=date(2030, 2, 26),
                    today=clock.today(), actor=ACTOR, now=clock.now())
    db.session.commit()
    ids = (first.id, second.id, third.id)
    # version 2: the first retyped with spaces (unchanged), the second edited, the third gone, a new one added
    after = approve_minutes(meeting.id, "会议原则同意本次协商形成的意见建议， 由办公室整理后报送区委、区政府\n"
                                        "请区科技局牵头研究设立科技创新专项基金。\n"
                                        "请区委宣传部做好宣传报道。")
    by_id = {d.id: d for d in after}
    kept = by_id[ids[0]]
    assert kept.in_minutes and kept.position == 1 and kept.last_version == 2 and kept.department == "区政府办公室"
    assert kept.text == "会议原则同意本次协商形成的意见建议， 由办公室整理后报送区委、区政府"
    edited, dropped = by_id[ids[1]], by_id[ids[2]]
    assert not edited.in_minutes and edited.outcome == "adopted" and edited.answer == "已设立专项资金。"
    assert not dropped.in_minutes and dropped.last_version == 1
    assert [e.kind for e in edited.events][-1] == "removed" and edited.events[-1].version == 2
    new = [d for d in after if d.id not in ids]
    assert [(d.position, d.text, d.first_version) for d in new] == [
        (2, "请区科技局牵头研究设立科技创新专项基金。", 2), (3, "请区委宣传部做好宣传报道。", 2)]
    assert len(_current(meeting.id)) == 3
    assert db.session.scalar(select(func.count()).select_from(Decision)) == 5  # nothing deleted
    # version 3 brings the third back: the same decision, its history kept
    approve_minutes(meeting.id, "请区财政局会同区科技局完善科技金融服务。")
    back = db.session.get(Decision, ids[2])
    assert back.in_minutes and back.position == 1 and back.last_version == 3
    assert [e.kind for e in back.events] == ["added", "removed", "restored"]
    assert [d.id for d in _current(meeting.id)] == [ids[2]]


def test_a_draft_edited_after_approval_leaks_nowhere(approved):
    meeting = meeting_for_detail(approved.meeting.id)
    from dataclasses import replace

    from consult.committee import get_committee

    minutes = minutes_queries.minutes_of(meeting.id)
    edits = replace(stored_edits(minutes), opening="尚未审定的新开头。", decisions="尚未审定的新事项。")
    minutes_services.save_draft(meeting, get_committee(), edits, user_id=None, now=clock.now())
    db.session.commit()
    kept = queries.approved_texts([meeting.id])[meeting.id]
    assert kept.version == 1 and "尚未审定" not in kept.opening
    assert "尚未审定的新事项。" not in [d.text for d in queries.decisions_of_sitting(meeting.id)]
    assert len(_current(meeting.id)) == 3


def test_approving_through_the_web_makes_the_rows(client, auth, sitting):
    auth.login()
    meeting = sitting.meeting
    page = client.get(f"/meetings/{meeting.id}/minutes")
    assert page.status_code == 200
    values = {"title": "区政协八届十二次常委会议纪要", "issue_number": "3", "office": "政协崇川区委员会办公室",
              "issued_on": "2030-03-01", "opening": "会议召开。", "decisions": "1. 同意。\n2、报送。"}
    assert client.post(f"/meetings/{meeting.id}/minutes", data=values).status_code == 302
    minutes = minutes_queries.minutes_of(meeting.id)
    approval = client.post(f"/meetings/{meeting.id}/minutes/approve", data={"revision": minutes.revision})
    assert approval.status_code == 302
    assert [d.text for d in queries.decisions_of_sitting(meeting.id)] == ["同意。", "报送。"]
    assert db.session.scalar(select(func.count()).select_from(ApprovedText)) == 1


BEFORE, REVISION = "0ba7bb8aa073", "91337129ca49"


def _reset():
    db.drop_all()
    with db.engine.begin() as conn:
        conn.exec_driver_sql("DROP TABLE IF EXISTS alembic_version")


def test_the_migration_copies_minutes_approved_before_it(app):
    """Approved minutes whose draft is still the approved one get their text and decisions; minutes edited since
    their approval wait for the next approval (their draft no longer says what was approved)."""
    _reset()
    upgrade(revision=BEFORE)
    now = "2030-03-01 02:00:00"
    with db.engine.begin() as conn:
        conn.execute(text("INSERT INTO committee (id, name, short_name, term, time_zone, data_version, "
                          "data_changed_at) VALUES (1, '政协崇川区委员会', '区政协', 8, 'Asia/Shanghai', 1, :now)"),
                     {"now": now})
        conn.execute(text("INSERT INTO organ (id, kind, name, slug, number_label, quorum_rule, prior_sittings_in_term, "
                          "position, active, description) VALUES (1, 'standing_committee', '常委会', 'sc', '', 'none', "
                          "0, 0, :t, '')"), {"t": True})
        for meeting_id in (1, 2):
            conn.execute(text(
                "INSERT INTO meeting (id, uuid, organ_id, sitting_kind, consultation_form, title, starts_at, ends_at, "
                "location, observers, guests, assembly_place, contact_name, contact_phone, notes, status, visibility, "
                "cancel_reason, postpone_reason, revision, created_at, updated_at) VALUES (:id, :uuid, 1, "
                "'meeting', 'thematic', '专题协商', :now, :now, '', '', '', '', '', '', '', 'held', 'members', '', '', "
                "0, :now, :now)"
            ), {"id": meeting_id, "uuid": f"00000000-0000-0000-0000-00000000000{meeting_id}", "now": now})
        conn.execute(text("INSERT INTO topic (id, meeting_id, position, title, notes) "
                          "VALUES (1, 1, 0, '科技创新', '')"))
        for minutes_id, status, revision in ((1, "approved", 2), (2, "draft", 3)):
            conn.execute(text(
                "INSERT INTO minutes (id, meeting_id, committee_id, status, revision, title, year, issue_number, "
                "office, issued_on, opening, decisions, created_at, updated_at) VALUES (:id, :id, 1, :status, "
                ":revision, "
                "'纪要', 2030, :id, '办公室', '2030-03-01', '会议召开。', '1．同意。\n\n（二）报送区委。', :now, :now)"
            ), {"id": minutes_id, "status": status, "revision": revision, "now": now})
            conn.execute(text(
                "INSERT INTO minutes_version (id, minutes_id, number, revision, content, sha256, size, approved_at) "
                "VALUES (:id, :id, 1, 2, :content, 'x', 1, :now)"), {"id": minutes_id, "content": b"x", "now": now})
        conn.execute(text("INSERT INTO minutes_topic_summary (minutes_id, topic_id, text) VALUES (1, 1, '小结')"))
    upgrade(revision=REVISION)
    with db.engine.connect() as conn:
        rows = conn.execute(text("SELECT meeting_id, position, text, first_version, in_minutes, department "
                                 "FROM decision ORDER BY meeting_id, position")).all()
        kept = conn.execute(text("SELECT meeting_id, version, title, opening FROM approved_minutes_text")).all()
    assert [(r[0], r[1], r[2], r[3], bool(r[4]), r[5]) for r in rows] == [
        (1, 1, "同意。", 1, True, ""), (1, 2, "报送区委。", 1, True, "")]
    assert [tuple(r) for r in kept] == [(1, 1, "纪要", "会议召开。")]
    db.session.remove()
    stored = db.session.scalars(select(ApprovedText)).one()
    assert stored.topics == [["科技创新", "小结"]] and stored.decisions == ["同意。", "报送区委。"]
    db.session.remove()
    downgrade(revision=BEFORE)
    with db.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM minutes")).scalar() == 2
    # leave the database as the fixture expects it
    upgrade()
    _reset()
    db.create_all()
