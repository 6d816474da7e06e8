"""The plan's adoption (审批, date, 文号), series over official holidays, and bad input on the plan routes:
a clear message and nothing stored, never a 500."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from consult.extensions import db
from consult.meetings.models import Meeting
from consult.plans.models import ConsultationPlan, PlanItem
from consult.workdays import covered_years
from tests import factories

pytestmark = pytest.mark.usefixtures("english")

YEAR = 2030


def test_adoption_is_saved_and_shown(app, client, auth):
    auth.login()
    response = client.post(f"/plans/{YEAR}/adoption", data={
        "title": "政协崇川区委员会2030年度协商计划", "approved_by": "party_committee", "approved_on": f"{YEAR}-02-20",
        "document_number": "崇政协发〔2030〕3号"})
    assert response.status_code == 302
    plan = db.session.scalars(select(ConsultationPlan)).one()
    assert (plan.approved_by, plan.approved_on, plan.document_number) == (
        "party_committee", date(YEAR, 2, 20), "崇政协发〔2030〕3号")
    page = client.get(f"/plans/{YEAR}").get_data(as_text=True)
    assert "Agreed by the district Party committee" in page and "崇政协发〔2030〕3号" in page


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ({"approved_on": "9999-01-01"}, "between the years 1900 and 2100"),
        ({"approved_on": "1899-12-31"}, "between the years 1900 and 2100"),
        ({"approved_by": "emperor"}, "Not a valid choice"),
        ({"document_number": "崇\x00政协"}, "NUL character"),  # refused for the whole app (consult.__init__)
    ],
)
def test_bad_adoption_changes_nothing(app, client, auth, change, words):
    auth.login()
    data = {"title": "", "approved_by": "standing_committee", "approved_on": f"{YEAR}-02-20", "document_number": ""}
    response = client.post(f"/plans/{YEAR}/adoption", data={**data, **change})
    assert response.status_code == (400 if any("\x00" in value for value in change.values()) else 422)
    assert words in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count(ConsultationPlan.id))) == 0


@pytest.mark.parametrize("url", [
    "/plans/items/99999999999999999999/edit",
    "/plans/items/2147483648/edit",
    "/plans/99999999999999999999",
    "/plans/99999/adoption",
])
def test_ids_beyond_the_integer_range_are_not_found(app, client, auth, url):
    auth.login()
    assert client.get(url).status_code == 404


def test_moving_or_deleting_an_item_beyond_the_range_is_not_found(app, client, auth):
    auth.login()
    assert client.post("/plans/items/99999999999999999999/delete").status_code == 404
    assert client.post("/plans/items/2147483648/move", data={"direction": "up"}).status_code == 404


def _series(organ, first, last, **changes):
    data = {"organ_id": organ.id, "title": "主席会议例会", "sitting_kind": "meeting", "consultation_form": "none",
            "recurrence": "monthly_day", "interval": "1", "weekday": "1", "ordinal": "1", "day": "1",
            "first_date": first, "last_date": last, "start_time": "09:00", "duration_minutes": "120",
            "location": "三楼会议室", "topics": "", "holidays": "", "official_holidays": "y",
            "on_holiday": "skip", "preview": "", "create": "y"}
    data.update(changes)
    return data


def test_series_avoid_the_official_holidays_of_a_covered_year(app, client, auth):
    factories.committee()
    organ = factories.organ("chair_meeting", name="主席会议")
    db.session.commit()
    auth.login()
    response = client.post("/plans/series/new", data=_series(organ, "2026-01-01", "2026-12-31"))
    assert response.status_code == 302
    days = sorted(m.starts_at.date() for m in db.session.scalars(select(Meeting)))
    assert len(days) == 9  # 1 January, 1 May and 1 October are official holidays
    assert date(2026, 10, 1) not in days and date(2026, 2, 1) in days


def test_series_in_a_year_not_covered_say_so_and_create_nothing(app, client, auth):
    factories.committee()
    organ = factories.organ("chair_meeting", name="主席会议")
    db.session.commit()
    auth.login()
    beyond = covered_years().stop
    response = client.post("/plans/series/new", data=_series(organ, f"{beyond}-01-01", f"{beyond}-12-31"))
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert f"The official holidays of {beyond} are not published in this system yet" in html
    assert db.session.scalar(select(func.count(Meeting.id))) == 0
    # unticked, with the office's own dates, the series is made
    own = _series(organ, f"{beyond}-01-01", f"{beyond}-03-31", official_holidays="", holidays=f"{beyond}-01-01")
    assert client.post("/plans/series/new", data=own).status_code == 302
    assert db.session.scalar(select(func.count(Meeting.id))) == 2


@pytest.mark.parametrize("field", ["first_date", "last_date"])
@pytest.mark.parametrize("value", ["9999-01-01", "1800-01-01"])
def test_series_dates_outside_1900_2100_are_refused(app, client, auth, field, value):
    organ = factories.organ("chair_meeting")
    db.session.commit()
    auth.login()
    data = _series(organ, f"{YEAR}-01-01", f"{YEAR}-03-31", official_holidays="", **{field: value})
    response = client.post("/plans/series/new", data=data)
    assert response.status_code == 422
    assert "between the years 1900 and 2100" in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count(Meeting.id))) == 0


def test_item_without_organising_organ_is_refused_by_the_service(app):
    from consult.plans import services

    organ = factories.organ("standing_committee")
    plan = services.get_or_create_plan(YEAR)
    with pytest.raises(services.PlanError) as error:
        services.add_item(plan, topic="议题", consultation_form="thematic", organ_id=organ.id)
    assert error.value.code == "missing_organising_organ"
    with pytest.raises(services.PlanError) as error:
        services.add_item(plan, topic="议题", consultation_form="thematic", organ_id=organ.id,
                          organising_organ_id=2**40)
    assert error.value.code == "missing_organising_organ"
    assert db.session.scalar(select(func.count(PlanItem.id))) == 0


@pytest.mark.parametrize("field", ["title", "location", "topics", "holidays"])
def test_series_text_with_a_nul_byte_is_refused(app, client, auth, field):
    organ = factories.organ("chair_meeting")
    db.session.commit()
    auth.login()
    data = _series(organ, f"{YEAR}-01-01", f"{YEAR}-03-31", official_holidays="", **{field: "三楼\x00会议室"})
    response = client.post("/plans/series/new", data=data)
    assert response.status_code == 400
    assert "NUL character" in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count(Meeting.id))) == 0
