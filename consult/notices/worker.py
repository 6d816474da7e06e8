"""The outbox worker: claims due notices, sends them, records what happened.

Delivery is at least once. A claimed notice is marked "sending" with the claim time and committed before
anything is sent, and its outcome is committed right after each send. If the worker dies between a send
and its record, the notice stays "sending"; once the claim is older than STALE_CLAIM another worker sends
it again. A member may then get the notice twice — preferred to one who never gets it, and only after a
crash inside that instant. On PostgreSQL the claim takes rows FOR UPDATE SKIP LOCKED, so two workers never
claim the same row; on SQLite the claim is a conditional UPDATE … RETURNING, which only one writer wins.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import and_, or_, select, update
from sqlalchemy.exc import SQLAlchemyError

from consult.extensions import db
from consult.notices import services
from consult.notices.models import Notice, NoticeBatch
from consult.notices.transport import (
    FAILED,
    RETRY,
    SENT,
    Outcome,
    SmtpConnection,
    build_mail,
    parse_smtp_url,
    send_sms,
    sender_address,
)

log = logging.getLogger(__name__)

STALE_CLAIM = timedelta(minutes=15)
CLAIM_SIZE = 50
POLL_SECONDS = 5


@dataclass(frozen=True, slots=True)
class Outgoing:
    """A claimed notice with what sending it needs, read before the claim's commit."""

    id: int
    channel: str
    address: str
    body: str
    attempts: int
    batch_id: int
    subject: str
    sender_name: str
    calendar: str
    calendar_method: str


@dataclass
class DrainReport:
    """What one drain did."""

    sent: int = 0
    failed: int = 0
    retried: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def handled(self) -> int:
        return self.sent + self.failed + self.retried


def configured_channels(config) -> tuple[str, ...]:
    """Return the channels whose gateway is configured: "sms" (CONSULT_SMS_URL), "email" (a CONSULT_SMTP_URL
    that parses; a malformed one is logged and counts as not configured, so its notices wait)."""
    channels = []
    if config.get("CONSULT_SMS_URL"):
        channels.append("sms")
    if config.get("CONSULT_SMTP_URL"):
        try:
            parse_smtp_url(config["CONSULT_SMTP_URL"])
        except ValueError as error:
            log.error("CONSULT_SMTP_URL is not usable: %s", error)
        else:
            channels.append("email")
    return tuple(channels)


def claim(channels: tuple[str, ...], now: datetime, limit: int = CLAIM_SIZE) -> list[Outgoing]:
    """Mark up to `limit` due notices of `channels` "sending" (claimed now), commit, and return them in
    the order they were queued. Due: queued with next_attempt_at reached, or claimed longer than STALE_CLAIM
    ago by a worker that did not record an outcome."""
    if not channels:
        return []
    due = or_(
        and_(Notice.status == "queued", Notice.next_attempt_at <= now),
        and_(Notice.status == "sending", Notice.claimed_at < now - STALE_CLAIM),
    )
    wanted = select(Notice.id).where(due, Notice.channel.in_(channels)).order_by(Notice.id).limit(limit)
    if db.session.get_bind().dialect.name == "postgresql":
        wanted = wanted.with_for_update(skip_locked=True)
    ids = list(db.session.scalars(wanted))
    if not ids:
        db.session.rollback()
        return []
    claimed = set(
        db.session.execute(
            update(Notice)
            .where(Notice.id.in_(ids), due)
            .values(status="sending", claimed_at=now, attempts=Notice.attempts + 1)
            .returning(Notice.id),
            execution_options={"synchronize_session": False},
        ).scalars()
    )
    rows = db.session.execute(
        select(
            Notice.id, Notice.channel, Notice.address, Notice.body, Notice.attempts, Notice.batch_id,
            NoticeBatch.subject, NoticeBatch.sender_name, NoticeBatch.calendar, NoticeBatch.calendar_method,
        )
        .join(NoticeBatch, NoticeBatch.id == Notice.batch_id)
        .where(Notice.id.in_(claimed))
        .order_by(Notice.id)
    ).all()
    db.session.commit()
    return [Outgoing(*row) for row in rows]


