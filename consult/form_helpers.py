"""Small helpers shared by the forms of every domain."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms.fields.choices import SelectChoice
from wtforms.validators import ValidationError

from consult.db_types import DB_INT_MAX


class ActionForm(FlaskForm):
    """A button that changes something (publish, mark held, move, delete, deactivate): the CSRF token only."""


class ConfirmForm(FlaskForm):
    """The button of a confirmation page (templates/_confirm.html) before an action that cannot be undone
    with one tap: a post without `confirmed=1` comes from elsewhere and shows the page instead of acting."""

    def confirmed_on_submit(self) -> bool:
        """Return True for a valid post of the confirmation page (CSRF token and confirmed=1)."""
        from flask import request

        return self.validate_on_submit() and request.form.get("confirmed") == "1"


class TextLimit:
    """A validator for long text (a textarea): at most `most` characters, a line break counting one as the
    browser counts it. The form states the limit under the field (templates/_macros.html reads the `limit`
    flag); no maxlength, which would cut a longer paste without a word."""

    def __init__(self, most: int) -> None:
        self.most = most
        self.field_flags = {"limit": most}

    def __call__(self, form, field) -> None:
        count = len((field.data or "").replace("\r\n", "\n"))
        if count > self.most:
            raise ValidationError(_l("At most %(max)s characters; this text has %(count)s. Shorten it or split it.",
                                     max=f"{self.most:,}", count=f"{count:,}"))


def options(pairs) -> list[SelectChoice]:
    """Return select options from (value, label) pairs; None becomes the empty value."""
    return [SelectChoice("" if value is None else str(value), label) for value, label in pairs]




def db_int(value) -> int:
    """Return `value` as an int the database can store; raise ValueError otherwise.

    For `request.args.get(name, type=db_int)`, which then gives the default instead of a number that
    would break the query.
    """
    number = int(value)
    if not -DB_INT_MAX <= number <= DB_INT_MAX:
        raise ValueError(f"{value!r} is out of range")
    return number


def int_or_none(value) -> int | None:
    """Return `value` as an int, or None for an empty or non-numeric value. A number no row has (however
    large) stays a number, so that the field's choices refuse it with a message."""
    if value in (None, ""):
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
