"""The layout module alone: no app, no database. Each document is opened again with python-docx."""

from __future__ import annotations

import hashlib
import io
import re
from datetime import UTC, date, datetime

import pytest
import segno
from docx.oxml.ns import qn
from docx.shared import Pt

from consult.documents.layout import OfficialDocument, chinese_date, clean_text
from tests.documents.checks import (
    assert_official_layout,
    docx_from,
    ooxml_errors,
    page_number_on,
    pdf_page_text,
    render_pdf,
    squeezed,
    style_fonts,
    texts,
)

CONTROL_CHARACTERS = "".join(chr(code) for code in range(0x20) if chr(code) not in "\t\n\r") + "\x7f\x85\x9f"


def _qr_png() -> bytes:
    out = io.BytesIO()
    segno.make("https://consult.example/m/ABCD1234").save(out, kind="png", scale=4)
    return out.getvalue()


def _every_part(draft: bool = False) -> OfficialDocument:
    created = datetime(2026, 11, 26, 1, tzinfo=UTC)
    document = OfficialDocument(draft=draft, title="区政协八届十二次常委会议纪要", created=created)
    document.masthead("区政协八届十二次常委会议纪要")
    document.issue_block("第3期", "区政协办公室", chinese_date(date(2026, 11, 26)))
    document.title("关于加强我区科技企业创新能力建设的协商纪要")
    document.heading("一、会议概况")
    document.heading("（一）基本情况", level=2)
    document.paragraph("11月20日，区政协召开八届十二次常委会议。")
    document.paragraph("居中一行", indent=False, align="center")
    document.numbered(["建议成立专班", "加大财政投入"])
    document.labelled("出席", "王明、李华、张强")
    document.table(["姓名", "界别", "签名"], [["王明", "中共", ""], ["李华", "民革"]], [40, 50, 60], row_height_mm=12)
    document.image(_qr_png(), 30)
    document.page_break()
    document.signature("政协崇川区委员会办公室", chinese_date(date(2026, 11, 26)))
    return document


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        (None, ""),
        ("", ""),
        ("会议\t纪要\n第二行", "会议\t纪要\n第二行"),
        ("a\r\nb\rc", "a\nb\nc"),
        (f"甲{CONTROL_CHARACTERS}乙", "甲乙"),
        ("孤\ud800立\udfff的代理", "孤立的代理"),
        ("\ufffe\uffff非字符", "非字符"),
        ("表情😀👍🏽保留", "表情😀👍🏽保留"),
        ("𠮷野家", "𠮷野家"),
    ],
)
def test_clean_text(raw, clean):
    assert clean_text(raw) == clean


def test_chinese_date():
    assert chinese_date(date(2026, 11, 6)) == "2026年11月6日"
    assert chinese_date(date(2027, 1, 26)) == "2027年1月26日"


def test_a_document_with_every_part_has_the_official_layout():
    document = docx_from(_every_part().to_bytes())
    assert_official_layout(document)
    assert style_fonts(document, "Document Title")["eastAsia"] == "方正小标宋简体"
    assert document.styles["Document Title"].font.size == Pt(22)
    assert style_fonts(document, "Official Heading 1")["eastAsia"] == "黑体"
    assert style_fonts(document, "Official Heading 2")["eastAsia"] == "楷体_GB2312"
    assert style_fonts(document, "Label")["eastAsia"] == "黑体"
    lines = texts(document)
    for expected in ["区政协八届十二次常委会议纪要", "第3期", "区政协办公室2026年11月26日",
                     "关于加强我区科技企业创新能力建设的协商纪要", "一、会议概况", "（一）基本情况",
                     "1．建议成立专班", "2．加大财政投入", "出席：王明、李华、张强", "姓名", "王明", "民革",
                     "政协崇川区委员会办公室", "2026年11月26日"]:  # fmt: skip
        assert expected in lines, expected
    assert document.core_properties.title == "区政协八届十二次常委会议纪要"
    assert document.core_properties.created == datetime(2026, 11, 26, 1, tzinfo=UTC)


def test_fonts_live_on_styles_not_on_runs():
    body = _every_part().document.element.body
    fonts_on_runs = [r for r in body.iter(qn("w:r")) if r.find(f"{qn('w:rPr')}/{qn('w:rFonts')}") is not None]
    assert fonts_on_runs == []


def test_paragraphs_carry_their_style_and_the_label_its_character_style():
    document = docx_from(_every_part().to_bytes())
    by_text = {p.text: p for p in document.paragraphs}
    assert by_text["一、会议概况"].style.name == "Official Heading 1"
    assert by_text["（一）基本情况"].style.name == "Official Heading 2"
    assert by_text["11月20日，区政协召开八届十二次常委会议。"].style.name == "Normal"
    assert by_text["居中一行"].alignment.name == "CENTER"
    labelled = by_text["出席：王明、李华、张强"]
    assert [run.style.name for run in labelled.runs] == ["Label", "Default Paragraph Font"]
    indent = labelled.paragraph_format
    assert indent.left_indent == Pt(80) and indent.first_line_indent == -Pt(48)  # 2 + 3 characters in, 3 hanging


