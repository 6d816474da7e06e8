"""Forms of the auth domain: login, one's own password, and the admins' account forms."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, PasswordField, SelectField, SelectMultipleField, StringField, SubmitField
from wtforms.validators import DataRequired, EqualTo, Length, Optional, Regexp, ValidationError

from consult.auth.models import USER_ROLES
from consult.auth.rules import MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH
from consult.form_helpers import options


def _strip(value):
    return value.strip() if isinstance(value, str) else value


def _password_length():
    return Length(
        min=MIN_PASSWORD_LENGTH, max=MAX_PASSWORD_LENGTH,
        message=_l("A password needs at least %(min)d characters (at most %(max)d).",
                   min=MIN_PASSWORD_LENGTH, max=MAX_PASSWORD_LENGTH),
    )


class LoginForm(FlaskForm):
    username = StringField(_l("Username"), validators=[DataRequired(), Length(max=40)])
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(max=MAX_PASSWORD_LENGTH)])
    remember = BooleanField(_l("Keep me logged in on this computer"))
    submit = SubmitField(_l("Log in"))


class PasswordChangeForm(FlaskForm):
    """A person changes their own password: the current one, then the new one twice."""

    current = PasswordField(_l("Current password"), validators=[DataRequired(), Length(max=MAX_PASSWORD_LENGTH)])
    new = PasswordField(
        _l("New password"), validators=[DataRequired(), _password_length()],
        description=_l("At least %(min)d characters.", min=MIN_PASSWORD_LENGTH),
    )
    repeat = PasswordField(
        _l("New password again"),
        validators=[DataRequired(), Length(max=MAX_PASSWORD_LENGTH),
                    EqualTo("new", message=_l("The two new passwords differ."))],
    )


class AccountForm(FlaskForm):
    """An admin sets an account's name, role and the organs it is limited to (none ticked: every organ)."""

    display_name = StringField(_l("Name shown"), validators=[Optional(), Length(max=50)], filters=[_strip])
    role = SelectField(_l("Role"), choices=[])
    organ_ids = SelectMultipleField(
        _l("Limited to these organs"), coerce=int, choices=[],
        description=_l("Staff with organs ticked plan, see and export only those organs' sittings and members. "
                       "None ticked: every organ. Administrators always have every organ."),
    )

    def __init__(self, *args, organs=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.role.choices = options(USER_ROLES.items())
        self.organ_ids.choices = options((organ.id, organ.name) for organ in organs)


class NewAccountForm(AccountForm):
    """An admin makes an account; the password is typed or, left empty, made and shown once."""

    username = StringField(
        _l("Username"), filters=[_strip],
        validators=[DataRequired(), Length(max=40),
                    Regexp(r"^[\w.@+-]+$", message=_l("Letters, digits and . @ + - _ only, without spaces."))],
    )
    password = PasswordField(
        _l("Password"), validators=[Optional(), _password_length()],
        description=_l("At least %(min)d characters. Leave empty to have one made and shown once.",
                       min=MIN_PASSWORD_LENGTH),
    )

    def __init__(self, *args, taken=lambda name: False, **kwargs):
        super().__init__(*args, **kwargs)
        self._taken = taken

    def validate_username(self, field):
        if field.data and self._taken(field.data):
            raise ValidationError(_l("This username is taken."))


class PasswordResetForm(FlaskForm):
    """An admin gives an account a new password: typed, or left empty to have one made and shown once."""

    password = PasswordField(
        _l("New password"), validators=[Optional(), _password_length()],
        description=_l("At least %(min)d characters. Leave empty to have one made and shown once.",
                       min=MIN_PASSWORD_LENGTH),
    )
