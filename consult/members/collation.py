"""Surname-stroke order (按姓氏笔画排序) of member names, as ICU's Chinese stroke collation defines it.

ICU's `zh@collation=stroke` orders by the number of strokes of each character, then by the first
strokes (横竖撇点折), as the national practice for lists of names does; Unicode code points do not
(成 before 薛 by code point is right only by chance). The key is stored on each member
(`Member.name_sort_key`) so that SQL can ORDER BY it on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

from functools import lru_cache

import icu

# The column's length; a key longer than this (a name of over ~60 characters) is cut, which only
# blurs the order among such names.
MAX_KEY_LENGTH = 400


@lru_cache(maxsize=1)
def _collator() -> icu.Collator:
    collator = icu.Collator.createInstance(icu.Locale("zh@collation=stroke"))
    collator.setStrength(icu.Collator.TERTIARY)
    return collator


def name_sort_key(name: str) -> str:
    """Return the key that sorts `name` in surname-stroke order: lower-case hex digits, compared as text.

    Hex keeps the collation's byte order under any database collation (only 0-9 and a-f appear).
    Leading and trailing spaces are ignored; the empty name has the empty key.
    """
    name = name.strip()
    if not name:
        return ""
    return _collator().getSortKey(name).hex()[:MAX_KEY_LENGTH]


def in_stroke_order(names: list[str]) -> list[str]:
    """Return the names sorted in surname-stroke order (ties by code point)."""
    return sorted(names, key=lambda n: (name_sort_key(n), n))
