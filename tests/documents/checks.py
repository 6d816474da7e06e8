"""A toolkit to check the app's Word documents, for every kind of document (minutes, notices, sign-in sheets).

- `docx_from(bytes)` opens a file with python-docx; `assert_official_layout(document)` checks the GB/T 9704
  page, margins, body style and fonts (w:eastAsia, no theme fonts), the line grid and the page-number footers.
- `texts(document)` lists the paragraphs' text (body and tables), `style_fonts(document, name)` the fonts of a style.
- `ooxml_errors(bytes)` validates the package against the OOXML schema (@ooxml-tools/validate in tests/js).
- `render_pdf(bytes, tmp_path)` converts with LibreOffice; `pdf_page_text(pdf, page)` reads one page with pdftotext.

A missing tool (node and the validator, soffice, pdftotext) skips the test, and fails it under CI.
"""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
from pathlib import Path

import docx
from docx.enum.text import WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from tests.ci import skip_or_fail

JS_DIR = Path(__file__).resolve().parent.parent / "js"
VALIDATOR = JS_DIR / "node_modules" / ".bin" / "ooxml-validate"
TOLERANCE = Mm(0.1)
THEME_ATTRIBUTES = ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme")
MARGINS_MM = {"top": 37, "bottom": 35, "left": 28, "right": 26}  # GB/T 9704-2012 §5.2.1
PAGE_NUMBER = re.compile(r"—\s*(\d+)\s*—")


def docx_from(data: bytes) -> docx.document.Document:
    """Return the python-docx Document read from the .docx bytes (raises if they are not a Word file)."""
    return docx.Document(io.BytesIO(data))


def texts(document) -> list[str]:
    """Return the text of every paragraph of the body, table cells included, in document order."""
    body = document.element.body
    return ["".join(node.text or "" for node in p.iter(qn("w:t"))) for p in body.iter(qn("w:p"))]


def style_fonts(document, style_name: str) -> dict[str, str]:
    """Return the rFonts attributes of a style (ascii, hAnsi, eastAsia, cs and any theme attribute), by local name."""
    fonts = document.styles[style_name].element.rPr.rFonts
    return {key.split("}")[1]: value for key, value in fonts.attrib.items()}


def _field_instructions(part_element) -> list[str]:
    return [node.text.strip() for node in part_element.iter(qn("w:instrText"))]


def _footer_text(footer) -> str:
    return "".join(node.text or "" for node in footer._element.iter(qn("w:t")))


def assert_official_layout(document) -> None:
    """Assert the GB/T 9704 layout: A4 with margins 37/35/28/26 mm on every section; the body style 16 pt
    仿宋_GB2312 on ascii, hAnsi and eastAsia with no theme font, exact 28.95 pt lines and a first-line indent;
    no theme font left on any style or the defaults; a line grid of 579 twips; evenAndOddHeaders; odd and even
    footers each holding a PAGE field between '— ' and ' —' in 14 pt 宋体, right on odd pages, left on even."""
    for section in document.sections:
        assert abs(section.page_width - Mm(210)) <= TOLERANCE and abs(section.page_height - Mm(297)) <= TOLERANCE
        for side, millimetres in MARGINS_MM.items():
            assert abs(getattr(section, f"{side}_margin") - Mm(millimetres)) <= TOLERANCE, side
        grid = section._sectPr.find(qn("w:docGrid"))
        assert grid is not None and grid.get(qn("w:linePitch")) == "579"
        assert grid.get(qn("w:type")) in ("lines", "linesAndChars")
        odd, even = section.footer, section.even_page_footer
        for footer, alignment in ((odd, "right"), (even, "left")):
            assert _field_instructions(footer._element) == ["PAGE"]
            text = _footer_text(footer)
            assert text.startswith("— ") and text.endswith(" —"), text
            paragraph = footer.paragraphs[0]
            assert paragraph.paragraph_format.alignment is not None
            assert paragraph.paragraph_format.alignment.name == alignment.upper()
            assert paragraph.style.font.size == Pt(14)
            assert style_fonts(document, paragraph.style.name)["eastAsia"] == "宋体"
    body = document.styles["Normal"]
    assert body.font.size == Pt(16)
    fonts = style_fonts(document, "Normal")
    assert fonts["eastAsia"] == "仿宋_GB2312" and fonts["ascii"] == "仿宋_GB2312" and fonts["hAnsi"] == "仿宋_GB2312"
    assert body.paragraph_format.line_spacing_rule == WD_LINE_SPACING.EXACTLY
    assert abs(body.paragraph_format.line_spacing.pt - 28.95) < 0.05
    assert body.paragraph_format.first_line_indent == Pt(32)
    styles = document.styles.element
    leftovers = [a for node in styles.iter(qn("w:rFonts")) for a in THEME_ATTRIBUTES if node.get(qn(f"w:{a}"))]
    assert not leftovers, f"theme fonts left on styles: {leftovers}"
    assert document.settings.odd_and_even_pages_header_footer


