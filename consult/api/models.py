"""API tokens (接口令牌): what another system of the office sends as `Authorization: Bearer …`.

Only the SHA-256 of a token is kept (tokens.secret_hash) with its first characters to recognise it; the
token itself is shown once, when an admin creates it.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from consult.api.scopes import parse_scopes
from consult.api.tokens import token_state
from consult.auth.models import User
from consult.db_types import UTCDateTime, utcnow
from consult.extensions import db


class ApiToken(db.Model):
    """One token: its name, the staff account it acts for (its owner), its scopes, when it was made and
    last used, and when it expires or was revoked."""

    __tablename__ = "api_token"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(80))
    prefix: Mapped[str] = mapped_column(String(16))
    secret_hash: Mapped[str] = mapped_column(String(64), unique=True)
    scopes: Mapped[str] = mapped_column(String(200), default="")
    owner_id: Mapped[int] = mapped_column(ForeignKey("user.id"), index=True)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # The creation form's one-time key: sending the form twice makes one token.
    creation_key: Mapped[str] = mapped_column(String(64), unique=True)
    last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revoked_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))

    owner: Mapped[User] = relationship(foreign_keys=[owner_id])

    @property
    def scope_set(self) -> frozenset[str]:
        """Return the token's scopes as a set of known scope names."""
        return parse_scopes(self.scopes)

    def state(self, now: datetime) -> str:
        """Return ACTIVE, EXPIRED or REVOKED at `now` (consult.api.tokens.token_state)."""
        return token_state(now, self.expires_at, self.revoked_at)

    def __repr__(self) -> str:
        return f"<ApiToken {self.id} {self.prefix}>"
