"""The feed list, the subscribe pages, a member's own page and the staff panel."""

from __future__ import annotations

from datetime import UTC, datetime

from flask import render_template_string

from consult.extensions import db
from tests import factories


def test_index_lists_the_feeds(client, world, auth):
    page = client.get("/feeds").get_data(as_text=True)
    assert "/feeds/all" in page
    assert "/feeds/organ/standing" in page and "常务委员会" in page
    assert "/feeds/organ/chair" in page
    assert "member’s page" not in page and "Staff:" not in page
    client.get("/lang/en")
    auth.login()
    assert "Staff:" in client.get("/feeds").get_data(as_text=True)


def test_inactive_organs_are_not_offered(client, world):
    world.chair.active = False
    db.session.commit()
    assert "/feeds/organ/chair" not in client.get("/feeds").get_data(as_text=True)


def test_subscribe_page_has_both_links_a_qr_code_and_instructions(client, world):
    client.get("/lang/en")
    page = client.get("/feeds/organ/standing").get_data(as_text=True)
    assert 'value="http://consult.test/feeds/organ/standing.ics"' in page
    assert 'href="webcal://consult.test/feeds/organ/standing.ics"' in page
    assert "<svg" in page
    for client_name in ("Apple", "Outlook", "Google", "Thunderbird"):
        assert client_name in page
    assert client.get("/feeds/organ/nobody").status_code == 404
    everything = client.get("/feeds/all").get_data(as_text=True)
    assert "webcal://consult.test/feeds/all.ics" in everything


def test_subscribe_page_in_chinese_by_default(client, world):
    response = client.get("/feeds/all")
    assert response.status_code == 200
    assert "webcal://consult.test/feeds/all.ics" in response.get_data(as_text=True)


def test_my_page_shows_coming_sittings_and_the_private_feed(client, world, clock):
    response = client.get(f"/my/{world.alice.access_token}")
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "private, no-store"
    assert response.headers["Referrer-Policy"] == "no-referrer"
    page = response.get_data(as_text=True)
    assert "八届十二次常委会议：加强我区科技企业创新能力建设" in page
    assert "我区经济运行和财政收支情况" not in page  # Bob's sitting
    assert "草稿会议" not in page
    assert f"webcal://consult.test/feeds/member/{world.alice.feed_token}.ics" in page
    assert "<svg" in page
    clock.now = datetime(2031, 1, 1, tzinfo=UTC)
    assert "八届十二次常委会议" not in client.get(f"/my/{world.alice.access_token}").get_data(as_text=True)
    assert client.get("/my/not-a-token").status_code == 404


def test_member_rotates_their_own_token(client, world):
    old = world.alice.feed_token
    response = client.post(f"/my/{world.alice.access_token}/feed-token")
    assert response.status_code == 302
    db.session.refresh(world.alice)
    assert world.alice.feed_token != old
    assert world.alice.feed_token_rotated_at == datetime(2030, 3, 1, 2, 0, tzinfo=UTC)
    assert client.get(f"/feeds/member/{old}.ics").status_code == 404
    page = client.get(f"/my/{world.alice.access_token}").get_data(as_text=True)
    assert world.alice.feed_token in page and old not in page
    assert client.post("/my/not-a-token/feed-token").status_code == 404


def test_rotation_needs_a_csrf_token_when_csrf_is_on(app, client, world):
    app.config["WTF_CSRF_ENABLED"] = True
    old = world.alice.feed_token
    assert client.post(f"/my/{world.alice.access_token}/feed-token").status_code in (302, 400)
    db.session.refresh(world.alice)
    assert world.alice.feed_token == old


def test_staff_panel_shows_links_and_the_rotate_button(app, world):
    member = factories.member("赵六")
    with app.test_request_context("/members/1"):
        html = render_template_string('{% include "feeds/_member_feed_panel.html" %}', member=member)
    assert f"http://consult.test/my/{member.access_token}" in html
    assert f"http://consult.test/feeds/member/{member.feed_token}.ics" in html
    assert f'action="/members/{member.id}/feed-token"' in html
    assert 'name="next" value="/members/1"' in html
    assert "<svg" in html
