"""The duty report's downloads and the command: CSV (UTF-8 with BOM, Chinese headers, safe cells, the page's
filters), the Word 履职情况通报 (opened and checked like the minutes), and `flask consult duty-report`."""

from __future__ import annotations

import csv
import io

import pytest

from consult.extensions import db
from tests import factories
from tests.documents.checks import assert_official_layout, docx_from, ooxml_errors, texts
from tests.records.conftest import YEAR, attend, sitting


def csv_rows(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


def test_the_csv_has_chinese_headers_a_bom_and_the_members(client, auth, world):
    auth.login()
    response = client.get(f"/records/{YEAR}.csv")
    assert response.mimetype == "text/csv" and response.headers["Cache-Control"] == "no-store"
    assert f"duty-report-{YEAR}.csv" in response.headers["Content-Disposition"]
    rows = csv_rows(response.data)
    assert rows[0][:11] == ["姓名", "界别", "常委", "应出席次数", "出席", "请假", "缺席", "未登记", "出席率",
                            "意见建议", "被纪要采纳"]
    by_name = {row[0]: row for row in rows[1:]}
    assert by_name["丁缺席"][1:9] == ["教育界", "是", "7", "2", "0", "4", "1", "33.3%"]
    assert by_name["丁缺席"][11] == "一年内未请假缺席常委会议累计3次"
    assert by_name["丁缺席"][12].count("2029年") == 3 and "八届十二次常委会议" in by_name["丁缺席"][12]
    assert by_name["朱列席"][2] == "" and len(rows) == 7


def test_the_csv_follows_the_pages_filters_and_order(client, auth, world):
    auth.login()
    rows = csv_rows(client.get(f"/records/{YEAR}.csv?standing=1&sort=absent&dir=desc").data)
    assert [row[0] for row in rows[1:]][0] == "丁缺席" and len(rows) == 5
    economy = csv_rows(client.get(f"/records/{YEAR}.csv?organ={world.organs['economy'].id}").data)
    assert [row[:5] for row in economy[1:]] == [["陈离", "教育界", "", "1", "1"]]


def test_cells_that_excel_would_run_are_neutralised(client, auth, world):
    auth.login()
    factories.member("=HYPERLINK(\"http://x\")", world.people["丁缺席"].sector)
    db.session.commit()
    text = client.get(f"/records/{YEAR}.csv").data.decode("utf-8-sig")
    assert "'=HYPERLINK" in text and "\n=HYPERLINK" not in text


def test_the_word_report_in_the_official_layout(client, auth, world, tmp_path):
    auth.login()
    response = client.get(f"/records/{YEAR}.docx")
    assert response.mimetype.endswith("wordprocessingml.document")
    assert "filename*=UTF-8''2029" in response.headers["Content-Disposition"]
    document = docx_from(response.data)
    body = "\n".join(texts(document))
    assert "关于2029年度区政协委员履职情况的通报" in body
    assert "2029年共召开会议、开展活动9次，其中全体委员会议1次、常务委员会6次、经济委员会2次。" in body
    assert "1．丁缺席（教育界）一年内未请假缺席常委会议累计3次（2029年2月20日八届十二次常委会议、" in body
    assert "政协崇川区委员会办公室" in body and "2030年3月1日" in body
    members = document.tables[1]
    assert [row.cells[0].text for row in members.rows[1:]] == ["周主席", "李新", "丁缺席", "王请假", "朱列席", "陈离"]
    assert_official_layout(document)
    assert ooxml_errors(response.data, tmp_path) == []


@pytest.mark.parametrize("extension", ["docx", "csv"])
def test_the_command_writes_the_same_bytes_as_the_download(runner, client, auth, world, tmp_path, extension):
    output = tmp_path / f"通报.{extension.upper()}"
    result = runner.invoke(args=["consult", "duty-report", str(YEAR), "--output", str(output)])
    assert result.exit_code == 0, result.output
    assert "6 members, 9 sittings held, 1 reaching an absence rule" in result.output
    auth.login()
    assert output.read_bytes() == client.get(f"/records/{YEAR}.{extension}").data


@pytest.mark.parametrize(("year", "name", "words"), [
    ("1899", "a.docx", "not a year between 1900 and 2100"),
    ("2101", "a.csv", "not a year"),
    ("二〇二九", "a.csv", "not a year"),
    ("２０２９", "a.csv", "not a year"),
    ("20x9", "a.docx", "not a year"),
    ("-2029", "a.docx", "not a year"),
    ("2029", "a.pdf", "name a .docx file"),
    ("2029", "report", "name a .docx file"),
])
def test_the_command_refuses_a_bad_year_or_extension_with_status_1(runner, world, tmp_path, year, name, words):
    output = tmp_path / name
    result = runner.invoke(args=["consult", "duty-report", "--output", str(output), "--", year])
    assert result.exit_code == 1, result.output
    assert words in result.output and not output.exists()


def test_the_command_says_when_it_cannot_write(runner, world, tmp_path):
    result = runner.invoke(args=["consult", "duty-report", str(YEAR), "--output", str(tmp_path / "no" / "a.docx")])
    assert result.exit_code == 1 and "Cannot write" in result.output


def test_a_year_without_sittings_gives_files_all_the_same(runner, world, tmp_path):
    output = tmp_path / "empty.docx"
    assert runner.invoke(args=["consult", "duty-report", "2015", "--output", str(output)]).exit_code == 0
    assert "2015年没有已举行的会议、活动" in "\n".join(texts(docx_from(output.read_bytes())))


def test_an_absent_member_at_a_second_organs_meeting_adds_to_the_report(client, auth, world):
    # a rule on one organ: the economy committee, 1 absence per year
    auth.login("admin", "admin-password", role="admin")
    economy = world.organs["economy"]
    late = sitting(economy, world.sittings["mar_economy"].starts_at.replace(month=5), [world.people["陈离"]])
    attend(late, world.people["陈离"], "absent")
    db.session.commit()
    response = client.post("/settings/absence-rules", data={
        "rules-0-count": "1", "rules-0-organ": f"organ:{economy.id}", "rules-0-period": "year",
        "rules-1-count": "", "rules-1-organ": "kind:plenary", "rules-1-period": "year",
    })
    assert response.status_code == 302
    rows = {row[0]: row for row in csv_rows(client.get(f"/records/{YEAR}.csv").data)[1:]}
    assert rows["陈离"][11] == "一年内未请假缺席经济委员会会议累计1次"
    assert rows["丁缺席"][11] == ""  # the default rules no longer apply
