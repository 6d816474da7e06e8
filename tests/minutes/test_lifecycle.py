"""Draft → approved: the edit page, draft downloads, approval storing exact bytes and SHA-256, new versions after
editing, concurrent approval, sharing with invitees, and who may download what."""

from __future__ import annotations

import hashlib
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from consult.extensions import db
from consult.minutes import queries as minutes_queries
from consult.minutes import services
from consult.minutes.models import Minutes, MinutesVersion
from tests import factories
from tests.documents.checks import docx_from, texts


def _form(client, meeting, **changes) -> dict:
    """Return the edit form's values as the page fills them, with `changes`."""
    page = client.get(f"/meetings/{meeting.id}/minutes")
    assert page.status_code == 200
    values = {"title": "区政协八届十二次常委会议纪要", "issue_number": "3", "office": "政协崇川区委员会办公室",
              "issued_on": "2030-03-01", "opening": "会议召开。", "decisions": "同意。\n报送。"}
    values.update({f"summary_{t.id}": f"小结{t.position}" for t in meeting.topics})
    values.update(changes)
    return values


def _save(client, meeting, **changes):
    values = _form(client, meeting, **changes)
    return client.post(f"/meetings/{meeting.id}/minutes", data=values, content_type="multipart/form-data")


def _approve(client, meeting):
    minutes = minutes_queries.minutes_of(meeting.id)
    db.session.expire_all()
    return client.post(f"/meetings/{meeting.id}/minutes/approve", data={"revision": minutes.revision})


def _version_count(minutes_id: int) -> int:
    return db.session.scalar(select(func.count()).select_from(MinutesVersion).where(
        MinutesVersion.minutes_id == minutes_id))


def test_the_edit_page_suggests_the_title_issue_and_opening(client, auth, sitting):
    auth.login()
    page = client.get(f"/meetings/{sitting.meeting.id}/minutes").get_data(as_text=True)
    assert 'value="区政协八届十二次常委会议纪要"' in page
    assert 'name="issue_number" required type="number" value="1"' in page
    assert "会议由区政协主席周林勇主持。" in page
    assert client.get(f"/meetings/{sitting.meeting.id}").get_data(as_text=True).count("/minutes") >= 2


def test_draft_approve_download_byte_identical_then_a_new_version(client, auth, sitting, clock):
    auth.login()
    meeting = sitting.meeting
    assert _save(client, meeting).status_code == 302
    draft = client.get(f"/meetings/{meeting.id}/minutes.docx?draft=1")
    assert draft.status_code == 200 and draft.mimetype.endswith("wordprocessingml.document")
    draft_text = "\n".join(texts(docx_from(draft.data)))
    assert "小结0" in draft_text and "1．同意。" in draft_text and "2．报送。" in draft_text
    assert client.get(f"/meetings/{meeting.id}/minutes.docx?draft=1").data == draft.data  # a draft is stable too
    assert client.get(f"/meetings/{meeting.id}/minutes.docx").status_code == 404  # nothing approved yet

    assert _approve(client, meeting).status_code == 302
    minutes = minutes_queries.minutes_of(meeting.id)
    stored = minutes_queries.version(minutes.id)
    assert stored.number == 1 and stored.sha256 == hashlib.sha256(stored.content).hexdigest()
    clock.now += timedelta(days=3)  # later downloads are the same bytes, whatever the time
    first = client.get(f"/meetings/{meeting.id}/minutes.docx")
    assert first.data == stored.content and "attachment" in first.headers["Content-Disposition"]
    assert client.get(f"/meetings/{meeting.id}/minutes.docx?version=1").data == stored.content

    # editing after approval starts a new draft, which becomes version 2; version 1 stays as it was
    assert _save(client, meeting, opening="会议召开，第二稿。").status_code == 302
    assert client.get(f"/meetings/{meeting.id}/minutes.docx").data == stored.content
    assert _approve(client, meeting).status_code == 302
    second = client.get(f"/meetings/{meeting.id}/minutes.docx").data
    assert second != stored.content and "第二稿" in "\n".join(texts(docx_from(second)))
    assert client.get(f"/meetings/{meeting.id}/minutes.docx?version=1").data == stored.content
    assert client.get(f"/meetings/{meeting.id}/minutes.docx?version=9").status_code == 404
    page = client.get(f"/meetings/{meeting.id}/minutes").get_data(as_text=True)
    assert "version=1" in page and "version=2" in page


