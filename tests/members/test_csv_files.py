"""Table tests of consult.csv_files: encodings, headers, quoting, delimiters."""

from __future__ import annotations

import codecs

import pytest

from consult.csv_files import CsvError, decode_csv_bytes, normalize_heading, read_table

TEXT = "姓名,界别\n张三,科技界\n"

# --- decode_csv_bytes --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(TEXT.encode("utf-8"), id="utf-8"),
        pytest.param(codecs.BOM_UTF8 + TEXT.encode("utf-8"), id="utf-8 with BOM"),
        pytest.param(TEXT.encode("gb18030"), id="gb18030"),
        pytest.param(TEXT.encode("gbk"), id="gbk"),
        pytest.param(TEXT.encode("utf-16"), id="utf-16 with BOM"),
        pytest.param(TEXT.replace("\n", "\r\n").encode("gb18030"), id="gb18030 crlf"),
    ],
)
def test_decode_accepts(data):
    assert decode_csv_bytes(data).replace("\r\n", "\n") == TEXT


def test_decode_gb18030_rare_character():
    # 㐀 is outside GBK: only GB18030 encodes it (four bytes).
    text = "姓名\n㐀先生\n"
    assert decode_csv_bytes(text.encode("gb18030")) == text


def test_decode_ascii_only():
    assert decode_csv_bytes(b"name,sector\nZhang,Tech\n") == "name,sector\nZhang,Tech\n"


@pytest.mark.parametrize(
    ("data", "words"),
    [
        pytest.param(b"", "empty", id="empty"),
        pytest.param(b"  \r\n\n", "empty", id="blank lines"),
        pytest.param(codecs.BOM_UTF8, "empty", id="only a BOM"),
        pytest.param(b"PK\x03\x04\x14\x00\x06\x00" + b"\x00" * 40, "Excel", id="xlsx"),
        pytest.param(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 40, "Excel", id="xls"),
        pytest.param(b"%PDF-1.7\n...", "PDF", id="pdf"),
        pytest.param(b"name\n\x00\x01\x02binary", "binary", id="nul bytes"),
        pytest.param(b"name\nab\x07c\n", "binary", id="control characters"),
    ],
)
def test_decode_refuses(data, words):
    with pytest.raises(CsvError) as caught:
        decode_csv_bytes(data)
    assert words in str(caught.value)


@pytest.mark.parametrize(
    ("lines", "bad_line", "first_encoding"),
    [
        pytest.param([("name", "ascii"), ("张三", "utf-8"), ("李四", "gb18030")], 3, "UTF-8", id="utf-8 then gb"),
        pytest.param([("姓名", "gb18030"), ("x", "ascii"), ("李四", "utf-8")], 3, "GB18030", id="gb then utf-8"),
        pytest.param([("姓名", "utf-8"), ("王五", "utf-8"), ("赵六", "gbk"), ("钱七", "gbk")], 3, "UTF-8",
                     id="first bad line named"),
    ],
)
def test_decode_refuses_mixed_encodings(lines, bad_line, first_encoding):
    data = b"\n".join(text.encode(encoding) for text, encoding in lines)
    with pytest.raises(CsvError) as caught:
        decode_csv_bytes(data)
    assert caught.value.params == {"encoding": first_encoding, "line": bad_line}
    assert f"line {bad_line}" in str(caught.value)


def test_decode_refuses_undecodable_bytes():
    with pytest.raises(CsvError) as caught:
        decode_csv_bytes(b"name\nok\n\xff\xff\xff\n")
    assert caught.value.params["line"] == 3


def test_error_message_translates_with_params():
    error = CsvError("Line %(line)d is bad", line=4)
    assert error.message() == "Line 4 is bad"
    assert error.message(lambda msgid, **params: f"第{params['line']}行有误") == "第4行有误"


# --- read_table --------------------------------------------------------------------------------

