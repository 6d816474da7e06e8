"""The auth domain's routes: gathered here so that create_app registers one blueprint."""

from consult.auth import account_views, login_views  # noqa: F401  (they add their routes to bp)
from consult.auth.blueprint import bp

__all__ = ["bp"]
