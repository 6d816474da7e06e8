"""The meeting notice (会议通知) and the sign-in sheet (签到表) of a sitting: gathered from the app, downloaded by
staff, opened with python-docx, validated and rendered. Runs on SQLite and PostgreSQL (the app fixture)."""

from __future__ import annotations

from datetime import UTC, datetime
from urllib.parse import quote

import pytest

from consult.extensions import db
from consult.onsite.services import onsite_for
from tests import factories
from tests.documents.checks import (
    assert_official_layout,
    docx_from,
    ooxml_errors,
    page_number_on,
    pdf_page_text,
    render_pdf,
    squeezed,
    texts,
)

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
NOTICE_TITLE = "关于召开政协崇川区第八届委员会常务委员会第十二次会议的通知"


def _download(client, meeting_id: int, kind: str):
    response = client.get(f"/meetings/{meeting_id}/{kind}.docx")
    assert response.status_code == 200, response.data[:300]
    assert response.mimetype == DOCX
    return response


def test_staff_download_the_notice_with_every_part(sitting, auth, client):
    auth.login()
    response = _download(client, sitting.meeting.id, "notice")
    disposition = response.headers["Content-Disposition"]
    assert f"filename*=UTF-8''{quote(NOTICE_TITLE + '.docx')}" in disposition
    assert f'filename="notice-{sitting.meeting.id}.docx"' in disposition
    document = docx_from(response.data)
    assert_official_layout(document)
    lines = texts(document)
    code = onsite_for(sitting.meeting.id).code
    expected = [
        NOTICE_TITLE, "各位委员：",
        "经研究，定于2030年3月12日（星期二）09:00—11:30在区行政中心三楼会议室召开"
        "政协崇川区第八届委员会常务委员会第十二次会议。现将有关事项通知如下：",
        "一、时间", "2030年3月12日（星期二）09:00—11:30（北京时间）", "二、地点", "区行政中心三楼会议室",
        "三、议程", "1．听取区科技局情况通报", "2．委员协商发言", "四、主持", "周主席",
        "五、出席", "常务委员会组成人员4人", "区委副书记 张三", "六、列席", "列席委员1人、区科技局、区财政局",
        "七、请假", "因故不能参加者，请于3月10日前向联系人王芳请假。",
        "八、联系方式", "联系人：王芳，电话：0513-85012345",
        "政协崇川区委员会办公室", "2030年3月2日",
    ]
    for line in expected:
        assert line in lines, line
    assert any(line.endswith(f"/m/{code}") for line in lines)
    assert len(document.inline_shapes) == 1  # the QR code of the sitting's page
    assert document.core_properties.title == NOTICE_TITLE
    assert all(not p.text for s in document.sections for p in s.header.paragraphs)  # not a draft


def test_staff_download_the_signin_sheet_by_sector_in_member_order(sitting, auth, client):
    auth.login()
    response = _download(client, sitting.meeting.id, "signin")
    assert "filename*=UTF-8''" + quote("区政协八届十二次常委会议签到表.docx") in response.headers["Content-Disposition"]
    document = docx_from(response.data)
    assert_official_layout(document)
    lines = texts(document)
    assert "区政协八届十二次常委会议签到表" in lines
    assert "时间：2030年3月12日（星期二）09:00—11:30" in lines
    assert "地点：区行政中心三楼会议室" in lines
    assert any(line.startswith("应到：4人") for line in lines)
    members, observers = document.tables
    rows = [[cell.text for cell in row.cells] for row in members.rows]
    # 中共 (position 1) before 经济界; the chair first in protocol order, then stroke order (王 4 before 李 7).
    assert rows == [["姓名", "界别", "签名"], ["周主席", "中共", ""], ["丁党员", "中共", ""], ["王经济", "经济界", ""],
                    ["李经济", "经济界", ""]]
    assert [[cell.text for cell in row.cells] for row in observers.rows][1:] == [["陈列席", "经济界", ""]]
    assert round(members.rows[1].height.mm) == 12  # room to sign


def test_the_same_sitting_gives_the_same_bytes(sitting, auth, client):
    auth.login()
    for kind in ("notice", "signin"):
        assert _download(client, sitting.meeting.id, kind).data == _download(client, sitting.meeting.id, kind).data


def test_a_draft_sitting_gives_a_draft_notice_dated_today(sitting, auth, client, clock):
    sitting.meeting.status, sitting.meeting.published_at = "draft", None
    db.session.commit()
    clock.now = datetime(2030, 3, 5, 2, tzinfo=UTC)
    auth.login()
    for kind in ("notice", "signin"):
        document = docx_from(_download(client, sitting.meeting.id, kind).data)
        assert [p.text for p in document.sections[0].header.paragraphs] == ["草稿"]
    notice = texts(docx_from(_download(client, sitting.meeting.id, "notice").data))
    assert "2030年3月5日" in notice and NOTICE_TITLE in notice


