"""Pages of the members domain. The routes live in the modules imported here; all use one blueprint."""

from consult.members import import_views, link_views, member_views, organ_views  # noqa: F401 - they register routes on bp
from consult.members.blueprint import bp

__all__ = ["bp"]
