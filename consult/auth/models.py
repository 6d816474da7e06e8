"""Staff accounts (政协机关工作人员)."""

from __future__ import annotations

from datetime import datetime

from flask import current_app
from flask_babel import lazy_gettext as _l
from flask_login import UserMixin
from sqlalchemy import Boolean, String
from sqlalchemy.orm import Mapped, mapped_column
from werkzeug.security import check_password_hash, generate_password_hash

from consult.db_types import UTCDateTime, utcnow
from consult.extensions import db

USER_ROLES = {"admin": _l("Administrator"), "staff": _l("Staff")}


class User(UserMixin, db.Model):
    """A staff account that logs in with a password."""

    __tablename__ = "user"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(40), unique=True)
    display_name: Mapped[str] = mapped_column(String(50), default="")
    password_hash: Mapped[str] = mapped_column(String(256))
    role: Mapped[str] = mapped_column(String(10), default="staff")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    def set_password(self, password: str) -> None:
        """Store a salted hash of `password`; the password itself is never kept."""
        self.password_hash = generate_password_hash(
            password, method=current_app.config.get("PASSWORD_HASH_METHOD", "scrypt")
        )

    def check_password(self, password: str) -> bool:
        """Return True when `password` matches the stored hash."""
        return check_password_hash(self.password_hash, password)

    @property
    def is_active(self) -> bool:  # Flask-Login refuses inactive accounts
        return self.active

    @property
    def is_staff(self) -> bool:
        """True for every account that may plan sittings (staff and admins)."""
        return self.role in USER_ROLES

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"
