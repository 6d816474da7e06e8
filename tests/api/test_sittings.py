"""GET /api/v1/sittings and /organs: filters, paging, ISO times, numbered names, and what each caller may see."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import insert

from consult.api.scopes import MEMBERS_READ, SITTINGS_READ
from consult.extensions import db
from consult.meetings.models import Meeting, Topic
from tests.api.conftest import bearer
from tests.conftest import TEST_NOW


def _ids(response) -> set[int]:
    assert response.status_code == 200, response.get_data(as_text=True)
    return {item["id"] for item in response.json["items"]}


def _public_ids(c) -> set[int]:
    return {c.open.id, c.public.id, c.cancelled.id, c.postponed.id, c.held.id}


def test_anonymous_callers_see_what_the_public_pages_show(client, committee):
    c = committee
    seen = _ids(client.get("/api/v1/sittings?per_page=100"))
    assert seen == _public_ids(c)
    for hidden in (c.members_only, c.internal, c.draft):
        response = client.get(f"/api/v1/sittings/{hidden.id}")
        assert response.status_code == 404 and response.json["error"] == "not_found"
    assert client.get("/api/v1/sittings?status=draft").json["total"] == 0


def test_a_token_with_sittings_read_sees_everything(client, committee, tokens):
    c = committee
    secret = tokens.make(SITTINGS_READ)
    seen = _ids(client.get("/api/v1/sittings?per_page=100", headers=bearer(secret)))
    assert seen == _public_ids(c) | {c.members_only.id, c.internal.id, c.draft.id}
    detail = client.get(f"/api/v1/sittings/{c.public.id}", headers=bearer(secret)).json
    assert detail["notes"] == "会务：提前布置会场"


def test_a_token_without_sittings_read_sees_the_public_view(client, committee, tokens):
    c = committee
    secret = tokens.make(MEMBERS_READ)
    assert _ids(client.get("/api/v1/sittings?per_page=100", headers=bearer(secret))) == _public_ids(c)
    assert client.get(f"/api/v1/sittings/{c.public.id}", headers=bearer(secret)).json["notes"] is None
    assert client.get(f"/api/v1/sittings/{c.draft.id}", headers=bearer(secret)).status_code == 404


def test_a_member_link_adds_the_sittings_they_are_invited_to(client, committee):
    c = committee
    mine = bearer(c.member.access_token)
    assert _ids(client.get("/api/v1/sittings?per_page=100", headers=mine)) == (
        _public_ids(c) | {c.members_only.id, c.internal.id})
    assert client.get(f"/api/v1/sittings/{c.draft.id}", headers=mine).status_code == 404
    assert client.get(f"/api/v1/sittings/{c.public.id}", headers=mine).json["notes"] is None
    # another member, invited to nothing: the public view
    assert _ids(client.get("/api/v1/sittings?per_page=100", headers=bearer(c.other.access_token))) == _public_ids(c)
    # a former member's link no longer works
    assert client.get("/api/v1/sittings", headers=bearer(c.former.access_token)).status_code == 401


def test_one_sitting_with_its_agenda_place_times_and_names(client, committee):
    c = committee
    response = client.get(f"/api/v1/sittings/{c.public.id}")
    assert response.status_code == 200 and response.headers["Content-Type"] == "application/json"
    sitting = response.json
    assert sitting["numbered_name"] == "区政协八届十二次常委会议"
    assert sitting["name"] == "八届十二次常委会议：专题协商会议"
    assert sitting["formal_name"].endswith("常务委员会第十二次会议")
    assert (sitting["term"], sitting["number"]) == (8, 12)
    start = (TEST_NOW + timedelta(days=3)).astimezone(ZoneInfo("Asia/Shanghai"))
    assert sitting["starts_at"] == start.isoformat() == "2030-03-04T10:00:00+08:00"
    assert sitting["ends_at"] == "2030-03-04T12:00:00+08:00"
    assert sitting["location"] == "区政府第一会议室"
    assert [(t["position"], t["title"]) for t in sitting["agenda"]] == [(1, "推进老旧小区改造"), (2, "优化营商环境")]
    assert sitting["guests"] == ["区委副书记", "区政府副区长"] and sitting["observers"] == ["区发改委", "区财政局"]
    assert (sitting["status"], sitting["visibility"], sitting["organ"]["slug"]) == ("published", "public", "standing")
    assert sitting["notes"] is None  # staff only
    assert sitting["url"].endswith(f"/meetings/{c.public.id}")
    assert sitting["calendar_url"].endswith(f"/meetings/{c.public.id}.ics")
    assert sitting["opinions"]["state"] == "not_yet"
    assert client.get(f"/api/v1/sittings/{c.open.id}").json["opinions"]["state"] == "open"
    cancelled = client.get(f"/api/v1/sittings/{c.cancelled.id}").json
    assert (cancelled["status"], cancelled["cancel_reason"], cancelled["opinions"]["state"]) == (
        "cancelled", "议题调整", "none")
    assert client.get(f"/api/v1/sittings/{c.special.id + 10_000}").status_code == 404


def test_a_sitting_without_a_number_has_no_numbered_name(client, committee):
    sitting = client.get(f"/api/v1/sittings/{committee.open.id}").json
    assert sitting["numbered_name"] is None and sitting["formal_name"] is None
    assert sitting["name"] == sitting["title"] == "关于老旧小区改造的对口协商"


@pytest.mark.parametrize(("query", "expected"), [
    ("organ={standing}", {"public"}),
    ("status=cancelled", {"cancelled"}),
    ("status=held", {"held"}),
    ("kind=meeting&status=postponed", {"postponed"}),
    ("form=none&q=对口协商", {"open"}),
    ("q=第一会议室", {"public"}),
    ("q=优化营商环境&status=held", {"held"}),
    ("q=八届十二次", {"public"}),
    ("q=100%25", set()),
    ("from=2030-03-04&to=2030-03-04", {"public"}),
    ("from=2030-03-09", {"postponed"}),
    ("to=2030-02-28", {"held"}),
    ("from=2030-03-01&to=2030-03-01", {"open"}),
    ("from=2030-03-05&to=2030-03-04", set()),  # from after to: nothing
    ("from=0001-01-01&to=9999-12-31", {"open", "public", "cancelled", "postponed", "held"}),
    ("to=1066-10-14", set()),
])
def test_filters(client, committee, query, expected):
    c = committee
    named = {"open": c.open, "public": c.public, "cancelled": c.cancelled, "postponed": c.postponed, "held": c.held}
    path = "/api/v1/sittings?per_page=100&" + query.format(standing=c.standing.id)
    assert _ids(client.get(path)) == {named[name].id for name in expected}


def test_order_and_paging(client, committee):
    c = committee
    first = client.get("/api/v1/sittings?per_page=2").json
    assert [item["id"] for item in first["items"]] == [c.held.id, c.open.id]
    assert (first["page"], first["per_page"], first["total"], first["pages"]) == (1, 2, 5, 3)
    last = client.get("/api/v1/sittings?per_page=2&page=3").json
    assert [item["id"] for item in last["items"]] == [c.postponed.id]
    assert client.get("/api/v1/sittings?per_page=2&page=4").json["items"] == []  # past the last: empty
    newest = client.get("/api/v1/sittings?per_page=1&order=desc").json
    assert newest["items"][0]["id"] == c.postponed.id


@pytest.mark.parametrize("query", [
    "per_page=0", "per_page=101", "page=0", "page=2147483648", "organ=0", "organ=99999999999",
    "status=secret", "kind=party", "order=random", "from=2030-02-30", "to=2030-3-4", "q=" + "长" * 101,
    "colour=red", "page=abc",
])
def test_bad_filters_are_422_naming_the_field(client, committee, query):
    response = client.get(f"/api/v1/sittings?{query}")
    assert response.status_code == 422, query
    assert response.json["error"] == "invalid_fields" and list(response.json["errors"]) == ["query"]
    assert query.split("=")[0] in response.json["errors"]["query"]


def test_organs_active_for_all_and_inactive_for_staff(client, committee, tokens):
    listed = client.get("/api/v1/organs").json["items"]
    assert [o["slug"] for o in listed] == ["standing", "proposals"]
    assert listed[0]["members"] == 2 and listed[0]["kind"] == "standing_committee"
    assert listed[0]["url"].endswith("/organs/standing")
    assert client.get("/api/v1/organs?include_inactive=true").status_code == 401
    secret = tokens.make(SITTINGS_READ)
    everything = client.get("/api/v1/organs?include_inactive=true", headers=bearer(secret)).json["items"]
    assert [o["slug"] for o in everything] == ["standing", "proposals", "inactive-group"]
    inactive = everything[2]
    assert client.get(f"/api/v1/organs/{inactive['id']}").status_code == 404
    assert client.get(f"/api/v1/organs/{inactive['id']}", headers=bearer(secret)).json["active"] is False
    assert client.get(f"/api/v1/organs/{committee.standing.id}").json["name"] == "常务委员会"


def _grow(organ, first: int, count: int) -> None:
    start = TEST_NOW + timedelta(days=40)
    db.session.execute(insert(Meeting), [
        {"organ_id": organ.id, "title": f"会议{i}", "starts_at": start + timedelta(hours=i),
         "ends_at": start + timedelta(hours=i + 1), "status": "published", "location": "会议室"}
        for i in range(first, first + count)])
    ids = db.session.scalars(db.select(Meeting.id).where(Meeting.title.like("会议%"))).all()
    db.session.execute(insert(Topic), [{"meeting_id": mid, "position": p, "title": f"议题{p}"}
                                       for mid in ids[first:first + count] for p in (0, 1)])
    db.session.commit()


def test_the_list_runs_a_fixed_number_of_statements(client, committee, count_statements, tokens):
    secret = tokens.make(SITTINGS_READ)
    counts = []
    for first, count in ((0, 5), (5, 95)):
        _grow(committee.special, first, count)
        client.get("/api/v1/sittings?per_page=100", headers=bearer(secret))  # the token's last use written
        with count_statements() as n:
            response = client.get("/api/v1/sittings?per_page=100", headers=bearer(secret))
        assert response.status_code == 200
        counts.append(n())
    assert counts[0] == counts[1], counts
