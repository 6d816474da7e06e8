"""Column types shared by all domains."""

from datetime import UTC, datetime

from sqlalchemy import DateTime
from sqlalchemy.types import TypeDecorator


class UTCDateTime(TypeDecorator):
    """A timezone-aware datetime stored as UTC.

    SQLite keeps no time zone, so values are written as naive UTC and read back with tzinfo=UTC;
    PostgreSQL stores `timestamp with time zone`. Naive datetimes are refused: a time without a
    zone is a bug waiting for a calendar to show it at the wrong hour.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("UTCDateTime needs a timezone-aware datetime")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


# The largest id or count the databases store (PostgreSQL's integer). Larger numbers are refused before
# they reach a query, where PostgreSQL would fail on them.
DB_INT_MAX = 2**31 - 1


def utcnow() -> datetime:
    """Return the current time, timezone-aware, in UTC."""
    return datetime.now(UTC)
