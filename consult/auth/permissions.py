"""Who may do what, by role. Admins manage accounts, the committee's settings and the term; staff plan (every
organ, or only the organs their account is limited to: see consult/auth/scope.py); members open their personal
link; everyone else reads what is published. The whole matrix is declared in tests/auth/permission_matrix.py."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from flask import abort
from flask_login import current_user

from consult.extensions import login_manager


def is_staff() -> bool:
    """Return True when the person making the request is logged-in staff or admin."""
    return bool(current_user.is_authenticated and current_user.is_staff)


def is_admin() -> bool:
    """Return True when the person making the request is a logged-in administrator."""
    return bool(current_user.is_authenticated and current_user.is_admin)


def role_required(allowed: Callable[[object], bool]):
    """Return a decorator that sends anonymous people to log in and answers 403 to users for whom
    `allowed(user)` is false."""

    def decorator(view):
        @wraps(view)
        def wrapped(*args, **kwargs):
            if not current_user.is_authenticated:
                return login_manager.unauthorized()
            if not allowed(current_user):
                abort(403)
            return view(*args, **kwargs)

        return wrapped

    return decorator


# Staff (and admins) plan; only admins manage accounts and change the committee's settings (name, term, zone).
staff_required = role_required(lambda user: user.is_staff)
admin_required = role_required(lambda user: user.is_admin)
# What concerns the whole committee rather than one organ (the roster, sectors, the plan as a whole, new organs):
# staff whose account is not limited to some organs, and admins.
all_organs_required = role_required(lambda user: user.is_staff and user.organ_ids is None)
