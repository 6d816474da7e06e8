"""Pages of the feeds domain. The routes live in the modules imported here; all use one blueprint.

ics_views: the calendar feeds (.ics, ETag/304 before any building); page_views: the subscribe pages,
the member's own page /my/<token> and token rotation.
"""

from consult.feeds import ics_views, page_views  # noqa: F401 - they register routes on bp
from consult.feeds.blueprint import bp

__all__ = ["bp"]
