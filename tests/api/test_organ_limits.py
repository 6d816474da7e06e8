"""A token whose owner is staff limited to some organs (consult/auth/scope.py) reads only those organs through the
API, as its owner does on the site: their sittings, their members, their attendance and opinions."""

from __future__ import annotations

from consult.auth.services import create_user
from consult.extensions import db
from tests.api.conftest import ALL_SCOPES, bearer


def _limited_token(tokens, organ) -> str:
    owner = create_user("standing-clerk", "owner-password", role="staff", organ_ids=[organ.id])
    db.session.flush()
    return tokens.make(*ALL_SCOPES, owner=owner)


def test_sittings_of_other_organs_are_not_found(client, committee, tokens):
    secret = _limited_token(tokens, committee.standing)
    listed = client.get("/api/v1/sittings?per_page=100", headers=bearer(secret)).get_json()
    assert {item["id"] for item in listed["items"]} == {committee.public.id}
    assert client.get(f"/api/v1/sittings/{committee.public.id}", headers=bearer(secret)).status_code == 200
    # A draft of another organ: the unlimited staff token sees it, the limited one is told it does not exist.
    assert client.get(f"/api/v1/sittings/{committee.draft.id}", headers=bearer(tokens.make(*ALL_SCOPES))).status_code \
        == 200
    for path in (f"/api/v1/sittings/{committee.draft.id}", f"/api/v1/sittings/{committee.open.id}/attendance",
                 f"/api/v1/sittings/{committee.open.id}/opinions"):
        assert client.get(path, headers=bearer(secret)).status_code == 404, path
    assert client.get(f"/api/v1/sittings/{committee.public.id}/attendance", headers=bearer(secret)).status_code == 200


def test_members_outside_the_owners_organs_are_not_found(client, committee, tokens):
    secret = _limited_token(tokens, committee.standing)
    listed = client.get("/api/v1/members?per_page=100", headers=bearer(secret)).get_json()
    assert {item["id"] for item in listed["items"]} == {committee.member.id, committee.other.id}
    everyone = client.get("/api/v1/members?per_page=100&include_inactive=true",
                          headers=bearer(tokens.make(*ALL_SCOPES))).get_json()
    assert committee.former.id in {item["id"] for item in everyone["items"]}
    assert client.get(f"/api/v1/members/{committee.member.id}", headers=bearer(secret)).status_code == 200
    assert client.get(f"/api/v1/members/{committee.former.id}", headers=bearer(secret)).status_code == 404


def test_opinions_for_another_organs_sitting_are_refused(client, committee, tokens):
    secret = _limited_token(tokens, committee.standing)
    body = {"topic_id": committee.open.topics[0].id, "text": "建议加快改造进度", "member_id": committee.member.id,
            "submission_key": "k" * 32}
    response = client.post(f"/api/v1/sittings/{committee.open.id}/opinions", json=body, headers=bearer(secret))
    assert response.status_code == 404
    # The same request with an unlimited token is taken.
    response = client.post(f"/api/v1/sittings/{committee.open.id}/opinions", json=body,
                           headers=bearer(tokens.make(*ALL_SCOPES)))
    assert response.status_code == 201, response.get_json()