def test_the_issue_line_has_a_red_rule_only_when_asked():
    for rule in (True, False):
        document = OfficialDocument()
        document.issue_block("第1期", "区政协办公室", "2026年1月5日", rule=rule)
        borders = list(document.document.element.body.iter(qn("w:pBdr")))
        assert len(borders) == (1 if rule else 0)
        if rule:
            assert borders[0].find(qn("w:bottom")).get(qn("w:color")) == "FF0000"


def test_a_draft_says_so_on_every_page_and_a_final_document_does_not():
    draft = docx_from(_every_part(draft=True).to_bytes())
    for section in draft.sections:
        assert section.header.paragraphs[0].text == "草稿"
        assert section.even_page_header.paragraphs[0].text == "草稿"
    final = docx_from(_every_part().to_bytes())
    assert all("草稿" not in p.text for s in final.sections for p in s.header.paragraphs)


def test_the_same_content_gives_the_same_bytes_and_other_content_other_bytes():
    first, second = _every_part().to_bytes(), _every_part().to_bytes()
    assert hashlib.sha256(first).digest() == hashlib.sha256(second).digest()
    other = _every_part()
    other.paragraph("多一段")
    assert other.to_bytes() != first


def test_the_table_has_the_widths_and_a_repeated_header():
    document = docx_from(_every_part().to_bytes())
    table = document.tables[0]
    assert [round(cell.width.mm) for cell in table.rows[0].cells] == [40, 50, 60]
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert round(table.rows[1].height.mm) == 12
    assert [cell.text for cell in table.rows[2].cells] == ["李华", "民革", ""]


def test_bad_arguments_are_refused_plainly():
    document = OfficialDocument()
    with pytest.raises(ValueError):
        document.heading("五", level=5)
    with pytest.raises(ValueError):
        document.paragraph("x", align="middle")
    with pytest.raises(ValueError):
        document.table(["a", "b"], [], [10])


def test_bad_text_everywhere_gives_a_valid_file(tmp_path):
    bad = f"开头{CONTROL_CHARACTERS}\ud83d\ufffe😀" + "长" * 10_000
    document = OfficialDocument(title=bad, draft=True)
    document.masthead(bad[:40])
    document.issue_block(bad, bad[:20], bad[:20])
    document.title(bad[:200])
    document.heading(bad[:100])
    document.paragraph(bad)
    document.numbered([bad, None])
    document.labelled(bad[:10], bad)
    document.table(["姓名", bad[:10]], [[bad[:30], None]], [60, 60])
    document.signature(bad[:10], bad[:10])
    data = document.to_bytes()
    lines = texts(docx_from(data))
    assert any(line.startswith("开头😀长长") for line in lines)
    assert not any(re.search("[\x00-\x08\x0b\x0c\x0e-\x1f]", line) for line in lines)
    assert ooxml_errors(data, tmp_path) == []


def test_every_part_is_valid_ooxml(tmp_path):
    assert ooxml_errors(_every_part(draft=True).to_bytes(), tmp_path) == []


def test_the_validator_does_find_errors(tmp_path):
    """The validator exits 0 either way: this proves its JSON output is what catches a broken file."""
    import zipfile

    source = zipfile.ZipFile(io.BytesIO(_every_part().to_bytes()))
    broken = io.BytesIO()
    with zipfile.ZipFile(broken, "w") as target:
        for name in source.namelist():
            content = source.read(name)
            if name == "word/document.xml":
                content = content.replace(b"<w:body>", b"<w:body><w:p><w:bogus/></w:p>", 1)
            target.writestr(name, content)
    errors = ooxml_errors(broken.getvalue(), tmp_path)
    assert errors and "bogus" in errors[0]["description"]


def test_libreoffice_shows_28_characters_a_line_and_the_page_numbers(tmp_path):
    document = OfficialDocument()
    document.title("排版测试")
    document.paragraph("一二三四五六七八九十" * 6, indent=False)
    document.page_break()
    document.paragraph("第二页")
    pdf = render_pdf(document.to_bytes(), tmp_path)
    first = pdf_page_text(pdf, 1)
    assert "排版测试" in squeezed(first)
    assert page_number_on(first) == 1
    body_lines = [squeezed(line) for line in first.splitlines() if "一二三" in squeezed(line)]
    assert body_lines[0] == "一二三四五六七八九十" * 2 + "一二三四五六七八"
    second = pdf_page_text(pdf, 2)
    assert page_number_on(second) == 2 and "第二页" in second
    # Odd pages carry the number on the right, even pages on the left.
    odd_line = next(line for line in first.splitlines() if "—" in line)
    even_line = next(line for line in second.splitlines() if "—" in line)
    assert len(odd_line) - len(odd_line.lstrip()) > 20 >= len(even_line) - len(even_line.lstrip())