def test_approving_twice_gives_one_version_and_a_message(client, auth, sitting):
    auth.login()
    meeting = sitting.meeting
    _save(client, meeting)
    minutes = minutes_queries.minutes_of(meeting.id)
    revision = minutes.revision
    assert client.post(f"/meetings/{meeting.id}/minutes/approve", data={"revision": revision}).status_code == 302
    again = client.post(f"/meetings/{meeting.id}/minutes/approve", data={"revision": revision},
                        follow_redirects=True)
    assert again.status_code == 200 and "flash-error" in again.get_data(as_text=True)
    assert _version_count(minutes.id) == 1


def test_two_approvals_at_the_same_moment_give_one_version(app, sitting, monkeypatch):
    """The second request read the same latest number before the first wrote: the unique version number refuses
    its row and it is told, on SQLite and PostgreSQL alike."""
    from consult.committee import clock, get_committee
    from consult.meetings.queries import meeting_for_detail
    from consult.minutes.gathering import default_edits

    meeting = meeting_for_detail(sitting.meeting.id)
    committee = get_committee()
    minutes = services.save_draft(meeting, committee, default_edits(meeting, committee, clock.today(), 1),
                                  user_id=None, now=clock.now())
    db.session.commit()
    services.approve(meeting, committee, minutes, revision=minutes.revision, user_id=None, now=clock.now())
    db.session.commit()
    # the other request: it saw the draft unapproved and version 0 as the latest
    minutes.status = "draft"
    monkeypatch.setattr(minutes_queries, "latest_version_number", lambda minutes_id: 0)
    with pytest.raises(services.MinutesConflict) as refused:
        services.approve(meeting, committee, minutes, revision=minutes.revision, user_id=None, now=clock.now())
    assert refused.value.reason == services.ALREADY_APPROVED
    db.session.rollback()
    assert _version_count(minutes.id) == 1


def test_a_stale_page_approves_nothing(client, auth, sitting):
    auth.login()
    _save(client, sitting.meeting)
    minutes = minutes_queries.minutes_of(sitting.meeting.id)
    response = client.post(f"/meetings/{sitting.meeting.id}/minutes/approve", data={"revision": minutes.revision - 1},
                           follow_redirects=True)
    assert response.status_code == 200 and _version_count(minutes.id) == 0


def test_issue_numbers_are_unique_per_year(client, auth, sitting):
    auth.login()
    _save(client, sitting.meeting, issue_number="5")
    other = factories.meeting(sitting.meeting.organ, title="另一次会议", starts_at=sitting.meeting.starts_at
                              - timedelta(days=20), status="held", topics=["议题"], term=8, number=11)
    db.session.commit()
    page = client.get(f"/meetings/{other.id}/minutes").get_data(as_text=True)
    assert 'value="6"' in page  # the next free number of the year
    taken = _save(client, other, issue_number="5", title="区政协八届十一次常委会议纪要")
    assert taken.status_code == 409 and "区政协八届十一次常委会议纪要" in taken.get_data(as_text=True)
    assert _save(client, other, issue_number="5", issued_on="2031-01-05").status_code == 302  # another year


