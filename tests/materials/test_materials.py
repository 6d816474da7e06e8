"""Materials on the sitting's pages: staff attach, re-label and remove them; each reader opens exactly what the
rules allow (staff, the public page, the member's page, the on-site page); bad files change nothing."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from flask import render_template
from sqlalchemy import func, select

from consult.committee import get_committee
from consult.extensions import db
from consult.materials.models import Material
from consult.meetings.models import Meeting
from consult.onsite.services import onsite_for
from tests import factories
from tests.materials.test_kinds_and_storage import PDF_BYTES, PNG_BYTES, docx_bytes


@pytest.fixture
def sitting(app):
    """A published public sitting with two topics, one invitee and one member who is not invited."""
    invitee = factories.member("张明")
    outsider = factories.member("李华")
    organ = factories.organ("standing_committee", "常务委员会", slug="standing", members=[invitee])
    meeting = factories.meeting(organ, title="科技创新专题协商", invitees=[invitee], visibility="public",
                                topics=["科技企业创新能力", "人才引进"])
    code = onsite_for(meeting.id).code
    db.session.commit()
    return {"meeting": meeting, "invitee": invitee, "outsider": outsider, "code": code}


def upload(client, meeting_id, content=PDF_BYTES, name="征求意见稿.pdf", **fields):
    data = {"file": (io.BytesIO(content), name), "title": "", "topic": "", "visibility": "invitees", **fields}
    return client.post(f"/meetings/{meeting_id}/materials", data=data, content_type="multipart/form-data")


def fetch(client, url, **kwargs):
    """GET a file and close it (the storage's file handle) before returning the response."""
    return client.get(url, buffered=True, **kwargs)


def stored_files(app) -> list[Path]:
    root = Path(app.config["CONSULT_STORAGE_PATH"])
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def attach(client, auth, sitting, **fields) -> Material:
    auth.login()
    response = upload(client, sitting["meeting"].id, **fields)
    assert response.status_code == 302, response.get_data(as_text=True)
    auth.logout()
    return db.session.scalars(select(Material).order_by(Material.id.desc())).first()


def test_staff_attach_a_pdf_to_a_topic_and_see_it_on_the_sitting_page(app, client, auth, sitting):
    auth.login()
    topic = sitting["meeting"].topics[1]
    version = get_committee().data_version
    response = upload(client, sitting["meeting"].id, topic=str(topic.id), title="  人才 引进 征求意见稿 ")
    assert response.status_code == 302
    material = db.session.scalars(select(Material)).one()
    assert (material.title, material.file_name, material.content_type) == ("人才 引进 征求意见稿", "征求意见稿.pdf",
                                                                          "application/pdf")
    assert material.topic_id == topic.id and material.visibility == "invitees" and material.size == len(PDF_BYTES)
    assert len(stored_files(app)) == 1
    db.session.expire_all()
    assert get_committee().data_version == version  # materials are not in feeds: nothing rebuilds
    page = client.get(f"/meetings/{sitting['meeting'].id}").get_data(as_text=True)
    assert "人才 引进 征求意见稿" in page and f"/materials/{material.id}" in page and "人才引进" in page


def test_the_title_defaults_to_the_file_name_and_word_files_are_accepted(app, client, auth, sitting):
    auth.login()
    response = upload(client, sitting["meeting"].id, content=docx_bytes(), name="关于加强科技创新的报告.docx")
    assert response.status_code == 302
    material = db.session.scalars(select(Material)).one()
    assert material.title == "关于加强科技创新的报告" and material.content_type.endswith("wordprocessingml.document")
    response = fetch(client, f"/materials/{material.id}")
    assert response.status_code == 200 and response.headers["Content-Disposition"].startswith("attachment;")


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"MZ\x90\x00\x03" + b"\x00" * 100, "征求意见稿.pdf", "Only PDF files"),  # a program renamed .pdf
        (PNG_BYTES, "征求意见稿.pdf", "does not match"),
        (b"", "空.pdf", "empty"),
        (b"<script>alert(1)</script>", "page.html", "Only PDF files"),
    ],
)
def test_a_refused_file_changes_nothing_and_the_form_keeps_what_was_typed(app, english, auth, sitting, content, name,
                                                                         message):
    auth.login()
    response = upload(english, sitting["meeting"].id, content=content, name=name, title="我的标题",
                      visibility="public")
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert message in page and 'value="我的标题"' in page and re.search(r'checked[^>]*value="public"', page)
    assert db.session.scalar(select(func.count()).select_from(Material)) == 0
    assert stored_files(app) == []


