"""The on-site blueprint with all its routes: the member's side (member_views) and the staff's (staff_views)."""

from consult.onsite import member_views, staff_views  # noqa: F401  (their routes join the blueprint)
from consult.onsite.blueprint import bp

__all__ = ["bp"]