@pytest.mark.parametrize(
    ("status", "title", "sentence"),
    [
        ("cancelled", f"关于取消{NOTICE_TITLE[4:-3]}的通知", "取消原因：场地调整。"),
        ("postponed", f"关于{NOTICE_TITLE[4:-3]}延期举行的通知", "延期原因：场地调整。"),
    ],
)
def test_a_cancelled_or_postponed_sitting_gives_a_notice_saying_so(sitting, auth, client, status, title, sentence):
    sitting.meeting.status = status
    sitting.meeting.cancel_reason = sitting.meeting.postpone_reason = "场地调整"
    db.session.commit()
    auth.login()
    document = docx_from(_download(client, sitting.meeting.id, "notice").data)
    lines = texts(document)
    assert lines[0] == title
    assert any(sentence in line for line in lines)
    assert not any(line.startswith("因故不能参加者") for line in lines)
    assert len(document.inline_shapes) == 0  # no QR code: there is nothing to check in to
    signin = texts(docx_from(_download(client, sitting.meeting.id, "signin").data))
    assert any(("已取消" if status == "cancelled" else "已延期") in line for line in signin)


def test_an_activity_without_number_or_invitees(app, auth, client):
    factories.committee()
    organ = factories.organ("special_committee", "经济委员会", slug="economy")
    activity = factories.meeting(organ, title="视察城市更新项目", sitting_kind="inspection", location="",
                                 assembly_at=datetime(2030, 3, 4, 0, 30, tzinfo=UTC), assembly_place="区行政中心北门")
    db.session.commit()
    auth.login()
    notice = texts(docx_from(_download(client, activity.id, "notice").data))
    assert notice[0] == "关于视察城市更新项目的通知"
    assert "3月4日 08:30，区行政中心北门集合，统一出发。" in notice
    assert "带队" not in notice and "二、地点" not in notice
    signin = docx_from(_download(client, activity.id, "signin").data)
    assert texts(signin)[0] == "视察城市更新项目签到表"
    assert len(signin.tables[0].rows) == 11  # a header and blank lines to write names in


def test_bad_text_in_a_sitting_gives_a_valid_file(sitting, auth, client, tmp_path):
    controls = "".join(chr(code) for code in range(1, 32) if chr(code) not in "\t\n\r")
    sitting.meeting.location = f"会议室{controls}😀"
    sitting.meeting.observers = "长" * 10_000
    sitting.meeting.topics[0].title = f"议题{controls}"
    db.session.commit()
    auth.login()
    data = _download(client, sitting.meeting.id, "notice").data
    lines = texts(docx_from(data))
    assert "会议室😀" in lines and "1．议题" in lines
    assert ooxml_errors(data, tmp_path) == []


def test_visitors_get_no_document(sitting, client):
    for kind in ("notice", "signin"):
        response = client.get(f"/meetings/{sitting.meeting.id}/{kind}.docx")
        assert response.status_code == 302 and "/login" in response.headers["Location"]
        recognised = client.get(f"/my/{sitting.wang.access_token}")
        assert recognised.status_code == 200
        assert client.get(f"/meetings/{sitting.meeting.id}/{kind}.docx").status_code == 302


def test_an_unknown_sitting_is_a_404_page(app, auth, client):
    auth.login()
    for kind in ("notice", "signin"):
        response = client.get(f"/meetings/999999/{kind}.docx")
        assert response.status_code == 404 and response.mimetype == "text/html"


def test_the_meeting_page_links_both_documents_for_staff_only(sitting, auth, client):
    links = (f"/meetings/{sitting.meeting.id}/notice.docx", f"/meetings/{sitting.meeting.id}/signin.docx")
    auth.login()
    page = client.get(f"/meetings/{sitting.meeting.id}").get_data(as_text=True)
    assert all(link in page for link in links)
    auth.logout()
    sitting.meeting.visibility = "public"
    db.session.commit()
    public = client.get(f"/meetings/{sitting.meeting.id}")
    assert public.status_code == 200 and not any(link in public.get_data(as_text=True) for link in links)


@pytest.mark.parametrize("kind", ["notice", "signin"])
def test_both_documents_are_valid_and_render_with_page_numbers(sitting, auth, client, tmp_path, kind):
    auth.login()
    data = _download(client, sitting.meeting.id, kind).data
    assert ooxml_errors(data, tmp_path) == []
    first = pdf_page_text(render_pdf(data, tmp_path), 1)
    title = NOTICE_TITLE if kind == "notice" else "区政协八届十二次常委会议签到表"
    assert title in squeezed(first)
    assert page_number_on(first) == 1
