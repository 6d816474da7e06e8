"""Staff accounts (政协机关工作人员): their role, the organs an account is limited to, and the session version."""

from __future__ import annotations

from datetime import datetime

from flask import current_app
from flask_babel import lazy_gettext as _l
from flask_login import UserMixin
from sqlalchemy import Boolean, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship
from werkzeug.security import check_password_hash, generate_password_hash

from consult.db_types import UTCDateTime, utcnow
from consult.extensions import db

# Admins manage accounts, the committee's settings and the term; staff plan (all organs, or only some).
USER_ROLES = {"admin": _l("Administrator"), "staff": _l("Staff")}


class UserOrgan(db.Model):
    """One organ a staff account is limited to. An account without any row acts on every organ."""

    __tablename__ = "user_organ"

    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), primary_key=True)
    # No cascade from the organ: were its rows to vanish with it, the account would act on every organ.
    organ_id: Mapped[int] = mapped_column(ForeignKey("organ.id"), primary_key=True)


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
    # Part of every session and remember cookie: raising it (log out, new password, disabling) ends them all.
    session_version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    # The request's user is loaded with these joined (permissions.load_user): one statement for both.
    organ_limits: Mapped[list[UserOrgan]] = relationship(cascade="all, delete-orphan", order_by=UserOrgan.organ_id)

    def set_password(self, password: str) -> None:
        """Store a salted hash of `password`; the password itself is never kept."""
        self.password_hash = generate_password_hash(
            password, method=current_app.config.get("PASSWORD_HASH_METHOD", "scrypt")
        )

    def check_password(self, password: str) -> bool:
        """Return True when `password` matches the stored hash."""
        return check_password_hash(self.password_hash, password)

    def get_id(self) -> str:
        """Return what the session and the remember cookie keep: the id and the session version ("7:3")."""
        return f"{self.id}:{self.session_version}"

    @property
    def is_active(self) -> bool:  # Flask-Login refuses inactive accounts
        return self.active

    @property
    def is_staff(self) -> bool:
        """True for every account that may plan sittings (staff and admins)."""
        return self.role in USER_ROLES

    @property
    def is_admin(self) -> bool:
        """True for administrators: accounts, settings and the term."""
        return self.role == "admin"

    @property
    def organ_ids(self) -> frozenset[int] | None:
        """Return the ids of the organs this account is limited to, or None when it acts on every organ
        (admins always do)."""
        if self.is_admin or not self.organ_limits:
            return None
        return frozenset(limit.organ_id for limit in self.organ_limits)
