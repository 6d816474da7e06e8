"""A sitting with 2,000 opinions (a fixed number of statements, every opinion in the file) and the committee's
settings of the minutes (masthead, issuing office, red rule)."""

from __future__ import annotations

from datetime import timedelta

from consult.committee import get_committee
from consult.extensions import db
from consult.meetings.queries import meeting_for_detail
from consult.minutes.gathering import default_edits, gather
from consult.opinions.models import Opinion
from tests.documents.checks import assert_official_layout, docx_from, texts


def _add_opinions(sitting, count: int, start: int) -> None:
    meeting, members = sitting.meeting, list(sitting.people.values())
    db.session.execute(Opinion.__table__.insert(), [
        dict(meeting_id=meeting.id, topic_id=meeting.topics[n % 2].id, member_id=members[n % len(members)].id,
             text=f"第{n}条意见：" + "建议" * 95, named=True, excluded_from_minutes=False, status="active",
             submission_key=f"scale-{n:08d}-minutes-key", created_at=meeting.starts_at + timedelta(seconds=n),
             updated_at=meeting.starts_at)
        for n in range(start, start + count)
    ])
    db.session.commit()


def test_two_thousand_opinions_in_a_fixed_number_of_statements(client, auth, sitting, count_statements):
    committee = get_committee()

    def statements() -> int:
        db.session.expire_all()
        meeting = meeting_for_detail(sitting.meeting.id)
        edits = default_edits(meeting, committee, meeting.starts_at.date(), 1)
        with count_statements() as n:
            gather(meeting, committee, edits)
        return n()

    few = statements()
    _add_opinions(sitting, 2000, 0)
    assert statements() == few
    auth.login()
    response = client.get(f"/meetings/{sitting.meeting.id}/minutes.docx?draft=1")
    assert response.status_code == 200
    document = docx_from(response.data)
    lines = texts(document)
    assert sum(1 for line in lines if "条意见：" in line) == 2000
    assert_official_layout(document)
    assert client.get(f"/meetings/{sitting.meeting.id}/minutes").status_code == 200


def test_masthead_office_and_red_rule_come_from_the_committee_settings(client, auth, sitting):
    auth.login("admin", "admin-password", role="admin")
    page = client.get("/settings")
    assert page.status_code == 200 and "minutes_masthead" in page.get_data(as_text=True)
    committee = get_committee()
    response = client.post("/settings", data={
        "name": committee.name, "formal_prefix": "", "formal_suffix": "委员会", "short_name": "区政协", "term": "8",
        "time_zone": "Asia/Shanghai", "leave_deadline_days": "2", "minutes_masthead": "政协崇川区委员会常委会议纪要",
        "minutes_office": "政协崇川区委员会秘书处",
    })
    assert response.status_code == 302
    db.session.expire_all()
    committee = get_committee()
    assert committee.minutes_red_rule is False
    lines = texts(docx_from(client.get(f"/meetings/{sitting.meeting.id}/minutes.docx?draft=1").data))
    assert lines[0] == "政协崇川区委员会常委会议纪要"
    assert any(line.startswith("政协崇川区委员会秘书处") for line in lines)


def test_the_defaults_derive_from_the_committee_name(app):
    committee = get_committee()
    committee.name = "政协崇川区委员会"
    assert committee.effective_minutes_masthead == "政协崇川区委员会会议纪要"
    assert committee.effective_minutes_office == "政协崇川区委员会办公室"
