"""The minutes' Word file, built from plain content (no app): the text of each part, the official layout, bad
characters, 2,000 opinions, LibreOffice's rendering and the OOXML schema."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from consult.minutes.content import Attendance, MinutesContent, OpinionLine, SectorOpinions, TopicSection
from consult.minutes.document import build_minutes
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

CREATED = datetime(2030, 3, 1, 2, 0, tzinfo=UTC)


def content(topics=None, **changes) -> MinutesContent:
    """Return the content of a small set of minutes; `changes` replace fields."""
    values = dict(
        masthead="政协崇川区委员会会议纪要", red_rule=True, issue="第3期", office="政协崇川区委员会办公室",
        date_text="2030年3月1日", title="区政协八届十二次常委会议纪要",
        opening="2030年2月26日上午，区政协八届十二次常委会议在区政协三楼会议室召开。\n会议由区政协主席周林勇主持。",
        topics=topics if topics is not None else (
            TopicSection("加强我区科技企业创新能力建设", "与会常委认为……", (
                SectorOpinions("教育界", (OpinionLine("丁伟", "教育界", "建议设立科技创新专项资金。"),)),
                SectorOpinions("医卫界", (OpinionLine("", "医卫界", "不署名的意见。"),)),
            )),
            TopicSection("我区经济运行情况", "", ()),
        ),
        decisions=("原则同意《协商意见》。", "会后报送区委、区政府。"),
        attendance=Attendance(present=("周林勇", "薛云玲", "丁伟"), on_leave=("张华",), observers=("区科技局",),
                              guests=(), expected=4, present_count=3),
    )
    values.update(changes)
    return MinutesContent(**values)


def test_each_part_in_order_with_its_text():
    document = docx_from(build_minutes(content(), draft=False, created=CREATED))
    lines = [line for line in texts(document) if line.strip()]
    assert lines[0] == "政协崇川区委员会会议纪要"
    assert "第3期" in lines[1]
    body = "\n".join(lines)
    for expected in (
        "区政协八届十二次常委会议纪要",
        "会议由区政协主席周林勇主持。",
        "一、加强我区科技企业创新能力建设",
        "与会常委认为……",
        "（一）教育界",
        "丁伟（教育界）：建议设立科技创新专项资金。",
        "（二）医卫界",
        "（医卫界，未署名）：不署名的意见。",
        "二、我区经济运行情况",
        "本议题未收到意见建议。",
        "三、议定事项",
        "原则同意《协商意见》。",
        "出席：周林勇、薛云玲、丁伟",
        "请假：张华",
        "列席：区科技局",
        "应到4人，实到3人，请假1人。",
    ):
        assert expected in body, expected
    assert body.index("一、加强") < body.index("二、我区") < body.index("三、议定事项") < body.index("出席：")
    assert_official_layout(document)


def test_the_same_content_gives_the_same_bytes_and_a_draft_is_marked():
    first = build_minutes(content(), draft=False, created=CREATED)
    assert build_minutes(content(), draft=False, created=CREATED) == first
    draft = docx_from(build_minutes(content(), draft=True, created=CREATED))
    headers = "".join(p.text for section in draft.sections for p in section.header.paragraphs)
    assert "草稿" in headers


def test_no_opinions_and_no_attendance_give_a_sensible_document():
    empty = content(topics=(), decisions=(), attendance=Attendance())
    lines = "\n".join(texts(docx_from(build_minutes(empty, draft=False, created=CREATED))))
    assert "出席：无" in lines and "议定事项" not in lines and "应到" not in lines


BAD = "".join(chr(c) for c in range(0x20) if c not in (9, 10)) + "\x7f\ufffe\ud800\udfff"


def test_bad_characters_emoji_and_long_opinions_give_a_valid_file(tmp_path):
    long_text = "长" * 10_000
    topics = (TopicSection(f"议题{BAD}😀", f"小结{BAD}", (
        SectorOpinions(f"界别{BAD}", (OpinionLine(f"张{BAD}三", "界别", f"意见{BAD}👍🏽"),
                                      OpinionLine("李四", "界别", long_text))),
    )),)
    data = build_minutes(content(topics=topics, title=f"纪要{BAD}", opening=BAD), draft=True, created=CREATED)
    lines = "\n".join(texts(docx_from(data)))
    assert "一、议题😀" in lines and "张三（界别）：意见" in lines and "👍🏽" in lines and long_text in lines
    assert "\ufffe" not in lines and "\x01" not in lines
    assert ooxml_errors(data, tmp_path) == []


def test_two_thousand_opinions():
    opinions = tuple(OpinionLine(f"委员{i}", "教育界", f"第{i}条意见：" + "建议" * 95) for i in range(2000))
    data = build_minutes(content(topics=(TopicSection("议题", "", (SectorOpinions("教育界", opinions),)),)),
                         draft=False, created=CREATED)
    document = docx_from(data)
    lines = texts(document)
    assert sum(1 for line in lines if line.startswith("委员")) == 2000
    assert lines.index(next(line for line in lines if line.startswith("委员1999（"))) > lines.index(
        next(line for line in lines if line.startswith("委员0（")))
    assert_official_layout(document)


def test_the_package_is_valid_ooxml(tmp_path):
    assert ooxml_errors(build_minutes(content(), draft=False, created=CREATED), tmp_path) == []


@pytest.mark.parametrize("draft", [False, True])
def test_libreoffice_page_one_shows_the_title_and_the_page_number(tmp_path, draft):
    pdf = render_pdf(build_minutes(content(), draft=draft, created=CREATED), tmp_path)
    page = pdf_page_text(pdf, 1)
    assert "区政协八届十二次常委会议纪要" in squeezed(page)
    assert page_number_on(page) == 1