def test_invitees_download_shared_minutes_from_their_own_page_only_after_sharing(client, auth, sitting):
    auth.login()
    meeting = sitting.meeting
    member, outsider = sitting.people["丁伟"], factories.member("路人")
    db.session.commit()
    _save(client, meeting)
    url = f"/my/{member.access_token}/minutes/{meeting.id}.docx"
    assert client.post(f"/meetings/{meeting.id}/minutes/share", data={"shared": "1"}).status_code == 302
    assert minutes_queries.minutes_of(meeting.id).shared_at is None  # nothing approved: nothing shared
    _approve(client, meeting)
    auth.logout()
    assert client.get(url).status_code == 404
    assert f"/minutes/{meeting.id}.docx" not in client.get(f"/my/{member.access_token}").get_data(as_text=True)
    auth.login()
    client.post(f"/meetings/{meeting.id}/minutes/share", data={"shared": "1"})
    auth.logout()
    approved = minutes_queries.version(minutes_queries.minutes_of(meeting.id).id).content
    assert client.get(url).data == approved
    assert f"/minutes/{meeting.id}.docx" in client.get(f"/my/{member.access_token}").get_data(as_text=True)
    assert client.get(f"/my/{outsider.access_token}/minutes/{meeting.id}.docx").status_code == 404
    assert client.get(f"/my/not-a-token/minutes/{meeting.id}.docx").status_code == 404


def test_visitors_are_refused(client, sitting):
    meeting = sitting.meeting
    for path in (f"/meetings/{meeting.id}/minutes", f"/meetings/{meeting.id}/minutes.docx",
                 f"/meetings/{meeting.id}/minutes.docx?draft=1"):
        assert client.get(path).status_code == 302  # to the login
    assert client.post(f"/meetings/{meeting.id}/minutes/approve", data={"revision": 1}).status_code in (302, 400)
    assert db.session.scalar(select(func.count()).select_from(Minutes)) == 0


def test_the_demo_has_approved_shared_minutes_numbered_in_date_order(app):
    from datetime import date

    from consult.demo import load_demo
    from consult.meetings.models import Meeting
    from consult.minutes.models import Minutes

    load_demo(today=date(2026, 6, 30), admin_password="demo-password-1")
    db.session.commit()
    minutes = db.session.scalars(
        select(Minutes).join(Meeting, Meeting.id == Minutes.meeting_id).order_by(Meeting.starts_at)).all()
    assert len(minutes) >= 3
    assert all(m.status == "approved" and m.shared_at is not None for m in minutes)
    assert all(minutes_queries.version(m.id).number == 1 for m in minutes)
    assert [m.issue_number for m in minutes] == list(range(1, len(minutes) + 1))


def test_two_staff_approving_at_once_through_the_web_give_one_version(app, client, auth, sitting):
    """Two requests in two threads approve the same draft revision at the same moment: exactly one version is
    stored, one request is told it was approved already (SQLite serialises the writes, PostgreSQL refuses the
    second row through the unique version number)."""
    import threading

    auth.login()
    _save(client, sitting.meeting)
    minutes = minutes_queries.minutes_of(sitting.meeting.id)
    revision, minutes_id, meeting_id = minutes.revision, minutes.id, sitting.meeting.id
    db.session.commit()
    clients = [app.test_client(), app.test_client()]
    for other in clients:
        other.post("/login", data={"username": "staff", "password": "staff-password"})
    db.session.commit()  # the logins ran in this thread's context: end their transaction (SQLite's write lock)
    barrier, answers = threading.Barrier(2), []

    def approve(other):
        with app.app_context():  # each thread its own context, hence its own database session
            barrier.wait()
            response = other.post(f"/meetings/{meeting_id}/minutes/approve", data={"revision": revision},
                                  follow_redirects=True)
            answers.append((response.status_code, "flash-error" in response.get_data(as_text=True)))
            db.session.remove()

    threads = [threading.Thread(target=approve, args=(other,)) for other in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(answers) == [(200, False), (200, True)], answers
    db.session.expire_all()
    assert _version_count(minutes_id) == 1
