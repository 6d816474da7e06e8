"""Forms of the feeds domain."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, HiddenField, RadioField
from wtforms.validators import DataRequired

from consult.feeds.reminders import REMINDERS
from consult.form_helpers import options


class RotateFeedTokenForm(FlaskForm):
    """A button that gives a member a new private feed address (CSRF-protected POST)."""

    next = HiddenField()


class MemberRotateFeedTokenForm(FlaskForm):
    """The member's own button for a new feed address, with a box to tick first: the old address stops
    working at once, which an accidental tap must not do."""

    confirm = BooleanField(
        _l("I understand that the old address stops working and that I must subscribe again."),
        validators=[DataRequired(_l("Tick the box to confirm; your calendar address was not changed."))],
    )


class ReminderForm(FlaskForm):
    """The reminder a member wants in their own calendar: none, 1 day or 2 hours before each sitting."""

    reminder = RadioField(
        _l("Reminder in my calendar"),
        choices=options((value, label) for value, (label, _before) in REMINDERS.items()),
        default="",
        validate_choice=False,
    )

    def validate_reminder(self, field) -> None:
        if not field.raw_data or field.data not in REMINDERS:
            from wtforms.validators import ValidationError

            raise ValidationError(_l("Choose one of the reminders offered; nothing was changed."))
