"""Pages of the members domain. (Placeholder routes: the members work replaces them.)"""

from flask import Blueprint, render_template

bp = Blueprint("members", __name__)


@bp.route("/members")
def directory():
    """The member directory."""
    return render_template("placeholder.html", title="members")


@bp.route("/organs")
def organs():
    """The organ directory."""
    return render_template("placeholder.html", title="organs")
