"""The words of a notice and the SMTP URL: plain functions, tables of cases."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from consult.notices import compose
from consult.notices.services import retry_delay
from consult.notices.transport import SmtpSettings, parse_smtp_url, sender_address

START = datetime(2030, 3, 4, 6, 30, tzinfo=UTC)  # 14:30 in Shanghai, a Monday
END = datetime(2030, 3, 4, 8, 30, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "parts"),
    [("", 0), ("短" * 70, 1), ("短" * 71, 2), ("短" * 134, 2), ("短" * 135, 3), ("😀" * 35, 1), ("😀" * 36, 2)],
)
def test_sms_parts_count_chinese_messages(text, parts):
    assert compose.sms_parts(text) == parts


@pytest.mark.parametrize(
    ("start", "end", "text"),
    [
        (START, END, "3月4日（星期一）14:30—16:30"),
        (START, datetime(2030, 3, 5, 4, 0, tzinfo=UTC), "3月4日（星期一）14:30至3月5日（星期二）12:00"),
    ],
)
def test_when_text(start, end, text):
    assert compose.when_text(start, end, "Asia/Shanghai") == text


def sitting(event: str, **fields) -> compose.NoticeSitting:
    values = {"name": "区政协八届十二次常委会议：专题协商", "start": START, "end": END, "tzid": "Asia/Shanghai",
              "location": "三楼会议室", "committee_name": "政协崇川区委员会"}
    values.update(fields)
    return compose.NoticeSitting(event=event, **values)


@pytest.mark.parametrize(
    ("event", "words"),
    [
        ("published", "定于3月4日（星期一）14:30—16:30在三楼会议室举行"),
        ("rescheduled", "改期至3月4日（星期一）14:30—16:30在三楼会议室举行"),
        ("postponed", "原定3月4日（星期一）14:30—16:30举行，现延期，时间另行通知（原因：场地调整）"),
        ("cancelled", "本次会议取消（原因：场地调整）"),
    ],
)
def test_sms_text_says_what_happened_and_carries_the_link(event, words):
    text = compose.sms_text(sitting(event, reason="场地调整"), "张明", "https://x.cn/my/abc")
    assert text.startswith("张明委员：区政协八届十二次常委会议：专题协商，")
    assert words in text
    assert text.endswith("详情：https://x.cn/my/abc")


def test_mail_subject_and_body():
    notice = sitting("cancelled", details="本次会议已取消。取消原因：场地调整", reason="场地调整")
    assert compose.mail_subject(notice) == "取消通知：区政协八届十二次常委会议：专题协商"
    body = compose.mail_body(notice, "张明", "https://x.cn/my/abc")
    assert body.startswith("张明委员：\n\n")
    assert body.count("场地调整") == 1  # the details give the reason; the lead does not repeat it
    assert "https://x.cn/my/abc" in body and body.rstrip().endswith("政协崇川区委员会")
    with pytest.raises(ValueError):
        compose.lead_sentence(sitting("moved"))


@pytest.mark.parametrize(
    ("url", "settings"),
    [
        ("smtp://user:pass@mail.example.cn:587?starttls=1",
         SmtpSettings("mail.example.cn", 587, "user", "pass", "starttls")),
        ("smtps://office%40example.cn:p%40ss%3Aw@mail.example.cn",
         SmtpSettings("mail.example.cn", 465, "office@example.cn", "p@ss:w", "ssl")),
        ("smtp://127.0.0.1:2525", SmtpSettings("127.0.0.1", 2525)),
        ("smtp://relay", SmtpSettings("relay", 25)),
    ],
)
def test_parse_smtp_url(url, settings):
    assert parse_smtp_url(url) == settings


@pytest.mark.parametrize("url", ["http://mail.example.cn", "smtp://", "mail.example.cn:25"])
def test_parse_smtp_url_refuses_other_urls(url):
    with pytest.raises(ValueError):
        parse_smtp_url(url)


def test_sender_address():
    assert sender_address("smtp://a:b@h", "office@x.cn") == "office@x.cn"
    assert sender_address("smtps://office%40x.cn:pw@h", "") == "office@x.cn"
    assert sender_address("smtp://h:25", "") == "noreply@h"


@pytest.mark.parametrize(
    ("attempts", "seconds"), [(1, 30), (2, 60), (3, 120), (7, 1920), (8, 3600), (40, 3600), (100000, 3600)]
)
def test_retry_delay_doubles_up_to_an_hour(attempts, seconds):
    assert retry_delay(attempts).total_seconds() == seconds
