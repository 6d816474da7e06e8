"""The one CSV import toolkit of members and plans: reading the files offices export from Excel
(encodings, headers, rows), the one size rule of both imports (MAX_IMPORT_BYTES, MAX_IMPORT_ROWS), the
problems of bad rows, the key normaliser, the organ resolver with its table of short names (常委, 全委会 …),
and the upload/confirm form pair of the import pages.

Everything but the two forms at the end is pure: no flask, no database. Errors and problems carry an
English msgid and its parameters so that a view shows them in the reader's language:
``err.message(flask_babel.gettext)``.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import HiddenField, SubmitField
from wtforms.validators import DataRequired, ValidationError

__all__ = [
    "MAX_IMPORT_BYTES", "MAX_IMPORT_ROWS", "read_upload",
    "CsvError", "decode_csv_bytes", "checked_text", "read_table", "read_table_with_columns", "normalize_heading", "N_",
    "Problem", "normalize_key", "ORGAN_KIND_ALIASES", "OrganChoice", "match_organ", "CsvUploadForm",
    "CsvConfirmForm", "safe_cell", "csv_text", "csv_download",
]


# A cell starting with one of these is read by Excel and WPS as a formula (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

# The most an import (members, plan items) reads: a roster of a district committee is a few hundred rows, a
# year's plan a few dozen; a larger file is a mistake, and its preview would be a page of many megabytes.
MAX_IMPORT_BYTES = 2 * 1024 * 1024
MAX_IMPORT_ROWS = 3000


def safe_cell(value: object) -> str:
    """Return `value` as CSV cell text that a spreadsheet shows as text, never runs as a formula: a cell
    starting with = + - @, a tab or a carriage return gets a leading apostrophe (as OWASP recommends)."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def csv_text(rows: Iterable[Iterable[object]]) -> str:
    """Return `rows` as CSV text the way Excel opens Chinese correctly: UTF-8 with a BOM (the caller
    encodes), CRLF line ends, every cell through safe_cell."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows([safe_cell(cell) for cell in row] for row in rows)
    return "\ufeff" + buffer.getvalue()


def N_(msgid: str) -> str:
    """Mark a msgid for extraction (pybabel's default `N_` keyword) without translating it now."""
    return msgid


class CsvError(ValueError):
    """A file that cannot be read as the expected table.

    `msgid` is an English message with %(name)s placeholders, `params` their values;
    `str(err)` is the English text, `err.message(gettext)` the translated one.
    """

    def __init__(self, msgid: str, **params: object) -> None:
        self.msgid = msgid
        self.params = params
        super().__init__(msgid % params if params else msgid)

    def message(self, gettext: Callable[..., str] | None = None) -> str:
        """Return the message, translated with `gettext(msgid, **params)` when given."""
        if gettext is None:
            return str(self)
        return gettext(self.msgid, **self.params)


# Signatures of files people upload by mistake instead of "Save as CSV".
_ZIP = b"PK\x03\x04"  # .xlsx, .docx, .ods, .zip
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls, .doc
_PDF = b"%PDF"
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _first_bad_line(lines: list[bytes]) -> tuple[int, str] | None:
    """Return (line number, encoding of the first non-ASCII line) for the first line in another encoding.

    Returns None when the file uses one encoding throughout. A line that is valid UTF-8 is taken
    as UTF-8; a line that is not is taken as GB18030.
    """
    first_encoding = None
    for number, line in enumerate(lines, start=1):
        if line.isascii():
            continue
        try:
            line.decode("utf-8")
            encoding = "UTF-8"
        except UnicodeDecodeError:
            encoding = "GB18030"
        if first_encoding is None:
            first_encoding = encoding
        elif encoding != first_encoding:
            return number, first_encoding
    return None


def decode_csv_bytes(data: bytes) -> str:
    """Return the text of an uploaded CSV file.

    Accepts UTF-8 with or without BOM, GB18030 (and so GBK/GB2312, what Excel in China writes)
    and UTF-16 with a BOM (Excel's "Unicode text"). The BOM is removed.
    Raises CsvError for an empty file, a binary file (an Excel workbook, a PDF, …), a file that mixes
    UTF-8 and GB18030 lines (naming the first line in the other encoding), or bytes that are
    neither UTF-8 nor GB18030.
    """
    if data.startswith(_ZIP) or data.startswith(_OLE):
        raise CsvError(
            N_("This is an Excel workbook or another document, not a CSV file. In Excel choose "
               "“Save as” → “CSV (comma delimited)” and upload that file.")
        )
    if data.startswith(_PDF):
        raise CsvError(N_("This is a PDF document, not a CSV file. Save the table as CSV and upload that file."))
    if data.startswith(codecs.BOM_UTF16_LE) or data.startswith(codecs.BOM_UTF16_BE):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise CsvError(N_("The file could not be read as UTF-16 text.")) from None
        return checked_text(text.lstrip("\ufeff"))
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    if b"\x00" in data:
        raise CsvError(N_("This is a binary file, not a CSV file. Save the table as CSV and upload that file."))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        lines = data.split(b"\n")
        mixed = _first_bad_line(lines)
        if mixed is not None:
            line, encoding = mixed
            raise CsvError(
                N_("The file mixes text encodings: it starts in %(encoding)s but line %(line)d is in another "
                   "encoding. Open it in Excel or a text editor and save it again as one CSV file."),
                encoding=encoding,
                line=line,
            ) from None
        try:
            text = data.decode("gb18030")
        except UnicodeDecodeError:
            line = next(n for n, raw in enumerate(lines, start=1) if not _decodes(raw, "gb18030"))
            raise CsvError(
                N_("Line %(line)d is neither UTF-8 nor GB18030 text. Save the file as CSV (UTF-8) and try again."),
                line=line,
            ) from None
    return checked_text(text.lstrip("\ufeff"))


def read_upload(stream) -> str:
    """Return the text of an uploaded CSV file (`stream`, a file object), reading at most one byte more than
    MAX_IMPORT_BYTES. Raises CsvError for a larger file, and as decode_csv_bytes does."""
    data = stream.read(MAX_IMPORT_BYTES + 1)
    if len(data) > MAX_IMPORT_BYTES:
        raise CsvError(N_("The file is larger than %(size)d MB."), size=MAX_IMPORT_BYTES // 2**20)
    return decode_csv_bytes(data)


def _decodes(raw: bytes, encoding: str) -> bool:
    try:
        raw.decode(encoding)
    except UnicodeDecodeError:
        return False
    return True


def checked_text(text: str) -> str:
    """Return `text` when it can be a CSV table; raise CsvError when it is empty or holds control
    characters (NUL bytes and the like: a binary file, or text tampered with on its way back)."""
    if not text.strip():
        raise CsvError(N_("The file is empty."))
    if _CONTROL.search(text):
        raise CsvError(N_("This is a binary file, not a CSV file. Save the table as CSV and upload that file."))
    return text


def normalize_key(text: str) -> str:
    """Return text for loose matching: case-folded, without spaces (also full-width), underscores and hyphens.

    The one key of every import: headings, organ names, forms, kinds and member names compare by it.
    """
    return re.sub(r"[\s_\-\u3000]+", "", (text or "").casefold())


def normalize_heading(cell: str) -> str:
    """Return a header cell in the form used for matching: normalize_key without the `*` of a required column.

    "Member number", "member_number", " MEMBER-NUMBER* " and "委员 编号" all compare equal to their
    canonical spelling.
    """
    return normalize_key((cell or "").strip().strip("*＊"))


@dataclass(frozen=True)
class Problem:
    """Why one line of a file cannot be imported: `msgid` (English, with %(name)s placeholders) and its params."""

    line: int
    msgid: str
    params: Mapping[str, object] = field(default_factory=dict)

    def message(self, gettext: Callable[..., str] | None = None) -> str:
        """Return the reason, translated with `gettext(msgid, **params)` when given."""
        if gettext is None:
            return self.msgid % dict(self.params) if self.params else self.msgid
        return gettext(self.msgid, **self.params)


# Short names people write for the organ of a kind, keyed by normalize_key: 常委 for 政协常务委员会.
ORGAN_KIND_ALIASES = {
    normalize_key(alias): kind
    for kind, aliases in {
        "plenary": ("全会", "全体会议", "全体委员会议", "全委会", "政协全会", "政协全体会议", "plenary"),
        "standing_committee": ("常委会", "常委", "常务委员会", "常委会议", "政协常委会", "standing committee"),
        "chair_meeting": ("主席会议", "主席会", "主席办公会", "chair meeting"),
        "secretary_general_meeting": ("秘书长会议", "秘书长办公会", "secretary-general meeting"),
    }.items()
    for alias in (kind, *aliases)
}


@dataclass(frozen=True)
class OrganChoice:
    """An organ a cell may name."""

    id: int
    name: str
    kind: str
    slug: str = ""
    number_label: str = ""


def match_organ(text: str, organs: Iterable[OrganChoice]) -> tuple[OrganChoice | None, list[str]]:
    """Return (the organ a cell names, []) or (None, candidate names: several if ambiguous, none if unknown).

    Tried in order: the exact name, slug or number label; a short name of the kind (常委, 常委会, 主席会议,
    全委会) when the committee has one organ of that kind; a part of exactly one organ's name (提案 →
    提案委员会). An empty cell names no organ.
    """
    organs = list(organs)
    key = normalize_key(text)
    if not key:
        return None, []
    exact = [o for o in organs if key in {normalize_key(o.name), normalize_key(o.slug), normalize_key(o.number_label)}]
    if len(exact) == 1:
        return exact[0], []
    if len(exact) > 1:
        return None, sorted(o.name for o in exact)
    kind = ORGAN_KIND_ALIASES.get(key)
    if kind:
        of_kind = [o for o in organs if o.kind == kind]
        if len(of_kind) == 1:
            return of_kind[0], []
        if of_kind:
            return None, sorted(o.name for o in of_kind)
    partial = [o for o in organs if key in normalize_key(o.name)]
    if len(partial) == 1:
        return partial[0], []
    return None, sorted(o.name for o in partial)


_DELIMITERS = (",", ";", "\t")


def _delimiter(header_line: str) -> str:
    """Return the delimiter the header line uses: the most frequent of , ; and tab (comma on a tie)."""
    counts = {d: header_line.count(d) for d in _DELIMITERS}
    best = max(_DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","


def _expected_columns(columns: Mapping[str, tuple[str, ...]], required: set[str]) -> str:
    parts = []
    for name, aliases in columns.items():
        label = " / ".join(dict.fromkeys((name, *aliases)))
        parts.append(f"{label}*" if name in required else label)
    return ", ".join(parts)


def read_table(
    text: str, columns: Mapping[str, tuple[str, ...]], required: set[str], max_rows: int = MAX_IMPORT_ROWS
) -> list[tuple[int, dict[str, str]]]:
    """Return the rows of a CSV text as (line number of the row's first line, {column: value}).

    See read_table_with_columns, which also says which columns the header has. Raises CsvError.
    """
    return read_table_with_columns(text, columns, required, max_rows)[1]


def read_table_with_columns(
    text: str, columns: Mapping[str, tuple[str, ...]], required: set[str], max_rows: int = MAX_IMPORT_ROWS
) -> tuple[frozenset[str], list[tuple[int, dict[str, str]]]]:
    """Return (the canonical columns the header has, the rows).

    Each row is (line number of the row's first line in the file, {column: value}).

    `columns` maps each canonical column name to the other headings it may have (e.g. Chinese
    ones); the canonical name itself is always accepted. Header cells are matched trimmed and
    case-insensitively. Each row dict has every canonical column (values stripped, "" when the
    file has no such column). Blank rows are skipped. The delimiter is a comma, or `;` or tab when
    the header line uses that; quoted fields may hold delimiters and newlines. Values lose the spaces and
    tabs around them: a tab or an apostrophe before a formula (\t=1+1, '=1+1: how Excel is kept from
    calculating) only marked the cell as text, and the export marks it again (safe_cell).
    Raises CsvError for an unknown, missing or duplicated heading (listing the expected columns),
    a row with more values than headings, more than `max_rows` rows (reading stops there), or broken
    quoting.
    """
    lookup: dict[str, str] = {}
    for name, aliases in columns.items():
        for heading in (name, *aliases):
            lookup[normalize_heading(heading)] = name
    expected = _expected_columns(columns, required)

    stream = io.StringIO(text, newline="")
    header_line = ""
    for header_line in stream:
        if header_line.strip():
            break
    delimiter = _delimiter(header_line)
    stream.seek(0)
    reader = csv.reader(stream, delimiter=delimiter, strict=True)
    header: list[str] | None = None
    header_at = 0
    rows: list[tuple[int, dict[str, str]]] = []
    index: list[str | None] = []
    last_line = 0
    try:
        for cells in reader:
            start, last_line = last_line + 1, reader.line_num
            if not any(cell.strip() for cell in cells):
                continue
            if header is None:
                header, header_at = cells, start
                index = _header_index(cells, lookup, required, expected, header_at)
                continue
            if len(rows) == max_rows:
                raise CsvError(N_("The file has more than %(count)d rows."), count=max_rows)
            rows.append((start, _row(cells, index, columns, start)))
    except csv.Error as exc:
        raise CsvError(
            N_("Line %(line)d cannot be read (%(problem)s). Check the quotation marks on that line."),
            line=last_line + 1,
            problem=str(exc),
        ) from None
    if header is None:
        raise CsvError(N_("The file is empty."))
    return frozenset(name for name in index if name is not None), rows


def _header_index(
    cells: list[str], lookup: dict[str, str], required: set[str], expected: str, line: int
) -> list[str | None]:
    index: list[str | None] = []
    unknown: list[str] = []
    seen: dict[str, str] = {}
    for cell in cells:
        key = normalize_heading(cell)
        if not key:
            index.append(None)  # Excel often writes empty trailing columns
            continue
        name = lookup.get(key)
        if name is None:
            unknown.append(cell.strip())
        elif name in seen:
            raise CsvError(
                N_("Line %(line)d: the headings “%(first)s” and “%(second)s” are the same column. "
                   "Expected columns: %(expected)s."),
                line=line, first=seen[name], second=cell.strip(), expected=expected,
            )
        else:
            seen[name] = cell.strip()
        index.append(name)
    if unknown:
        raise CsvError(
            N_("Line %(line)d: unknown column heading(s) %(unknown)s. Expected columns: %(expected)s "
               "(* = required)."),
            line=line, unknown=", ".join(f"“{u}”" for u in unknown), expected=expected,
        )
    missing = [name for name in required if name not in seen]
    if missing:
        raise CsvError(
            N_("Line %(line)d: the header lacks the column(s) %(missing)s. Expected columns: %(expected)s "
               "(* = required)."),
            line=line, missing=", ".join(sorted(missing)), expected=expected,
        )
    return index


def _row(cells: list[str], index: list[str | None], columns: Mapping[str, tuple[str, ...]], line: int) -> dict:
    row = dict.fromkeys(columns, "")
    for position, cell in enumerate(cells):
        value = cell.strip()
        if value[:1] == "'" and value[1:2] and value[1:].startswith(FORMULA_STARTS):
            value = value[1:]  # what safe_cell added on export: the file was exported here
        if position >= len(index):
            if value:
                raise CsvError(
                    N_("Line %(line)d has %(count)d values but the header has %(columns)d columns. A value that "
                       "contains the delimiter must be put in double quotes."),
                    line=line, count=len(cells), columns=len(index),
                )
            continue
        name = index[position]
        if name is not None:
            row[name] = value
    return row


# --- downloads and the import pages' forms ------------------------------------------------------------


def csv_download(rows: Iterable[Iterable[object]], filename: str):
    """Return a download response of `rows` as csv_text (UTF-8 with BOM, cells made safe), not cached:
    exports hold phone numbers and personal links. `filename` is ASCII."""
    from flask import Response

    response = Response(csv_text(rows), mimetype="text/csv")
    response.headers["Content-Disposition"] = f"attachment; filename={filename}"
    response.headers["Cache-Control"] = "no-store"
    return response


# ---------------------------------------------------------------------------


class CsvUploadForm(FlaskForm):
    """Upload a CSV file for a preview; its description states the size rule of every import."""

    file = FileField(
        _l("CSV file"), validators=[FileRequired(_l("Choose a CSV file."))],
        description=_l("At most %(mb)d MB and %(rows)s rows.", mb=MAX_IMPORT_BYTES // 2**20,
                       rows=f"{MAX_IMPORT_ROWS:,}"),
    )
    submit = SubmitField(_l("Preview"))


class CsvConfirmForm(FlaskForm):
    """Confirm an import: the previewed text travels back in a hidden field and is read again (no larger than a
    file the upload accepts could give: UTF-8 of GB18030 text takes at most twice the bytes)."""

    text = HiddenField(validators=[DataRequired()])
    submit = SubmitField(_l("Import"))

    def validate_text(self, field) -> None:
        if len(field.data.encode("utf-8", "surrogatepass")) > 2 * MAX_IMPORT_BYTES:
            raise ValidationError(_l("The import form has expired or is incomplete; upload the file again."))
