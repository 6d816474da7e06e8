"""Pages of the meetings domain. (Placeholder routes: the meetings work replaces them.)"""

from flask import Blueprint, render_template

bp = Blueprint("meetings", __name__)


@bp.route("/")
def home():
    """The coming sittings."""
    return render_template("placeholder.html", title="consult")


@bp.route("/meetings")
def meeting_list():
    """Upcoming and past sittings, filterable."""
    return render_template("placeholder.html", title="meetings")


@bp.route("/meetings/calendar")
def month():
    """The month calendar."""
    return render_template("placeholder.html", title="calendar")
