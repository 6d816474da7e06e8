"""Pages of the plans domain. The routes live in the modules imported here; all use one blueprint.

year_views: the year page, adoption, items and "schedule this item"; import_views: the CSV import;
export_views: the year plan as CSV;
series_views: regular sittings.
"""

from consult.plans import export_views, import_views, series_views, year_views  # noqa: F401 - they register routes on bp
from consult.plans.blueprint import bp

__all__ = ["bp"]
