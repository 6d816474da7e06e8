"""The admins' page of the audit log and its CSV: admins only, filters, pages, readable changes, links to what still
exists, bad filter values named and ignored, a fixed number of statements, and no route that writes."""

from __future__ import annotations

import codecs
import csv
import io
import re
from datetime import UTC, datetime, timedelta

import pytest

from consult import audit
from consult.audit.models import AuditEntry
from consult.extensions import db
from tests.audit.conftest import entry_count
from tests.conftest import TEST_NOW


def _fill(world, count: int, *, start: int = 0) -> None:
    """Add `count` entries of several kinds, one minute apart, by the system."""
    kinds = [("meeting.update", world.published, {"title": "旧"}, {"title": "新"}),
             ("member.update", world.zhang, {"phone": "1"}, {"phone": "2"}),
             ("attendance.set", audit.Subject("attendance", 1, "李常委", world.published.id), {"status": None},
              {"status": "present"})]
    with audit.acting_as(audit.system("test")):
        for n in range(start, start + count):
            action, subject, before, after = kinds[n % 3]
            audit.record(action, subject, before=before, after=after, at=TEST_NOW - timedelta(minutes=n))
    db.session.commit()


def rows(page: str) -> list[str]:
    return re.findall(r'<tr id="entry-(\d+)"', page)


def test_only_admins_open_the_log(client, world, auth):
    for url in ("/audit", "/audit.csv"):
        response = client.get(url)
        assert response.status_code == 302 and "/login" in response.headers["Location"]
    auth.login("office", "office-password", role="staff")
    assert client.get("/audit").status_code == 403 and client.get("/audit.csv").status_code == 403
    assert 'href="/audit"' not in client.get("/").get_data(as_text=True)
    auth.logout()
    auth.login("chief", "chief-password", role="admin")
    assert client.get("/audit").status_code == 200
    assert 'href="/audit"' in client.get("/").get_data(as_text=True)


def test_entries_read_newest_first_with_their_changes_in_words(english, world, admin):
    audit.record("meeting.cancel", world.published, before={"status": "published", "number": 3},
                 after={"status": "cancelled", "number": None}, note="台风预警", at=TEST_NOW)
    audit.record("meeting.update", world.published, before={"topics": ["甲", "乙"]}, after={"topics": ["乙", "丙"]},
                 at=TEST_NOW - timedelta(hours=1))
    db.session.commit()
    page = english.get("/audit").get_data(as_text=True).split('<table class="audit-log">')[1]
    assert page.index("Sitting cancelled") < page.index("Sitting edited")
    assert "Published" in page and "Cancelled" in page  # the statuses' own labels
    assert "台风预警" in page and "2030-03-01 10:00" in page  # the committee's time
    assert re.search(r"removed:\s*甲", page) and re.search(r"added:\s*丙", page)
    assert f'href="/meetings/{world.published.id}"' in page  # the sitting still exists


def test_a_subject_that_is_gone_shows_its_label_without_a_link(client, world, admin):
    audit.record("material.remove", audit.Subject("material", 987654, "旧材料", world.published.id),
                 before={"title": "旧材料"})
    db.session.commit()
    page = client.get("/audit").get_data(as_text=True)
    assert "旧材料" in page and "已不存在" in page and "/materials/987654" not in page


def test_filters_choose_the_entries(client, world, admin):
    _fill(world, 30)
    with audit.acting_as(audit.member(world.zhang)):
        audit.record("leave.ask", audit.Subject("leave", 7, "张委员", world.held.id), after={"reason": "出差在外"},
                     at=datetime(2030, 1, 15, 2, tzinfo=UTC))
    db.session.commit()
    total = entry_count()

    def shown(query: str) -> int:
        response = client.get("/audit?" + query)
        assert response.status_code == 200
        return int(re.search(r"共(\d+)条记录", response.get_data(as_text=True)).group(1))

    assert shown("") == total
    assert shown("type=member") == 10
    assert shown("action=attendance.set") == 10
    assert shown("by=member") == 1 and shown(f"by=member:{world.zhang.id}") == 1 and shown("by=member:99") == 0
    assert shown("who=张委") == 1
    assert shown(f"type=meeting&subject={world.published.id}") == 10
    assert shown(f"sitting={world.held.id}") == 1
    assert shown("from=2030-01-15&to=2030-01-15") == 1
    assert shown("from=2030-01-16") == total - 1 and shown("to=2030-01-14") == 0
    assert shown("q=出差") == 1 and shown("q=新") == 10 and shown("q=100%25") == 0


@pytest.mark.parametrize("query", [
    "from=2030-13-45", "to=yesterday", "from=2030-03-01&to=2030-02-01", "subject=abc", "subject=-3",
    "subject=99999999999", "sitting=0", "by=robot", "by=user:x", "type=spaceship", "action=DROP TABLE",
    "page=abc", "page=-1", "page=99999999", "q=" + "长" * 300, "who=%00", "from=0001-01-01",
])
def test_bad_filter_values_are_named_and_ignored(english, world, admin, query):
    _fill(world, 3)
    response = english.get("/audit?" + query)
    assert response.status_code in (200, 400)
    if response.status_code == 200:
        page = response.get_data(as_text=True)
        assert len(rows(page)) >= 1 or "No entries match." in page


