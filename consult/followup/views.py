"""Pages of the follow-up. The routes live in the modules imported here; all use one blueprint.

sitting_views: a sitting's decisions and the forms that assign, answer and close, reopen them; list_views: the
decisions of a year with filters, and the overdue list; document_views: the year's compilation (.docx).
"""

from consult.followup import document_views, list_views, sitting_views  # noqa: F401 - they register routes on bp
from consult.followup.blueprint import bp

__all__ = ["bp"]
