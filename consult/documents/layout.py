"""The one layout of the committee's Word documents, after GB/T 9704-2012 (党政机关公文格式).

Every document of the app (minutes, meeting notices, sign-in sheets) is written through `OfficialDocument`,
which knows the page, the styles, the fonts and the fields, and nothing of Flask or the database: plain
text in, .docx bytes out.

Why it is built the way it is:
- Chinese fonts are set once on the styles as w:eastAsia (with the template's theme attributes removed,
  which Word would otherwise prefer), never on each run: a run carries text and, at most, a style id.
- Paragraphs are appended as bare elements before the section properties, with the style id written
  directly: python-docx's `add_paragraph(style="Name")` scans every style on each call and its insertion
  searches the body, which makes minutes of thousands of opinions slow.
- The package is rezipped with fixed entry times and core properties from `created`, so the same content
  always gives the same bytes (an approved version stays byte-identical, the CLI export equals the download).
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Sequence
from datetime import UTC, date, datetime

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_ROW_HEIGHT_RULE, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.text.paragraph import Paragraph

# GB/T 9704-2012 §5.2: A4, type area 156 × 225 mm, top 37 mm and left 28 mm from the edges.
PAGE_WIDTH_MM, PAGE_HEIGHT_MM = 210, 297
MARGINS_MM = {"top": 37, "bottom": 35, "left": 28, "right": 26}
TYPE_AREA_WIDTH_MM = PAGE_WIDTH_MM - MARGINS_MM["left"] - MARGINS_MM["right"]  # 156
LINES_PER_PAGE, CHARS_PER_LINE = 22, 28
LINE_PITCH_PT = 28.95  # 22 lines in 225 mm; 29 pt pushes line 22 onto the next page in Word
BODY_PT = 16  # 3号
BODY_CONDENSE_PT = 0.25  # 28 × (16 − 0.25) = 441 pt ≤ 442.2 pt, the width of the type area

BODY_FONT = "仿宋_GB2312"
TITLE_FONT = "方正小标宋简体"
HEADING_1_FONT = "黑体"
HEADING_2_FONT = "楷体_GB2312"
PAGE_NUMBER_FONT = "宋体"
PAGE_NUMBER_PT = 14  # 4号
TITLE_PT = 22  # 2号
MASTHEAD_PT = 36  # 小初: the standard fixes no size; shrunk to fit one line
TABLE_PT = 14  # 4号
RED = RGBColor(0xFF, 0x00, 0x00)
DRAFT_MARK = "草稿"
CORE_PROPERTY_LIMIT = 255

# Characters python-docx (lxml) refuses, or that are invisible controls: C0 controls but tab and newline,
# DEL and the C1 controls, U+FFFE/U+FFFF and lone surrogates (a paired one cannot exist in a Python str).
_BAD_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")
_LINE_BREAKS = re.compile("\r\n?")
_FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
_FIXED_CREATED = datetime(2000, 1, 1, tzinfo=UTC)
_THEME_FONT_ATTRIBUTES = tuple(qn(f"w:{name}") for name in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"))
_ALIGNMENTS = {"center": "center", "right": "right", "left": "left", "both": "both"}


def clean_text(text: str | None) -> str:
    """Return `text` safe for python-docx: control characters other than tab and newline, DEL and C1
    controls, U+FFFE/U+FFFF and lone surrogates removed, CR LF and CR made newlines; None gives ''.
    Emoji and every other character are kept."""
    if not text:
        return ""
    return _BAD_CHARACTERS.sub("", _LINE_BREAKS.sub("\n", text))


def chinese_date(day: date) -> str:
    """Return the date as official documents write it: 2026年11月26日 (Arabic numerals, no leading zeros)."""
    return f"{day.year}年{day.month}月{day.day}日"


def _text_width_em(text: str) -> float:
    """Return the width of `text` in em of the body font: ASCII counts half, anything else one."""
    return sum(0.5 if ord(character) < 0x80 else 1.0 for character in text)


def _twips(points: float) -> str:
    return str(round(points * 20))


class OfficialDocument:
    """A python-docx Document laid out after GB/T 9704-2012: A4, margins top 37 mm, bottom 35, left 28,
    right 26; body style 3号 (16 pt) 仿宋_GB2312 with exact line spacing for 22 lines in the type area (and a
    docGrid of lines at that pitch), characters condensed by 0.25 pt so that 28 fit a line in Word, WPS and
    LibreOffice alike, and a first-line indent of 2 characters; page
    numbers '— 1 —' in 4号 宋体 in the footer, right on odd pages and left on even pages (evenAndOddHeaders);
    East Asian fonts set on the styles through w:eastAsia (theme attributes removed), never on each run.

    `draft=True` puts a visible 草稿 mark in the header of every page; `title` and `created` go to the core
    properties (`created` also fixes their dates, so that the bytes depend on the content only).
    """

    def __init__(self, *, draft: bool = False, title: str = "", created: datetime | None = None) -> None:
        self._document = Document()
        self._body = self._document.element.body
        self._section_properties = self._body.sectPr
        self._pictures = 0
        self._set_page()
        self._set_default_fonts()
        self._styles = self._add_styles()
        self._set_footers()
        if draft:
            self._set_draft_headers()
        self._set_core_properties(clean_text(title), created)

    # --- page, styles, headers and footers -------------------------------------------------------------

    def _set_page(self) -> None:
        section = self._document.sections[0]
        section.page_width, section.page_height = Mm(PAGE_WIDTH_MM), Mm(PAGE_HEIGHT_MM)
        section.top_margin, section.bottom_margin = Mm(MARGINS_MM["top"]), Mm(MARGINS_MM["bottom"])
        section.left_margin, section.right_margin = Mm(MARGINS_MM["left"]), Mm(MARGINS_MM["right"])
        section.header_distance = Mm(15)
        # The page number's top edge sits 7 mm below the type area (35 − 7 = 28 mm up); its line is ~6 mm high.
        section.footer_distance = Mm(22)
        section.gutter = 0
        grid = self._section_properties.find(qn("w:docGrid"))
        if grid is None:
            grid = OxmlElement("w:docGrid")
            self._section_properties.append(grid)
        # A line grid, not linesAndChars: 28 characters of 16 pt need 448 pt, the type area has 442; Word
        # squeezes them into a character grid but LibreOffice gives each one two cells (14 a line). Instead
        # the body style condenses characters by BODY_CONDENSE_PT, so 28 fit a line everywhere.
        grid.set(qn("w:type"), "lines")
        grid.set(qn("w:linePitch"), _twips(LINE_PITCH_PT))
        grid.attrib.pop(qn("w:charSpace"), None)
        self._document.settings.odd_and_even_pages_header_footer = True

    def _set_default_fonts(self) -> None:
        """Give the document defaults explicit fonts, size and Chinese language, and strip every theme font
        attribute from the styles, so that no style falls back to the template's Latin theme fonts."""
        styles = self._document.styles.element
        for fonts in styles.iter(qn("w:rFonts")):
            for attribute in _THEME_FONT_ATTRIBUTES:
                fonts.attrib.pop(attribute, None)
        defaults = styles.find(qn("w:docDefaults"))
        run_defaults = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
        _set_fonts(run_defaults, BODY_FONT)
        run_defaults.find(qn("w:sz")).set(qn("w:val"), str(BODY_PT * 2))
        run_defaults.find(qn("w:szCs")).set(qn("w:val"), str(BODY_PT * 2))
        language = run_defaults.find(qn("w:lang"))
        language.set(qn("w:val"), "en-US")
        language.set(qn("w:eastAsia"), "zh-CN")
        spacing = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr")).find(qn("w:spacing"))
        for attribute in list(spacing.attrib):
            del spacing.attrib[attribute]
        spacing.set(qn("w:after"), "0")

    def _add_styles(self) -> dict[str, str]:
        """Define the paragraph and character styles once; return their ids by role."""
        styles = self._document.styles
        body = styles["Normal"]
        _format_style(body, BODY_FONT, BODY_PT, first_line_chars=2, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
        condense = OxmlElement("w:spacing")
        condense.set(qn("w:val"), _twips(-BODY_CONDENSE_PT))
        body.element.get_or_add_rPr().insert_element_before(
            condense, "w:w", "w:kern", "w:position", "w:sz", "w:szCs", "w:highlight", "w:u", "w:lang"
        )
        ids = {"body": body.style_id}

        def paragraph_style(role: str, name: str, font: str, size: float, **options) -> None:
            style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
            style.base_style = body
            style.quick_style = True
            _format_style(style, font, size, **options)
            ids[role] = style.style_id

        center, right, left = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.RIGHT, WD_ALIGN_PARAGRAPH.LEFT
        paragraph_style("flush", "Body Flush", BODY_FONT, BODY_PT, first_line_chars=0)
        paragraph_style("title", "Document Title", TITLE_FONT, TITLE_PT, first_line_chars=0, align=center,
                        space_after=LINE_PITCH_PT, keep_with_next=True)
        paragraph_style("masthead", "Masthead", TITLE_FONT, MASTHEAD_PT, first_line_chars=0, align=center,
                        exact=False, color=RED, space_before=Mm(35).pt)
        paragraph_style("issue", "Issue Number", BODY_FONT, BODY_PT, first_line_chars=0, align=center)
        paragraph_style("issue_line", "Issue Line", BODY_FONT, BODY_PT, first_line_chars=0, align=left,
                        left_chars=1)
        paragraph_style("heading1", "Official Heading 1", HEADING_1_FONT, BODY_PT, outline=0, keep_with_next=True)
        paragraph_style("heading2", "Official Heading 2", HEADING_2_FONT, BODY_PT, outline=1, keep_with_next=True)
        paragraph_style("labelled", "Labelled", BODY_FONT, BODY_PT, first_line_chars=0, align=left)
        paragraph_style("signature", "Closing Signature", BODY_FONT, BODY_PT, first_line_chars=0, align=right,
                        keep_with_next=True)
        paragraph_style("picture", "Picture", BODY_FONT, BODY_PT, first_line_chars=0, align=center, exact=False)
        paragraph_style("table_text", "Table Text", BODY_FONT, TABLE_PT, first_line_chars=0, align=center,
                        exact=False)
        paragraph_style("table_heading", "Table Heading", HEADING_1_FONT, TABLE_PT, first_line_chars=0,
                        align=center, exact=False)
        paragraph_style("page_number", "Page Number", PAGE_NUMBER_FONT, PAGE_NUMBER_PT, first_line_chars=0,
                        exact=False)
        paragraph_style("draft", "Draft Mark", HEADING_1_FONT, BODY_PT, first_line_chars=0, align=right,
                        exact=False, color=RED)
        label = styles.add_style("Label", WD_STYLE_TYPE.CHARACTER)
        _set_fonts(label.element.get_or_add_rPr(), HEADING_1_FONT)
        ids["label"] = label.style_id
        tab_stops = styles["Issue Line"].paragraph_format.tab_stops
        tab_stops.add_tab_stop(Mm(TYPE_AREA_WIDTH_MM) - Pt(BODY_PT), WD_TAB_ALIGNMENT.RIGHT)  # 右空一字
        return ids

    def _set_footers(self) -> None:
        """Page numbers — 1 — in 4号 宋体, one character in from the right on odd pages, from the left on even."""
        section = self._document.sections[0]
        for footer, align, side in ((section.footer, "right", "w:right"), (section.even_page_footer, "left", "w:left")):
            footer.is_linked_to_previous = False
            paragraph = footer.paragraphs[0]._p
            paragraph.style = self._styles["page_number"]
            properties = paragraph.get_or_add_pPr()
            properties.get_or_add_ind().set(qn(side), _twips(PAGE_NUMBER_PT))
            properties.get_or_add_jc().set(qn("w:val"), align)
            _add_run(paragraph, "— ")
            _add_field_char(paragraph, "begin")
            instruction = OxmlElement("w:instrText")
            instruction.set(qn("xml:space"), "preserve")
            instruction.text = " PAGE "
            paragraph.add_r().append(instruction)
            _add_field_char(paragraph, "separate")
            _add_run(paragraph, "1")
            _add_field_char(paragraph, "end")
            _add_run(paragraph, " —")

    def _set_draft_headers(self) -> None:
        section = self._document.sections[0]
        for header in (section.header, section.even_page_header):
            header.is_linked_to_previous = False
            paragraph = header.paragraphs[0]._p
            paragraph.style = self._styles["draft"]
            _add_run(paragraph, DRAFT_MARK)

    def _set_core_properties(self, title: str, created: datetime | None) -> None:
        when = created or _FIXED_CREATED
        when = when.astimezone(UTC).replace(tzinfo=None) if when.tzinfo else when
        properties = self._document.core_properties
        properties.title = title[:CORE_PROPERTY_LIMIT]  # python-docx refuses longer core properties
        properties.author = ""
        properties.last_modified_by = ""
        properties.language = "zh-CN"
        properties.created = when
        properties.modified = when
        properties.revision = 1

    # --- content -------------------------------------------------------------------------------------------

    def _paragraph(self, style_id: str | None, text: str = ""):
        """Append a paragraph of style `style_id` (None: the body style) holding `text`; return its element."""
        paragraph = OxmlElement("w:p")
        if style_id is not None and style_id != self._styles["body"]:
            paragraph.style = style_id
        if text:
            _add_run(paragraph, text)
        self._section_properties.addprevious(paragraph)
        return paragraph

    def masthead(self, text: str) -> None:
        """Add the red 小标宋 masthead of 纪要, centred (区政协八届十二次常委会议纪要), shrunk to fit one line."""
        text = clean_text(text)
        paragraph = self._paragraph(self._styles["masthead"], text)
        width = _text_width_em(text)
        fitting = Mm(TYPE_AREA_WIDTH_MM).pt / width if width else MASTHEAD_PT
        if fitting < MASTHEAD_PT:
            run_properties = paragraph.r_lst[0].get_or_add_rPr()
            size = str(max(int(fitting * 2), BODY_PT * 2))
            for tag in ("w:sz", "w:szCs"):
                element = OxmlElement(tag)
                element.set(qn("w:val"), size)
                run_properties.append(element)

    def issue_block(self, issue: str, office: str, date_text: str, *, rule: bool = True) -> None:
        """Add the issue number (第3期) centred, then the issuing office on the left and the date on the right
        of one line, with a red rule under it when `rule`."""
        self._paragraph(self._styles["issue"], clean_text(issue))
        line = self._paragraph(self._styles["issue_line"], f"{clean_text(office)}\t{clean_text(date_text)}")
        if rule:
            border = OxmlElement("w:pBdr")
            bottom = OxmlElement("w:bottom")
            for attribute, value in (("w:val", "single"), ("w:sz", "12"), ("w:space", "6"), ("w:color", "FF0000")):
                bottom.set(qn(attribute), value)
            border.append(bottom)
            properties = line.get_or_add_pPr()
            properties.insert_element_before(border, "w:shd", "w:tabs", "w:spacing", "w:ind", "w:jc", "w:rPr")
            properties.get_or_add_spacing().set(qn("w:after"), _twips(LINE_PITCH_PT))

    def title(self, text: str) -> None:
        """Add the title: 2号 (22 pt) 方正小标宋简体, centred, a blank line after it."""
        self._paragraph(self._styles["title"], clean_text(text))

    def heading(self, text: str, level: int = 1) -> None:
        """Add a heading: level 1 (一、) in 黑体, level 2 (（一）) in 楷体_GB2312, levels 3 and 4 (1. and
        （1）) in the body's 仿宋. Raises ValueError for any other level."""
        styles = {1: "heading1", 2: "heading2", 3: "body", 4: "body"}
        if level not in styles:
            raise ValueError(f"heading level {level} is not 1 to 4")
        self._paragraph(self._styles[styles[level]], clean_text(text))

    def paragraph(self, text: str, *, indent: bool = True, align: str | None = None) -> None:
        """Add a body paragraph in 仿宋, indented 2 characters unless `indent` is False; `align` is
        'center', 'right' (or 'left', 'both') to override the justified body. Raises ValueError for another."""
        paragraph = self._paragraph(None if indent else self._styles["flush"], clean_text(text))
        if align is not None:
            if align not in _ALIGNMENTS:
                raise ValueError(f"unknown alignment {align!r}")
            paragraph.get_or_add_pPr().get_or_add_jc().set(qn("w:val"), _ALIGNMENTS[align])

    def numbered(self, items: Sequence[str]) -> None:
        """Add one body paragraph per item, numbered 1． 2． … in the text itself (not Word numbering)."""
        for number, item in enumerate(items, start=1):
            self._paragraph(None, f"{number}．{clean_text(item)}")

    def labelled(self, label: str, text: str) -> None:
        """Add '出席：names': the label and a full-width colon in 3号黑体 two characters in, the text in 仿宋,
        wrapped lines aligned under the first character after the colon (a hanging indent)."""
        label = clean_text(label).rstrip("：:")
        paragraph = self._paragraph(self._styles["labelled"])
        _add_run(paragraph, f"{label}：").style = self._styles["label"]
        _add_run(paragraph, clean_text(text))
        hanging = _text_width_em(label) + 1
        indent = paragraph.get_or_add_pPr().get_or_add_ind()
        indent.set(qn("w:left"), _twips((2 + hanging) * BODY_PT))
        indent.set(qn("w:hanging"), _twips(hanging * BODY_PT))
        indent.set(qn("w:leftChars"), str(round((2 + hanging) * 100)))
        indent.set(qn("w:hangingChars"), str(round(hanging * 100)))

    def table(
        self,
        header: Sequence[str],
        rows: Sequence[Sequence[str]],
        widths_mm: Sequence[float],
        *,
        row_height_mm: float | None = None,
    ) -> None:
        """Add a centred table with single borders: a 黑体 header row repeated on every page, then `rows` in
        仿宋 (4号), columns `widths_mm` wide, each row at least `row_height_mm` high when given (room to sign).
        Missing cells are left empty; raises ValueError when the widths do not match the header."""
        if len(widths_mm) != len(header):
            raise ValueError("one width per column")
        table = self._document.add_table(rows=1 + len(rows), cols=len(header))
        table.autofit = False
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        _set_table_borders(table._tbl)
        for column, width in zip(table._tbl.tblGrid.gridCol_lst, widths_mm, strict=True):
            column.w = Mm(width)
        for index, row in enumerate(table.rows):
            values = header if index == 0 else rows[index - 1]
            style = self._styles["table_heading" if index == 0 else "table_text"]
            if index == 0:
                row._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
            else:
                row._tr.get_or_add_trPr().insert(0, OxmlElement("w:cantSplit"))
                if row_height_mm is not None:
                    row.height, row.height_rule = Mm(row_height_mm), WD_ROW_HEIGHT_RULE.AT_LEAST
            for column, cell in enumerate(row.cells):
                cell.width = Mm(widths_mm[column])
                cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
                paragraph = cell._tc.p_lst[0]
                paragraph.style = style
                value = clean_text(values[column]) if column < len(values) else ""
                if value:
                    _add_run(paragraph, value)

    def image(self, png: bytes, width_mm: float) -> None:
        """Add a centred picture (a QR code), `width_mm` wide, on a line of its own."""
        paragraph = Paragraph(self._paragraph(self._styles["picture"]), self._document._body)
        paragraph.add_run().add_picture(io.BytesIO(png), width=Mm(width_mm))
        self._pictures += 1

    def signature(self, office: str, date_text: str) -> None:
        """Add the 落款 after a blank line: the office centred over the date, the date four characters in from
        the right, both right-aligned."""
        office, date_text = clean_text(office), clean_text(date_text)
        self._paragraph(self._styles["flush"])
        date_indent = 4.0
        office_indent = max(date_indent + (_text_width_em(date_text) - _text_width_em(office)) / 2, 0)
        for text, indent in ((office, office_indent), (date_text, date_indent)):
            if not text:
                continue
            paragraph = self._paragraph(self._styles["signature"], text)
            paragraph.get_or_add_pPr().get_or_add_ind().set(qn("w:right"), _twips(indent * BODY_PT))

    def page_break(self) -> None:
        """Start a new page."""
        run = self._paragraph(self._styles["flush"]).add_r()
        run.add_br().set(qn("w:type"), "page")

    def to_bytes(self) -> bytes:
        """Return the .docx bytes, deterministic: the same content gives the same bytes (entries sorted, fixed
        entry times, core properties from `created`), so a command-line export equals the web download."""
        saved = io.BytesIO()
        self._document.save(saved)
        output = io.BytesIO()
        with zipfile.ZipFile(saved) as source, zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
            for name in sorted(source.namelist()):
                entry = zipfile.ZipInfo(name, date_time=_FIXED_ZIP_TIME)
                entry.compress_type = zipfile.ZIP_DEFLATED
                entry.external_attr = 0o644 << 16
                target.writestr(entry, source.read(name))
        return output.getvalue()

    @property
    def document(self):
        """Return the underlying python-docx Document, for checks and for what this class does not cover."""
        return self._document


# --- XML helpers -------------------------------------------------------------------------------------------


def _add_run(paragraph, text: str):
    """Append a run holding `text` to the paragraph element; return the run element. Tabs and newlines
    become w:tab and w:br, as python-docx does, but plain text takes one w:t without a per-character loop."""
    run = paragraph.add_r()
    if "\t" in text or "\n" in text:
        for number, line in enumerate(text.split("\n")):
            if number:
                run.add_br()
            for position, piece in enumerate(line.split("\t")):
                if position:
                    run.append(OxmlElement("w:tab"))
                if piece:
                    run.add_t(piece)
    else:
        run.add_t(text)
    return run


def _add_field_char(paragraph, kind: str) -> None:
    character = OxmlElement("w:fldChar")
    character.set(qn("w:fldCharType"), kind)
    paragraph.add_r().append(character)


def _set_fonts(run_properties, font: str) -> None:
    """Set `font` as the Latin, East Asian and complex-script font of run properties, without theme fonts."""
    fonts = run_properties.get_or_add_rFonts()
    for attribute in _THEME_FONT_ATTRIBUTES:
        fonts.attrib.pop(attribute, None)
    for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attribute), font)


