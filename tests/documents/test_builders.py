"""The notice and sign-in sheet builders alone: plain content in, a document out; no app, no database."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from consult.documents.notice import NoticeContent, notice_docx, notice_title
from consult.documents.signin import SignInContent, SignInPerson, signin_docx
from tests.documents.checks import assert_official_layout, docx_from, texts

CREATED = datetime(2030, 3, 2, tzinfo=UTC)


def _notice(**fields) -> NoticeContent:
    values = {"name": "区政协经济委员会对口协商会", "when": "2030年3月12日（星期二）09:00—11:30",
              "location": "机关三楼会议室", "office": "政协崇川区委员会办公室", "issued_on": date(2030, 3, 2),
              "created": CREATED}  # fmt: skip
    return NoticeContent(**{**values, **fields})


@pytest.mark.parametrize(
    ("fields", "title"),
    [
        ({}, "关于召开区政协经济委员会对口协商会的通知"),
        ({"activity": True, "name": "视察城市更新项目"}, "关于视察城市更新项目的通知"),
        ({"status": "cancelled"}, "关于取消区政协经济委员会对口协商会的通知"),
        ({"status": "postponed"}, "关于区政协经济委员会对口协商会延期举行的通知"),
    ],
)
def test_notice_titles(fields, title):
    assert notice_title(_notice(**fields)) == title


def test_missing_parts_are_left_out_and_the_headings_stay_numbered_in_order():
    lines = texts(docx_from(notice_docx(_notice(topics=["优化营商环境"], contact="联系电话：0513-85012345"))))
    headings = [line for line in lines if len(line) > 1 and line[1] == "、"]
    assert headings == ["一、时间", "二、地点", "三、议程", "四、联系方式"]
    assert "优化营商环境" in lines  # one topic: no number
    assert not any("二维码" in line for line in lines)  # no QR code given


def test_a_notice_has_the_official_layout_and_a_draft_is_marked():
    document = docx_from(notice_docx(_notice(status="draft")))
    assert_official_layout(document)
    assert document.sections[0].even_page_header.paragraphs[0].text == "草稿"


def test_a_signin_sheet_lists_people_in_the_order_given_with_the_counts():
    content = SignInContent(
        name="区政协八届十二次常委会议", when="2030年3月12日（星期二）09:00—11:30", location="", created=CREATED,
        members=(SignInPerson("周主席", "中共"), SignInPerson("王经济", "经济界")),
        observer_members=(SignInPerson("陈列席", "科技界"),), expected=5,
    )
    document = docx_from(signin_docx(content))
    assert_official_layout(document)
    lines = texts(document)
    assert lines[0] == "区政协八届十二次常委会议签到表"
    assert "应到：5人　　实到：　　　人　　列席委员：1人" in lines
    assert not any(line.startswith("地点") for line in lines)  # no place given
    assert [[c.text for c in row.cells] for row in document.tables[0].rows][1:] == [["周主席", "中共", ""],
                                                                                    ["王经济", "经济界", ""]]
    assert [[c.text for c in row.cells] for row in document.tables[1].rows][1:] == [["陈列席", "科技界", ""]]