COLUMNS = {
    "name": ("姓名",),
    "sector": ("界别",),
    "phone": ("手机", "电话"),
    "member_number": ("委员编号",),
}
REQUIRED = {"name", "sector"}


def rows(text: str):
    return read_table(text, COLUMNS, REQUIRED)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "name,sector\n张三,科技界\n",
            [(2, {"name": "张三", "sector": "科技界", "phone": "", "member_number": ""})],
            id="english header, missing optional columns are empty",
        ),
        pytest.param(
            "姓名,界别,电话\n 张三 , 科技界 ,13800000000\n",
            [(2, {"name": "张三", "sector": "科技界", "phone": "13800000000", "member_number": ""})],
            id="chinese header and trimming",
        ),
        pytest.param(
            " NAME ,Sector*,Member Number\nA,B,007\n",
            [(2, {"name": "A", "sector": "B", "phone": "", "member_number": "007"})],
            id="case, spaces and required marks in headings",
        ),
        pytest.param(
            "name;sector;phone\n\"Zhang, San\";Tech;1\n",
            [(2, {"name": "Zhang, San", "sector": "Tech", "phone": "1", "member_number": ""})],
            id="semicolons",
        ),
        pytest.param(
            "name\tsector\nZhang, San\tTech\n",
            [(2, {"name": "Zhang, San", "sector": "Tech", "phone": "", "member_number": ""})],
            id="tabs",
        ),
        pytest.param(
            'name,sector\n"Zhang\nSan","Tech, ""A"""\nLi,Edu\n',
            [
                (2, {"name": "Zhang\nSan", "sector": 'Tech, "A"', "phone": "", "member_number": ""}),
                (4, {"name": "Li", "sector": "Edu", "phone": "", "member_number": ""}),
            ],
            id="quoted newline keeps line numbers",
        ),
        pytest.param(
            "\n\nname,sector,,\nA,B,,\n,,,\n\nC,D\n",
            [
                (4, {"name": "A", "sector": "B", "phone": "", "member_number": ""}),
                (7, {"name": "C", "sector": "D", "phone": "", "member_number": ""}),
            ],
            id="blank lines, empty trailing columns and short rows",
        ),
        pytest.param(
            "name,sector\r\nA,B\r\n",
            [(2, {"name": "A", "sector": "B", "phone": "", "member_number": ""})],
            id="crlf",
        ),
        pytest.param("name,sector\n", [], id="header only"),
    ],
)
def test_read_table(text, expected):
    assert rows(text) == expected


@pytest.mark.parametrize(
    ("text", "words"),
    [
        pytest.param("name,department\nA,B\n", "unknown column heading(s) “department”", id="unknown heading"),
        pytest.param("name,phone\nA,1\n", "lacks the column(s) sector", id="missing required"),
        pytest.param("name,姓名,sector\nA,A,B\n", "“name” and “姓名” are the same column", id="duplicated"),
        pytest.param("name,sector\nA,B,C\n", "Line 2 has 3 values", id="too many values"),
        pytest.param('name,sector\n"A"x,B\n', "Line 2 cannot be read", id="broken quoting"),
        pytest.param('name,sector\nA,B\n"C,D\nE,F\n', "Line 3 cannot be read", id="unterminated quote"),
        pytest.param("\n \n", "empty", id="blank text"),
    ],
)
def test_read_table_refuses(text, words):
    with pytest.raises(CsvError) as caught:
        rows(text)
    assert words in str(caught.value)


def test_header_error_lists_expected_columns():
    with pytest.raises(CsvError) as caught:
        rows("foo\n1\n")
    assert "name / 姓名*" in str(caught.value)
    assert "phone / 手机 / 电话" in str(caught.value)


@pytest.mark.parametrize(
    ("cell", "normalized"),
    [("Member Number", "membernumber"), (" member_number* ", "membernumber"), ("委员 编号", "委员编号"), ("", "")],
)
def test_normalize_heading(cell, normalized):
    assert normalize_heading(cell) == normalized