def drain(now: Callable[[], datetime], *, limit: int | None = None) -> DrainReport:
    """Send every notice due now, claim by claim, until none is left (or `limit` were handled); return the
    counts. A mail server or gateway that stops answering ends the drain for its channel: its notices wait
    for their retry time."""
    config = current_app.config
    report = DrainReport()
    channels = configured_channels(config)
    smtp = SmtpConnection(config["CONSULT_SMTP_URL"]) if "email" in channels else None
    try:
        while channels and (limit is None or report.handled < limit):
            batch = claim(channels, now(), CLAIM_SIZE if limit is None else min(CLAIM_SIZE, limit - report.handled))
            if not batch:
                break
            down: set[str] = set()
            for notice in batch:
                if notice.channel in down:
                    # The server stopped answering within this claim: give the rest back without a try.
                    _record(notice, RETRY, "", report, now(), count_attempt=False)
                    continue
                outcome = _send(notice, smtp, config, now())
                _record(notice, outcome.result, outcome.error, report, now())
                if outcome.connection_lost:
                    down.add(notice.channel)
            channels = tuple(c for c in channels if c not in down)
    finally:
        if smtp is not None:
            smtp.close()
    return report


def _send(notice: Outgoing, smtp: SmtpConnection | None, config, now: datetime):
    if notice.channel == "sms":
        return send_sms(config["CONSULT_SMS_URL"], notice.address, notice.body)
    sender = sender_address(config["CONSULT_SMTP_URL"], config.get("CONSULT_MAIL_FROM", ""))
    try:
        message = build_mail(
            sender_name=notice.sender_name, sender=sender, to=notice.address, subject=notice.subject,
            body=notice.body, calendar=notice.calendar.encode("utf-8"), method=notice.calendar_method, now=now,
        )
    except (ValueError, TypeError) as error:  # an address the email package cannot write into a header
        return Outcome(FAILED, f"{type(error).__name__}: {error}")
    return smtp.send(message, sender, notice.address)


def _record(notice: Outgoing, result: str, error: str, report: DrainReport, now: datetime, *, count_attempt=True):
    attempts = notice.attempts if count_attempt else notice.attempts - 1
    if not count_attempt:
        # Not tried: the claim's attempt is given back; the notice waits as long as a first retry does.
        db.session.execute(
            update(Notice).where(Notice.id == notice.id)
            .values(status="queued", claimed_at=None, attempts=attempts, next_attempt_at=now + services.RETRY_FIRST)
        )
    else:
        services.record_outcome(notice.id, result, error, attempts, now)
    db.session.commit()
    if result == SENT:
        report.sent += 1
        log.info("notice %s (%s) sent", notice.id, notice.channel)
    elif result == FAILED:
        report.failed += 1
        log.warning("notice %s (%s to %s) failed: %s", notice.id, notice.channel, notice.address, error)
    else:
        report.retried += 1
        if error:
            report.errors.append(error)
            log.warning("notice %s (%s) will be retried: %s", notice.id, notice.channel, error)


def run(now: Callable[[], datetime], *, once: bool, poll_seconds: float = POLL_SECONDS) -> DrainReport:
    """Drain the outbox once (`once`), or forever, pausing `poll_seconds` whenever nothing was due."""
    total = DrainReport()
    while True:
        try:
            report = drain(now)
        except SQLAlchemyError:
            if once:
                raise
            # The database went away for a moment: nothing was lost (claims are committed); try again later.
            log.exception("the outbox could not be read; trying again in %s s", poll_seconds)
            db.session.rollback()
            db.session.remove()
            time.sleep(poll_seconds)
            continue
        total.sent, total.failed, total.retried = (
            total.sent + report.sent, total.failed + report.failed, total.retried + report.retried,
        )
        total.errors += report.errors
        if once:
            return total
        if report.handled == 0:
            db.session.remove()  # do not hold a connection while idle
            time.sleep(poll_seconds)
