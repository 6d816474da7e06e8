"""Both languages are complete, and dates read the way each language writes them."""

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from consult.i18n import format_local, format_month, format_period

ROOT = Path(__file__).resolve().parent.parent
# Babel reads zh_CN as zh_Hans_CN, and Flask-Babel looks the catalogue up under that name.
CATALOG_DIRS = {"zh_CN": "zh_Hans_CN"}
KEYWORDS = {
    "_": None, "N_": None, "_l": None, "gettext": None, "lazy_gettext": None,
    "ngettext": (1, 2), "lazy_ngettext": (1, 2),
}


def _source_messages() -> set[str]:
    """Return every msgid used in the code and the templates."""
    method_map = [("consult/**.py", "python"), ("templates/**.html", "jinja2")]
    found = set()
    for _filename, _lineno, message, _comments, _context in extract_from_dir(
        str(ROOT), method_map=method_map, keywords=KEYWORDS
    ):
        found.add(message[0] if isinstance(message, tuple) else message)
    return found


@pytest.mark.parametrize("locale", ["zh_CN"])
def test_every_message_is_translated(locale):
    with open(ROOT / "consult" / "translations" / CATALOG_DIRS[locale] / "LC_MESSAGES" / "messages.po", "rb") as f:
        catalog = read_po(f, locale=locale)
    missing = sorted(
        msgid
        for msgid in _source_messages()
        if (message := catalog.get(msgid)) is None
        or message.fuzzy
        or not (message.string if isinstance(message.string, str) else all(message.string))
    )
    assert missing == [], f"{len(missing)} messages lack a {locale} translation (make extract-messages): {missing[:20]}"


@pytest.mark.parametrize(
    ("locale", "style", "expected"),
    [
        ("zh_CN", "datetime", "2014年2月19日 星期三 14:30"),
        ("zh_CN", "date", "2014年2月19日 星期三"),
        ("zh_CN", "time", "14:30"),
        ("zh_CN", "month", "2014年2月"),
        ("en", "datetime", "Wed 19 Feb 2014, 14:30"),
        ("en", "date", "Wed 19 Feb 2014"),
    ],
)
def test_dates_in_each_language(locale, style, expected):
    sitting = datetime(2014, 2, 19, 6, 30, tzinfo=UTC)  # 14:30 in Asia/Shanghai
    assert format_local(sitting, style, "Asia/Shanghai", locale) == expected


def test_pages_speak_chinese_by_default_and_english_on_request(client):
    page = client.get("/login").get_data(as_text=True)
    assert 'lang="zh-CN"' in page and "工作人员登录" in page
    client.get("/lang/en")
    page = client.get("/login").get_data(as_text=True)
    assert 'lang="en"' in page and "Staff login" in page and "工作人员登录" not in page


def test_month_headings():
    assert format_month(date(2026, 11, 26), "zh_CN") == "2026年11月"
    assert format_month(date(2026, 11, 26), "en") == "November 2026"


def test_period_on_one_day_and_across_days():
    start = datetime(2014, 2, 19, 6, 30, tzinfo=UTC)
    same_day = format_period(start, datetime(2014, 2, 19, 8, 30, tzinfo=UTC), "Asia/Shanghai", "zh_CN")
    assert same_day == "2014年2月19日 星期三 14:30–16:30"
    two_days = format_period(start, datetime(2014, 2, 20, 8, 30, tzinfo=UTC), "Asia/Shanghai", "zh_CN")
    assert two_days == "2014年2月19日 星期三 14:30 – 2014年2月20日 星期四 16:30"


def test_a_date_inside_a_sentence_has_no_weekday():
    moment = datetime(2026, 2, 26, 2, 0, tzinfo=UTC)
    assert format_local(moment, "plain_date", "Asia/Shanghai", "zh_CN") == "2026年2月26日"
    assert format_local(moment, "date", "Asia/Shanghai", "zh_CN") == "2026年2月26日 星期四"
    assert format_local(moment, "plain_date", "Asia/Shanghai", "en") == "26 Feb 2026"


def test_templates_follow_the_locale_even_when_it_changes_within_a_request(app):
    from flask import render_template_string
    from flask_babel import force_locale

    from consult.i18n import current_locale

    page = "{{ _('Staff login') }}|{{ current_locale }}"
    with app.test_request_context("/"):
        assert render_template_string(page) == "工作人员登录|zh_CN"
        with force_locale("en"):
            assert render_template_string(page) == "Staff login|en"
            assert current_locale() == "en"
        assert render_template_string(page) == "工作人员登录|zh_CN"
        assert current_locale() == "zh_CN"


def test_a_fixed_fragment_is_rendered_once_per_language_and_values(app, monkeypatch):
    from flask_babel import force_locale

    from consult import i18n

    monkeypatch.setattr(i18n, "_FRAGMENTS", {})
    rendered = []
    get_template = app.jinja_env.get_template
    monkeypatch.setattr(app.jinja_env, "get_template",
                        lambda name, *args, **kwargs: rendered.append(name) or get_template(name, *args, **kwargs))
    steps = "feeds/_subscribe_steps.html"
    with app.test_request_context("/"):
        iphone = i18n.fixed_fragment(steps, system="ios", brand="")
        assert i18n.fixed_fragment(steps, brand="", system="ios") is iphone
        huawei = i18n.fixed_fragment(steps, system="android", brand="huawei")
        with force_locale("en"):
            english = i18n.fixed_fragment(steps, system="ios", brand="")
        assert i18n.fixed_fragment(steps, system="ios", brand="") is iphone
    assert rendered == [steps] * 3
    assert "各类手机和软件的订阅方法" in iphone and "How to subscribe, phone by phone" in english
    for fragment, phone in ((iphone, "iPhone"), (huawei, "华为")):  # one section open: the reader's phone
        assert fragment.count("<details open>") == 1
        assert phone in fragment.split("<details open>")[1].split("</summary>")[0]
