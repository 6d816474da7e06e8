"""The duty records' routes, gathered on one blueprint."""

from consult.records import chart_views, my_views, report_views, rule_views  # noqa: F401
from consult.records.blueprint import bp

__all__ = ["bp"]
