"""Bad input anywhere gets a clear answer and changes nothing, never a 500, on both databases."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from consult.extensions import db
from consult.meetings.models import Meeting
from tests import factories

HUGE = 2**31  # one past PostgreSQL's integer
HUGER = 10**30


@pytest.fixture
def world(app):
    factories.committee()
    organ = factories.organ("standing_committee", "常务委员会", slug="standing")
    meeting = factories.meeting(organ, title="专题协商")
    member = factories.member("李明")
    db.session.commit()
    return {"organ": organ, "meeting": meeting, "member": member}


@pytest.mark.parametrize(
    "path",
    [
        f"/meetings/{HUGE}", f"/meetings/{HUGER}", f"/meetings/{HUGE}.ics", f"/members/{HUGE}",
        f"/meetings/{HUGE}/edit", f"/meetings/{HUGER}/reschedule", f"/meetings/{HUGE}/publish",
        f"/meetings/{HUGE}/cancel", f"/meetings/{HUGE}/postpone", f"/plans/{HUGER}.csv",
        f"/members/{HUGE}/deactivate", f"/members/{HUGER}/feed-token/confirm", f"/plans/items/{HUGE}/delete",
    ],
)
def test_ids_beyond_the_integer_range_are_404(client, auth, world, path):
    auth.login()
    assert client.get(path).status_code == 404


@pytest.mark.parametrize(
    "path",
    [
        f"/meetings?page={HUGE}", f"/meetings?page={HUGER}", f"/meetings?organ={HUGER}",
        f"/meetings/calendar?year={HUGER}&month=1", "/meetings/calendar?year=9999&month=1",
        f"/meetings/new?plan_item={HUGER}", f"/meetings/new?organ={HUGE}", f"/members?sector={HUGER}",
        f"/members?organ={HUGE}", f"/members?page={HUGER}", f"/members?page={HUGE}", f"/meetings?year={HUGER}",
        f"/meetings?tab=past&year={HUGE}", f"/members/links.csv?organ={HUGER}", f"/members/links?sector={HUGE}",
        f"/meetings/publish-drafts?series={'x' * 500}",
    ],
)
def test_numbers_beyond_the_integer_range_in_queries_are_ignored(client, auth, world, path):
    auth.login()
    assert client.get(path).status_code in (200, 404)


@pytest.mark.parametrize(
    "path", ["/meetings?organ=%00", "/meetings/%00", "/feeds/organ/st%00anding.ics", "/my/abc%00def", "/%00"]
)
def test_nul_bytes_in_urls_are_refused_with_a_message(english, world, path):
    response = english.get(path)
    assert response.status_code in (400, 404)
    if response.status_code == 400:
        assert "NUL character" in response.get_data(as_text=True)


def test_nul_bytes_in_a_form_change_nothing(english, auth, world):
    auth.login()
    meeting = world["meeting"]
    before = db.session.scalar(select(func.count(Meeting.id)))
    response = english.post(f"/meetings/{meeting.id}/cancel", data={"reason": "台风\x00"})
    assert response.status_code == 400
    assert "NUL character" in response.get_data(as_text=True)
    db.session.expire_all()
    assert meeting.status == "published" and meeting.cancel_reason == ""
    assert db.session.scalar(select(func.count(Meeting.id))) == before


@pytest.mark.parametrize("day", ["9999-01-01", "1899-12-31", "2101-01-01"])
def test_meeting_dates_outside_1900_to_2100_are_refused(english, auth, world, day):
    auth.login()
    response = english.post(
        "/meetings/new",
        data={"organ_id": world["organ"].id, "sitting_kind": "meeting", "consultation_form": "none",
              "title": "远期会议", "date": day, "start_time": "09:00", "end_time": "11:00"},
    )
    assert response.status_code == 422
    body = response.get_data(as_text=True)
    assert "between the years 1900 and 2100" in body
    assert 'value="远期会议"' in body  # the form keeps what was typed
    assert db.session.scalar(select(func.count(Meeting.id)).where(Meeting.title == "远期会议")) == 0


def test_settings_are_for_admins_only(client, auth, world):
    auth.login()
    assert client.get("/settings").status_code == 403
    auth.logout()
    auth.login("admin", "admin-password", role="admin")
    assert client.get("/settings").status_code == 200
