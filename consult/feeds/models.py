"""What each feed's content was last seen to be, shared by every app server on the database.

A feed's ETag is a hash of its bytes and its Last-Modified the moment those bytes were first served, so
both change only when the feed's own content changes (an edit elsewhere in the committee leaves them
alone). `source_version` names the data the ETag was computed from (kind, subject, data version …): a
conditional request whose source has not moved is answered 304 from this row, without building.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from consult.db_types import UTCDateTime
from consult.extensions import db


class FeedVersion(db.Model):
    """One feed (kind, subject, variant): its current ETag, when it changed, and what it was built from."""

    __tablename__ = "feed_version"

    # "all", "organ", "member" or "meeting"; the organ's, member's or sitting's id (0 for "all"); the
    # variant (a download copy, the statuses shown to staff) and the address the links start with.
    kind: Mapped[str] = mapped_column(String(10), primary_key=True)
    subject_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    variant: Mapped[str] = mapped_column(String(64), primary_key=True)
    source_version: Mapped[str] = mapped_column(String(64))
    etag: Mapped[str] = mapped_column(String(64))
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime)
