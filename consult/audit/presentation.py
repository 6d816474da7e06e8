"""How an entry's changes read on the page and in the CSV: field names translated, values in words (已发布 for
published, 是 for true, times in the committee's zone), lists as who left and who joined."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime

from consult.audit.changes import list_change

_INSTANT = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?([+-]\d{2}:\d{2}|Z)$")
EMPTY = "—"


@dataclass(frozen=True)
class FieldChange:
    """One changed field as shown: its label, the value before and after in words; for a list, what left and what
    joined it instead."""

    field: str
    label: str
    before: str
    after: str
    removed: tuple[str, ...] | None = None
    added: tuple[str, ...] | None = None


@dataclass(frozen=True)
class Words:
    """What turns stored values into words: field labels, value labels by "kind.field" or field, yes and no, the
    format of a moment and the separator of list items."""

    fields: Mapping[str, object]
    values: Mapping[str, Mapping]
    yes: str
    no: str
    moment: Callable[[datetime], str]
    separator: str = "、"


def value_text(value, field: str, subject_type: str, words: Words) -> str:
    """Return `value` of `field` in words: "—" for nothing, 是/否, a moment in the committee's zone, a choice's label,
    a list joined, a mapping as "key: value" pairs."""
    if value is None or value == "" or value == []:
        return EMPTY
    if isinstance(value, bool):
        return words.yes if value else words.no
    if isinstance(value, str) and _INSTANT.match(value):
        try:
            return words.moment(datetime.fromisoformat(value.replace("Z", "+00:00")))
        except ValueError:
            return value
    choices = words.values.get(f"{subject_type}.{field}") or words.values.get(field)
    if choices is not None and isinstance(value, str) and value in choices:
        return str(choices[value])
    if isinstance(value, list):
        return words.separator.join(value_text(v, field, subject_type, words) for v in value)
    if isinstance(value, dict):
        return "；".join(f"{k}：{value_text(v, field, subject_type, words)}" for k, v in value.items())
    return str(value)


def field_changes(subject_type: str, before: Mapping | None, after: Mapping | None, words: Words) -> list[FieldChange]:
    """Return the changed fields of an entry in words, in the order they were recorded (before's, then after's)."""
    before, after = before or {}, after or {}
    rows = []
    for field in dict.fromkeys([*before, *after]):
        old, new = before.get(field), after.get(field)
        label = str(words.fields.get(field, field))
        lists = list_change(old, new) if (isinstance(old, list) or isinstance(new, list)) else None
        if lists is not None and old is not None and new is not None:
            removed, added = lists
            rows.append(FieldChange(
                field, label, value_text(old, field, subject_type, words), value_text(new, field, subject_type, words),
                tuple(value_text(v, field, subject_type, words) for v in removed),
                tuple(value_text(v, field, subject_type, words) for v in added)))
            continue
        rows.append(FieldChange(field, label, value_text(old, field, subject_type, words),
                                value_text(new, field, subject_type, words)))
    return rows


def changes_line(rows: list[FieldChange], *, created: bool = False, removed: bool = False, arrow: str = " → ") -> str:
    """Return the changes as one line of text, for the CSV: 标题：旧 → 新；议程：－张三 ＋李四; only the values after
    for a subject `created`, only those before for one `removed`."""
    parts = []
    for row in rows:
        if created or removed:
            parts.append(f"{row.label}：{row.after if created else row.before}")
        elif row.removed is not None:
            pieces = [*(f"－{v}" for v in row.removed), *(f"＋{v}" for v in row.added or ())]
            parts.append(f"{row.label}：{' '.join(pieces) or arrow.strip()}")
        else:
            parts.append(f"{row.label}：{row.before}{arrow}{row.after}")
    return "；".join(parts)
