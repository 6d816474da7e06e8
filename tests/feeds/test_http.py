"""The feeds over HTTP: content, conditional requests, caching headers, privacy, the cancelled window."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import icalendar
import pytest
from sqlalchemy import select
from werkzeug.http import http_date

from consult.extensions import db
from consult.feeds.cache import feed_store
from consult.feeds.queries import listed_filter
from consult.feeds.window import cancelled_cutoff, is_listed
from consult.meetings.models import Meeting
from tests import factories
from tests.feeds.test_ical import CANCELLED_START, LISTED_CASES, SHANGHAI


def events_of(response) -> dict[str, icalendar.Event]:
    calendar = icalendar.Calendar.from_ical(response.data)
    return {str(event["UID"]): event for event in calendar.events}


def uid(meeting) -> str:
    return f"{meeting.uuid}@consult"


def feed_urls(world) -> list[str]:
    return [
        "/feeds/all.ics",
        "/feeds/organ/standing.ics",
        f"/feeds/member/{world.alice.feed_token}.ics",
        f"/meetings/{world.sitting.id}.ics",
    ]


def test_every_feed_is_text_calendar_with_validators(client, world):
    for url in feed_urls(world):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response.headers["Content-Type"] == "text/calendar; charset=utf-8"
        etag, weak = response.get_etag()
        assert etag and not weak, url
        assert response.last_modified is not None
        assert response.data.startswith(b"BEGIN:VCALENDAR\r\n")


def test_all_feed_lists_published_sittings_with_their_content(client, world):
    events = events_of(client.get("/feeds/all.ics"))
    assert set(events) == {uid(world.sitting), uid(world.chair_sitting)}
    event = events[uid(world.sitting)]
    assert str(event["SUMMARY"]) == "区政协八届十二次常委会议：加强我区科技企业创新能力建设"
    assert str(event["LOCATION"]) == "区政协三楼会议室"
    assert event["SEQUENCE"] == 0
    assert event["STATUS"] == "CONFIRMED"
    assert event.start == datetime(2030, 3, 4, 6, 30, tzinfo=UTC)
    assert event.start.tzinfo.key == "Asia/Shanghai"
    assert event["DTSTAMP"].dt == world.sitting.updated_at.replace(microsecond=0)
    assert event["CREATED"].dt == world.sitting.created_at.replace(microsecond=0)
    assert event["URL"] == f"http://consult.test/meetings/{world.sitting.id}"
    description = str(event["DESCRIPTION"])
    assert "1. 听取区科技局情况通报\n2. 委员协商发言" in description
    assert "主持：王芳" in description
    assert f"http://consult.test/meetings/{world.sitting.id}" in description
    assert [str(c) for c in event.categories] == ["常务委员会", "专题协商"]


def test_organ_feed_has_only_that_organ(client, world):
    assert set(events_of(client.get("/feeds/organ/standing.ics"))) == {uid(world.sitting)}
    assert set(events_of(client.get("/feeds/organ/chair.ics"))) == {uid(world.chair_sitting)}
    assert client.get("/feeds/organ/nobody.ics").status_code == 404


def test_member_feed_never_shows_other_members_sittings_or_drafts(client, world):
    alice = events_of(client.get(f"/feeds/member/{world.alice.feed_token}.ics"))
    bob = events_of(client.get(f"/feeds/member/{world.bob.feed_token}.ics"))
    assert set(alice) == {uid(world.sitting)}
    assert set(bob) == {uid(world.chair_sitting)}


def test_drafts_never_appear(client, world, auth):
    for url in feed_urls(world)[:3]:
        assert uid(world.draft) not in events_of(client.get(url)), url
    assert client.get(f"/meetings/{world.draft.id}.ics").status_code == 404
    auth.login()
    for url in feed_urls(world)[:3]:
        assert uid(world.draft) not in events_of(client.get(url)), url
    staff_copy = client.get(f"/meetings/{world.draft.id}.ics")
    assert staff_copy.status_code == 200
    assert staff_copy.headers["Cache-Control"].startswith("private")
    assert events_of(staff_copy)[uid(world.draft)]["STATUS"] == "TENTATIVE"


def test_single_sitting_download(client, world):
    response = client.get(f"/meetings/{world.sitting.id}.ics")
    assert set(events_of(response)) == {uid(world.sitting)}
    assert response.headers["Content-Disposition"] == f'attachment; filename="sitting-{world.sitting.id}.ics"'
    assert client.get("/meetings/999999.ics").status_code == 404


def test_cache_control_public_and_private(client, world):
    for url in feed_urls(world):
        control = client.get(url).headers["Cache-Control"]
        expected = "private" if "/member/" in url else "public"
        assert control.split(",")[0] == expected, url
    member = client.get(f"/feeds/member/{world.alice.feed_token}.ics")
    assert member.headers["Referrer-Policy"] == "no-referrer"


@pytest.mark.parametrize("index", range(4))
def test_if_none_match_answers_304_without_building(client, world, count_statements, monkeypatch, index):
    url = feed_urls(world)[index]
    first = client.get(url)
    etag = first.headers["ETag"]
    feed_store(client.application).clear()

    def no_build(*args, **kwargs):
        raise AssertionError("the calendar was built for a conditional request")

    monkeypatch.setattr("consult.feeds.ics_views.build_calendar", no_build)
    monkeypatch.setattr("consult.feeds.ics_views.feed_events", no_build)
    with count_statements() as statements:
        again = client.get(url, headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.data == b""
    assert again.headers["ETag"] == etag
    assert statements() == 1


def test_if_modified_since_answers_304(client, world, monkeypatch):
    first = client.get("/feeds/all.ics")
    monkeypatch.setattr("consult.feeds.ics_views.build_calendar", lambda *a: pytest.fail("built"))
    feed_store(client.application).clear()
    again = client.get("/feeds/all.ics", headers={"If-Modified-Since": first.headers["Last-Modified"]})
    assert again.status_code == 304
    earlier = http_date(first.last_modified - timedelta(seconds=1))
    monkeypatch.undo()
    assert client.get("/feeds/all.ics", headers={"If-Modified-Since": earlier}).status_code == 200


def test_stale_validators_get_the_new_feed_after_a_change(client, world):
    first = client.get("/feeds/all.ics")
    world.sitting.location = "区行政中心二号会议室"
    world.sitting.revision += 1
    db.session.commit()
    response = client.get(
        "/feeds/all.ics",
        headers={"If-None-Match": first.headers["ETag"], "If-Modified-Since": first.headers["Last-Modified"]},
    )
    assert response.status_code == 200
    assert response.headers["ETag"] != first.headers["ETag"]
    event = events_of(response)[uid(world.sitting)]
    assert str(event["LOCATION"]) == "区行政中心二号会议室"
    assert event["SEQUENCE"] == 1


def test_head_has_the_headers_and_no_body(client, world):
    get = client.get("/feeds/all.ics")
    head = client.head("/feeds/all.ics")
    assert head.status_code == 200
    assert head.data == b""
    assert head.headers["ETag"] == get.headers["ETag"]
    assert head.headers["Content-Type"] == "text/calendar; charset=utf-8"
    assert int(head.headers["Content-Length"]) == len(get.data)
    assert client.head("/feeds/all.ics", headers={"If-None-Match": get.headers["ETag"]}).status_code == 304


def test_repeated_get_is_served_from_memory_with_the_same_bytes(client, world, monkeypatch):
    first = client.get("/feeds/organ/standing.ics")
    monkeypatch.setattr("consult.feeds.ics_views.build_calendar", lambda *a: pytest.fail("built twice"))
    again = client.get("/feeds/organ/standing.ics")
    assert again.data == first.data
    assert again.headers["ETag"] == first.headers["ETag"]


def test_bytes_stay_the_same_when_only_time_passes(client, world, clock):
    first = client.get("/feeds/all.ics")
    feed_store(client.application).clear()
    clock.now += timedelta(days=3)
    again = client.get("/feeds/all.ics")
    assert again.data == first.data
    assert again.headers["ETag"] == first.headers["ETag"]


def test_public_url_setting_is_used_for_links(app, client, world):
    app.config["CONSULT_PUBLIC_URL"] = "https://zx.example.gov.cn/"
    event = events_of(client.get("/feeds/all.ics"))[uid(world.sitting)]
    assert event["URL"] == f"https://zx.example.gov.cn/meetings/{world.sitting.id}"


def test_token_rotation_makes_the_old_feed_404(client, world, auth):
    old = world.alice.feed_token
    etag = client.get(f"/feeds/member/{old}.ics").headers["ETag"]
    auth.login()
    # A post that does not come from the confirmation page leads there and changes nothing.
    unconfirmed = client.post(f"/members/{world.alice.id}/feed-token", data={"next": "/members"})
    assert unconfirmed.headers["Location"].endswith(f"/members/{world.alice.id}/feed-token/confirm")
    db.session.refresh(world.alice)
    assert world.alice.feed_token == old
    response = client.post(f"/members/{world.alice.id}/feed-token", data={"next": "/members", "confirmed": "1"})
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/members")
    db.session.refresh(world.alice)
    assert world.alice.feed_token != old
    assert len(world.alice.feed_token) >= 22  # at least 128 bits, URL-safe
    assert world.alice.feed_token_rotated_at is not None
    assert client.get(f"/feeds/member/{old}.ics").status_code == 404
    assert client.get(f"/feeds/member/{old}.ics", headers={"If-None-Match": etag}).status_code == 404
    fresh = client.get(f"/feeds/member/{world.alice.feed_token}.ics")
    assert set(events_of(fresh)) == {uid(world.sitting)}


def test_only_staff_rotate_other_members_tokens(client, world):
    old = world.alice.feed_token
    response = client.post(f"/members/{world.alice.id}/feed-token")
    assert response.status_code == 302 and "/login" in response.headers["Location"]
    db.session.refresh(world.alice)
    assert world.alice.feed_token == old


def test_rotation_refuses_a_foreign_next(client, world, auth):
    auth.login()
    response = client.post(
        f"/members/{world.alice.id}/feed-token", data={"next": "https://evil.example/", "confirmed": "1"}
    )
    assert "evil" not in response.headers["Location"]


def cancel(meeting) -> None:
    """What the meetings service does on cancel: status, reason, and a raised revision."""
    meeting.status = "cancelled"
    meeting.cancel_reason = "与区人大常委会会议时间冲突"
    meeting.revision += 1
    db.session.commit()


def test_cancelled_sitting_stays_marked_for_30_days_then_leaves(client, world, clock):
    before = events_of(client.get("/feeds/all.ics"))[uid(world.sitting)]
    cancel(world.sitting)
    for url in feed_urls(world):
        event = events_of(client.get(url))[uid(world.sitting)]
        assert event["STATUS"] == "CANCELLED", url
        assert event["SEQUENCE"] > before["SEQUENCE"], url
        assert str(event["SUMMARY"]).startswith("【已取消】区政协八届十二次常委会议："), url
        assert "取消原因：与区人大常委会会议时间冲突" in str(event["DESCRIPTION"])

    # The sitting was on 4 March (Shanghai): kept through 3 April, gone from 4 April 00:00 local time.
    clock.now = datetime(2030, 4, 3, 15, 59, tzinfo=UTC)
    kept = client.get("/feeds/all.ics")
    assert uid(world.sitting) in events_of(kept)
    clock.now = datetime(2030, 4, 3, 16, 0, tzinfo=UTC)
    gone = client.get("/feeds/all.ics", headers={"If-None-Match": kept.headers["ETag"]})
    assert gone.status_code == 200
    assert uid(world.sitting) not in events_of(gone)
    assert uid(world.chair_sitting) in events_of(gone)
    assert gone.last_modified == datetime(2030, 4, 3, 16, 0, tzinfo=UTC)
    assert client.get("/feeds/all.ics", headers={"If-Modified-Since": kept.headers["Last-Modified"]}).status_code == 200
    for url in feed_urls(world)[1:3]:
        assert uid(world.sitting) not in events_of(client.get(url)), url
    # The single download still answers: a cancelled sitting's own page links to it.
    assert events_of(client.get(f"/meetings/{world.sitting.id}.ics"))[uid(world.sitting)]["STATUS"] == "CANCELLED"


def test_edit_raises_sequence_and_last_modified(client, world, clock):
    before = events_of(client.get(f"/feeds/member/{world.alice.feed_token}.ics"))[uid(world.sitting)]
    world.sitting.starts_at += timedelta(hours=1)
    world.sitting.ends_at += timedelta(hours=1)
    world.sitting.revision += 1
    db.session.commit()
    after = events_of(client.get(f"/feeds/member/{world.alice.feed_token}.ics"))[uid(world.sitting)]
    assert after["SEQUENCE"] == before["SEQUENCE"] + 1
    assert after["LAST-MODIFIED"].dt >= before["LAST-MODIFIED"].dt
    assert after.start == datetime(2030, 3, 4, 7, 30, tzinfo=UTC)
    assert str(after["UID"]) == str(before["UID"])


def test_a_new_invitation_reaches_the_member_feed(client, world):
    url = f"/feeds/member/{world.alice.feed_token}.ics"
    etag = client.get(url).headers["ETag"]
    world.chair_sitting.invitations.append(factories.Invitation(member=world.alice))
    db.session.commit()
    response = client.get(url, headers={"If-None-Match": etag})
    assert response.status_code == 200
    assert set(events_of(response)) == {uid(world.sitting), uid(world.chair_sitting)}


@pytest.mark.parametrize(("status", "now", "listed"), LISTED_CASES)
def test_the_feeds_sql_agrees_with_the_listing_rule(app, clock, status, now, listed):
    """feeds.window.is_listed states the rule; the SQL of the feeds must select exactly the same sittings."""
    factories.committee()
    sitting = factories.meeting(title="规则", starts_at=CANCELLED_START, status=status)
    db.session.commit()
    clock.now = now
    ids = set(db.session.scalars(select(Meeting.id).where(listed_filter(cancelled_cutoff(now, SHANGHAI)))))
    assert (sitting.id in ids) is listed is is_listed(status, CANCELLED_START, now, SHANGHAI)
