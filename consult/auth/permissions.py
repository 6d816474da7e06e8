"""Who may do what. Staff (and admins) plan; everyone else reads what is published."""

from __future__ import annotations

from functools import wraps

from flask import abort
from flask_login import current_user


def is_staff() -> bool:
    """Return True when the person making the request is logged-in staff or admin."""
    return bool(current_user.is_authenticated and current_user.is_staff)


def staff_required(view):
    """Decorate a view so that anonymous people are sent to log in and others get 403."""

    @wraps(view)
    def wrapped(*args, **kwargs):
        if not current_user.is_authenticated:
            from consult.extensions import login_manager

            return login_manager.unauthorized()
        if not current_user.is_staff:
            abort(403)
        return view(*args, **kwargs)

    return wrapped


def admin_required(view):
    """Decorate a view so that only admins reach it."""

    @wraps(view)
    def wrapped(*args, **kwargs):
        if not current_user.is_authenticated:
            from consult.extensions import login_manager

            return login_manager.unauthorized()
        if not current_user.is_admin:
            abort(403)
        return view(*args, **kwargs)

    return wrapped
