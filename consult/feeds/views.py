"""Calendar feeds. (Placeholder routes: the feeds work replaces them.)"""

from flask import Blueprint, render_template

bp = Blueprint("feeds", __name__)


@bp.route("/feeds")
def index():
    """The list of feeds one can subscribe to."""
    return render_template("placeholder.html", title="feeds")
