"""The admins' form of a new API token."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, HiddenField, SelectField, SelectMultipleField, StringField, SubmitField
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from consult.api.scopes import SCOPES, missing_companions
from consult.api.services import NAME_MAX
from consult.form_helpers import int_or_none, options
from consult.meetings.forms import DateInRange, NoControlCharacters


class TokenForm(FlaskForm):
    """A new token: what uses it, whom it acts for, what it may do, until when."""

    name = StringField(_l("Token name"),
                       validators=[DataRequired(_l("Say what will use the token.")), Length(max=NAME_MAX),
                                   NoControlCharacters()],
                       description=_l("What will use it, e.g. 区政协办公OA系统 (会议日程同步)."))
    owner_id = SelectField(_l("Acts for"), coerce=int_or_none,
                           description=_l("The staff account responsible for it; disabling that account stops the "
                                          "token."))
    scopes = SelectMultipleField(_l("What it may do"), choices=[], validate_choice=False)
    expires_on = DateField(_l("Works until"), validators=[Optional(), DateInRange()],
                           description=_l("The last day it works (YYYY-MM-DD); leave empty for no end."))
    creation_key = HiddenField()
    submit = SubmitField(_l("Create the token"))

    def __init__(self, *args, owners=(), today=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.owner_id.choices = options((user.id, user.display_name or user.username) for user in owners)
        self.scopes.choices = options(SCOPES.items())
        self._today = today

    def validate_scopes(self, field) -> None:
        chosen = set(field.data or [])
        if not chosen:
            raise ValidationError(_l("Tick at least one thing the token may do."))
        if chosen - set(SCOPES):
            raise ValidationError(_l("Tick only the choices shown."))
        if missing_companions(chosen):
            raise ValidationError(_l("Mobile numbers and e-mail addresses come with the members: tick both."))

    def validate_expires_on(self, field) -> None:
        if field.data is not None and self._today is not None and field.data < self._today:
            raise ValidationError(_l("The last day cannot be before today."))
