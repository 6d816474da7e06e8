"""Writes of the notices domain: queue a batch, record what the worker did. Flush, never commit."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import insert, update

from consult import audit
from consult.extensions import db
from consult.notices.models import Notice, NoticeBatch

log = logging.getLogger(__name__)

RETRY_FIRST = timedelta(seconds=30)
RETRY_CAP = timedelta(hours=1)


@dataclass(frozen=True, slots=True)
class PlannedNotice:
    """One notice as the preview shows it and the outbox stores it."""

    member_id: int
    member_name: str
    channel: str
    address: str  # "" when the member has no address for this channel
    body: str


def queue_batch(
    *,
    meeting_id: int,
    event: str,
    key: str,
    channels: tuple[str, ...],
    created_by_id: int | None,
    now: datetime,
    sender_name: str,
    subject: str,
    calendar: str,
    calendar_method: str,
    notices: list[PlannedNotice],
) -> NoticeBatch:
    """Add the batch and its notices (one INSERT for all of them) and return the batch.

    A notice without an address is stored as "no_address", so the delivery log names the member.
    Raises IntegrityError at flush when a batch with `key` exists (a resubmitted form).
    """
    batch = NoticeBatch(
        meeting_id=meeting_id, event=event, idempotency_key=key, channels=",".join(channels),
        created_by_id=created_by_id, created_at=now, sender_name=sender_name, subject=subject,
        calendar=calendar, calendar_method=calendar_method,
    )
    db.session.add(batch)
    db.session.flush()
    rows = [
        {
            "batch_id": batch.id, "member_id": n.member_id, "member_name": n.member_name, "channel": n.channel,
            "address": n.address, "body": n.body, "status": "queued" if n.address else "no_address",
            "attempts": 0, "next_attempt_at": now, "last_error": "",
        }
        for n in notices
    ]
    if rows:
        db.session.execute(insert(Notice), rows)
    audit.record("notice.queue", batch, label=subject or None, at=now, after={
        "event": event, "channels": list(channels), "notices": sum(1 for n in notices if n.address),
        "without_address": sum(1 for n in notices if not n.address)})
    log.info("notice batch %s (%s of meeting %s): %d notices queued", batch.id, event, meeting_id, len(rows))
    return batch


def retry_delay(attempts: int) -> timedelta:
    """Return how long to wait after the `attempts`-th failed try: 30 s, doubling, at most one hour."""
    return min(RETRY_FIRST * 2 ** min(max(attempts - 1, 0), 16), RETRY_CAP)  # no overflow after years of tries


def record_outcome(notice_id: int, result: str, error: str, attempts: int, now: datetime) -> None:
    """Record the worker's outcome of one notice: "sent", "failed" (for good) or "retry" (queued again,
    after the backoff of retry_delay)."""
    values: dict = {"claimed_at": None, "last_error": error}
    if result == "sent":
        values.update(status="sent", sent_at=now, last_error="")
    elif result == "failed":
        values.update(status="failed")
    else:
        values.update(status="queued", next_attempt_at=now + retry_delay(attempts))
    db.session.execute(update(Notice).where(Notice.id == notice_id).values(**values))


def retry_now(batch_id: int, now: datetime) -> int:
    """Make the waiting notices of a batch due to be tried at once; return how many."""
    result = db.session.execute(
        update(Notice)
        .where(Notice.batch_id == batch_id, Notice.status == "queued")
        .values(status="queued", next_attempt_at=now)
    )
    if result.rowcount:
        audit.record("notice.retry", audit.Subject("notice_batch", batch_id), after={"notices": result.rowcount},
                     at=now)
    log.info("notice batch %s: %d notices to be tried again now", batch_id, result.rowcount)
    return result.rowcount
