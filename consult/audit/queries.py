"""Reads of the audit log: a page of entries matching the filters (newest first) in two statements, the same entries
for the CSV export, and in one more statement which of the page's subjects still exist and what they are called."""

from __future__ import annotations

from sqlalchemy import String, cast, func, literal, null, or_, select, union_all

from consult.audit.filters import AuditFilter
from consult.audit.links import LINKS
from consult.audit.models import AuditEntry
from consult.extensions import db

PER_PAGE = 50
# The page counts at most this many matching entries (and pages through them): counting a log of millions of rows
# on every view would cost more than it tells. Older entries are reached by narrowing the dates.
COUNT_MAX = 10_000
# The most entries one CSV export holds; older ones are reached by narrowing the dates (or archived, see README).
EXPORT_MAX = 50_000


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def conditions(criteria: AuditFilter) -> list:
    """Return the SQL conditions of `criteria`."""
    entry = AuditEntry
    where = []
    if criteria.actor_kind:
        where.append(entry.actor_kind == criteria.actor_kind)
    if criteria.actor_id is not None:
        where.append(entry.actor_id == criteria.actor_id)
    if criteria.actor_text:
        where.append(entry.actor_label.ilike(_like(criteria.actor_text), escape="\\"))
    if criteria.subject_type:
        where.append(entry.subject_type == criteria.subject_type)
    if criteria.action:
        where.append(entry.action == criteria.action)
    if criteria.subject_id is not None:
        where.append(entry.subject_id == criteria.subject_id)
    if criteria.meeting_id is not None:
        where.append(entry.meeting_id == criteria.meeting_id)
    if criteria.since is not None:
        where.append(entry.at >= criteria.since)
    if criteria.until is not None:
        where.append(entry.at < criteria.until)
    if criteria.text:
        pattern = _like(criteria.text)
        where.append(or_(*(column.ilike(pattern, escape="\\") for column in (
            entry.subject_label, entry.actor_label, entry.action, entry.note, entry.before_values,
            entry.after_values))))
    return where


def count_entries(criteria: AuditFilter, most: int = COUNT_MAX) -> int:
    """Return how many entries match `criteria`, counting no further than `most` + 1 (more than `most`)."""
    matching = select(AuditEntry.id).where(*conditions(criteria)).limit(most + 1).subquery()
    return db.session.scalar(select(func.count()).select_from(matching))


def entries_page(criteria: AuditFilter, page: int, most: int = PER_PAGE) -> list[AuditEntry]:
    """Return at most `most` entries matching `criteria` from page `page` (from 1) of PER_PAGE, newest first."""
    return list(db.session.scalars(
        select(AuditEntry).where(*conditions(criteria)).order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
        .limit(most).offset((page - 1) * PER_PAGE)
    ))


def entries_for_export(criteria: AuditFilter, most: int = EXPORT_MAX) -> list:
    """Return the newest `most` entries matching `criteria` as plain rows (the table's columns by name; no objects
    for 50,000 of them), newest first, in one statement."""
    table = AuditEntry.__table__
    return list(db.session.execute(
        select(table).where(*conditions(criteria)).order_by(table.c.at.desc(), table.c.id.desc()).limit(most)
    ))


def target_id(entry: AuditEntry) -> int | None:
    """Return the id of the row whose page shows the entry's subject (the subject, or its sitting), or None."""
    link = LINKS.get(entry.subject_type)
    if link is None:
        return None
    return entry.meeting_id if link.by_meeting else entry.subject_id


def existing_targets(entries) -> dict[tuple[str, int], tuple[str | None, str | None]]:
    """Return, for each (kind of subject, id) of `entries` whose page's row still exists, what its URL needs besides
    the id and its name today; in one statement, whatever the entries."""
    wanted: dict[str, set[int]] = {}
    for entry in entries:
        row_id = target_id(entry)
        if row_id is not None:
            wanted.setdefault(entry.subject_type, set()).add(row_id)
    parts = []
    for kind, ids in sorted(wanted.items()):
        link = LINKS[kind]
        model = link.model_class()
        parts.append(select(
            literal(kind, String).label("kind"),
            model.id.label("id"),
            (cast(getattr(model, link.extra), String) if link.extra else cast(null(), String)).label("extra"),
            (cast(getattr(model, link.label), String) if link.label else cast(null(), String)).label("label"),
        ).where(model.id.in_(sorted(ids))))
    if not parts:
        return {}
    statement = parts[0] if len(parts) == 1 else union_all(*parts)
    return {(kind, row_id): (extra, label) for kind, row_id, extra, label in db.session.execute(statement)}
