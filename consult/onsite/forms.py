"""Forms of the on-site domain: identifying on a phone, leave requests, staff corrections of attendance."""

from __future__ import annotations

import re

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, IntegerField, RadioField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from consult.form_helpers import int_or_none, options

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

REASON_MAX = 500
NOTE_MAX = 200


def clean_text(value):
    """Return `value` without control characters (newlines and tabs kept) and outer spaces."""
    return _CONTROL.sub("", value).strip() if isinstance(value, str) else value


class IdentifyForm(FlaskForm):
    """"Who are you": the member picks their name among the invitees and types the last 4 digits of their phone."""

    member_id = SelectField(_l("Your name"), coerce=int_or_none, choices=[], validate_choice=False,
                            validators=[InputRequired(_l("Choose your name in the list."))])
    phone_digits = StringField(_l("Last 4 digits of your mobile phone"), filters=[clean_text],
                               validators=[DataRequired(_l("Type the last 4 digits of your mobile phone."))])
    next = HiddenField()

    def validate_member_id(self, field) -> None:
        from wtforms.validators import ValidationError

        if field.data is None or str(field.data) not in {choice.value for choice in field.choices}:
            raise ValidationError(_l("Choose your name in the list: only the sitting's invitees can check in here."))


class LeaveForm(FlaskForm):
    """A member asks for leave (请假) from a sitting, with a reason."""

    reason = TextAreaField(
        _l("Reason for leave"), filters=[clean_text],
        validators=[DataRequired(_l("Give a reason for your leave.")),
                    Length(max=REASON_MAX, message=_l("Keep the reason under %(max)d characters.", max=REASON_MAX))],
    )


class PhoneLeaveForm(LeaveForm):
    """Staff record leave a member asked for by phone: it is approved at once."""

    member_id = SelectField(_l("Member"), coerce=int_or_none, choices=[], validate_choice=False,
                            validators=[InputRequired(_l("Choose the member."))])

    def validate_member_id(self, field) -> None:
        from wtforms.validators import ValidationError

        if field.data is None or str(field.data) not in {choice.value for choice in field.choices}:
            raise ValidationError(_l("Choose one of the sitting's invitees."))


class DecideLeaveForm(FlaskForm):
    """Staff approve or refuse a leave request, with a word for the member."""

    decision = RadioField(_l("Decision"), choices=options([("approve", _l("Approve")), ("refuse", _l("Refuse"))]),
                          validators=[InputRequired(_l("Choose approve or refuse."))])
    note = StringField(_l("A word for the member"), filters=[clean_text],
                       validators=[Optional(), Length(max=NOTE_MAX)])


class AttendanceForm(FlaskForm):
    """Staff set one invitee's attendance (present, on leave, absent) or clear it."""

    status = RadioField(_l("Attendance"), choices=[], validators=[InputRequired(_l("Choose a status."))])
    note = StringField(_l("Note"), filters=[clean_text], validators=[Optional(), Length(max=NOTE_MAX)])


class TableCardsForm(FlaskForm):
    """How many tables the A4 sheet of table cards covers."""

    class Meta:
        csrf = False

    tables = IntegerField(_l("Number of tables"), default=10,
                          validators=[Optional(), NumberRange(min=1, max=100,
                                                               message=_l("Between 1 and 100 tables."))])
