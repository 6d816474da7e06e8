"""Feeds on mobile data: gzip, validators that follow each feed's own content, no Vary: Cookie."""

from __future__ import annotations

import gzip
from datetime import timedelta

import pytest
from werkzeug.http import http_date

from consult.extensions import db
from consult.feeds.cache import feed_store
from tests import factories

PUBLIC = ("/feeds/all.ics", "/feeds/organ/standing.ics", "/feeds/download/all.ics")


def test_gzip_when_accepted_with_its_own_etag(client, world):
    plain = client.get("/feeds/all.ics")
    packed = client.get("/feeds/all.ics", headers={"Accept-Encoding": "gzip, deflate, br"})
    assert "Content-Encoding" not in plain.headers
    assert packed.headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(packed.data) == plain.data
    assert len(packed.data) < len(plain.data)
    for response in (plain, packed):
        assert "Accept-Encoding" in response.headers["Vary"]
    assert packed.headers["ETag"] != plain.headers["ETag"]
    assert packed.last_modified == plain.last_modified
    again = client.get("/feeds/all.ics", headers={"Accept-Encoding": "gzip", "If-None-Match": packed.headers["ETag"]})
    assert again.status_code == 304
    refused = client.get("/feeds/all.ics", headers={"Accept-Encoding": "gzip;q=0, identity"})
    assert "Content-Encoding" not in refused.headers and refused.data == plain.data


def test_public_feeds_do_not_vary_on_cookie(client, world, auth):
    client.get("/lang/en")  # a session cookie is now sent with every request
    urls = [*PUBLIC, f"/meetings/{world.sitting.id}.ics"]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert "Cookie" not in response.headers.get("Vary", ""), url
        assert "Set-Cookie" not in response.headers, url
    auth.login()
    for url in urls:
        assert "Cookie" not in client.get(url).headers.get("Vary", ""), url


def test_if_modified_since_current_stale_and_unparseable(client, world, monkeypatch):
    first = client.get("/feeds/organ/standing.ics")
    current = client.get("/feeds/organ/standing.ics", headers={"If-Modified-Since": first.headers["Last-Modified"]})
    assert current.status_code == 304
    later = http_date(first.last_modified + timedelta(days=1))
    assert client.get("/feeds/organ/standing.ics", headers={"If-Modified-Since": later}).status_code == 304
    stale = http_date(first.last_modified - timedelta(seconds=1))
    response = client.get("/feeds/organ/standing.ics", headers={"If-Modified-Since": stale})
    assert response.status_code == 200 and response.data == first.data
    for garbage in ("yesterday", "Mon, 99 Foo 2030 25:61:00 GMT", ""):
        response = client.get("/feeds/organ/standing.ics", headers={"If-Modified-Since": garbage})
        assert response.status_code == 200, garbage
        assert response.data == first.data


def test_last_modified_rises_after_a_change_even_in_the_same_second(client, world):
    """Apple sends only If-Modified-Since: after a change it must see a later date, or the feed freezes."""
    first = client.get("/feeds/organ/standing.ics")
    world.sitting.location = "区行政中心二号会议室"
    world.sitting.revision += 1
    db.session.commit()  # the clock has not moved
    response = client.get("/feeds/organ/standing.ics", headers={"If-Modified-Since": first.headers["Last-Modified"]})
    assert response.status_code == 200
    assert response.last_modified > first.last_modified
    assert "区行政中心二号会议室" in response.get_data(as_text=True)


def etags(client, urls) -> dict[str, str]:
    return {url: client.get(url).headers["ETag"] for url in urls}


def test_an_edit_changes_only_the_feeds_that_show_the_sitting(client, world, clock):
    carol = factories.member("张华")  # invited to nothing
    db.session.commit()
    urls = [
        "/feeds/all.ics",
        "/feeds/organ/standing.ics",
        "/feeds/organ/chair.ics",
        f"/feeds/member/{world.alice.feed_token}.ics",
        f"/feeds/member/{world.bob.feed_token}.ics",
        f"/feeds/member/{carol.feed_token}.ics",
    ]
    before = etags(client, urls)
    modified = {url: client.get(url).headers["Last-Modified"] for url in urls}
    clock.now += timedelta(hours=1)
    world.sitting.location = "区行政中心二号会议室"  # the standing committee's sitting; Alice is invited
    world.sitting.revision += 1
    db.session.commit()
    after = etags(client, urls)
    changed = {url for url in urls if after[url] != before[url]}
    assert changed == {urls[0], urls[1], urls[3]}
    for url in set(urls) - changed:
        response = client.get(url, headers={"If-None-Match": before[url]})
        assert response.status_code == 304, url
        assert client.get(url).headers["Last-Modified"] == modified[url], url
        assert client.get(url, headers={"If-Modified-Since": modified[url]}).status_code == 304, url


def test_a_second_server_agrees_and_answers_304_without_building(app, client, world, monkeypatch, count_statements):
    """The feed_version row is shared: a server that never built the feed answers from it."""
    url = f"/feeds/member/{world.alice.feed_token}.ics"
    first = client.get(url)
    feed_store(app).clear()  # another process: nothing in memory
    monkeypatch.setattr("consult.feeds.ics_views.build_calendar", lambda *a: pytest.fail("built"))
    with count_statements() as statements:
        again = client.get(url, headers={"If-Modified-Since": first.headers["Last-Modified"]})
    assert again.status_code == 304
    assert again.headers["ETag"] == first.headers["ETag"]
    assert statements() == 1


def test_download_copy_is_an_attachment_without_refresh_interval(client, world):
    response = client.get("/feeds/download/all.ics")
    assert response.status_code == 200
    disposition = response.headers["Content-Disposition"]
    assert disposition.startswith("attachment;") and "filename*=UTF-8''" in disposition
    assert b"REFRESH-INTERVAL" not in response.data and b"X-PUBLISHED-TTL" not in response.data
    assert b"BEGIN:VEVENT" in response.data
    subscribed = client.get("/feeds/all.ics")
    assert b"REFRESH-INTERVAL;VALUE=DURATION:PT1H" in subscribed.data
    assert response.headers["ETag"] != subscribed.headers["ETag"]
    member = client.get(f"/feeds/download/member/{world.alice.feed_token}.ics")
    assert member.headers["Cache-Control"].startswith("private")
    assert client.get("/feeds/download/member/nobody.ics").status_code == 404
    assert client.get("/feeds/download/organ/nobody.ics").status_code == 404
