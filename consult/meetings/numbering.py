"""Meeting numbers in the committee's own style: 区政协八届十二次常委会议, 八届三十一次主席会议.

Pure functions: no Flask, no database.
"""

from __future__ import annotations

import re
from functools import lru_cache

DIGITS = "零一二三四五六七八九"
UNITS = ((1000, "千"), (100, "百"), (10, "十"))


@lru_cache(maxsize=1024)
def chinese_numeral(n: int) -> str:
    """Return `n` (1–9999) in Chinese numerals as used in meeting numbers.

    10 → 十, 12 → 十二, 20 → 二十, 105 → 一百零五, 110 → 一百一十, 1001 → 一千零一.
    Raises ValueError outside 1–9999.
    """
    if not 1 <= n <= 9999:
        raise ValueError(f"meeting numbers run from 1 to 9999, not {n}")
    if 10 <= n < 20:
        return "十" + (DIGITS[n - 10] if n > 10 else "")
    parts: list[str] = []
    rest = n
    pending_zero = False
    for value, unit in UNITS:
        digit, rest = divmod(rest, value)
        if digit:
            if pending_zero:
                parts.append("零")
                pending_zero = False
            parts.append(DIGITS[digit] + unit)
        elif parts:
            pending_zero = True
    if rest:
        if pending_zero:
            parts.append("零")
        parts.append(DIGITS[rest])
    return "".join(parts)


# The organ kinds whose sittings are numbered by default, and the words their short name ends with:
# 区政协八届三次【会议】, 八届十二次【常委会议】, 八届三十六次【主席会议】, 八届五次【秘书长会议】.
# Special committees, street working committees and sector groups are not numbered unless the office
# gives the organ a label of its own; no label is ever made up from an organ's name.
DEFAULT_NUMBER_LABELS = {
    "plenary": "会议",
    "standing_committee": "常委会议",
    "chair_meeting": "主席会议",
    "secretary_general_meeting": "秘书长会议",
}

# The formal name after 政协崇川区第八届委员会, with × for the number:
# 政协崇川区第八届委员会【常务委员会第十五次会议】, …【第三十六次主席会议】, …【第三次会议】.
DEFAULT_FORMAL_LABELS = {
    "plenary": "第×次会议",
    "standing_committee": "常务委员会第×次会议",
    "chair_meeting": "第×次主席会议",
    "secretary_general_meeting": "第×次秘书长会议",
}
NUMBER_MARK = "×"


def number_label(kind: str, custom: str = "") -> str:
    """Return the words a numbered sitting of an organ ends with (常委会议), or "" when the organ's
    sittings are not numbered: the organ's own label, else its kind's default.
    """
    return (custom or "").strip() or DEFAULT_NUMBER_LABELS.get(kind, "")


def formal_label(kind: str, custom_formal: str = "", custom_short: str = "") -> str:
    """Return the formal pattern of an organ's numbered sittings with × for the number
    (常务委员会第×次会议), or "" when they are not numbered.

    The organ's own pattern wins; else its kind's default; else, for an organ the office numbered with
    a label of its own, 第×次 + that label.
    """
    custom_formal = (custom_formal or "").strip()
    if custom_formal:
        return custom_formal if NUMBER_MARK in custom_formal else f"第{NUMBER_MARK}次{custom_formal}"
    if (custom_short or "").strip() and kind not in DEFAULT_FORMAL_LABELS:
        return f"第{NUMBER_MARK}次{custom_short.strip()}"
    return DEFAULT_FORMAL_LABELS.get(kind, "")


def numbered_name(term: int, number: int, label: str) -> str:
    """Return the short numbered name of a sitting: 八届三十一次主席会议."""
    return f"{chinese_numeral(term)}届{chinese_numeral(number)}次{label}"


def sitting_name(term: int | None, number: int | None, label: str, title: str, prefix: str = "") -> str:
    """Return what lists and calendars show of a sitting: 区政协八届十二次常委会议：title with `prefix`
    区政协, 八届十二次常委会议：title without, or the title alone for a sitting without a number.
    """
    if term and number and label:
        return f"{prefix}{numbered_name(term, number, label)}：{title}"
    return title


def short_numbered_name(prefix: str, term: int | None, number: int | None, label: str) -> str:
    """Return the numbered name with the committee's short name first (区政协八届十二次常委会议), or ""."""
    if term and number and label:
        return f"{prefix}{numbered_name(term, number, label)}"
    return ""


def formal_numbered_name(
    formal_prefix: str, term: int | None, number: int | None, pattern: str, formal_suffix: str = "委员会"
) -> str:
    """Return the formal name of a numbered sitting, the term inside the committee's name:
    政协崇川区 + 第八届 + 委员会 + 常务委员会第十五次会议. Returns "" for a sitting without a number.
    """
    if not (term and number and pattern):
        return ""
    body = pattern.replace(NUMBER_MARK, chinese_numeral(number), 1)
    return f"{formal_prefix}第{chinese_numeral(term)}届{formal_suffix}{body}"


def numbers_in_date_order(sittings: list[tuple[int, object]], first: int) -> dict[int, int]:
    """Return {sitting id: number} giving `first`, `first` + 1, … to sittings in the order of their
    sort keys (start time, then id): the gap-free numbering of one organ's term.

    `sittings` holds (id, sort key) pairs.
    """
    ordered = sorted(sittings, key=lambda pair: (pair[1], pair[0]))
    return {sitting_id: first + offset for offset, (sitting_id, _) in enumerate(ordered)}


def out_of_date_order(number: int, starts_at, others: list[tuple[int, object]]) -> list[int]:
    """Return the numbers of `others` ((number, start) pairs of the same organ and term) that break
    date order with a sitting numbered `number` starting at `starts_at`: lower numbers starting later,
    or higher numbers starting earlier. Empty when the order holds.
    """
    return sorted(
        other
        for other, other_start in others
        if (other < number and other_start > starts_at) or (other > number and other_start < starts_at)
    )


_NUMERAL = r"([零〇一二三四五六七八九十百千]+|\d{1,4})"
_TERM_IN_TEXT = re.compile(r"第?" + _NUMERAL + "届")
_NUMBER_IN_TEXT = re.compile(r"第?" + _NUMERAL + "次")


@lru_cache(maxsize=1)
def _numeral_values() -> dict[str, int]:
    return {chinese_numeral(n): n for n in range(1, 1000)}


def numeral_value(text: str) -> int | None:
    """Return the number that Chinese numerals (十二, 一百零五, 〇 read as 零) or digits stand for (1–999),
    or None when they are not a number written the way chinese_numeral writes it."""
    if text.isdigit():
        return int(text) if 1 <= int(text) <= 999 else None
    return _numeral_values().get(text.replace("〇", "零"))


def numbered_search(text: str) -> tuple[int | None, int | None]:
    """Return the term and the number a search names, as in 八届十二次, 第八届, 十二次常委会议 or 8届12次;
    (None, None) when it names neither, or names one that is no number (八届〇次)."""
    term_match, number_match = _TERM_IN_TEXT.search(text), _NUMBER_IN_TEXT.search(text)
    term = numeral_value(term_match.group(1)) if term_match else None
    number = numeral_value(number_match.group(1)) if number_match else None
    if (term_match and term is None) or (number_match and number is None):
        return None, None
    return term, number
