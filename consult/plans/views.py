"""Pages of the plans domain. (Placeholder routes: the plans work replaces them.)"""

from flask import Blueprint, render_template

bp = Blueprint("plans", __name__)


@bp.route("/plans")
def current():
    """The plan of the current year."""
    return render_template("placeholder.html", title="plans")