def test_a_file_over_the_limit_is_refused_with_the_limit_named(app, english, auth, sitting):
    # (Small sizes: the test client keeps bodies over 500 KB in temporary files it leaves open.)
    app.config["CONSULT_MAX_UPLOAD_MB"] = 0.1
    auth.login()
    big = PDF_BYTES + b"0" * (110 * 1024)
    response = upload(english, sitting["meeting"].id, content=big)
    assert response.status_code == 400 and "larger than 0.1 MB" in response.get_data(as_text=True)
    # A request beyond MAX_CONTENT_LENGTH is refused before any view: 413 in the site's layout.
    app.config["MAX_CONTENT_LENGTH"] = 200 * 1024
    response = upload(english, sitting["meeting"].id, content=big + b"0" * (200 * 1024))
    page = response.get_data(as_text=True)
    assert response.status_code == 413 and "larger than the 0.1 MB allowed" in page and "site-header" in page
    assert db.session.scalar(select(func.count()).select_from(Material)) == 0 and stored_files(app) == []


def test_uploading_is_for_staff_only(app, client, auth, sitting):
    assert upload(client, sitting["meeting"].id).status_code == 302  # to the login page
    assert db.session.scalar(select(func.count()).select_from(Material)) == 0


def test_who_opens_what(app, client, auth, sitting):
    meeting, invitee, outsider, code = sitting["meeting"], sitting["invitee"], sitting["outsider"], sitting["code"]
    private = attach(client, auth, sitting, name="内部材料.pdf")
    public = attach(client, auth, sitting, name="公开材料.pdf", visibility="public")

    # Anyone: public materials of a public sitting only, from its public page.
    assert fetch(client, f"/materials/{public.id}").status_code == 200
    assert fetch(client, f"/materials/{private.id}").status_code == 404
    page = client.get(f"/meetings/{meeting.id}").get_data(as_text=True)
    assert "公开材料" in page and "内部材料" not in page
    # The invitee: everything, from their page; another member: public ones only; a wrong token: nothing.
    assert fetch(client, f"/my/{invitee.access_token}/materials/{private.id}").status_code == 200
    assert fetch(client, f"/my/{outsider.access_token}/materials/{private.id}").status_code == 404
    assert fetch(client, f"/my/{outsider.access_token}/materials/{public.id}").status_code == 200
    assert fetch(client, f"/my/not-a-token/materials/{public.id}").status_code == 404
    my_page = client.get(f"/my/{invitee.access_token}").get_data(as_text=True)
    assert f"/my/{invitee.access_token}/materials/{private.id}" in my_page and "公开材料" in my_page

    # On site: public ones for everyone with the code; invitee-only ones once the phone knows the invitee.
    fresh = app.test_client()
    assert fetch(fresh, f"/m/{code}/materials/{public.id}").status_code == 200
    assert fetch(fresh, f"/m/{code}/materials/{private.id}").status_code == 404
    assert fetch(fresh, f"/m/zzzzzzzz/materials/{public.id}").status_code == 404
    fresh.get(f"/my/{invitee.access_token}")
    assert fetch(fresh, f"/m/{code}/materials/{private.id}").status_code == 200
    stranger = app.test_client()
    stranger.get(f"/my/{outsider.access_token}")
    assert fetch(stranger, f"/m/{code}/materials/{private.id}").status_code == 404

    # A rotated token: the old link and the old cookie open nothing private.
    invitee.access_token = "rotated-token-0000000000000000000000000000"
    db.session.commit()
    assert fetch(fresh, f"/m/{code}/materials/{private.id}").status_code == 404

    # A members-only sitting: its "public" material is not on any public page; a draft's materials are staff's.
    meeting.visibility = "members"
    db.session.commit()
    assert fetch(client, f"/materials/{public.id}").status_code == 404
    assert fetch(client, f"/my/{outsider.access_token}/materials/{public.id}").status_code == 404
    meeting.status = "draft"
    db.session.commit()
    assert fetch(client, f"/my/{invitee.access_token}/materials/{private.id}").status_code == 404
    assert fetch(app.test_client(), f"/m/{code}/materials/{public.id}").status_code == 404
    auth.login()
    assert fetch(client, f"/materials/{private.id}").status_code == 200
    assert fetch(client, f"/m/{code}/materials/{private.id}").status_code == 200


