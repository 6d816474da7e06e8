"""Members' links end with the member and the organ (review findings #11 and #12): a former member's personal
page, what it opens, private feed and remembered phone stop working (404, like an unknown token); a disabled
organ's feed and subscribe page go with its page; staff give a member a new personal link and the old one and the
phone that remembered it stop working."""

from __future__ import annotations

from consult.extensions import db
from consult.members.services import set_member_active
from consult.onsite.services import onsite_for


def _former(member):
    set_member_active(member, False)
    db.session.commit()


def test_a_former_members_links_answer_404(client, world):
    alice = world.alice
    links = [f"/my/{alice.access_token}", f"/feeds/member/{alice.feed_token}.ics",
             f"/feeds/download/member/{alice.feed_token}.ics",
             f"/my/{alice.access_token}/sittings/{world.sitting.id}.ics"]
    for link in links:
        assert client.get(link).status_code == 200, link
    _former(alice)
    for link in links:
        assert client.get(link).status_code == 404, link
    for post in (f"/my/{alice.access_token}/reminder", f"/my/{alice.access_token}/feed-token"):
        assert client.post(post, data={"reminder": "", "confirm": "y"}).status_code == 404, post
    assert client.get(f"/my/{alice.access_token}/leave/{world.sitting.id}").status_code == 404
    # Back as an active member, the same links work again.
    set_member_active(alice, True)
    db.session.commit()
    assert client.get(links[0]).status_code == 200 and client.get(links[1]).status_code == 200


def test_a_former_members_remembered_phone_is_forgotten(client, world):
    code = onsite_for(world.sitting.id).code
    db.session.commit()
    client.get(f"/my/{world.alice.access_token}")
    assert world.alice.name in client.get(f"/m/{code}").get_data(as_text=True)
    _former(world.alice)
    assert world.alice.name not in client.get(f"/m/{code}").get_data(as_text=True)


def test_a_disabled_organs_feed_goes_with_its_page(client, world):
    paths = ["/feeds/organ/standing", "/feeds/organ/standing.ics", "/feeds/download/organ/standing.ics"]
    for path in paths:
        assert client.get(path).status_code == 200, path
    world.standing.active = False
    db.session.commit()
    assert client.get("/organs/standing").status_code == 404
    for path in paths:
        assert client.get(path).status_code == 404, path
    # The committee's feed still carries its public sittings (the organ is gone, not its history).
    assert client.get("/feeds/all.ics").status_code == 200


def test_staff_give_a_member_a_new_personal_link_after_confirming(client, world, auth):
    code = onsite_for(world.sitting.id).code
    db.session.commit()
    phone = client.application.test_client()
    old = world.alice.access_token
    phone.get(f"/my/{old}")
    assert world.alice.name in phone.get(f"/m/{code}").get_data(as_text=True)
    auth.login()
    panel = client.get(f"/members/{world.alice.id}").get_data(as_text=True)
    assert f"/members/{world.alice.id}/access-token" in panel
    assert f"/members/{world.alice.id}/feed-token/confirm" in panel
    confirm = client.get(f"/members/{world.alice.id}/access-token")
    assert 'name="confirmed"' in confirm.get_data(as_text=True)
    assert client.post(f"/members/{world.alice.id}/access-token", data={}).status_code == 200
    db.session.refresh(world.alice)
    assert world.alice.access_token == old  # no confirmation: nothing changed
    client.post(f"/members/{world.alice.id}/access-token", data={"confirmed": "1"})
    db.session.refresh(world.alice)
    assert world.alice.access_token != old
    assert phone.get(f"/my/{old}").status_code == 404
    assert world.alice.name not in phone.get(f"/m/{code}").get_data(as_text=True)
    assert phone.get(f"/my/{world.alice.access_token}").status_code == 200