def test_a_bad_value_says_so_and_the_others_still_apply(english, world, admin):
    _fill(world, 6)
    page = english.get("/audit?from=2030-02-31&type=member").get_data(as_text=True)
    assert "Give the first day as a date such as 2030-03-01; that filter is ignored." in page
    assert "2 entries" in page
    page = english.get("/audit?from=2030-03-02&to=2030-03-01").get_data(as_text=True)
    assert "The last day comes before the first; the dates are ignored." in page
    assert f"{entry_count()} entries" in page  # the six and the admin's account, made by the login


def test_pages_of_fifty_newest_first(client, world, admin):
    _fill(world, 119, start=1)  # older than the admin's account (made by the login, now): 120 in all
    first, second, third = (rows(client.get(f"/audit?page={n}").get_data(as_text=True)) for n in (1, 2, 3))
    assert (len(first), len(second), len(third)) == (50, 50, 20)
    assert not set(first) & set(second)
    ids = [int(i) for i in first + second + third]
    assert ids == sorted(ids)  # the first entry written is the newest (one minute later each time)
    assert rows(client.get("/audit?page=9999").get_data(as_text=True)) == third  # past the end: the last page
    page = client.get("/audit?by=system&page=1").get_data(as_text=True)
    following = re.search(r'href="(/audit\?[^"]*page=2[^"]*)"', page).group(1)
    assert "by=system" in following  # the filters travel with the pages


def test_the_page_costs_the_same_statements_for_few_or_many_entries(client, world, admin, count_statements):
    def statements() -> int:
        db.session.expire_all()
        with count_statements() as n:
            assert client.get("/audit").status_code == 200
        return n()

    _fill(world, 3)
    few = statements()
    _fill(world, 150, start=3)
    assert statements() == few


def test_reading_the_log_writes_nothing(client, world, admin, count_statements):
    _fill(world, 5)
    before = entry_count()
    statements: list[str] = []
    from sqlalchemy import event

    def seen(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", seen)
    try:
        for url in ("/audit", "/audit?type=member", "/audit.csv", "/audit?page=2"):
            assert client.get(url).status_code == 200
    finally:
        event.remove(db.engine, "before_cursor_execute", seen)
    assert not [s for s in statements if s.lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))]
    assert entry_count() == before


def test_no_route_changes_or_removes_entries(app):
    audit_rules = [r for r in app.url_map.iter_rules() if r.endpoint.startswith("audit.")]
    assert sorted(r.endpoint for r in audit_rules) == ["audit.export", "audit.log"]
    assert all(r.methods <= {"GET", "HEAD", "OPTIONS"} for r in audit_rules)
    assert all("audit" not in r.endpoint or r.methods <= {"GET", "HEAD", "OPTIONS"} for r in app.url_map.iter_rules())


def test_the_csv_holds_the_filtered_entries_in_chinese(english, world, admin):
    _fill(world, 9)
    response = english.get("/audit.csv?type=member")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert response.data.startswith(codecs.BOM_UTF8) and "attachment" in response.headers["Content-Disposition"]
    table = list(csv.reader(io.StringIO(response.data.decode("utf-8-sig"))))
    assert table[0][:4] == ["时间", "操作人类型", "操作人", "操作"]
    assert len(table) == 1 + 3
    assert table[1][3] == "修改委员信息" and table[1][4] == "member.update" and table[1][7] == "张委员"
    assert table[1][9] == "手机：1 → 2" and table[1][1] == "系统"


def test_the_csv_neutralises_formulas_and_refuses_bad_filters(client, world, admin):
    audit.record("sector.rename", audit.Subject("sector", 1, "=HYPERLINK(\"http://x\")"), before={"name": "a"},
                 after={"name": "+b"})
    db.session.commit()
    table = list(csv.reader(io.StringIO(client.get("/audit.csv").data.decode("utf-8-sig"))))
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in table[1:] for cell in row)
    assert client.get("/audit.csv?from=2030-99-01").status_code == 400


def test_entries_written_by_services_read_back_unchanged(app, world):
    entry = audit.record("meeting.update", world.published, before={"title": "旧"}, after={"title": "新"})
    db.session.commit()
    read = db.session.get(AuditEntry, entry.id)
    assert (read.before, read.after, read.subject_label) == ({"title": "旧"}, {"title": "新"}, "专题协商会议")


def test_past_the_counting_limit_the_newest_are_paged_and_the_page_says_so(english, world, admin, monkeypatch):
    from consult.audit import queries

    monkeypatch.setattr(queries, "COUNT_MAX", 60)
    _fill(world, 80, start=1)
    page = english.get("/audit").get_data(as_text=True)
    assert "More than 60 entries match: the newest 60 are shown." in page and "Page 1 of 2" in page
    assert len(rows(english.get("/audit?page=2").get_data(as_text=True))) == 10
    assert len(rows(english.get("/audit?page=3").get_data(as_text=True))) == 10  # the last page, not beyond
    page = english.get("/audit?type=member").get_data(as_text=True)
    assert "27 entries" in page and "More than" not in page


def test_reading_pages_records_nothing(client, world, staff, clock):
    before = entry_count()
    meeting = world.published
    for url in ("/", "/meetings", f"/meetings/{meeting.id}", f"/meetings/{meeting.id}/edit",
                f"/meetings/{meeting.id}/attendance", f"/meetings/{meeting.id}/opinions", f"/members/{world.zhang.id}",
                "/members", "/organs/standing", f"/my/{world.zhang.access_token}", f"/m/{world.code}",
                f"/meetings/{world.held.id}/minutes", "/plans/2030", "/feeds"):
        assert client.get(url).status_code in (200, 302), url
    assert entry_count() == before