def ooxml_errors(data: bytes, tmp_path: Path | None = None) -> list[dict]:
    """Return the OOXML schema errors of the .docx bytes as the validator reports them ([] when valid).
    Skips (fails under CI) when node or @ooxml-tools/validate is missing."""
    if shutil.which("node") is None:
        skip_or_fail("node is not installed", "the OOXML validation")
    if not VALIDATOR.exists():
        skip_or_fail("tests/js/node_modules lacks @ooxml-tools/validate: run `make node-deps`", "the OOXML validation")
    import tempfile

    with tempfile.TemporaryDirectory(dir=tmp_path) as folder:
        path = Path(folder) / "checked.docx"
        path.write_bytes(data)
        done = subprocess.run(
            [str(VALIDATOR), str(path), "--of", "json"], capture_output=True, cwd=JS_DIR, timeout=120, check=False
        )
    assert done.returncode == 0, done.stderr.decode()
    return json.loads(done.stdout)


def render_pdf(data: bytes, tmp_path: Path) -> Path:
    """Return the path of the PDF LibreOffice makes of the .docx bytes (a profile of its own in tmp_path).
    Skips (fails under CI) when soffice is missing."""
    soffice = shutil.which("soffice")
    if soffice is None:
        skip_or_fail("soffice (libreoffice-writer-nogui) is not installed", "the LibreOffice rendering")
    source = tmp_path / "rendered.docx"
    source.write_bytes(data)
    profile = (tmp_path / "lo-profile").as_uri()
    done = subprocess.run(
        [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf", "--outdir",
         str(tmp_path), str(source)],
        capture_output=True, timeout=180, check=False,
    )  # fmt: skip
    pdf = tmp_path / "rendered.pdf"
    assert done.returncode == 0 and pdf.exists(), done.stderr.decode(errors="replace")
    return pdf


def pdf_page_text(pdf: Path, page: int) -> str:
    """Return the text of one page (1-based) of the PDF, as `pdftotext -layout` lays it out.
    Skips (fails under CI) when pdftotext is missing."""
    if shutil.which("pdftotext") is None:
        skip_or_fail("pdftotext (poppler-utils) is not installed", "the PDF checks")
    done = subprocess.run(
        ["pdftotext", "-f", str(page), "-l", str(page), "-layout", str(pdf), "-"],
        capture_output=True, timeout=60, check=True,
    )  # fmt: skip
    return done.stdout.decode()


def squeezed(text: str) -> str:
    """Return `text` without any whitespace: pdftotext spaces out justified Chinese lines unpredictably."""
    return re.sub(r"\s+", "", text)


def page_number_on(page_text: str) -> int | None:
    """Return the page number '— N —' shown on a page's text (spaces optional, as pdftotext drops thin ones),
    or None."""
    found = PAGE_NUMBER.findall(page_text)
    return int(found[-1]) if found else None
