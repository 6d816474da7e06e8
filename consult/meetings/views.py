"""Pages of the meetings domain. The routes live in the modules imported here; all use one blueprint.

reading_views: coming sittings, list, month calendar, meeting page; planning_views: the staff forms.
"""

from consult.meetings import planning_views, reading_views  # noqa: F401 - they register routes on bp
from consult.meetings.blueprint import bp

__all__ = ["bp"]
