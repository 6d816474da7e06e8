"""Forms of the members domain: members, sectors, organs, the committee's settings, the CSV import."""

from __future__ import annotations

from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, NumberRange, Optional, Regexp, ValidationError

from consult.form_helpers import options
from consult.members.models import LEADERSHIP_ROLES, ORGAN_KINDS, QUORUM_RULES
from consult.members.roster import EMAIL
from consult.members.services import member_number_taken, organ_field_taken, sector_name_taken

# /organs/new is the form for a new organ.
RESERVED_SLUGS = {"new"}


def _strip(value):
    return value.strip() if isinstance(value, str) else value


class MemberForm(FlaskForm):
    """Create or edit a member. Set `member_id` when editing, so that their own number is not a duplicate."""

    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=50)], filters=[_strip])
    sector_id = SelectField(_l("Sector"), coerce=int, validators=[DataRequired()])
    role = SelectField(_l("Leadership role"), choices=[], default="", filters=[lambda v: v or ""])
    is_standing = BooleanField(_l("Standing committee member (常委)"))
    member_number = StringField(_l("Member number"), validators=[Optional(), Length(max=20)], filters=[_strip])
    affiliation = StringField(_l("Work unit and position"), validators=[Length(max=200)], filters=[_strip])
    phone = StringField(_l("Phone"), validators=[Length(max=30)], filters=[_strip])
    email = StringField(
        _l("Email"),
        validators=[Optional(), Length(max=120), Regexp(EMAIL.pattern + "$", message=_l("Not an email address."))],
        filters=[_strip],
    )
    organ_ids = SelectMultipleField(_l("Organs"), coerce=int, choices=[])
    active = BooleanField(_l("Active member"), default=True)
    submit = SubmitField(_l("Save"))

    def __init__(self, *args, member_id: int | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.member_id = member_id
        self.role.choices = options([("", _l("None")), *LEADERSHIP_ROLES.items()])

    def validate_member_number(self, field):
        if member_number_taken(field.data, except_id=self.member_id):
            raise ValidationError(_l("Another member already has the member number %(number)s.", number=field.data))


class SectorForm(FlaskForm):
    """Add or rename a sector. Set `sector_id` when renaming."""

    name = StringField(_l("Sector name"), validators=[DataRequired(), Length(max=40)], filters=[_strip])
    submit = SubmitField(_l("Save"))

    def __init__(self, *args, sector_id: int | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.sector_id = sector_id

    def validate_name(self, field):
        if sector_name_taken(field.data, except_id=self.sector_id):
            raise ValidationError(_l("There is already a sector called %(name)s.", name=field.data))


class OrganForm(FlaskForm):
    """Create or edit an organ. Set `organ_id` when editing."""

    kind = SelectField(_l("Kind"), choices=options(ORGAN_KINDS.items()))
    name = StringField(_l("Organ name"), validators=[DataRequired(), Length(max=60)], filters=[_strip])
    slug = StringField(
        _l("Address name"),
        validators=[
            DataRequired(),
            Length(max=60),
            Regexp(r"^[a-z0-9]+(-[a-z0-9]+)*$", message=_l("Lower-case letters, digits and hyphens only.")),
        ],
        filters=[_strip, lambda v: v.lower() if isinstance(v, str) else v],
        description=_l("Used in the page address, e.g. standing-committee."),
    )
    number_label = StringField(
        _l("Number label"), validators=[Length(max=30)], filters=[_strip],
        description=_l("What a numbered sitting is called, e.g. 常委会议. Blank: the kind's default."),
    )
    quorum_rule = SelectField(_l("Quorum"), choices=options(QUORUM_RULES.items()), default="more_than_half")
    notice_days = IntegerField(
        _l("Days of notice"), validators=[Optional(), NumberRange(min=0, max=90)],
        description=_l("Blank: 15 for the plenary, 7 for the standing committee, 3 for other organs. Set the "
                       "days your committee's own working rules require."),
    )
    prior_sittings_in_term = IntegerField(
        _l("Sittings already held in this term"), default=0, validators=[Optional(), NumberRange(min=0, max=999)],
        description=_l("Sittings numbered on paper before this system was used; numbering continues after them."),
    )
    active = BooleanField(_l("Active"), default=True)
    description = TextAreaField(_l("Description"), validators=[Length(max=2000)], filters=[_strip])
    member_ids = SelectMultipleField(_l("Members"), coerce=int, choices=[])
    submit = SubmitField(_l("Save"))

    def __init__(self, *args, organ_id: int | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.organ_id = organ_id

    def validate_name(self, field):
        if organ_field_taken("name", field.data, except_id=self.organ_id):
            raise ValidationError(_l("There is already an organ called %(name)s.", name=field.data))

    def validate_slug(self, field):
        if field.data in RESERVED_SLUGS:
            raise ValidationError(_l("%(slug)s is reserved; choose another address name.", slug=field.data))
        if organ_field_taken("slug", field.data, except_id=self.organ_id):
            raise ValidationError(_l("Another organ already uses the address name %(slug)s.", slug=field.data))


class SettingsForm(FlaskForm):
    """The committee's name, short name, current term and time zone."""

    name = StringField(_l("Committee name"), validators=[DataRequired(), Length(max=100)], filters=[_strip])
    short_name = StringField(
        _l("Short name"), validators=[DataRequired(), Length(max=40)], filters=[_strip],
        description=_l("Begins every numbered sitting's full name, e.g. 区政协."),
    )
    term = IntegerField(_l("Current term (届)"), validators=[DataRequired(), NumberRange(min=1, max=99)])
    time_zone = StringField(
        _l("Time zone"), validators=[DataRequired(), Length(max=64)], filters=[_strip],
        description=_l("An IANA time zone, e.g. Asia/Shanghai."),
    )
    submit = SubmitField(_l("Save"))

    def validate_time_zone(self, field):
        try:
            ZoneInfo(field.data)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValidationError(_l("Unknown time zone %(zone)s.", zone=field.data)) from None


class ActionForm(FlaskForm):
    """A button that changes something: carries the CSRF token."""

    submit = SubmitField(_l("Confirm"))
