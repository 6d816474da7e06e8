"""The duty records on the web: who may see what, the report's figures, filters and sorting through the query
string, one member's record, the member's own record, the charts, and bad input."""

from __future__ import annotations

import re

import pytest

from consult.extensions import db
from tests import factories
from tests.records.conftest import YEAR, approve_minutes

HUGE = 2**31


def body(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.get_data(as_text=True)


def table_names(page: str) -> list[str]:
    """Return the members' names in the report's table, in order."""
    table = page[page.index('<table class="duty-table">'):]
    table = table[:table.index("</table>")]
    return re.findall(r'<td data-label="[^"]*"><a href="[^"]+">([^<]+)</a>', table)


def row_of(page: str, name: str) -> list[str]:
    """Return the cells' text of a member's row in the report's table."""
    table = page[page.index('<table class="duty-table">'):]
    for row in re.findall(r"<tr[^>]*>(.*?)</tr>", table, flags=re.S):
        if f">{name}</a>" in row:
            return [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
    raise AssertionError(f"{name} is not in the table")


@pytest.mark.parametrize("path", [
    f"/records/{YEAR}", f"/records/{YEAR}.csv", f"/records/{YEAR}.docx", f"/records/{YEAR}/charts/organs.svg",
    f"/records/{YEAR}/charts/months.svg", f"/records/{YEAR}/charts/sectors.svg", "/records",
    "/settings/absence-rules",
])
def test_the_report_is_for_staff_only(client, world, path):
    response = client.get(path)
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_a_members_record_is_for_staff_only(client, world):
    member = world.people["丁缺席"]
    assert "/login" in client.get(f"/records/{YEAR}/members/{member.id}").headers["Location"]


def test_the_report_counts_each_member_and_flags_who_reached_a_rule(english, auth, world):
    auth.login()
    page = body(english.get(f"/records/{YEAR}"))
    # present, on leave, absent, not recorded, rate, opinions, taken into minutes
    absentee = row_of(page, "丁缺席")
    assert absentee[1:11] == ["教育界", "Yes", "7", "2", "0", "4", "1", "33.3%", "0", "0"]
    assert row_of(page, "朱列席")[2] == ""  # not a 常委
    assert absentee[11] == "1 rule"
    assert row_of(page, "王请假")[3:9] == ["7", "4", "1", "0", "2", "80%"]
    assert row_of(page, "李新")[3:5] == ["2", "2"]  # joined in July: the plenary and November only
    assert row_of(page, "陈离")[3:5] == ["2", "2"]  # the plenary and the economy committee in March
    assert row_of(page, "朱列席")[3:7] == ["2", "1", "0", "1"]
    flagged = page[page.index("reached a rule"):page.index("Filter and sort")]
    assert "丁缺席" in flagged and "朱列席" not in flagged and "王请假" not in flagged
    for key in ("feb", "may", "sep"):
        assert f"/meetings/{world.sittings[key].id}" in flagged
    assert f"/meetings/{world.sittings['visit'].id}" not in flagged  # an activity does not count
    # the published sitting never marked held is named, the cancelled one is not counted anywhere
    assert "已结束未标记举行的会议" in page and "begun but is not marked held" in page
    assert "Sittings held" in page and "present ÷ (present + on leave + absent)" in page


def test_the_table_sorts_by_any_column_through_the_query_string(english, auth, world):
    auth.login()
    by_default = table_names(body(english.get(f"/records/{YEAR}")))
    assert by_default[0] == "周主席"  # leaders first
    assert table_names(body(english.get(f"/records/{YEAR}?sort=absent&dir=desc")))[0] == "丁缺席"
    assert table_names(body(english.get(f"/records/{YEAR}?sort=rate")))[0] == "丁缺席"
    assert table_names(body(english.get(f"/records/{YEAR}?sort=rate&dir=desc")))[-1] == "丁缺席"
    assert table_names(body(english.get(f"/records/{YEAR}?sort=name&dir=desc"))) == by_default[::-1]
    page = body(english.get(f"/records/{YEAR}?sort=absent&dir=desc&standing=1"))
    assert 'aria-sort="descending"' in page
    assert f"/records/{YEAR}?sort=present&amp;dir=desc&amp;standing=1" in page  # the header links keep the filters


def test_filters_by_sector_organ_standing_and_flagged(english, auth, world):
    auth.login()
    sector = world.people["周主席"].sector
    economy = world.organs["economy"]
    assert table_names(body(english.get(f"/records/{YEAR}?sector={sector.id}"))) == ["周主席", "李新"]
    assert set(table_names(body(english.get(f"/records/{YEAR}?standing=1")))) == {"周主席", "丁缺席", "王请假", "李新"}
    assert table_names(body(english.get(f"/records/{YEAR}?flagged=1"))) == ["丁缺席"]
    page = body(english.get(f"/records/{YEAR}?organ={economy.id}"))
    assert table_names(page) == ["陈离"] and "Counts of 经济委员会 only" in page
    assert row_of(page, "陈离")[3:5] == ["1", "1"]


@pytest.mark.parametrize("query", ["?sector=abc", f"?sector={HUGE}", "?organ=99999", f"?organ={10**30}",
                                   "?sort=%3Cscript%3E", "?dir=sideways", "?standing=yes&flagged=2"])
def test_odd_filters_are_ignored(english, auth, world, query):
    auth.login()
    assert len(table_names(body(english.get(f"/records/{YEAR}{query}")))) == 6


@pytest.mark.parametrize("path", [
    "/records/1899", "/records/2101", "/records/abc", "/records/-1", f"/records/{HUGE}", "/records/2101.csv",
    "/records/1899.docx", "/records/0/charts/organs.svg", f"/records/{YEAR}/members/999999",
    f"/records/{YEAR}/members/{HUGE}", "/records/3000/members/1", f"/records/{YEAR}/members/abc",
])
def test_bad_years_and_ids_are_404(client, auth, world, path):
    auth.login()
    assert client.get(path).status_code == 404


def test_a_year_with_no_sittings_is_an_empty_report(english, auth, world):
    auth.login()
    page = body(english.get("/records/2020"))
    assert "No sitting was held in 2020" in page and len(table_names(page)) == 6
    assert row_of(page, "丁缺席")[3:9] == ["0", "0", "0", "0", "0", "—"]
    for path in ("/records/2020.csv", "/records/2020.docx", "/records/2020/charts/organs.svg",
                 "/records/2020/charts/months.svg", "/records/2020/charts/sectors.svg"):
        assert english.get(path).status_code == 200


def test_a_members_record_lists_every_sitting_with_the_status(english, auth, world):
    auth.login()
    page = body(english.get(f"/records/{YEAR}/members/{world.people['王请假'].id}"))
    sittings = page[page.index('<table class="duty-sittings">'):]
    assert sittings.count("<tr>") == 8  # the header and seven sittings: not the cancelled, not the one not held
    assert "late leave" in sittings and "corrected" in sittings and "纸质签到表有签名" in sittings
    assert sittings.count("Not recorded") == 2
    assert "专题调研" in sittings and "已结束未标记举行的会议" not in sittings
    chair = body(english.get(f"/records/{YEAR}/members/{world.people['周主席'].id}"))
    assert "未关闭签到的会议" in chair and "corrected" not in chair  # recorded late, but attendance never closed
    observer = body(english.get(f"/records/{YEAR}/members/{world.people['朱列席'].id}"))
    assert "observing (列席)" in observer and "Absence rules reached" not in observer
    absentee = body(english.get(f"/records/{YEAR}/members/{world.people['丁缺席'].id}"))
    reached = absentee[absentee.index("Absence rules reached"):absentee.index("By organ")]
    assert "3 times" in reached and reached.count("<li><a ") == 3


def test_members_see_their_own_record_and_no_one_elses(english, world):
    absentee, other = world.people["丁缺席"], world.people["王请假"]
    own = body(english.get(f"/my/{absentee.access_token}/records/{YEAR}"))
    assert "丁缺席: duty record 2029" in own and "王请假" not in own
    assert "Absence rules reached" not in own and f"/meetings/{world.sittings['feb'].id}" not in own
    assert english.get(f"/my/{absentee.access_token}/records/{YEAR}").headers["Cache-Control"] == "private, no-store"
    assert english.get(f"/my/not-a-token/records/{YEAR}").status_code == 404
    assert english.get(f"/my/{absentee.access_token}/records/1800").status_code == 404
    summary = body(english.get(f"/my/{other.access_token}"))
    assert "My duty record 2030" in summary and f"/my/{other.access_token}/records/2030" in summary


def test_the_members_own_page_summarises_this_year(english, app, clock, world):
    from datetime import UTC, datetime

    clock.now = datetime(YEAR, 12, 31, 4, 0, tzinfo=UTC)
    page = body(english.get(f"/my/{world.people['王请假'].access_token}"))
    assert "Sittings to attend: 7; present 4, on leave 1, absent 0; attendance rate 80%" in page


def test_opinions_given_and_taken_into_approved_minutes(english, auth, world):
    auth.login()
    approve_minutes(world.sittings["feb"])
    chair = row_of(body(english.get(f"/records/{YEAR}")), "周主席")
    assert chair[9:11] == ["2", "1"]  # two given (the withdrawn one is 王请假's and not counted), one printed
    assert row_of(body(english.get(f"/records/{YEAR}")), "王请假")[9:11] == ["0", "0"]


def test_the_charts_are_svg_with_the_figures(english, auth, world):
    auth.login()
    response = english.get(f"/records/{YEAR}/charts/organs.svg")
    assert response.mimetype == "image/svg+xml" and response.headers["Cache-Control"] == "private, no-store"
    svg = response.get_data(as_text=True)
    assert "常务委员会" in svg and "Absent without leave" in svg and "<script" not in svg
    months = english.get(f"/records/{YEAR}/charts/months.svg").get_data(as_text=True)
    assert "Attendance by month, 2029" in months and "Nov" in months
    page = body(english.get(f"/records/{YEAR}"))
    assert f'src="/records/{YEAR}/charts/organs.svg"' in page and "chart-figures" in page


def test_the_charts_speak_chinese_by_default(client, auth, world):
    auth.login()
    svg = client.get(f"/records/{YEAR}/charts/organs.svg").get_data(as_text=True)
    assert "出席" in svg and "缺席" in svg and "Present" not in svg
    assert "11月" in client.get(f"/records/{YEAR}/charts/months.svg").get_data(as_text=True)


def test_staff_find_the_report_from_the_navigation_and_a_members_page(client, auth, world):
    auth.login()
    assert 'href="/records"' in body(client.get("/"))
    member = world.people["丁缺席"]
    assert f'href="/records/members/{member.id}"' in body(client.get(f"/members/{member.id}"))
    location = client.get(f"/records/members/{member.id}").headers["Location"]
    assert location.endswith(f"/records/2030/members/{member.id}")


def test_a_former_member_keeps_their_year(english, auth, world):
    auth.login()
    world.people["陈离"].active = False
    db.session.commit()
    assert "陈离" in table_names(body(english.get(f"/records/{YEAR}")))
    nobody = factories.member("从未参会")
    nobody.active = False
    db.session.commit()
    assert "从未参会" not in table_names(body(english.get(f"/records/{YEAR}")))


def test_the_report_can_be_limited_to_some_organs(app, world):
    from consult.committee import clock
    from consult.records.queries import load_report

    economy, standing = world.organs["economy"], world.organs["standing"]
    limited = load_report(YEAR, today=clock.today(), organ_ids=[economy.id])
    assert [organ.name for organ in limited.organs] == ["经济委员会"]
    assert [(row.member.name, row.record.total.sittings) for row in limited.rows] == [("陈离", 1)]
    assert limited.held_by_organ == {economy.id: 2} and limited.flagged == []
    standing_only = load_report(YEAR, today=clock.today(), organ_ids=[standing.id])
    assert [row.member.name for row in standing_only.flagged] == ["丁缺席"]
    assert "朱列席" in [row.member.name for row in standing_only.rows]  # invited to observe a standing meeting
    assert "陈离" not in [row.member.name for row in standing_only.rows]
    assert load_report(YEAR, today=clock.today(), organ_ids=[]).rows == ()


def test_the_charts_leave_no_finder_that_warns_on_every_failed_import(app):
    import sys

    import consult.charts  # noqa: F401  (pygal imported)

    assert not [finder for finder in sys.meta_path if type(finder).__module__ == "pygal"]
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    with pytest.raises(ZoneInfoNotFoundError):  # refused plainly: no ImportWarning (an error here) on the way
        ZoneInfo("Mars/Olympus")
