"""The sittings list: text search (title, topics, location, numbered name), a status filter (drafts for staff
only), a year filter for past sittings; bad input answers a page, never an error."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from consult.extensions import db
from consult.meetings.numbering import numbered_search
from tests import factories as f

FUTURE = datetime(2031, 5, 12, 1, 0, tzinfo=UTC)


@pytest.fixture
def world(app):
    f.committee(term=8)
    organ = f.organ("standing_committee", name="常务委员会")
    f.meeting(organ, title="老旧小区改造专题协商", starts_at=FUTURE, term=8, number=12, visibility="public")
    f.meeting(organ, title="科技创新", starts_at=FUTURE + timedelta(days=3), topics=["加强养老服务体系建设"],
              visibility="public", location="区行政中心三楼")
    f.meeting(organ, title="内部草稿甲", starts_at=FUTURE + timedelta(days=5), status="draft")
    f.meeting(organ, title="二〇二七年的会议", starts_at=datetime(2027, 6, 1, 1, 0, tzinfo=UTC), status="held",
              visibility="public")
    f.meeting(organ, title="二〇二八年的会议", starts_at=datetime(2028, 6, 1, 1, 0, tzinfo=UTC), status="held",
              visibility="public")
    db.session.commit()


def _rows(client, query: str) -> str:
    response = client.get("/meetings" + query)
    assert response.status_code == 200
    return response.get_data(as_text=True).split("<tbody>")[-1]


@pytest.mark.parametrize(
    ("query", "found", "not_found"),
    [
        ("?q=老旧小区", "老旧小区改造", "科技创新"),
        ("?q=养老服务", "科技创新", "老旧小区改造"),  # a topic
        ("?q=行政中心", "科技创新", "老旧小区改造"),  # the location
        ("?q=八届十二次常委会议", "老旧小区改造", "科技创新"),  # the numbered name
        ("?q=第十二次", "老旧小区改造", "科技创新"),
    ],
)
def test_search(client, world, query, found, not_found):
    rows = _rows(client, query)
    assert found in rows and not_found not in rows


@pytest.mark.parametrize("odd", ["%", "_", "\\", "'\"<>;--", "😀", "a" * 500, "八届〇次"])
def test_odd_search_strings_answer_a_page(client, world, odd):
    response = client.get("/meetings", query_string={"q": odd})
    assert response.status_code == 200
    assert "老旧小区改造" not in response.get_data(as_text=True).split("<tbody>")[-1]


def test_nul_in_search_is_refused_cleanly(client, world):
    assert client.get("/meetings?q=a%00b").status_code == 400


def test_drafts_filter_is_for_staff_only(client, auth, world):
    public = _rows(client, "?status=draft")
    assert "内部草稿甲" not in public
    assert "老旧小区改造" in public  # an unknown status for the public is ignored
    auth.login()
    staff = _rows(client, "?status=draft")
    assert "内部草稿甲" in staff and "老旧小区改造" not in staff


def test_year_filter_on_past_sittings(client, world):
    page = client.get("/meetings?tab=past").get_data(as_text=True)
    assert '<option value="2028"' in page and '<option value="2027"' in page
    rows = _rows(client, "?tab=past&year=2027")
    assert "二〇二七年的会议" in rows and "二〇二八年的会议" not in rows
    for bad in ("abc", str(10**30), "99999", "-1"):
        assert "二〇二七年的会议" in _rows(client, f"?tab=past&year={bad}")


@pytest.mark.parametrize("page", ["abc", str(10**30), "0", "-3", "999999"])
def test_bad_page_numbers(client, world, page):
    assert client.get(f"/meetings?page={page}&q=会议").status_code == 200


def test_search_keeps_a_fixed_number_of_statements(client, auth, world, count_statements):
    auth.login()
    client.get("/meetings?q=会议&status=held&tab=past")
    counts = []
    organ = f.organ("chair_meeting", name="主席会议")
    for size in (5, 200):
        for i in range(size):
            f.meeting(organ, title=f"会议{i}", starts_at=datetime(2027, 1, 1, tzinfo=UTC) + timedelta(days=i),
                      status="held", topics=["议题"])
        db.session.commit()
        db.session.expire_all()
        with count_statements() as n:
            assert client.get("/meetings?q=会议&status=held&tab=past&year=2027").status_code == 200
        counts.append(n())
    assert counts[0] == counts[1]


@pytest.mark.parametrize(
    ("text", "expected"),
    [("八届十二次", (8, 12)), ("第八届", (8, None)), ("12次", (None, 12)), ("老旧小区", (None, None)),
     ("八届〇次", (None, None)), ("九千九百届", (None, None))],
)
def test_numbered_search(text, expected):
    assert numbered_search(text) == expected
