"""Locale selection and the date formats of both languages.

zh_CN is the default; a person's choice (/lang/<code>) is kept in the session.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from functools import lru_cache
from zoneinfo import ZoneInfo

from babel import Locale
from babel.dates import DateTimePattern, parse_pattern
from flask import Flask, current_app, g, session
from flask_babel import get_locale, get_translations
from markupsafe import Markup

from consult.committee import clock, get_committee

# Patterns per locale. zh_CN follows how offices write it: 2014年2月19日 星期三 14:30.
PATTERNS = {
    "zh_CN": {
        "datetime": "y年M月d日 EEEE HH:mm",
        "date": "y年M月d日 EEEE",
        # A date inside a sentence, without its weekday: 自2026年2月26日起公开.
        "plain_date": "y年M月d日",
        "short_date": "M月d日",
        # A day of the month calendar's list (phones): 12月16日 星期三.
        "day": "M月d日 EEEE",
        "month": "y年M月",
        "time": "HH:mm",
    },
    "en": {
        "datetime": "EEE d MMM y, HH:mm",
        "date": "EEE d MMM y",
        "plain_date": "d MMM y",
        "short_date": "d MMM",
        "day": "EEEE d MMMM",
        "month": "MMMM y",
        "time": "HH:mm",
    },
}


@lru_cache(maxsize=64)
def _compiled(style: str, locale: str) -> tuple[DateTimePattern, Locale]:
    """Return the parsed Babel pattern of `style` in `locale` and the parsed Locale.

    Parsing the locale name is what made babel's format_datetime slow (~0.3 ms a call); both are
    immutable, so they are parsed once per process. Raises KeyError for an unknown style.
    """
    patterns = PATTERNS.get(locale) or PATTERNS["en"]
    return parse_pattern(patterns[style]), Locale.parse(locale)


def format_local(value: datetime | None, style: str, time_zone: str, locale: str) -> str:
    """Return `value` (an aware datetime) shown in `time_zone` in the given style and locale.

    Styles: datetime, date, short_date, month, time. None gives an empty string.
    """
    if value is None:
        return ""
    pattern, parsed_locale = _compiled(style, locale)
    return pattern.apply(value.astimezone(ZoneInfo(time_zone)), parsed_locale)


def format_plain_day(day: date, locale: str) -> str:
    """Return a calendar date as a sentence writes it: 2026年5月3日, 3 May 2026."""
    pattern, parsed_locale = _compiled("plain_date", locale)
    return pattern.apply(day, parsed_locale)


def format_period(start: datetime, end: datetime, time_zone: str, locale: str) -> str:
    """Return a sitting's period: one date and two times when it ends the same day, else two dates."""
    zone = ZoneInfo(time_zone)
    if start.astimezone(zone).date() == end.astimezone(zone).date():
        return (
            f"{format_local(start, 'datetime', time_zone, locale)}–{format_local(end, 'time', time_zone, locale)}"
        )
    return f"{format_local(start, 'datetime', time_zone, locale)} – {format_local(end, 'datetime', time_zone, locale)}"


def format_month(day: date, locale: str) -> str:
    """Return the month of `day` as a heading: 2026年11月, or November 2026."""
    return format_local(datetime(day.year, day.month, 1, 12, tzinfo=UTC), "month", "UTC", locale)


def format_day(day: date, locale: str) -> str:
    """Return `day` with its weekday, as a heading in the month's list of days: 12月16日 星期三."""
    return format_local(datetime(day.year, day.month, day.day, 12, tzinfo=UTC), "day", "UTC", locale)


def select_locale() -> str:
    """Return the locale for this request: the one chosen in the session, else zh_CN."""
    chosen = session.get("lang")
    if chosen in current_app.config["LANGUAGES"]:
        return chosen
    return current_app.config["BABEL_DEFAULT_LOCALE"]


def select_timezone() -> str:
    """Return the committee's time zone, in which every time is shown."""
    return clock.zone_name()


def current_locale() -> str:
    """Return the active locale as one of LANGUAGES, e.g. zh_CN.

    Babel parses zh_CN into zh_Hans_CN, so the match is made on the language alone.
    """
    return _per_locale("consult_locale_code", _locale_code)


def _locale_code() -> str:
    locale = get_locale()
    if locale is not None:
        for code in current_app.config["LANGUAGES"]:
            if code.split("_")[0] == locale.language:
                return code
    return current_app.config["BABEL_DEFAULT_LOCALE"]


def request_translations():
    """Return the gettext catalogue of the request's locale: what flask_babel.get_translations returns."""
    return _per_locale("consult_translations", get_translations)


