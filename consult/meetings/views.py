"""Pages of the meetings domain. The routes live in the modules imported here; all use one blueprint.

reading_views: coming sittings, list, month calendar, meeting page; planning_views: the staff forms;
bulk_views: publishing drafts together.
"""

from consult.meetings import bulk_views, planning_views, reading_views  # noqa: F401 - they register routes on bp
from consult.meetings.blueprint import bp

__all__ = ["bp"]