def test_a_material_is_opened_through_its_own_sitting_only(app, client, auth, sitting):
    material = attach(client, auth, sitting, visibility="public")
    other = factories.meeting(sitting["meeting"].organ, title="另一次会议", visibility="public")
    other_code = onsite_for(other.id).code
    db.session.commit()
    assert fetch(client, f"/m/{other_code}/materials/{material.id}").status_code == 404
    auth.login()
    response = client.post(f"/meetings/{other.id}/materials/{material.id}/delete", data={"confirmed": "1"})
    assert response.status_code == 404
    assert db.session.get(Material, material.id) is not None


def test_the_answer_names_the_file_and_protects_it(app, client, auth, sitting):
    name = "关于'科技'创新 的报告/第2稿 (终).pdf"
    material = attach(client, auth, sitting, name=name, visibility="public")
    response = fetch(client, f"/materials/{material.id}")
    assert response.data == PDF_BYTES and response.mimetype == "application/pdf"
    disposition = response.headers["Content-Disposition"]
    assert disposition.startswith("inline;") and "filename*=UTF-8''" in disposition and "\n" not in disposition
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Cache-Control"].startswith("public")
    assert material.file_name == "第2稿 (终).pdf"  # the path before the last separator is not a name
    private = fetch(client, f"/my/{sitting['invitee'].access_token}/materials/{material.id}")
    assert "private" in private.headers["Cache-Control"] and private.headers["Referrer-Policy"] == "no-referrer"
    again = fetch(client, f"/materials/{material.id}", headers={"If-None-Match": f'"{material.sha256}"'})
    assert again.status_code == 304


def test_a_file_missing_from_the_disk_is_a_clear_404(app, english, auth, sitting):
    material = attach(english, auth, sitting, visibility="public")
    for path in stored_files(app):
        path.unlink()
    response = fetch(english, f"/materials/{material.id}")
    assert response.status_code == 404 and "cannot be found on the server" in response.get_data(as_text=True)
    assert english.get(f"/meetings/{sitting['meeting'].id}").status_code == 200


def test_staff_change_who_may_open_it_and_remove_it_after_confirming(app, client, auth, sitting):
    material = attach(client, auth, sitting)
    auth.login()
    meeting_id = sitting["meeting"].id
    client.post(f"/meetings/{meeting_id}/materials/{material.id}/visibility", data={"visibility": "public"})
    db.session.expire_all()
    assert db.session.get(Material, material.id).visibility == "public"
    client.post(f"/meetings/{meeting_id}/materials/{material.id}/visibility", data={"visibility": "everybody"})
    db.session.expire_all()
    assert db.session.get(Material, material.id).visibility == "public"  # a value not offered changes nothing

    confirm = fetch(client, f"/meetings/{meeting_id}/materials/{material.id}/delete")
    assert confirm.status_code == 200 and 'name="confirmed"' in confirm.get_data(as_text=True)
    client.post(f"/meetings/{meeting_id}/materials/{material.id}/delete")  # without the confirmation: nothing
    assert db.session.get(Material, material.id) is not None and len(stored_files(app)) == 1
    response = client.post(f"/meetings/{meeting_id}/materials/{material.id}/delete", data={"confirmed": "1"})
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(Material, material.id) is None and stored_files(app) == []
    assert fetch(client, f"/materials/{material.id}").status_code == 404


