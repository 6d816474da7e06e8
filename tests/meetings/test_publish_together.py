"""Publishing drafts together: a series' drafts in date order through the one publication service, late
notice listed and confirmed, all or nothing."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from consult.extensions import db
from consult.meetings.models import Meeting
from tests import factories as f

START = datetime(2030, 6, 4, 1, 0, tzinfo=UTC)


@pytest.fixture
def series(app):
    f.committee(term=8)
    organ = f.organ("chair_meeting", name="主席会议")
    # Created out of date order on purpose: numbers must follow the dates, not the ids.
    later = f.meeting(organ, title="七月主席会议", starts_at=START + timedelta(days=28), status="draft",
                      series_id="s-1")
    first = f.meeting(organ, title="六月主席会议", starts_at=START, status="draft", series_id="s-1")
    other = f.meeting(organ, title="别的草稿", starts_at=START + timedelta(days=3), status="draft")
    db.session.commit()
    return {"organ": organ, "first": first, "later": later, "other": other}


def test_series_drafts_are_ticked_and_published_in_date_order(client, auth, series):
    auth.login()
    page = client.get("/meetings/publish-drafts?series=s-1").get_data(as_text=True)
    assert page.count('name="meeting_ids"') == 2 and page.count("checked") == 2 and "别的草稿" not in page
    ids = [series["first"].id, series["later"].id]
    response = client.post("/meetings/publish-drafts", data={"series": "s-1", "meeting_ids": ids})
    assert response.status_code == 302
    db.session.expire_all()
    assert (series["first"].status, series["first"].number) == ("published", 1)
    assert (series["later"].status, series["later"].number) == ("published", 2)
    assert series["other"].status == "draft"
    listing = client.get("/meetings").get_data(as_text=True)
    assert "已发布2项" in listing and "区政协八届一次主席会议" in listing


def test_only_ticked_drafts_are_published(client, auth, series):
    auth.login()
    page = client.get("/meetings/publish-drafts").get_data(as_text=True)
    assert "别的草稿" in page and "checked" not in page  # without a series nothing is ticked for you
    response = client.post("/meetings/publish-drafts", data={"meeting_ids": [series["other"].id]})
    assert response.status_code == 302
    db.session.expire_all()
    assert [m.status for m in (series["first"], series["later"], series["other"])] == ["draft", "draft", "published"]


def test_a_late_draft_unconfirmed_publishes_nothing(client, auth, series, clock):
    auth.login()
    clock.now = START - timedelta(days=1)  # the June sitting is inside the chair meeting's notice period
    page = client.get("/meetings/publish-drafts?series=s-1").get_data(as_text=True)
    assert "通知时间不足" in page or "不足" in page
    ids = [series["first"].id, series["later"].id]
    response = client.post("/meetings/publish-drafts", data={"series": "s-1", "meeting_ids": ids})
    assert response.status_code == 409
    text = response.get_data(as_text=True)
    assert "未发布" in text and "请勾选此项" in text
    db.session.expire_all()
    assert {m.status for m in db.session.scalars(select(Meeting))} == {"draft"}
    response = client.post("/meetings/publish-drafts",
                           data={"series": "s-1", "meeting_ids": ids, "confirm_late_notice": "y"})
    assert response.status_code == 302
    db.session.expire_all()
    assert series["first"].late_notice_confirmed_at is not None and series["later"].status == "published"


def test_an_empty_or_unknown_series_and_bad_ids(client, auth, series):
    auth.login()
    page = client.get("/meetings/publish-drafts?series=nothing-here")
    assert page.status_code == 200 and "没有可发布的草稿" in page.get_data(as_text=True)
    response = client.post("/meetings/publish-drafts", data={"series": "s-1"})
    assert response.status_code == 422 and "请至少勾选一项草稿" in response.get_data(as_text=True)
    for bad in ("abc", str(10**30), "-1", str(series["other"].id)):  # other is not in the series
        response = client.post("/meetings/publish-drafts", data={"series": "s-1", "meeting_ids": [bad]})
        assert response.status_code == 422
    db.session.expire_all()
    assert {m.status for m in db.session.scalars(select(Meeting))} == {"draft"}


def test_needs_staff(client, series):
    assert client.get("/meetings/publish-drafts").status_code == 302
    assert client.post("/meetings/publish-drafts", data={"meeting_ids": [series["first"].id]}).status_code in (
        302, 400)
    db.session.expire_all()
    assert series["first"].status == "draft"


def test_publishing_before_an_already_numbered_later_sitting_warns(client, auth, series):
    auth.login()
    f.meeting(series["organ"], title="八月主席会议", starts_at=START + timedelta(days=60), status="published",
              term=8, number=1)
    db.session.commit()
    response = client.post("/meetings/publish-drafts", data={"meeting_ids": [series["first"].id]},
                           follow_redirects=True)
    assert "时间先后不一致" in response.get_data(as_text=True)
    db.session.expire_all()
    assert series["first"].number == 2
