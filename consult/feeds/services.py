"""Writes of the feeds domain: rotating a member's private feed token. Flush and log; never commit."""

from __future__ import annotations

import logging
from datetime import datetime

from consult.extensions import db
from consult.members.models import Member, new_token

log = logging.getLogger(__name__)


def rotate_feed_token(member: Member, *, now: datetime, by: str) -> str:
    """Give `member` a new random feed token and return it; the old feed address then answers 404.

    `by` says who asked (for the log): "member" or a staff username.
    """
    member.feed_token = new_token()
    member.feed_token_rotated_at = now
    db.session.flush()
    log.info("feed token of member %s rotated by %s", member.id, by)
    return member.feed_token
