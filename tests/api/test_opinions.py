"""Opinions through the API: a sitting's list for staff, and giving one under exactly the phone form's rules."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from consult.api.scopes import OPINIONS_READ, OPINIONS_WRITE, SITTINGS_READ
from consult.extensions import db
from consult.onsite.collection import close_opinions
from consult.onsite.services import onsite_for
from consult.opinions import services
from consult.opinions.models import Opinion
from tests.api.conftest import bearer
from tests.conftest import TEST_NOW

KEY = "api-key-0000000000000001"


def _count() -> int:
    db.session.expire_all()
    return db.session.scalar(select(func.count(Opinion.id)))


def _give(client, sitting, headers, *, key=KEY, topic=None, text="建议加快老旧小区加装电梯。", **fields):
    body = {"topic_id": (topic or sitting.topics[0]).id, "text": text, "submission_key": key, **fields}
    return client.post(f"/api/v1/sittings/{sitting.id}/opinions", json=body, headers=headers)


def test_a_member_gives_their_own_opinion_with_their_link(client, committee):
    c = committee
    response = _give(client, c.open, bearer(c.member.access_token), named=False)
    assert response.status_code == 201, response.json
    opinion = response.json
    assert opinion["author"] == {"member_id": c.member.id, "name": "张明", "organisation": ""}
    assert (opinion["text"], opinion["named"], opinion["status"]) == ("建议加快老旧小区加装电梯。", False, "active")
    assert opinion["sitting_id"] == c.open.id and opinion["created_at"] == "2030-03-01T10:00:00+08:00"
    assert "Idempotent-Replayed" not in response.headers
    stored = db.session.scalars(select(Opinion)).one()
    assert stored.member_id == c.member.id and stored.recorded_by_id is None and stored.submission_key == KEY


def test_a_request_sent_twice_is_stored_once_with_the_same_answer(client, committee):
    c = committee
    first = _give(client, c.open, bearer(c.member.access_token))
    second = _give(client, c.open, bearer(c.member.access_token))
    assert first.status_code == second.status_code == 201
    assert first.json == second.json and second.headers["Idempotent-Replayed"] == "true"
    assert _count() == 1
    # even with another text (the client resent an edited copy), the first answer stands, as on the phone
    assert _give(client, c.open, bearer(c.member.access_token), text="另一段").json == first.json
    assert _count() == 1
    # ... and after the collection closed: the opinion was stored while it was open
    close_opinions(c.open.id, by_user_id=None, now=TEST_NOW)
    db.session.commit()
    assert _give(client, c.open, bearer(c.member.access_token)).json == first.json


def test_a_key_used_by_another_author_or_topic_is_409(client, committee, tokens):
    c = committee
    assert _give(client, c.open, bearer(c.member.access_token)).status_code == 201
    staff = bearer(tokens.make(OPINIONS_WRITE))
    taken = _give(client, c.open, staff, member_id=c.other.id)
    assert taken.status_code == 409 and taken.json["error"] == "submission_key_used"
    other_topic = _give(client, c.open, bearer(c.member.access_token), topic=c.open.topics[1])
    assert other_topic.status_code == 409
    assert _count() == 1


def test_two_racing_requests_meet_at_the_unique_key(client, committee, monkeypatch):
    c = committee
    winner, _ = services.give_opinion(meeting_id=c.open.id, topic_id=c.open.topics[0].id, submission_key=KEY,
                                      text="先到", named=True, now=TEST_NOW, member_id=c.member.id)
    db.session.commit()
    real, calls = services.opinion_by_key, []

    def not_yet_seen(meeting_id, key):  # the second request looked before the first committed
        calls.append(key)
        return None if len(calls) == 1 else real(meeting_id, key)

    monkeypatch.setattr(services, "opinion_by_key", not_yet_seen)
    response = _give(client, c.open, bearer(c.member.access_token), text="后到")
    assert response.status_code == 201 and response.json["id"] == winner.id and response.json["text"] == "先到"
    assert response.headers["Idempotent-Replayed"] == "true" and _count() == 1


def test_a_system_gives_a_members_or_a_guests_opinion(client, committee, tokens):
    c = committee
    staff = bearer(tokens.make(OPINIONS_WRITE))
    for_member = _give(client, c.open, staff, key="k" * 20, member_id=c.other.id)
    assert for_member.status_code == 201 and for_member.json["author"]["name"] == "李华"
    guest = _give(client, c.open, staff, key="g" * 20, guest={"name": " 王  芳 ", "organisation": "区住建局 副局长"})
    assert guest.status_code == 201
    assert guest.json["author"] == {"member_id": None, "name": "王 芳", "organisation": "区住建局 副局长"}
    assert _count() == 2


@pytest.mark.parametrize(("fields", "problem"), [
    ({}, "member_id"),
    ({"member_id": 1, "guest": {"name": "王芳", "organisation": "区住建局"}}, "member_id"),
    ({"member_id": 99999}, "member_id"),
    ({"guest": {"name": "", "organisation": "区住建局"}}, "guest"),
    ({"guest": {"name": "王芳", "organisation": "  "}}, "guest"),
    ({"guest": {"name": "张明", "organisation": "区教育局"}}, "guest"),  # a member's name: give as the member
    ({"guest": {"name": "王" * 51, "organisation": "区教育局"}}, "guest"),
    ({"guest": {"name": "王芳", "organisation": "局" * 201}}, "guest"),
])
def test_who_gives_it_must_be_clear(client, committee, tokens, fields, problem):
    response = _give(client, committee.open, bearer(tokens.make(OPINIONS_WRITE)), **fields)
    assert response.status_code == 422 and problem in response.json["errors"]["json"], response.json
    assert _count() == 0


def test_a_former_members_opinion_is_refused(client, committee, tokens):
    response = _give(client, committee.open, bearer(tokens.make(OPINIONS_WRITE)), member_id=committee.former.id)
    assert response.status_code == 422 and "member_id" in response.json["errors"]["json"]


def test_a_member_link_gives_only_the_members_own(client, committee):
    c = committee
    response = _give(client, c.open, bearer(c.member.access_token), member_id=c.other.id)
    assert response.status_code == 422 and list(response.json["errors"]["json"]) == ["member_id"]
    guest = _give(client, c.open, bearer(c.member.access_token), guest={"name": "王芳", "organisation": "区住建局"})
    assert guest.status_code == 422 and _count() == 0


@pytest.mark.parametrize(("text", "stored"), [
    ("  有空格和\r\n换行\x07的意见  ", "有空格和\n换行的意见"),
    ("<script>alert(1)</script> 👍", "<script>alert(1)</script> 👍"),
    ("字" * 5000, "字" * 5000),
])
def test_text_is_cleaned_as_the_form_does(client, committee, text, stored):
    response = _give(client, committee.open, bearer(committee.member.access_token), text=text)
    assert response.status_code == 201 and response.json["text"] == stored


@pytest.mark.parametrize("text", ["", "   \n\t ", "\u200b\ufeff", "字" * 5001])
def test_empty_or_too_long_text_is_422_and_stores_nothing(client, committee, text):
    response = _give(client, committee.open, bearer(committee.member.access_token), text=text)
    assert response.status_code == 422 and "text" in response.json["errors"]["json"]
    assert _count() == 0


def test_a_topic_of_another_sitting_is_422(client, committee):
    c = committee
    response = _give(client, c.open, bearer(c.member.access_token), topic=c.public.topics[0])
    assert response.status_code == 422 and "topic_id" in response.json["errors"]["json"]


def test_the_collection_window(client, committee, clock):
    c = committee
    mine = bearer(c.member.access_token)
    clock.now = c.open.starts_at - timedelta(minutes=61)  # check-in (and opinions) open an hour before
    early = _give(client, c.open, mine)
    assert early.status_code == 409 and early.json["error"] == "collection_not_open"
    clock.now = c.open.ends_at + timedelta(days=3, seconds=1)  # three days after the end
    late = _give(client, c.open, mine)
    assert late.status_code == 409 and late.json["error"] == "collection_not_open"
    clock.now = c.open.ends_at + timedelta(days=2)
    close_opinions(c.open.id, by_user_id=None, now=clock.now - timedelta(minutes=1))  # staff closed it
    db.session.commit()
    assert _give(client, c.open, mine).status_code == 409
    assert _count() == 0


@pytest.mark.parametrize("which", ["cancelled", "postponed", "draft"])
def test_sittings_not_taking_place_take_no_opinion(client, committee, tokens, clock, which):
    sitting = getattr(committee, which)
    clock.now = sitting.starts_at
    response = _give(client, sitting, bearer(tokens.make(OPINIONS_WRITE)), member_id=committee.member.id)
    assert response.status_code == 409 and response.json["error"] == "collection_not_open"


def test_an_internal_sitting_hears_no_guest(client, committee, tokens, clock):
    c = committee
    clock.now = c.internal.starts_at
    staff = bearer(tokens.make(OPINIONS_WRITE))
    guest = _give(client, c.internal, staff, guest={"name": "王芳", "organisation": "区住建局"})
    assert guest.status_code == 403 and guest.json["error"] == "guests_not_welcome"
    assert _give(client, c.internal, staff, member_id=c.member.id).status_code == 201


def test_a_member_gives_only_on_sittings_they_may_see(client, committee, clock):
    c = committee
    clock.now = c.members_only.starts_at
    assert _give(client, c.members_only, bearer(c.other.access_token)).status_code == 404  # not invited
    assert _give(client, c.members_only, bearer(c.member.access_token)).status_code == 201


def test_who_may_give_at_all(client, committee, tokens, auth):
    c = committee
    anonymous = _give(client, c.open, {})
    assert anonymous.status_code == 401 and anonymous.json["error"] == "unauthorized"
    no_scope = _give(client, c.open, bearer(tokens.make(OPINIONS_READ, SITTINGS_READ)), member_id=c.member.id)
    assert no_scope.status_code == 403 and 'scope="opinions:write"' in no_scope.headers["WWW-Authenticate"]
    # a staff login's cookie does not authenticate the API
    auth.login()
    assert _give(client, c.open, {}, member_id=c.member.id).status_code == 401
    # nor does the member's phone, recognised by its cookie
    client.get(f"/my/{c.member.access_token}")
    assert _give(client, c.open, {}).status_code == 401
    assert _count() == 0


def test_no_csrf_token_is_needed_with_a_token(app, client, committee):
    app.config["WTF_CSRF_ENABLED"] = True
    response = _give(client, committee.open, bearer(committee.member.access_token))
    assert response.status_code == 201
    # the site's forms still need theirs
    code = onsite_for(committee.open.id).code
    form = {"text": "意见", "submission_key": "f" * 20}
    assert client.post(f"/m/{code}/topics/{committee.open.topics[0].id}/opinions", data=form).status_code == 400
    assert _count() == 1


def test_staff_read_the_opinions_of_a_sitting(client, committee, tokens):
    c = committee
    staff = bearer(tokens.make(OPINIONS_WRITE))
    _give(client, c.open, bearer(c.member.access_token), key="a" * 20)
    guest = {"name": "王芳", "organisation": "区住建局"}
    _give(client, c.open, staff, key="b" * 20, topic=c.open.topics[1], guest=guest)
    withdrawn = _give(client, c.open, staff, key="c" * 20, member_id=c.other.id).json
    services.withdraw_opinion(db.session.get(Opinion, withdrawn["id"]), now=TEST_NOW)
    db.session.commit()
    assert client.get(f"/api/v1/sittings/{c.open.id}/opinions").status_code == 401
    assert client.get(f"/api/v1/sittings/{c.open.id}/opinions", headers=staff).status_code == 403
    reader = bearer(tokens.make(OPINIONS_READ))
    listed = client.get(f"/api/v1/sittings/{c.open.id}/opinions", headers=reader).json
    assert [o["author"]["name"] for o in listed["items"]] == ["张明", "王芳"] and listed["total"] == 2
    every = client.get(f"/api/v1/sittings/{c.open.id}/opinions?include_withdrawn=true", headers=reader).json
    assert [o["status"] for o in every["items"]] == ["active", "active", "withdrawn"]
    one_topic = client.get(f"/api/v1/sittings/{c.open.id}/opinions?topic={c.open.topics[1].id}", headers=reader)
    assert [o["author"]["name"] for o in one_topic.json["items"]] == ["王芳"]
    assert client.get("/api/v1/sittings/99999/opinions", headers=reader).status_code == 404