def _per_locale(name: str, compute):
    """Return compute(), remembered on the request's Flask-Babel state under `name` beside the locale it was
    computed for, and computed again whenever that locale is another object (force_locale, refresh, the first
    call of the request). Flask-Babel's own answer walks `flask.g` some ten times and formats the locale's name:
    a page calls gettext and the date filters a hundred times, and that was a tenth of its work."""
    state = g.get("_flask_babel") if g else None
    if state is not None:
        memo = getattr(state, name, None)
        if memo is not None and memo[0] is getattr(state, "babel_locale", None):
            return memo[1]
    value = compute()
    state = g.get("_flask_babel") if g else None
    locale = getattr(state, "babel_locale", None)
    if locale is not None:
        setattr(state, name, (locale, value))
    return value


# Zones that keep China Standard Time: shown to people as 北京时间, not as a zone id.
BEIJING_TIME_ZONES = frozenset({"Asia/Shanghai", "Asia/Chongqing", "Asia/Chungking", "Asia/Harbin", "PRC"})


def zone_label(time_zone: str):
    """Return how people call the committee's zone: "Beijing time" (北京时间) for China Standard Time,
    otherwise "the committee's time zone (<zone id>)". A lazy string, translated when shown."""
    from flask_babel import lazy_gettext as _l

    if time_zone in BEIJING_TIME_ZONES:
        return _l("Beijing time")
    return _l("the committee's time zone (%(zone)s)", zone=time_zone)


# Fragments rendered once per process (fixed_fragment): (template name, locale, values) → the Markup.
_FRAGMENTS: dict[tuple, Markup] = {}
FRAGMENTS_MAX = 256  # a few templates × two locales × a handful of values each; beyond this, start again


def fixed_fragment(name: str, **values) -> Markup:
    """Return the template `name` rendered with `values` (hashable), once per locale and values in this process:
    for text that depends on nothing else — no request, no data, no link — such as the numbered subscribe steps
    of every phone, some forty sentences. The template sees `values` and gettext only. Rendered anew every time
    while templates are reloaded when they change (development)."""
    env = current_app.jinja_env
    key = (name, current_locale(), tuple(sorted(values.items())))
    fragment = None if env.auto_reload else _FRAGMENTS.get(key)
    if fragment is None:
        fragment = Markup(env.get_template(name).render(**values))
        if len(_FRAGMENTS) >= FRAGMENTS_MAX:
            _FRAGMENTS.clear()
        _FRAGMENTS[key] = fragment
    return fragment


def register_template_helpers(app: Flask) -> None:
    """Add the date filters (local_datetime, local_date, local_time, local_month, period) and fixed_fragment to
    Jinja, and give its gettext the request's catalogue through request_translations (in place of Flask-Babel's,
    which is the same catalogue found anew on every call)."""
    app.jinja_env.install_gettext_callables(
        gettext=lambda s: request_translations().ugettext(s),
        ngettext=lambda s, p, n: request_translations().ungettext(s, p, n),
        pgettext=lambda c, s: request_translations().upgettext(c, s),
        npgettext=lambda c, s, p, n: request_translations().unpgettext(c, s, p, n),
        newstyle=True,
    )

    def _filter(style: str):
        def apply(value: datetime | None) -> str:
            return format_local(value, style, get_committee().time_zone, current_locale())

        return apply

    for style in PATTERNS["en"]:
        app.jinja_env.filters[f"local_{style}"] = _filter(style)
    app.jinja_env.globals["fixed_fragment"] = fixed_fragment

    @app.template_filter("plain_day")
    def plain_day(day: date | None) -> str:
        # A calendar date (a due date, the date of an answer): 2026年5月3日, 3 May 2026; None gives "".
        return format_plain_day(day, current_locale()) if day is not None else ""

    @app.template_global()
    def period(start: datetime, end: datetime) -> Markup:
        # Each word (2026年12月8日, 星期二, 09:00–11:30) is kept whole: a narrow column wraps between them only.
        text = format_period(start, end, get_committee().time_zone, current_locale())
        return Markup(" ").join(Markup('<span class="nowrap">%s</span>') % word for word in text.split(" "))

    @app.template_global("zone_label")
    def committee_zone_label() -> str:
        return str(zone_label(get_committee().time_zone))

    @app.template_global()
    def month_title(day: date) -> str:
        return format_month(day, current_locale())

    @app.template_global()
    def day_title(day: date) -> str:
        return format_day(day, current_locale())

    @app.context_processor
    def inject_locale() -> dict:
        return {"current_locale": current_locale(), "committee": get_committee()}
