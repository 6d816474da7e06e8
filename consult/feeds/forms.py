"""Forms of the feeds domain."""

from flask_wtf import FlaskForm
from wtforms import HiddenField


class RotateFeedTokenForm(FlaskForm):
    """A button that gives a member a new private feed address (CSRF-protected POST)."""

    next = HiddenField()
