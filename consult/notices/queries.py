"""What the notices pages read: a sitting's batches with their counts, one batch's delivery log."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import func, literal_column, select

from consult.auth.models import User
from consult.extensions import db
from consult.notices.models import Notice, NoticeBatch


@dataclass
class BatchSummary:
    """A batch as the sitting's page lists it: when, what, who, and how many notices in each shown status."""

    id: int
    event: str
    created_at: datetime
    created_by: str
    counts: Counter = field(default_factory=Counter)


@dataclass
class MemberDelivery:
    """One member's line in a batch's delivery log: their notice per channel."""

    member_id: int
    name: str
    notices: dict[str, Notice] = field(default_factory=dict)


def shown_status(status: str, channel: str, attempts: int, configured: tuple[str, ...]) -> str:
    """Return the status a person is shown: the stored one, "waiting" for a queued notice whose channel has no
    gateway configured, "retrying" for a queued notice already tried."""
    if status == "queued" and channel not in configured:
        return "waiting"
    if status == "queued" and attempts > 0:
        return "retrying"
    return status


def batches_for_meeting(meeting_id: int, configured: tuple[str, ...]) -> list[BatchSummary]:
    """Return the sitting's batches, newest first, with counts by shown status, in two statements."""
    batches = {
        row.id: BatchSummary(row.id, row.event, row.created_at, row.display_name or row.username or "")
        for row in db.session.execute(
            select(NoticeBatch.id, NoticeBatch.event, NoticeBatch.created_at, User.display_name, User.username)
            .outerjoin(User, User.id == NoticeBatch.created_by_id)
            .where(NoticeBatch.meeting_id == meeting_id)
            .order_by(NoticeBatch.created_at.desc(), NoticeBatch.id.desc())
        )
    }
    if not batches:
        return []
    tried = Notice.attempts > literal_column("0")  # no bound parameter: PostgreSQL must see one expression
    counts = db.session.execute(
        select(Notice.batch_id, Notice.status, Notice.channel, tried, func.count())
        .where(Notice.batch_id.in_(batches))
        .group_by(Notice.batch_id, Notice.status, Notice.channel, tried)
    )
    for batch_id, status, channel, tried, count in counts:
        batches[batch_id].counts[shown_status(status, channel, int(bool(tried)), configured)] += count
    return list(batches.values())


def batch_by_key(key: str) -> NoticeBatch | None:
    """Return the batch queued with idempotency key `key`, or None."""
    return db.session.scalars(select(NoticeBatch).where(NoticeBatch.idempotency_key == key)).first()


def delivery_log(batch_id: int) -> list[MemberDelivery]:
    """Return the batch's notices grouped by member, in the order they were queued (the members' order)."""
    lines: dict[int, MemberDelivery] = {}
    for notice in db.session.scalars(select(Notice).where(Notice.batch_id == batch_id).order_by(Notice.id)):
        line = lines.setdefault(notice.member_id, MemberDelivery(notice.member_id, notice.member_name))
        line.notices[notice.channel] = notice
    return list(lines.values())
