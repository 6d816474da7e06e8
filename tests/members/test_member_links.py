"""Personal links of every member at once (CSV and printable cards) and the paginated member directory."""

from __future__ import annotations

import csv
import io

import pytest

from consult.csv_files import csv_text, safe_cell
from consult.extensions import db
from tests import factories


def _rows(response) -> list[list[str]]:
    body = response.get_data(as_text=True)
    assert body.startswith("\ufeff")
    return list(csv.reader(io.StringIO(body[1:])))


@pytest.mark.parametrize(
    ("value", "cell"),
    [("=1+1", "'=1+1"), ("+8613800001111", "'+8613800001111"), ("-2", "'-2"), ("@SUM(A1)", "'@SUM(A1)"),
     ("\tx", "'\tx"), ("张三", "张三"), ("", ""), (None, ""), (12, "12")],
)
def test_safe_cell_neutralises_formulas(value, cell):
    assert safe_cell(value) == cell


def test_csv_text_has_bom_and_crlf():
    assert csv_text([["a", "=b"]]) == "\ufeffa,'=b\r\n"


def test_links_csv_lists_active_members_with_link_and_notice(app, client, auth):
    app.config["CONSULT_PUBLIC_URL"] = "https://consult.example.gov.cn"
    tech = factories.sector("科技界")
    zhang = factories.member("张三", tech, phone="13800001111")
    evil = factories.member("=HYPERLINK(\"x\")", tech, phone="+8613900002222")
    factories.member("李四", tech, active=False)
    db.session.commit()
    assert client.get("/members/links.csv").status_code in (302, 401, 403)
    auth.login()
    response = client.get("/members/links.csv")
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    rows = _rows(response)
    assert rows[0] == ["姓名", "界别", "手机", "个人链接", "通知文本"]
    by_name = {row[0]: row for row in rows[1:]}
    assert "李四" not in by_name
    link = f"https://consult.example.gov.cn/my/{zhang.access_token}"
    assert by_name["张三"][1:4] == ["科技界", "13800001111", link]
    assert by_name["张三"][4] == f"【区政协】张三委员：这是您的个人会议页面，可查看会议通知、订阅日历：{link}"
    assert by_name["'=HYPERLINK(\"x\")"][2] == "'+8613900002222"
    assert evil.access_token in by_name["'=HYPERLINK(\"x\")"][3]


def test_links_csv_filters_by_sector(client, auth):
    tech, edu = factories.sector("科技界"), factories.sector("教育界")
    factories.member("张三", tech)
    factories.member("王五", edu)
    db.session.commit()
    auth.login()
    names = [row[0] for row in _rows(client.get(f"/members/links.csv?sector={edu.id}"))[1:]]
    assert names == ["王五"]
    # A sector id no row has, or one beyond the integer range, selects nobody or everybody, never a 500.
    assert client.get("/members/links.csv?sector=999999").status_code == 200
    assert client.get(f"/members/links.csv?sector={10**30}").status_code == 200


def test_link_cards_sheet_has_a_qr_code_per_member_eight_a_sheet(client, auth):
    tech = factories.sector("科技界")
    people = [factories.member(f"委员甲{i}", tech) for i in range(9)]
    factories.member("原委员乙", tech, active=False)
    db.session.commit()
    assert client.get("/members/links").status_code in (302, 401, 403)
    auth.login()
    page = client.get("/members/links").get_data(as_text=True)
    assert page.count('class="link-card"') == 9
    assert page.count('class="link-sheet"') == 2
    assert page.count("<svg") >= 9
    assert "原委员乙" not in page
    for person in people:
        assert person.access_token in page
    # How the sheets print (eight cards an A4 page, none cut) is checked in Chromium: tests/browser/test_link_cards.py


def test_directory_is_paginated_with_total(client):
    tech = factories.sector("科技界")
    for i in range(120):
        factories.member(f"委员{i:03d}", tech)
    db.session.commit()
    first = client.get("/members").get_data(as_text=True)
    assert "120名委员" in first or "120 members" in first
    assert first.count('href="/members/') - first.count("/members/new") >= 50
    assert "page=3" in first
    last = client.get("/members?page=3").get_data(as_text=True)
    assert "第3页" in last or "Page 3 of 3" in last
    # Bad page values show a page, never an error.
    for bad in ("abc", str(10**30), "-5", "0", "99999"):
        assert client.get(f"/members?page={bad}").status_code == 200


def test_directory_search_by_sector_and_odd_characters(client, auth):
    tech, edu = factories.sector("科技界"), factories.sector("教育界")
    factories.member("张三", tech, phone="13800001111")
    factories.member("王五", edu)
    db.session.commit()
    page = client.get("/members?q=教育").get_data(as_text=True)
    assert "王五" in page and "张三" not in page
    for odd in ("%", "_", "\\", "'\"<>", "%25%00", "😀"):
        assert client.get("/members", query_string={"q": odd}).status_code in (200, 400)
    public = client.get("/members?q=13800001111").get_data(as_text=True)
    assert "张三" not in public.split("<table")[-1]
    auth.login()
    assert "张三" in client.get("/members?q=13800001111").get_data(as_text=True)


@pytest.mark.parametrize("url", ["/members/links.csv", "/members/links", "/members?q=委员", "/members?page=2"])
def test_link_pages_and_directory_run_a_fixed_number_of_statements(client, auth, count_statements, url):
    tech = factories.sector("科技界")
    organ = factories.organ("special_committee", name="提案委员会", slug="proposals")
    auth.login()
    client.get(url)
    counts = []
    for size in (60, 120):
        for i in range(size):
            person = factories.member(f"委员{size}{i:03d}", tech)
            person.organs.append(organ)
        db.session.commit()
        db.session.expire_all()
        with count_statements() as n:
            assert client.get(url).status_code == 200
        counts.append(n())
    assert counts[0] == counts[1]


def test_one_members_card_from_their_page(client, auth):
    tech = factories.sector("科技界")
    zhang, li = factories.member("张三", tech), factories.member("李四", tech)
    db.session.commit()
    auth.login()
    assert f"/members/links?member={zhang.id}" in client.get(f"/members/{zhang.id}").get_data(as_text=True)
    page = client.get(f"/members/links?member={zhang.id}").get_data(as_text=True)
    assert page.count('class="link-card"') == 1 and zhang.access_token in page and li.access_token not in page
