"""The 履职情况通报 built from plain content (no app), opened and checked like the minutes: the text of each part,
the official layout (styles, East Asian fonts, page, footer field), OOXML validation, LibreOffice's rendering."""

from __future__ import annotations

from datetime import UTC, date, datetime

from consult.records.counting import Tally
from consult.records.document import DutyReportContent, FlagLine, MemberLine, OrganLine, duty_report_docx
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

CREATED = datetime(2030, 2, 28, 16, 0, tzinfo=UTC)
BAD = "".join(chr(c) for c in range(0x20) if c not in (9, 10)) + "\x7f\ufffe\ud800"


def content(**changes) -> DutyReportContent:
    values = dict(
        year=2029, short_name="区政协", office="政协崇川区委员会办公室", issued_on=date(2030, 3, 1), created=CREATED,
        held=5,
        organs=(OrganLine("全体委员会议", 1, Tally(sittings=3, present=2, on_leave=1)),
                OrganLine("常务委员会", 4, Tally(sittings=8, present=4, absent=4))),
        members=(MemberLine("周林勇", "中共", Tally(sittings=5, present=5, opinions=2, printed=1)),
                 MemberLine("丁伟", "教育界", Tally(sittings=6, present=1, on_leave=1, absent=4, not_recorded=0))),
        rules=("一年内未请假缺席常委会议累计3次", "一届内未请假缺席全体会议累计3次"),
        flagged=(FlagLine("丁伟", "教育界", "一年内未请假缺席常委会议累计3次",
                          ("2029年2月10日八届十二次常委会议", "2029年5月27日八届十三次常委会议",
                           "2029年9月16日八届十四次常委会议")),),
        total=Tally(sittings=11, present=6, on_leave=1, absent=4, not_recorded=2, opinions=2, printed=1),
    )
    values.update(changes)
    return DutyReportContent(**values)


def test_each_part_in_order_with_its_figures():
    document = docx_from(duty_report_docx(content()))
    lines = [line for line in texts(document) if line.strip()]
    body = "\n".join(lines)
    assert lines[0] == "关于2029年度区政协委员履职情况的通报"
    for expected in (
        "各位委员：",
        "一、总体情况",
        "2029年共召开会议、开展活动5次，其中全体委员会议1次、常务委员会4次。",
        "委员应出席11人次，出席6人次，请假1人次，缺席4人次，出席率54.5%",
        "出席率＝出席人次÷（出席＋请假＋缺席）人次",
        "另有2人次出席情况未登记。",
        "委员共提出意见建议2条，其中1条写入经审定的会议纪要。",
        "二、各机构会议出席情况",
        "三、委员履职情况",
        "四、缺席规则执行情况",
        "本会缺席规则：一年内未请假缺席常委会议累计3次；一届内未请假缺席全体会议累计3次。",
        "1．丁伟（教育界）一年内未请假缺席常委会议累计3次（2029年2月10日八届十二次常委会议、",
        "政协崇川区委员会办公室",
        "2030年3月1日",
    ):
        assert expected in body, expected
    parts = [body.index(heading) for heading in ("一、总体情况", "二、各机构", "三、委员履职", "四、缺席规则")]
    assert parts == sorted(parts)
    assert_official_layout(document)


def test_the_tables_hold_every_organ_and_member_with_their_counts():
    document = docx_from(duty_report_docx(content()))
    organs, members = document.tables
    assert [cell.text for cell in organs.rows[0].cells] == ["机构", "会议次数", "应出席人次", "出席", "请假", "缺席",
                                                           "出席率"]
    assert [cell.text for cell in organs.rows[2].cells] == ["常务委员会", "4", "8", "4", "0", "4", "50%"]
    assert [cell.text for cell in members.rows[0].cells][-2:] == ["意见建议", "纪要采纳"]
    assert [cell.text for cell in members.rows[2].cells] == ["丁伟", "教育界", "6", "1", "1", "4", "16.7%", "0", "0"]
    assert len(members.rows) == 3


def test_the_same_content_gives_the_same_bytes():
    assert duty_report_docx(content()) == duty_report_docx(content())


def test_a_year_without_sittings_and_without_rules_gives_a_sensible_document():
    empty = content(held=0, organs=(), members=(), rules=(), flagged=(), total=Tally())
    body = "\n".join(texts(docx_from(duty_report_docx(empty))))
    assert "2029年没有已举行的会议、活动，本年度无出席情况可以统计。" in body
    assert "本会未设缺席规则。" in body and "二、" in body and "三、" not in body


def test_no_member_reaching_a_rule_is_said_so():
    body = "\n".join(texts(docx_from(duty_report_docx(content(flagged=())))))
    assert "本年度没有委员达到缺席规则。" in body


def test_a_limited_report_says_which_organs_it_covers():
    body = "\n".join(texts(docx_from(duty_report_docx(content(scope="常务委员会、经济委员会")))))
    assert "（本通报限于常务委员会、经济委员会）" in body


def test_bad_characters_and_emoji_give_a_valid_file(tmp_path):
    data = duty_report_docx(content(
        members=(MemberLine(f"张{BAD}三😀", f"界别{BAD}", Tally(sittings=1, present=1)),),
        flagged=(FlagLine(f"李{BAD}四", "", "规则", (f"会议{BAD}",)),), office=f"办公室{BAD}",
    ))
    body = "\n".join(texts(docx_from(data)))
    assert "张三😀" in body and "1．李四规则（会议）。" in body and "\x01" not in body
    assert ooxml_errors(data, tmp_path) == []


def test_four_hundred_members():
    members = tuple(MemberLine(f"委员{n:03d}", "教育界", Tally(sittings=12, present=10, on_leave=1, absent=1))
                    for n in range(400))
    document = docx_from(duty_report_docx(content(members=members)))
    assert len(document.tables[1].rows) == 401
    assert document.tables[1].rows[400].cells[0].text == "委员399"
    assert_official_layout(document)


def test_the_package_is_valid_ooxml(tmp_path):
    assert ooxml_errors(duty_report_docx(content()), tmp_path) == []


def test_libreoffice_page_one_shows_the_title_and_the_page_number(tmp_path):
    pdf = render_pdf(duty_report_docx(content()), tmp_path)
    page = pdf_page_text(pdf, 1)
    assert "关于2029年度区政协委员履职情况的通报" in squeezed(page)
    assert page_number_on(page) == 1
    rest = squeezed(page + pdf_page_text(pdf, 2))
    assert "周林勇" in rest and "丁伟" in rest and "54.5%" in rest