def test_the_on_site_list_shows_each_reader_what_they_may_open(app, client, auth, sitting):
    private = attach(client, auth, sitting, name="内部材料.pdf", topic=str(sitting["meeting"].topics[0].id))
    attach(client, auth, sitting, name="公开材料.pdf", visibility="public")
    meeting = sitting["meeting"]
    with app.test_request_context(f"/m/{sitting['code']}"):
        guest = render_template("materials/_sitting_materials.html", meeting=meeting, member=None, code=sitting["code"])
        invitee = render_template("materials/_sitting_materials.html", meeting=meeting, member=sitting["invitee"],
                                  code=sitting["code"])
        outsider = render_template("materials/_sitting_materials.html", meeting=meeting, member=sitting["outsider"],
                                   code=sitting["code"])
    assert "公开材料" in guest and "内部材料" not in guest and "内部材料" not in outsider
    assert f"/m/{sitting['code']}/materials/{private.id}" in invitee and "科技企业创新能力" in invitee
    assert "KB" in invitee or " B" in invitee


def test_removing_the_sitting_removes_its_rows(app, client, auth, sitting):
    attach(client, auth, sitting)
    db.session.delete(sitting["meeting"])
    db.session.commit()
    # PostgreSQL removes the rows with the sitting; SQLite (foreign keys not enforced) leaves them unreachable.
    left = db.session.scalar(select(func.count()).select_from(Material))
    assert left == (1 if db.engine.dialect.name == "sqlite" else 0)


def test_the_demo_attaches_a_draft_for_comment_to_a_coming_sitting(app, client):
    from datetime import date

    from consult.demo import load_demo

    load_demo(today=date(2030, 3, 1), admin_password="demo-admin-password")
    db.session.commit()
    materials = db.session.scalars(select(Material).order_by(Material.id)).all()
    assert [m.visibility for m in materials] == ["public", "invitees"]
    assert "征求意见稿" in materials[1].title and materials[1].topic_id is not None
    sitting = db.session.get(Meeting, materials[0].meeting_id)
    response = fetch(client, f"/materials/{materials[0].id}")
    if sitting.visibility == "public":
        assert response.status_code == 200 and response.data.startswith(b"%PDF-")
    else:
        assert response.status_code == 404
    assert fetch(client, f"/materials/{materials[1].id}").status_code == 404


def test_a_material_stays_with_its_topic_when_the_agenda_changes(app, client, auth, sitting):
    from consult.meetings.services import update_meeting

    meeting = sitting["meeting"]
    topic = meeting.topics[1]
    material = attach(client, auth, sitting, topic=str(topic.id))
    update_meeting(meeting, topics=["新增的第一个议题", "人才引进", "科技企业创新能力"])
    db.session.commit()
    db.session.expire_all()
    titles = [(t.title, t.position) for t in meeting.topics]
    assert titles == [("新增的第一个议题", 0), ("人才引进", 1), ("科技企业创新能力", 2)]
    assert db.session.get(Material, material.id).topic_id == topic.id == meeting.topics[1].id


def test_a_topic_of_another_sitting_or_a_nul_in_the_name_is_refused(app, client, auth, sitting):
    other = factories.meeting(sitting["meeting"].organ, title="另一次会议", topics=["别的议题"])
    db.session.commit()
    auth.login()
    assert upload(client, sitting["meeting"].id, topic=str(other.topics[0].id)).status_code == 400
    assert upload(client, sitting["meeting"].id, topic="2147483648").status_code == 400
    assert upload(client, sitting["meeting"].id, name="意见\x00稿.pdf").status_code == 400
    assert upload(client, sitting["meeting"].id, visibility="everybody").status_code == 400
    assert db.session.scalar(select(func.count()).select_from(Material)) == 0 and stored_files(app) == []
