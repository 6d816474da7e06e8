"""Pages of the plans domain. The routes live in the modules imported here; all use one blueprint.

year_views: the year page, adoption, items and "schedule this item"; import_views: the CSV import;
export_views: the year plan as CSV;
series_views: regular sittings; chart_views: the year page's pictures (SVG).
"""

from consult.plans import (  # noqa: F401 - they register routes on bp
    chart_views,
    export_views,
    import_views,
    series_views,
    year_views,
)
from consult.plans.blueprint import bp

__all__ = ["bp"]
