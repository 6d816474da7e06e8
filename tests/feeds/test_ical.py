"""The pure iCalendar builder and the cancelled-sitting window: tables of cases, no app."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import icalendar
import pytest
import vobject

from consult.feeds.descriptions import (
    assembly_text,
    attendance_texts,
    contact_text,
    leave_text,
    sitting_description,
)
from consult.feeds.ical import (
    CANCELLED_PREFIX,
    CalendarSettings,
    FeedEvent,
    _event_component,
    _year_range,
    build_calendar,
    calendar_header,
    clean_text,
    consultation_categories,
    event_bytes,
    reminder_alarm,
    summary_for,
)
from consult.feeds.window import cancelled_cutoff, cancelled_leaves_at, is_listed

SHANGHAI = "Asia/Shanghai"
# Everything a TEXT value must carry exactly: commas, semicolons, backslashes, newlines, colons,
# quotes, emoji (4-byte UTF-8), a tab and a Chinese line much longer than the 75-octet fold.
AWKWARD = (
    'a,b;c\\d:e"f\n第二行\t制表😀🇨🇳 '
    + "加强我区科技企业创新能力建设，推动高质量发展；听取和讨论区政府关于经济运行和财政收支情况的通报" * 3
)


def event(**fields) -> FeedEvent:
    values = {
        "uid": "0b6e4f3e-1d2c-4b5a-9e8f-7a6b5c4d3e2f@consult",
        "dtstamp": datetime(2030, 2, 1, 8, 0, 5, 123456, tzinfo=UTC),
        "created": datetime(2030, 1, 15, 1, 0, tzinfo=UTC),
        "last_modified": datetime(2030, 2, 1, 8, 0, 5, tzinfo=UTC),
        "sequence": 2,
        "start": datetime(2030, 3, 4, 6, 30, tzinfo=UTC),
        "end": datetime(2030, 3, 4, 8, 30, tzinfo=UTC),
        "tzid": SHANGHAI,
        "summary": "八届十二次常委会议：专题协商",
        "location": "区政协三楼会议室",
        "description": "议题：专题协商",
        "url": "https://consult.example.cn/meetings/7",
        "categories": ("常务委员会", "专题协商"),
    }
    values.update(fields)
    return FeedEvent(**values)


SETTINGS = CalendarSettings(name="政协崇川区委员会·全部会议", time_zone=SHANGHAI, description="说明")


def parsed(events, settings=SETTINGS) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical(build_calendar(settings, events))


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (None, ""),
        ("", ""),
        ("plain 中文 😀", "plain 中文 😀"),
        ("a\x00b\x01c\x08d", "abcd"),
        ("tab\tkept", "tab\tkept"),
        ("line\nbreak", "line\nbreak"),
        ("windows\r\nbreak", "windows\nbreak"),
        ("old mac\rbreak", "old mac\nbreak"),
        ("vt\x0bff\x0cesc\x1bus\x1fdel\x7f", "vtffescusdel"),
        ("c1\x80\x85\x9fend", "c1end"),
        ("lone\ud800surrogate", "lonesurrogate"),
        ("a,b;c\\d", "a,b;c\\d"),
    ],
)
def test_clean_text(raw, expected):
    assert clean_text(raw) == expected


@pytest.mark.parametrize(
    ("name", "status", "expected"),
    [
        ("八届十二次常委会议：协商", "CONFIRMED", "八届十二次常委会议：协商"),
        ("八届十二次常委会议：协商", "CANCELLED", "【已取消】八届十二次常委会议：协商"),
        ("【已取消】视察", "CANCELLED", "【已取消】视察"),
        ("调研", "TENTATIVE", "调研"),
    ],
)
def test_summary_for(name, status, expected):
    assert summary_for(name, status) == expected


@pytest.mark.parametrize(
    ("organ", "form", "kind", "expected"),
    [
        ("常务委员会", "thematic", "meeting", ("常务委员会", "专题协商")),
        ("经济委员会", "inspection", "inspection", ("经济委员会", "视察")),  # the form and kind say it once
        ("经济委员会", "counterpart", "inspection", ("经济委员会", "对口协商", "视察")),
        ("提案委员会", "none", "research_visit", ("提案委员会", "调研")),
        ("全体委员会议", "general", "meeting", ("全体委员会议", "全会协商")),
        ("工商联界别小组", "sector", "symposium", ("工商联界别小组", "界别协商", "座谈会")),
        ("提案委员会", "follow_up", "appraisal", ("提案委员会", "跟踪督查", "民主评议")),
        ("文史和学习委员会", "none", "study_lecture", ("文史和学习委员会", "学习报告会")),
    ],
)
def test_consultation_categories(organ, form, kind, expected):
    assert consultation_categories(organ, form, kind) == expected


@pytest.mark.parametrize(
    ("args", "kwargs", "expected"),
    [
        ((["一个议题"], "张三", "https://x/m/1"), {}, "议程：一个议题\n主持：张三\n会议页面：https://x/m/1"),
        ((["甲", "乙"], "", ""), {}, "议程：\n1. 甲\n2. 乙"),
        (([], "", "https://x/m/1"), {}, "会议页面：https://x/m/1"),
        (([], "", "", "场地冲突", True), {}, "本次会议已取消。取消原因：场地冲突"),
        ((["甲"], "", "", "", True), {}, "本次会议已取消。\n议程：甲"),
        # 视察 and 调研 are activities: led (带队), and 本次活动
        ((["甲"], "李四", "https://x/m/2", "下雨", True), {"activity": True},
         "本次活动已取消。取消原因：下雨\n议程：甲\n带队：李四\n活动页面：https://x/m/2"),
        (([], "张三", ""), {"postponed": True, "postpone_reason": "工作调整"},
         "本次会议延期举行，时间另行通知，原定时间不再举行。延期原因：工作调整\n主持：张三"),
        (([], "", ""), {"postponed": True, "activity": True}, "本次活动延期举行，时间另行通知，原定时间不再举行。"),
        ((["视察特色园区"], "李四", ""),
         {"activity": True, "assembly": "6月17日8:30，区行政中心北门", "observers": ["区工信局", "区科技局"]},
         "集合：6月17日8:30，区行政中心北门\n议程：视察特色园区\n带队：李四\n列席：区工信局、区科技局"),
        ((["开幕会"], "周林勇", ""), {"guests": ["区委领导", "区政府领导"]},
         "议程：开幕会\n主持：周林勇\n出席：区委领导、区政府领导"),
        # What a 会议通知 holds: who attends, observers, contact and leave, in a notice's order
        ((["协商"], "张三", "https://x/m/3"),
         {"attendance": "常务委员会组成人员25人", "observer_members": "列席委员2人", "observers": ["区科技局"],
          "guests": ["区政府领导"], "contact": "联系人：陈静，电话：0513-85012301",
          "leave": "因故不能参加者，请于3月2日前向联系人陈静请假。"},
         "议程：协商\n主持：张三\n出席范围：常务委员会组成人员25人\n出席：区政府领导\n列席：列席委员2人、区科技局\n"
         "联系人：陈静，电话：0513-85012301\n因故不能参加者，请于3月2日前向联系人陈静请假。\n会议页面：https://x/m/3"),
        # no leave to ask for once cancelled or postponed
        (([], "", "", "", True), {"leave": "因故不能参加者，请于会前向区政协办公室请假。"}, "本次会议已取消。"),
        (([], "", ""), {"postponed": True, "leave": "因故不能参加者，请于会前向区政协办公室请假。"},
         "本次会议延期举行，时间另行通知，原定时间不再举行。"),
    ],
)
def test_sitting_description(args, kwargs, expected):
    assert sitting_description(*args, **kwargs) == expected


def test_calendar_properties_rfc5545_and_rfc7986():
    text = build_calendar(SETTINGS, [event()]).decode()
    for line in (
        "VERSION:2.0",
        "PRODID:-//consult//CPPCC committee sittings//ZH",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "NAME:政协崇川区委员会·全部会议",
        "X-WR-CALNAME:政协崇川区委员会·全部会议",
        "X-WR-TIMEZONE:Asia/Shanghai",
        "REFRESH-INTERVAL;VALUE=DURATION:PT1H",
        "X-PUBLISHED-TTL:PT1H",
        "BEGIN:VTIMEZONE\r\nTZID:Asia/Shanghai",
        "DTSTART;TZID=Asia/Shanghai:20300304T143000",
        "DTEND;TZID=Asia/Shanghai:20300304T163000",
        "DTSTAMP:20300201T080005Z",
        "CREATED:20300115T010000Z",
        "LAST-MODIFIED:20300201T080005Z",
        "SEQUENCE:2",
        "STATUS:CONFIRMED",
        "UID:0b6e4f3e-1d2c-4b5a-9e8f-7a6b5c4d3e2f@consult",
    ):
        assert line in text, line
    assert text.endswith("END:VCALENDAR\r\n")


def test_every_tzid_used_has_a_vtimezone():
    calendar = parsed([event(), event(uid="b@consult", tzid="Asia/Urumqi")])
    assert {tz.tz_name for tz in calendar.timezones} == {"Asia/Shanghai", "Asia/Urumqi"}
    assert calendar.get_missing_tzids() == set()


def test_empty_feed_is_valid_and_keeps_its_zone():
    calendar = parsed([])
    assert calendar.events == []
    assert [tz.tz_name for tz in calendar.timezones] == [SHANGHAI]
    vobject.readOne(build_calendar(SETTINGS, []).decode()).validate(raiseException=True)


def test_bytes_are_stable_between_builds():
    events = [event(), event(uid="other@consult", sequence=0)]
    assert build_calendar(SETTINGS, events) == build_calendar(SETTINGS, list(events))


def test_joined_bytes_equal_icalendars_whole_calendar():
    """build_calendar joins cached pieces; the result must be exactly what icalendar writes at once."""
    from consult.feeds.ical import vtimezone

    events = [
        event(uid=f"{n}@consult", summary=AWKWARD if n == 1 else f"会议{n}", status=status, tzid=tzid)
        for n, (status, tzid) in enumerate(
            [("CONFIRMED", SHANGHAI), ("CANCELLED", SHANGHAI), ("TENTATIVE", "Europe/London")]
        )
    ]
    whole = calendar_header(SETTINGS)
    first, last = _year_range(events)
    for tzid in sorted({SHANGHAI, "Europe/London"}):
        whole.add_component(vtimezone(tzid, first, last))
    for e in events:
        whole.add_component(_event_component(e))
    assert build_calendar(SETTINGS, events) == whole.to_ical()


def test_event_bytes_depend_on_the_instant_not_on_the_zone_it_came_in():
    from zoneinfo import ZoneInfo

    shanghai = ZoneInfo(SHANGHAI)
    in_utc = event()
    in_shanghai = event(
        dtstamp=in_utc.dtstamp.astimezone(shanghai),
        created=in_utc.created.astimezone(shanghai),
        last_modified=in_utc.last_modified.astimezone(shanghai),
        start=in_utc.start.astimezone(shanghai),
    )
    event_bytes.cache_clear()
    assert _event_component(in_shanghai).to_ical() == _event_component(in_utc).to_ical()
    assert event_bytes(in_shanghai) == event_bytes(in_utc)
    changed = event(location="另一个会议室")
    assert event_bytes(changed) != event_bytes(in_utc)  # a changed sitting is another key


def test_cancelled_event_is_marked_for_every_client():
    calendar = parsed([event(status="CANCELLED", sequence=3)])
    [vevent] = calendar.events
    assert vevent["STATUS"] == "CANCELLED"
    assert str(vevent["SUMMARY"]).startswith(CANCELLED_PREFIX)
    assert vevent["SEQUENCE"] == 3
    assert vevent["TRANSP"] == "TRANSPARENT"


def test_unknown_status_is_refused():
    with pytest.raises(ValueError):
        build_calendar(SETTINGS, [event(status="MAYBE")])


def test_text_round_trips_exactly_through_icalendar_and_vobject():
    body = build_calendar(
        SETTINGS, [event(summary=AWKWARD, location=AWKWARD, description=AWKWARD, categories=("常务委员会",))]
    )
    assert max(len(line) for line in body.split(b"\r\n")) <= 75
    body.decode("utf-8")  # folding never splits a character
    [vevent] = icalendar.Calendar.from_ical(body).events
    assert str(vevent["SUMMARY"]) == AWKWARD
    assert str(vevent["LOCATION"]) == AWKWARD
    assert str(vevent["DESCRIPTION"]) == AWKWARD
    card = vobject.readOne(body.decode())
    card.validate(raiseException=True)
    assert card.vevent.summary.value == AWKWARD
    assert card.vevent.description.value == AWKWARD


def test_control_characters_are_never_written():
    dirty = "会议\x00室\x1b[31m\x0b\x7f\x85"
    body = build_calendar(
        CalendarSettings(name="名\x00称", time_zone=SHANGHAI, description="说\x1b明"),
        [event(summary=dirty, location=dirty, description=dirty, categories=(dirty,))],
    )
    assert not any(byte < 0x20 and byte not in (0x0D, 0x0A) or byte == 0x7F for byte in body)
    assert "\x85" not in body.decode()
    [vevent] = icalendar.Calendar.from_ical(body).events
    assert str(vevent["LOCATION"]) == "会议室[31m"


def test_times_are_written_in_the_events_zone_and_mean_the_same_instant():
    summer = event(start=datetime(2030, 7, 1, 1, 0, tzinfo=UTC), end=datetime(2030, 7, 1, 3, tzinfo=UTC))
    [vevent] = parsed([summer]).events
    assert vevent.start.isoformat() == "2030-07-01T09:00:00+08:00"
    assert vevent.start.tzinfo.key == SHANGHAI
    assert vevent.end.astimezone(UTC) == datetime(2030, 7, 1, 3, tzinfo=UTC)


# --- the cancelled-sitting window -------------------------------------------------------------

CANCELLED_START = datetime(2030, 3, 4, 6, 30, tzinfo=UTC)  # 14:30 on 4 March in Shanghai


LISTED_CASES = [
        ("published", datetime(2040, 1, 1, tzinfo=UTC), True),
        ("postponed", datetime(2040, 1, 1, tzinfo=UTC), True),
        ("held", datetime(2040, 1, 1, tzinfo=UTC), True),
        ("draft", datetime(2030, 1, 1, tzinfo=UTC), False),
        ("cancelled", datetime(2030, 1, 1, tzinfo=UTC), True),
        ("cancelled", datetime(2030, 3, 4, 12, tzinfo=UTC), True),
        # 3 April 23:59 in Shanghai is still "30 days after": kept.
        ("cancelled", datetime(2030, 4, 3, 15, 59, tzinfo=UTC), True),
        # 4 April 00:00 in Shanghai (3 April 16:00Z): gone.
        ("cancelled", datetime(2030, 4, 3, 16, 0, tzinfo=UTC), False),
        ("cancelled", datetime(2031, 1, 1, tzinfo=UTC), False),
]


@pytest.mark.parametrize(("status", "now", "listed"), LISTED_CASES)
def test_is_listed(status, now, listed):
    assert is_listed(status, CANCELLED_START, now, SHANGHAI) is listed


def test_cutoff_and_leaving_instant_agree():
    leaves = cancelled_leaves_at(CANCELLED_START, SHANGHAI)
    assert leaves == datetime(2030, 4, 3, 16, 0, tzinfo=UTC)
    assert cancelled_cutoff(leaves - timedelta(microseconds=1), SHANGHAI) <= CANCELLED_START
    assert cancelled_cutoff(leaves, SHANGHAI) > CANCELLED_START


def test_cutoff_needs_an_aware_now():
    with pytest.raises(ValueError):
        cancelled_cutoff(datetime(2030, 1, 1), SHANGHAI)


@pytest.mark.parametrize(
    ("at", "place", "expected"),
    [
        (datetime(2030, 6, 17, 0, 30, tzinfo=UTC), "区行政中心北门", "6月17日 08:30，区行政中心北门"),
        (None, "区行政中心北门", "区行政中心北门"),
        (datetime(2030, 6, 16, 23, 45, tzinfo=UTC), "", "6月17日 07:45"),  # the local day, not UTC's
        (None, "  ", ""),
    ],
)
def test_assembly_text(at, place, expected):
    assert assembly_text(at, place, SHANGHAI) == expected


@pytest.mark.parametrize(
    ("organ_invitees", "others", "expected"),
    [
        (25, 0, ("常务委员会组成人员25人", "")),
        (25, 3, ("常务委员会组成人员25人", "列席委员3人")),
        (0, 4, ("受邀委员4人", "")),
        (0, 0, ("", "")),
    ],
)
def test_attendance_texts(organ_invitees, others, expected):
    assert attendance_texts("常务委员会", organ_invitees, others) == expected


@pytest.mark.parametrize(
    ("name", "phone", "expected"),
    [
        ("陈静", "0513-85012301", "联系人：陈静，电话：0513-85012301"),
        (" 陈静 ", "", "联系人：陈静"),
        ("", "13812345678", "联系电话：13812345678"),
        ("", " ", ""),
    ],
)
def test_contact_text(name, phone, expected):
    assert contact_text(name, phone) == expected


@pytest.mark.parametrize(
    ("start", "days", "contact", "activity", "expected"),
    [
        # 14:30 on 4 March in Shanghai; two days before is 2 March
        (datetime(2030, 3, 4, 6, 30, tzinfo=UTC), 2, "陈静", False, "因故不能参加者，请于3月2日前向联系人陈静请假。"),
        (datetime(2030, 3, 4, 6, 30, tzinfo=UTC), 2, "", False, "因故不能参加者，请于3月2日前向区政协办公室请假。"),
        # 01:00 on 1 March in Shanghai is still 28 February in UTC: the local date counts
        (datetime(2030, 2, 28, 17, 0, tzinfo=UTC), 1, "", False, "因故不能参加者，请于2月28日前向区政协办公室请假。"),
        (datetime(2030, 3, 4, 6, 30, tzinfo=UTC), 0, "", True, "因故不能参加者，请于活动前向区政协办公室请假。"),
        (datetime(2030, 3, 4, 6, 30, tzinfo=UTC), 0, "陈静", False, "因故不能参加者，请于会前向联系人陈静请假。"),
    ],
)
def test_leave_text(start, days, contact, activity, expected):
    assert leave_text(start, SHANGHAI, days, contact, "区政协办公室", activity=activity) == expected


@pytest.mark.parametrize(
    ("before", "trigger"), [(timedelta(days=1), b"TRIGGER:-P1D"), (timedelta(hours=2), b"TRIGGER:-PT2H")]
)
def test_reminder_is_a_display_alarm_on_confirmed_events_only(before, trigger):
    confirmed = event_bytes(event(reminder=before))
    assert b"BEGIN:VALARM\r\nACTION:DISPLAY\r\n" in confirmed and trigger + b"\r\n" in confirmed
    for status in ("CANCELLED", "TENTATIVE"):
        assert b"VALARM" not in event_bytes(event(reminder=before, status=status)), status
    assert b"VALARM" not in event_bytes(event())
    with pytest.raises(ValueError):
        reminder_alarm(timedelta(0), "会议")


def test_a_copy_for_one_off_import_has_no_refresh_interval():
    settings = CalendarSettings(name="区政协·全部会议活动", time_zone=SHANGHAI, refresh=None)
    body = build_calendar(settings, [event()])
    assert b"REFRESH-INTERVAL" not in body and b"X-PUBLISHED-TTL" not in body
    icalendar.Calendar.from_ical(body)
