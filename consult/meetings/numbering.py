"""Meeting numbers in the committee's own style: 区政协八届十二次常委会议, 八届三十一次主席会议.

Pure functions: no Flask, no database.
"""

from __future__ import annotations

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


def numbered_name(term: int, number: int, label: str) -> str:
    """Return the short numbered name of a sitting: 八届三十一次主席会议."""
    return f"{chinese_numeral(term)}届{chinese_numeral(number)}次{label}"


def full_numbered_name(short_name: str, term: int, number: int, label: str) -> str:
    """Return the numbered name with the committee's short name first: 区政协八届十二次常委会议."""
    return f"{short_name}{numbered_name(term, number, label)}"


def next_number(used_numbers: list[int] | set[int]) -> int:
    """Return the number the next published sitting gets: one more than the highest ever given.

    Numbers of cancelled sittings stay used, so a number is never given twice.
    """
    return max(used_numbers, default=0) + 1
