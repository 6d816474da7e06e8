"""Every feed read by independent parsers, as real clients read them: ical.js (Thunderbird) and vobject."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import vobject

from consult.extensions import db
from tests import factories

AWKWARD_TITLE = (
    '逗号,分号;反斜杠\\冒号:引号"换行\n第二行😀🇨🇳'
    + "加强我区科技企业创新能力建设推动高质量发展听取和讨论区政府关于经济运行和财政收支情况的通报" * 2
)


def feeds(world) -> list[str]:
    return [
        "/feeds/all.ics",
        "/feeds/organ/standing.ics",
        "/feeds/organ/chair.ics",
        f"/feeds/member/{world.alice.feed_token}.ics",
        f"/feeds/member/{world.bob.feed_token}.ics",
        f"/meetings/{world.sitting.id}.ics",
    ]


def by_uid(parsed: dict) -> dict[str, dict]:
    return {event["uid"]: event for event in parsed["events"]}


def test_every_feed_parses_in_icaljs_with_exact_instants(client, world, icaljs):
    for url in feeds(world):
        parsed = icaljs(client.get(url).data)
        assert parsed["version"] == "2.0", url
        assert parsed["method"] == "PUBLISH", url
        assert parsed["x_wr_timezone"] == "Asia/Shanghai", url
        if url.startswith("/feeds/"):
            assert parsed["refresh_interval"] == "PT1H", url
            assert parsed["refresh_interval_type"] == "duration", url
        else:  # a file imported once: Xiaomi's importer refuses one with REFRESH-INTERVAL
            assert parsed["refresh_interval"] is None, url
        assert parsed["timezones"] == ["Asia/Shanghai"], url
        assert parsed["name"] == parsed["x_wr_calname"] and parsed["name"], url
        for event in parsed["events"]:
            assert event["start_zone"] == "Asia/Shanghai", (url, event)  # not floating
            assert event["dtstamp"] and event["created"] and event["last_modified"], url
    sitting = by_uid(icaljs(client.get("/feeds/all.ics").data))[f"{world.sitting.uuid}@consult"]
    # 14:30 to 16:30 in Asia/Shanghai is 06:30Z to 08:30Z.
    assert (sitting["start"], sitting["end"]) == ("2030-03-04T06:30:00Z", "2030-03-04T08:30:00Z")
    assert sitting["sequence"] == 0
    assert sitting["status"] == "CONFIRMED"
    assert sitting["categories"] == ["常务委员会", "专题协商"]
    assert sitting["summary"] == "区政协八届十二次常委会议：加强我区科技企业创新能力建设"
    chair = by_uid(icaljs(client.get(f"/feeds/member/{world.bob.feed_token}.ics").data))
    assert list(chair) == [f"{world.chair_sitting.uuid}@consult"]
    assert chair[f"{world.chair_sitting.uuid}@consult"]["start"] == "2030-03-05T01:00:00Z"


def test_every_feed_validates_in_vobject(client, world):
    for url in feeds(world):
        calendar = vobject.readOne(client.get(url).data.decode("utf-8"))
        calendar.validate(raiseException=True)
        for event in getattr(calendar, "vevent_list", []):
            assert event.dtstamp.value.tzinfo is not None, url
            assert event.dtstart.value.astimezone(UTC).tzinfo is not None


def test_sequence_rises_after_edit_and_cancel_in_icaljs(client, world, icaljs):
    key = f"{world.sitting.uuid}@consult"
    url = f"/feeds/member/{world.alice.feed_token}.ics"
    assert by_uid(icaljs(client.get(url).data))[key]["sequence"] == 0
    world.sitting.starts_at += timedelta(days=1)
    world.sitting.ends_at += timedelta(days=1)
    world.sitting.revision += 1
    db.session.commit()
    moved = by_uid(icaljs(client.get(url).data))[key]
    assert moved["sequence"] == 1
    assert moved["start"] == "2030-03-05T06:30:00Z"
    world.sitting.status = "cancelled"
    world.sitting.revision += 1
    db.session.commit()
    cancelled = by_uid(icaljs(client.get(url).data))[key]
    assert cancelled["sequence"] == 2
    assert cancelled["status"] == "CANCELLED"
    assert cancelled["summary"].startswith("【已取消】")


def test_awkward_text_round_trips_in_both_parsers(client, world, icaljs):
    organ = factories.organ("special_committee", "经济委员会,科技;组", slug="economy")
    awkward = factories.meeting(
        organ,
        title=AWKWARD_TITLE + "\x1b\x0b\x7f",  # PostgreSQL refuses \x00 in text; the pure tests cover it
        location="三楼\\会议室; 东侧,北门",
        starts_at=datetime(2030, 6, 1, 0, 0, tzinfo=UTC),
        consultation_form="counterpart",
        topics=["议题一：a,b;c\\d", "议题二😀"],
    )
    db.session.commit()
    body = client.get("/feeds/organ/economy.ics").data
    [event] = icaljs(body)["events"]
    assert event["summary"] == f"区政协经济委员会,科技;组：{AWKWARD_TITLE}"  # whose sitting it is, on a phone
    assert event["location"] == "三楼\\会议室; 东侧,北门"
    assert event["description"].startswith(
        "议程：\n1. 议题一：a,b;c\\d\n2. 议题二😀\n因故不能参加者，请于5月30日前向区政协办公室请假。\n会议页面："
    )
    assert event["categories"] == ["经济委员会,科技;组", "对口协商"]
    assert event["start"] == "2030-06-01T00:00:00Z"
    card = vobject.readOne(body.decode())
    card.validate(raiseException=True)
    assert card.vevent.summary.value == f"区政协经济委员会,科技;组：{AWKWARD_TITLE}"
    assert card.vevent.location.value == "三楼\\会议室; 东侧,北门"
    assert awkward.title.endswith("\x7f")  # stored as typed; only the feed drops what it cannot carry
    assert b"\x1b" not in body and b"\x0b" not in body and b"\x7f" not in body


def test_member_reminder_is_a_valarm_in_icaljs(client, world, icaljs):
    world.alice.feed_reminder = "2h"
    cancelled = factories.meeting(world.standing, title="已取消的会议", status="cancelled", invitees=[world.alice],
                                  cancel_reason="时间冲突")
    db.session.commit()
    events = by_uid(icaljs(client.get(f"/feeds/member/{world.alice.feed_token}.ics").data))
    [alarm] = events[f"{world.sitting.uuid}@consult"]["alarms"]
    assert alarm == {
        "action": "DISPLAY",
        "description": "提醒：区政协八届十二次常委会议：加强我区科技企业创新能力建设",
        "trigger": "-PT2H",
        "trigger_type": "duration",
    }
    assert events[f"{cancelled.uuid}@consult"]["alarms"] == []  # a cancelled sitting does not remind
    download = by_uid(icaljs(client.get(f"/feeds/download/member/{world.alice.feed_token}.ics").data))
    assert download[f"{world.sitting.uuid}@consult"]["alarms"][0]["trigger"] == "-PT2H"
    for url in ("/feeds/all.ics", f"/feeds/member/{world.bob.feed_token}.ics"):
        assert all(event["alarms"] == [] for event in icaljs(client.get(url).data)["events"]), url
    vobject.readOne(client.get(f"/feeds/member/{world.alice.feed_token}.ics").data.decode()).validate(
        raiseException=True
    )
