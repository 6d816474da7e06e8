"""The command line (`flask consult minutes`) and bad input: unknown or unheld sittings, no opinions or attendance,
huge summaries and control characters — a message or a sensible document, never a 500."""

from __future__ import annotations

from datetime import timedelta

import pytest

from consult.committee import clock, get_committee
from consult.extensions import db
from consult.meetings.queries import meeting_for_detail
from consult.minutes import services
from consult.minutes.gathering import default_edits
from tests import factories
from tests.documents.checks import docx_from, texts


def _approved(sitting) -> bytes:
    meeting = meeting_for_detail(sitting.meeting.id)
    committee = get_committee()
    minutes = services.save_draft(meeting, committee, default_edits(meeting, committee, clock.today(), 1),
                                  user_id=None, now=clock.now())
    version = services.approve(meeting, committee, minutes, revision=minutes.revision, user_id=None, now=clock.now())
    db.session.commit()
    return version.content


@pytest.mark.parametrize("name", ["八届十二次常委会议", "区政协八届十二次常委会议", "八届十二次", "{id}", "{uuid}"])
def test_the_command_writes_the_same_bytes_as_the_download(runner, client, auth, sitting, tmp_path, name):
    approved = _approved(sitting)
    output = tmp_path / "纪要.docx"
    meeting = sitting.meeting
    result = runner.invoke(args=["consult", "minutes", name.format(id=meeting.id, uuid=meeting.uuid),
                                 "--output", str(output)])
    assert result.exit_code == 0, result.output
    auth.login()
    assert output.read_bytes() == approved == client.get(f"/meetings/{meeting.id}/minutes.docx").data


def test_without_an_approved_version_the_command_writes_the_draft(runner, client, auth, sitting, tmp_path):
    output = tmp_path / "draft.docx"
    result = runner.invoke(args=["consult", "minutes", str(sitting.meeting.id), "--output", str(output)])
    assert result.exit_code == 0 and "draft" in result.output
    auth.login()
    assert output.read_bytes() == client.get(f"/meetings/{sitting.meeting.id}/minutes.docx?draft=1").data
    assert "区政协八届十二次常委会议纪要" in texts(docx_from(output.read_bytes()))


def test_unknown_ambiguous_and_unheld_sittings_exit_with_status_1(runner, sitting, tmp_path):
    chair = factories.organ("chair_meeting", "主席会议")
    factories.meeting(chair, title="主席会议", starts_at=sitting.meeting.starts_at - timedelta(days=3),
                      status="held", term=8, number=12)
    factories.meeting(chair, title="下次主席会议", starts_at=clock.now() + timedelta(days=5), term=8, number=13)
    db.session.commit()
    output = tmp_path / "x.docx"
    for name, words in (("九届一次常委会议", "No sitting"), ("99999999999", "No sitting"), ("随便写", "No sitting"),
                        ("八届十二次", "names 2 sittings"), ("八届十三次主席会议", "not been held")):
        result = runner.invoke(args=["consult", "minutes", name, "--output", str(output)])
        assert result.exit_code == 1, (name, result.output)
        assert words in result.output, (name, result.output)
    assert not output.exists()


def test_unknown_and_unheld_sittings_on_the_web(client, auth, sitting):
    auth.login()
    coming = factories.meeting(sitting.meeting.organ, title="下次会议", starts_at=clock.now() + timedelta(days=5))
    db.session.commit()
    assert client.get("/meetings/999999/minutes").status_code == 404
    assert client.get("/meetings/999999/minutes.docx").status_code == 404
    page = client.get(f"/meetings/{coming.id}/minutes")
    assert page.status_code == 200 and "flash-warning" in page.get_data(as_text=True)
    assert client.get(f"/meetings/{coming.id}/minutes.docx?draft=1").status_code == 404
    assert client.post(f"/meetings/{coming.id}/minutes", data={"title": "x"}).status_code == 409


def test_a_sitting_without_opinions_or_attendance_gives_a_sensible_document(client, auth, app):
    factories.committee(term=8)
    organ = factories.organ("standing_committee", "常务委员会", members=[factories.member("甲")])
    meeting = factories.meeting(organ, title="座谈会", starts_at=clock.now() - timedelta(days=1), status="held",
                                sitting_kind="symposium")
    db.session.commit()
    auth.login()
    response = client.get(f"/meetings/{meeting.id}/minutes.docx?draft=1")
    assert response.status_code == 200
    lines = "\n".join(texts(docx_from(response.data)))
    assert "区政协座谈会纪要" in lines and "出席：无" in lines and "应到1人，实到0人。" in lines


def test_a_huge_summary_gets_a_message_and_keeps_what_was_typed(client, auth, sitting):
    auth.login()
    meeting = sitting.meeting
    topic = meeting.topics[0]
    huge = "很长的小结" * 10_000  # 50,000 characters
    values = {"title": "纪要", "issue_number": "1", "office": "办公室", "issued_on": "2030-03-01",
              "opening": "开头", "decisions": "", f"summary_{topic.id}": huge}
    response = client.post(f"/meetings/{meeting.id}/minutes", data=values, content_type="multipart/form-data")
    page = response.get_data(as_text=True)
    assert response.status_code == 400 and "50,000" in page and huge in page


def test_control_characters_are_removed_and_the_file_is_valid(client, auth, sitting):
    auth.login()
    meeting = sitting.meeting
    bad = "".join(chr(c) for c in range(1, 0x20) if c not in (9, 10, 13)) + "\x7f\ufffe"
    values = {"title": f"纪要{bad}😀", "issue_number": "1", "office": f"办公室{bad}", "issued_on": "2030-03-01",
              "opening": f"开头{bad}", "decisions": f"一{bad}\n二", f"summary_{meeting.topics[0].id}": f"小结{bad}"}
    assert client.post(f"/meetings/{meeting.id}/minutes", data=values,
                       content_type="multipart/form-data").status_code == 302
    lines = texts(docx_from(client.get(f"/meetings/{meeting.id}/minutes.docx?draft=1").data))
    assert "纪要😀" in lines and "开头" in lines and "小结" in lines


@pytest.mark.parametrize("query", ["?version=abc", "?version=0", "?version=99999999999", "?version=-1"])
def test_odd_version_numbers_are_404(client, auth, sitting, query):
    auth.login()
    _approved(sitting)
    assert client.get(f"/meetings/{sitting.meeting.id}/minutes.docx{query}").status_code == 404