def _format_style(
    style,
    font: str,
    size: float,
    *,
    first_line_chars: float | None = None,
    align=None,
    exact: bool = True,
    color: RGBColor | None = None,
    space_before: float | None = None,
    space_after: float | None = None,
    keep_with_next: bool = False,
    outline: int | None = None,
    left_chars: float = 0,
    right_chars: float = 0,
) -> None:
    """Give a paragraph style its font (on w:ascii, w:hAnsi, w:eastAsia and w:cs), size and paragraph format."""
    _set_fonts(style.element.get_or_add_rPr(), font)
    style.font.size = Pt(size)
    style.font.bold = False
    if color is not None:
        style.font.color.rgb = color
    paragraph_format = style.paragraph_format
    if exact:
        paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        paragraph_format.line_spacing = Pt(LINE_PITCH_PT)
    else:
        paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
    paragraph_format.space_before = Pt(space_before or 0)
    paragraph_format.space_after = Pt(space_after or 0)
    paragraph_format.widow_control = False
    if keep_with_next:
        paragraph_format.keep_with_next = True
    if align is not None:
        paragraph_format.alignment = align
    if first_line_chars is not None or left_chars or right_chars:
        indent = style.element.get_or_add_pPr().get_or_add_ind()
        if first_line_chars is not None:
            indent.set(qn("w:firstLine"), _twips(first_line_chars * size))
            indent.set(qn("w:firstLineChars"), str(round(first_line_chars * 100)))
        if left_chars:
            indent.set(qn("w:left"), _twips(left_chars * size))
            indent.set(qn("w:leftChars"), str(round(left_chars * 100)))
        if right_chars:
            indent.set(qn("w:right"), _twips(right_chars * size))
            indent.set(qn("w:rightChars"), str(round(right_chars * 100)))
    if outline is not None:
        level = OxmlElement("w:outlineLvl")
        level.set(qn("w:val"), str(outline))
        properties = style.element.get_or_add_pPr()
        properties.insert_element_before(level, "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange")


def _set_table_borders(table) -> None:
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        border = OxmlElement(f"w:{side}")
        for attribute, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "0"), ("w:color", "000000")):
            border.set(qn(attribute), value)
        borders.append(border)
    table.tblPr.insert_element_before(
        borders, "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption", "w:tblDescription"
    )
