"""Kinds of files told from their bytes, names kept and sent back safely, and the local-folder storage."""

from __future__ import annotations

import io
import zipfile
from urllib.parse import unquote

import pytest

from consult.materials import kinds
from consult.materials.storage import LocalFolderStorage, MissingFile

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
JPEG_BYTES = b"\xff\xd8\xff\xe0" + b"\x00" * 32


def docx_bytes(document: bool = True) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml" if document else "xl/workbook.xml", "<w:document/>")
    return buffer.getvalue()


def ole2_bytes(stream: str) -> bytes:
    """A minimal OLE2 header whose first directory sector (sector 0, at 512) names `stream`."""
    header = bytearray(512)
    header[:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    header[0x1E:0x20] = (9).to_bytes(2, "little")  # 512-byte sectors
    header[0x30:0x34] = (0).to_bytes(4, "little")  # directory starts at sector 0
    directory = bytearray(512)
    name = "Root Entry".encode("utf-16-le")
    directory[: len(name)] = name
    name = stream.encode("utf-16-le")
    directory[128: 128 + len(name)] = name
    return bytes(header + directory)


@pytest.mark.parametrize(
    ("content", "kind"),
    [
        (PDF_BYTES, kinds.PDF),
        (PNG_BYTES, kinds.PNG),
        (JPEG_BYTES, kinds.JPEG),
        (docx_bytes(), kinds.DOCX),
        (docx_bytes(document=False), None),  # an Excel workbook is a ZIP too
        (ole2_bytes("WordDocument"), kinds.DOC),
        (ole2_bytes("Workbook"), None),  # .xls
        (b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 64, None),  # a Windows program renamed .pdf
        (b"PK\x03\x04 not really a zip", None),
        (b"<html><script>alert(1)</script>", None),
        (b"", None),
    ],
)
def test_the_bytes_say_what_a_file_is(content, kind):
    assert kinds.kind_of_bytes(content) == kind


@pytest.mark.parametrize(
    ("name", "kind", "fits"),
    [("报告.pdf", kinds.PDF, True), ("报告.PDF", kinds.PDF, True), ("报告", kinds.PDF, True),
     ("图.jpeg", kinds.JPEG, True), ("图.jpg", kinds.JPEG, True), ("报告.pdf", kinds.PNG, False),
     ("setup.exe", kinds.PDF, False), ("意见稿.doc", kinds.DOCX, False)],
)
def test_the_name_must_agree_with_the_bytes(name, kind, fits):
    assert kinds.name_fits_kind(name, kind) is fits


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("C:\\Users\\王\\Desktop\\征求意见稿.pdf", "征求意见稿.pdf"),
        ("../../etc/passwd.pdf", "passwd.pdf"),
        ("关于\"加强\"科技\n创新的报告.pdf", "关于_加强_科技_创新的报告.pdf"),
        ("  空格   很多 .pdf ", "空格 很多 .pdf"),
        ("\x01\x02", "_"),
        ("", ""),
    ],
)
def test_file_names_lose_paths_and_dangerous_characters(typed, kept):
    assert kinds.clean_file_name(typed) == kept


def test_a_long_name_keeps_its_extension():
    name = kinds.clean_file_name("长" * 300 + ".docx", 200)
    assert len(name) == 200 and name.endswith(".docx")


@pytest.mark.parametrize("inline", [True, False])
def test_content_disposition_carries_the_chinese_name_and_an_ascii_fallback(inline):
    value = kinds.content_disposition('关于"科技"创新的报告 (1).pdf', inline)
    assert value.startswith("inline;" if inline else "attachment;")
    fallback = value.split('filename="', 1)[1].split('"', 1)[0]
    assert fallback.isascii() and fallback.endswith(".pdf") and '"' not in fallback and "\n" not in value
    encoded = value.split("filename*=UTF-8''", 1)[1]
    assert encoded.isascii() and unquote(encoded) == '关于"科技"创新的报告 (1).pdf'


@pytest.mark.parametrize(("size", "label"), [(0, "0 B"), (1023, "1023 B"), (35 * 1024, "35 KB"),
                                              (1258291, "1.2 MB"), (20 * 1024 * 1024, "20.0 MB")])
def test_sizes_read_like_people_read_them(size, label):
    assert kinds.size_label(size) == label


def test_the_local_folder_keeps_files_by_key(tmp_path):
    storage = LocalFolderStorage(tmp_path / "files")
    key, size, sha256 = storage.put(io.BytesIO(PDF_BYTES))
    assert size == len(PDF_BYTES) and len(sha256) == 64
    with storage.open(key) as handle:
        assert handle.read() == PDF_BYTES
    other, _, same_hash = storage.put(io.BytesIO(PDF_BYTES))
    assert other != key and same_hash == sha256  # random keys: removing one never removes the other
    assert not list((tmp_path / "files").rglob(".upload-*"))  # no temporary file left behind
    storage.delete(key)
    with pytest.raises(MissingFile):
        storage.open(key)
    storage.delete(key)  # already gone: no error
    with storage.open(other) as handle:
        assert handle.read() == PDF_BYTES
    for bad in ("../secret", "/etc/passwd", "ab/../../x", ""):
        with pytest.raises(MissingFile):
            storage.open(bad)
