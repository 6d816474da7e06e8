"""Surname-stroke order (按姓氏笔画排序) of member names, from Unihan's stroke counts.

Lists of members are ordered by the strokes of the surname, then of the next characters, as offices
print them. The counts are the mainland ones (Unihan kTotalStrokes, G source: 陈 7, 范 8, 薛 16), kept in
strokes.bin (see stroke_table.py). ICU's Chinese stroke collation was not used: its data counts 阝 as
3 strokes, as in Taiwan, which puts 陈, 陆, 邵 and 阿 among the 8-stroke names.

Characters with the same number of strokes follow their code point, which for Han characters is the
radical order of the Unicode charts. The key is stored on each member (`Member.name_sort_key`) so that
SQL can ORDER BY it on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

from functools import lru_cache

from consult.members.stroke_table import FIRST, LAST, load_table

# The column's length: seven characters of key per character of the name (50 characters fit).
MAX_KEY_LENGTH = 400
# Strokes given to characters that are not Han (Latin letters, ·) and to Han characters Unihan has no
# count for: the former first, the latter last.
NOT_HAN = 0
UNKNOWN_HAN = 0xFF


@lru_cache(maxsize=1)
def _table() -> bytes:
    return load_table()


def strokes(character: str) -> int | None:
    """Return the mainland stroke count of a Han character, or None for other characters and unknown ones."""
    point = ord(character)
    if not FIRST <= point <= LAST:
        return None
    return _table()[point - FIRST] or None


def name_sort_key(name: str) -> str:
    """Return the key that sorts `name` in surname-stroke order: lower-case hex digits, compared as text.

    Each character gives two digits of strokes then five of code point, so that keys compare character
    by character; hex keeps that order under any database collation. Leading and trailing spaces are
    ignored; the empty name has the empty key.
    """
    parts = []
    for character in name.strip():
        count = strokes(character)
        if count is None:
            count = UNKNOWN_HAN if _is_han(character) else NOT_HAN
        parts.append(f"{count:02x}{ord(character):05x}")
    return "".join(parts)[:MAX_KEY_LENGTH]


def _is_han(character: str) -> bool:
    return FIRST <= ord(character) <= LAST


def in_stroke_order(names: list[str]) -> list[str]:
    """Return the names sorted in surname-stroke order."""
    return sorted(names, key=lambda n: (name_sort_key(n), n))
