"""The plan year page with results: per item its sittings' minutes and decisions (hand-counted), the year's
figures and pictures, what the public sees, and its statements at two sizes."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from consult.extensions import db
from consult.plans import queries
from consult.plans.models import ConsultationPlan, PlanItem
from tests import factories

YEAR = 2030
TODAY = date(YEAR, 6, 15)


def _item(plan, organ, topic, month, position, **fields):
    item = PlanItem(plan=plan, organ=organ, organising_organ=organ, topic=topic, consultation_form="thematic",
                    planned_month=month, position=position, **fields)
    db.session.add(item)
    db.session.flush()
    return item


def _at(month, day=10):
    return datetime(YEAR, month, day, 1, 0, tzinfo=UTC)


@pytest.fixture
def year_with_results(app, clock):
    """A hand-counted year, seen on 15 June 2030.

    standing committee: A (month 3) held 20 March: 3 decisions — closed (adopted), overdue (due 31 May), not
      assigned; B (month 5) held 10 May: 2 decisions — in progress (due 31 July), closed (partly adopted); B also has
      a published sitting in September.
    chair meeting: C (month 4) held 10 April, approved minutes without decisions; D (month 11), nothing; an
      unplanned chair meeting held 1 June: 1 decision overdue (due 10 June).
    special committee: an unplanned inspection (an activity) held 20 May, no minutes.
    A chair meeting of 2029 with an overdue decision counts in no figure of 2030.
    Sittings held by month: March 1, April 1, May 1 + 1 activity, June 1.
    """
    clock.now = datetime(YEAR, 6, 15, 2, tzinfo=UTC)
    factories.committee()
    standing = factories.organ("standing_committee", "常务委员会")
    chair = factories.organ("chair_meeting", "主席会议")
    special = factories.organ("special_committee", "提案委员会")
    plan = ConsultationPlan(year=YEAR, title="", is_public=True, notes="")
    db.session.add(plan)
    db.session.flush()
    a, b = _item(plan, standing, "A 科技创新", 3, 1), _item(plan, standing, "B 城市管理", 5, 2)
    c, d = _item(plan, chair, "C 经济运行", 4, 3), _item(plan, chair, "D 财政收支", 11, 4)
    a1 = factories.meeting(standing, "A 会议", _at(3, 20), status="held", plan_item_id=a.id, term=8, number=10)
    b1 = factories.meeting(standing, "B 会议", _at(5), status="held", plan_item_id=b.id, term=8, number=11)
    b2 = factories.meeting(standing, "B 再议", _at(9, 1), status="published", plan_item_id=b.id, term=8, number=12)
    c1 = factories.meeting(chair, "C 会议", _at(4), status="held", plan_item_id=c.id, term=8, number=30)
    e1 = factories.meeting(chair, "例会", _at(6, 1), status="held", term=8, number=31)
    factories.meeting(special, "视察", _at(5, 20), status="held", sitting_kind="inspection")
    old = factories.meeting(chair, "去年", datetime(YEAR - 1, 12, 1, 1, tzinfo=UTC), status="held", term=8, number=29)
    factories.approved_decisions(a1, [("报送。", "区政府办公室", date(YEAR, 4, 30), "adopted"),
                                      ("研究。", "区科技局", date(YEAR, 5, 31), ""), "宣传。"])
    factories.approved_decisions(b1, [("改进。", "区城管局", date(YEAR, 7, 31), ""),
                                      ("试点。", "区住建局", date(YEAR, 6, 1), "partly_adopted")])
    factories.approved_decisions(c1, [])
    factories.approved_decisions(e1, [("落实。", "区发改委", date(YEAR, 6, 10), "")])
    factories.approved_decisions(old, [("去年的事。", "区财政局", date(YEAR - 1, 12, 31), "")])
    db.session.commit()
    return {"items": (a, b, c, d), "sittings": (a1, b1, b2, c1, e1), "organs": (standing, chair, special)}


def test_item_counts_against_the_hand_count(year_with_results):
    page = queries.load_year(YEAR, today=TODAY, time_zone="Asia/Shanghai")
    rows = {row.item.topic[0]: row for row in page.rows}
    a1, b1, b2, c1, e1 = year_with_results["sittings"]
    counts = {key: (r.closed, r.open, r.overdue) if (r := rows[key].results) else None for key in "ABCD"}
    assert counts == {"A": (1, 1, 1), "B": (1, 1, 0), "C": None, "D": None}
    assert rows["A"].results.not_assigned == 1
    assert page.minutes_versions == {a1.id: 1, b1.id: 1, c1.id: 1, e1.id: 1}  # B2 has no minutes
    assert (page.results[e1.id].overdue, page.results[e1.id].total) == (1, 1)
    figures = page.figures
    assert [(t.meetings, t.activities) for t in figures.by_month] == [
        (0, 0), (0, 0), (1, 0), (1, 0), (1, 1), (1, 0), (0, 0), (0, 0), (0, 0), (0, 0), (0, 0), (0, 0)]
    standing, chair, special = (o.id for o in year_with_results["organs"])
    assert {k: (t.meetings, t.activities) for k, t in figures.by_organ.items()} == {
        standing: (2, 0), chair: (2, 0), special: (0, 1)}
    by_organ = {k: (c.closed, c.open, c.overdue) for k, c in figures.decisions_by_organ.items()}
    assert by_organ == {standing: (2, 2, 1), chair: (0, 0, 1)}  # last year's decision counts nowhere


def test_the_public_page_shows_nothing_of_the_minutes(year_with_results):
    page = queries.load_year(YEAR, today=TODAY, time_zone="Asia/Shanghai", public=True)
    assert page.results == {} and page.minutes_versions == {} and page.figures.decisions_by_organ == {}
    assert all(row.results is None for row in page.rows)
    assert page.figures.held == 5  # the sittings held are public figures, as the annual report's counts are


def test_staff_see_minutes_links_counts_and_the_three_pictures(client, auth, english, year_with_results):
    auth.login()
    a1, b1, _b2, c1, e1 = year_with_results["sittings"]
    body = client.get(f"/plans/{YEAR}").get_data(as_text=True)
    assert f"/meetings/{a1.id}/minutes.docx" in body and f"/meetings/{c1.id}/minutes.docx" in body
    assert body.count("minutes.docx") == 3  # A1, B1 and C1 carry items; the unplanned E1 is in no row
    assert f"/meetings/{a1.id}/results" in body
    assert "Closed 1 · not closed 2 (of which past due 1)" in body  # A
    assert "Closed 1 · not closed 1 (of which past due 0)" in body  # B
    for name in ("sittings-by-month", "sittings-by-organ", "decisions-by-organ"):
        assert f"/plans/{YEAR}/charts/{name}.svg" in body
    assert f"/plans/{YEAR}/results.docx" in body and f"/results?year={YEAR}" in body
    # the figures beside the pictures: the chair meeting's decisions, one past due
    assert "Not closed, not yet due" in body


def test_the_public_sees_the_sittings_pictures_only(client, year_with_results):
    a1 = year_with_results["sittings"][0]
    body = client.get(f"/plans/{YEAR}").get_data(as_text=True)
    assert "minutes.docx" not in body and f"/meetings/{a1.id}/results" not in body
    assert "decisions-by-organ.svg" not in body and "sittings-by-month.svg" in body
    assert "results.docx" not in body
    assert client.get(f"/plans/{YEAR}/charts/decisions-by-organ.svg").status_code == 404
    ok = client.get(f"/plans/{YEAR}/charts/sittings-by-month.svg")
    assert ok.status_code == 200 and ok.mimetype == "image/svg+xml"
    plan = db.session.get(ConsultationPlan, year_with_results["items"][0].plan_id)
    plan.is_public = False
    db.session.commit()
    assert client.get(f"/plans/{YEAR}/charts/sittings-by-month.svg").status_code == 404


def _texts(svg: bytes) -> str:
    import xml.etree.ElementTree as ET

    return " ".join(t for t in ET.fromstring(svg).itertext())


def _label_heights(svg: bytes, labels) -> dict[str, float]:
    import xml.etree.ElementTree as ET

    return {el.text: float(el.attrib["y"]) for el in ET.fromstring(svg).iter()
            if el.tag.endswith("text") and el.text in labels and "y" in el.attrib}


def test_organs_read_top_down_in_their_order(client, auth, year_with_results):
    auth.login()
    heights = _label_heights(client.get(f"/plans/{YEAR}/charts/sittings-by-organ.svg").data,
                             ("常务委员会", "主席会议", "提案委员会"))
    assert heights["常务委员会"] < heights["主席会议"] < heights["提案委员会"]


def test_the_pictures_are_svg_in_the_readers_language(client, auth, year_with_results):
    auth.login()
    months = client.get(f"/plans/{YEAR}/charts/sittings-by-month.svg")
    assert months.status_code == 200 and months.mimetype == "image/svg+xml"
    assert b"<script" not in months.data
    words = _texts(months.data)
    assert "各月举行的会议活动" in words and "召开会议" in words and "开展活动" in words
    organs = _texts(client.get(f"/plans/{YEAR}/charts/sittings-by-organ.svg").data)
    assert "常务委员会" in organs and "提案委员会" in organs
    decisions = _texts(client.get(f"/plans/{YEAR}/charts/decisions-by-organ.svg").data)
    assert "已办结" in decisions and "逾期" in decisions and "主席会议" in decisions
    assert "提案委员会" not in decisions  # an organ without decisions is left out
    client.get("/lang/en")
    english = _texts(client.get(f"/plans/{YEAR}/charts/sittings-by-month.svg").data)
    assert "Sittings held by month" in english and "Meetings held" in english
    again = client.get(f"/plans/{YEAR}/charts/sittings-by-month.svg", headers={"If-None-Match": months.headers["ETag"]})
    assert again.status_code == 200  # another language, other bytes
    same = client.get(f"/plans/{YEAR}/charts/sittings-by-month.svg")
    assert client.get(f"/plans/{YEAR}/charts/sittings-by-month.svg",
                      headers={"If-None-Match": same.headers["ETag"]}).status_code == 304


@pytest.mark.parametrize("path", [f"/plans/{YEAR}/charts/nothing.svg", "/plans/1999/charts/sittings-by-month.svg",
                                  "/plans/99999999999/charts/sittings-by-month.svg"])
def test_unknown_pictures_answer_404(client, auth, year_with_results, path):
    auth.login()
    assert client.get(path).status_code == 404


def test_a_year_without_sittings_has_empty_pictures(client, auth, app):
    factories.committee()
    auth.login()
    body = client.get("/plans/2031").get_data(as_text=True)
    assert client.get("/plans/2031").status_code == 200 and "sittings-by-month.svg" not in body
    svg = client.get("/plans/2031/charts/sittings-by-organ.svg")
    assert svg.status_code == 200 and "暂无数据" in _texts(svg.data)


def _grow(year_with_results, sittings: int):
    standing, chair, _special = year_with_results["organs"]
    plan = db.session.get(ConsultationPlan, year_with_results["items"][0].plan_id)
    for n in range(sittings):
        item = _item(plan, chair if n % 2 else standing, f"议题{n}", n % 12 + 1, 10 + n)
        sitting = factories.meeting(item.organ, f"会议{n}", _at(n % 12 + 1, 3), status="held", plan_item_id=item.id)
        factories.approved_decisions(sitting, [("报送。", "区政府办公室", date(YEAR, 3, 1), "adopted"),
                                               ("研究。", "区科技局", date(YEAR, 3, 1), "")])
    db.session.commit()


@pytest.mark.parametrize("staff", [True, False])
def test_the_year_page_with_results_runs_a_fixed_number_of_statements(client, auth, count_statements,
                                                                      year_with_results, staff):
    if staff:
        auth.login()
    client.get(f"/plans/{YEAR}")
    db.session.expire_all()
    with count_statements() as small:
        assert client.get(f"/plans/{YEAR}").status_code == 200
    _grow(year_with_results, 60)
    db.session.expire_all()
    with count_statements() as large:
        body = client.get(f"/plans/{YEAR}").get_data(as_text=True)
    assert body.count("minutes.docx") == (63 if staff else 0)
    assert large() == small()
