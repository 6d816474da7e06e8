"""Writes of the feeds domain: a member's private feed token and reminder, and each feed's recorded
content version. Flush (or execute) and log; never commit."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from sqlalchemy import case
from sqlalchemy.dialects import postgresql, sqlite

from consult import audit
from consult.extensions import db
from consult.feeds.models import FeedVersion
from consult.feeds.reminders import REMINDERS
from consult.members.models import Member, new_token

log = logging.getLogger(__name__)


def rotate_feed_token(member: Member, *, now: datetime, by: str) -> str:
    """Give `member` a new random feed token and return it; the old feed address then answers 404.

    `by` says who asked (for the log): "member" or a staff username.
    """
    old = member.feed_token
    member.feed_token = new_token()
    member.feed_token_rotated_at = now
    db.session.flush()
    audit.record("member.feed_token", member, before={"feed_token": old}, after={"feed_token": member.feed_token},
                 actor=audit.member(member) if by == "member" else None, at=now)
    log.info("feed token of member %s rotated by %s", member.id, by)
    return member.feed_token


def set_feed_reminder(member: Member, value: str) -> None:
    """Set the reminder of `member`'s own feed ("" none, "1d", "2h"). Raises ValueError for another value."""
    if value not in REMINDERS:
        raise ValueError(f"unknown reminder {value!r}")
    if member.feed_reminder != value:
        member.feed_reminder = value
        db.session.flush()
        log.info("member %s chose the feed reminder %r", member.id, value)


def record_feed_content(
    kind: str,
    subject_id: int,
    variant: str,
    source: str,
    etag: str,
    *,
    now: datetime,
    previous_changed_at: datetime | None,
) -> datetime:
    """Record that feed (kind, subject, variant) built from `source` has the ETag `etag`; return when its
    content last changed.

    One upsert: the change time stays when the ETag is the one stored (another server may have recorded
    it meanwhile), else becomes `now` — at least a second after `previous_changed_at`, so that a client
    comparing If-Modified-Since always sees a later date after a change.
    """
    changed_at = now
    if previous_changed_at is not None:
        changed_at = max(now, previous_changed_at.replace(microsecond=0) + timedelta(seconds=1))
    table = FeedVersion.__table__
    insert = postgresql.insert if db.session.get_bind().dialect.name == "postgresql" else sqlite.insert
    statement = insert(table).values(
        kind=kind, subject_id=subject_id, variant=variant, source_version=source, etag=etag, changed_at=changed_at
    )
    statement = statement.on_conflict_do_update(
        index_elements=[table.c.kind, table.c.subject_id, table.c.variant],
        set_={
            "source_version": statement.excluded.source_version,
            "etag": statement.excluded.etag,
            "changed_at": case((table.c.etag == statement.excluded.etag, table.c.changed_at),
                               else_=statement.excluded.changed_at),
        },
    ).returning(table.c.changed_at)
    return db.session.execute(statement).scalar_one()
