"""Activities and their meeting-form fields: 带队 instead of 主持, assembly time and place, 出席 guests apart
from 列席 observers; dates outside 1900–2100 and NUL bytes refused with nothing stored."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select

from consult.extensions import db
from consult.meetings.kinds import (
    ACTIVITY_KINDS,
    CONSULTATION,
    FORM_FUNCTIONS,
    MEETING_KINDS,
    RESEARCH,
    SITTING_KINDS,
    SUPERVISION,
    forms_of,
    is_activity,
    is_consultation,
    leader_label,
)
from consult.meetings.models import Meeting
from tests import factories as f

# ------------------------------------------------------------------ kinds (pure)


def test_three_functions_are_kept_apart():
    assert forms_of(CONSULTATION) == ["general", "thematic", "counterpart", "sector", "proposal_handling",
                                      "symposium", "online", "other_consultation"]
    assert forms_of(SUPERVISION) == ["inspection", "appraisal", "follow_up"]
    assert forms_of(RESEARCH) == ["research"]
    assert not is_consultation("inspection") and not is_consultation("research") and not is_consultation("none")
    assert "focused" not in FORM_FUNCTIONS


@pytest.mark.parametrize(("kind", "activity"), [
    ("meeting", False), ("symposium", False), ("study_lecture", False), ("inspection", True),
    ("research_visit", True), ("appraisal", True), ("visit", True), ("charity", True), ("other", True),
])
def test_meetings_and_activities(app, kind, activity):
    assert is_activity(kind) is activity
    with app.test_request_context():
        assert str(leader_label(kind)) == ("带队" if activity else "主持人")


def test_every_kind_is_a_meeting_or_an_activity_never_both():
    assert set(SITTING_KINDS) == MEETING_KINDS | ACTIVITY_KINDS and not MEETING_KINDS & ACTIVITY_KINDS


# ------------------------------------------------------------------ the form


@pytest.fixture
def setup(app, auth, english):
    f.committee(term=8)
    leader = f.member("王副主席", role="vice_chair")
    organ = f.organ("chair_meeting", name="主席会议")
    db.session.commit()
    auth.login()
    return {"organ": organ, "leader": leader}


def _data(setup, **over):
    data = {"organ_id": setup["organ"].id, "sitting_kind": "inspection", "consultation_form": "inspection",
            "title": "集中视察安置房建设", "date": "2031-05-08", "start_time": "08:30", "end_time": "11:30",
            "location": "观音山安置房项目", "assembly_time": "08:10", "assembly_date": "",
            "assembly_place": "区行政中心北门", "presiding_member_id": setup["leader"].id,
            "topics": "实地察看", "guests": "区委领导\n区政府领导", "observers": "区住建局",
            "invitee_ids": [setup["leader"].id], "notes": ""}
    data.update(over)
    return data


def _count():
    return db.session.scalar(select(func.count(Meeting.id)))


def test_an_inspection_keeps_its_assembly_and_guests_apart(client, setup):
    response = client.post("/meetings/new", data=_data(setup))
    assert response.status_code == 302
    meeting = db.session.scalars(select(Meeting)).one()
    assert meeting.assembly_at == datetime(2031, 5, 8, 0, 10, tzinfo=UTC)  # 08:10 北京时间
    assert meeting.assembly_place == "区行政中心北门" and meeting.location == "观音山安置房项目"
    assert (meeting.guests, meeting.observers) == ("区委领导\n区政府领导", "区住建局")
    page = client.get(f"/meetings/{meeting.id}").get_data(as_text=True)
    assert "Led by" in page and "Presiding" not in page
    assert "区行政中心北门" in page and "Assembly" in page
    guests = page.split("Guests (出席)")[1].split("</ul>")[0]
    observers = page.split("Observers (列席)")[1].split("</ul>")[0]
    assert "区委领导" in guests and "区住建局" not in guests
    assert "区住建局" in observers and "区委领导" not in observers
    edit = client.get(f"/meetings/{meeting.id}/edit").get_data(as_text=True)
    assert 'value="08:10"' in edit and "Led by" in edit


def test_a_meeting_has_a_presiding_person_and_no_assembly(client, setup):
    response = client.post("/meetings/new", data=_data(setup, sitting_kind="meeting", consultation_form="thematic"))
    assert response.status_code == 302
    meeting = db.session.scalars(select(Meeting)).one()
    assert meeting.assembly_at is None and meeting.assembly_place == ""
    page = client.get(f"/meetings/{meeting.id}").get_data(as_text=True)
    assert "Presiding" in page and "Led by" not in page and "Assembly" not in page.split("<main")[1].split("</dl>")[0]


def test_the_form_calls_the_leader_by_the_kind(client, setup):
    page = client.post("/meetings/new", data=_data(setup, title="")).get_data(as_text=True)
    assert '<label for="presiding_member_id">Led by</label>' in page
    assert "All times are Beijing time." in page and "Asia/Shanghai" not in page
    page = client.post("/meetings/new", data=_data(setup, title="", sitting_kind="meeting")).get_data(as_text=True)
    assert '<label for="presiding_member_id">Presiding</label>' in page


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ({"assembly_time": "12:00"}, "assembles before the sitting starts"),
        ({"assembly_date": "2031-05-01"}, "assembles before the sitting starts"),
        ({"assembly_date": "9999-05-07"}, "between the years 1900 and 2100"),
        ({"assembly_date": "1899-12-31"}, "between the years 1900 and 2100"),
        ({"guests": "区委\x00领导"}, ""),
        ({"assembly_place": "北\x00门"}, ""),
    ],
)
def test_bad_activity_input_is_refused_and_nothing_stored(client, setup, change, words):
    response = client.post("/meetings/new", data=_data(setup, **change))
    assert response.status_code in (400, 422)
    assert words in response.get_data(as_text=True)
    assert _count() == 0


def test_a_committee_elsewhere_sees_its_zone_id(client, setup):
    from consult.committee import get_committee

    get_committee().time_zone = "Europe/Berlin"
    db.session.commit()
    page = client.get("/meetings/new").get_data(as_text=True)
    assert "All times are the committee's time zone (Europe/Berlin)." in page.replace("&#39;", "'")


def test_plan_item_ids_beyond_the_integer_range_are_not_found(client, setup):
    assert client.get("/plans/items/99999999999999999999/schedule").status_code == 404
