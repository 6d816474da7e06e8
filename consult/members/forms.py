"""Forms of the members domain: members, sectors, organs, the committee's settings, the CSV import."""

from __future__ import annotations

from functools import lru_cache
from zoneinfo import available_timezones

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

from consult.form_helpers import TextLimit, options
from consult.members.models import GENDERS, LEADERSHIP_ROLES, ORGAN_KINDS, PARTIES, QUORUM_RULES
from consult.members.roster import EMAIL
from consult.members.services import member_number_taken, organ_field_taken, sector_name_taken

# /organs/new is the form for a new organ.
RESERVED_SLUGS = {"new"}


def _strip(value):
    return value.strip() if isinstance(value, str) else value


class PeopleForm(FlaskForm):
    """A form that refuses NUL characters in any text field (PostgreSQL cannot store them)."""

    def validate(self, extra_validators=None) -> bool:
        """Return True when every field is valid and no text contains a NUL character."""
        valid = super().validate(extra_validators)
        for field in self:
            if isinstance(field.data, str) and "\x00" in field.data:
                field.errors = [*field.errors, _l("This text contains a NUL character; remove it.")]
                valid = False
        return valid


class MemberForm(PeopleForm):
    """Create or edit a member. Set `member_id` when editing, so that their own number is not a duplicate."""

    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=50)], filters=[_strip])
    sector_id = SelectField(_l("Sector"), coerce=int, validators=[DataRequired()])
    gender = SelectField(_l("Gender"), choices=[], default="", validate_choice=True)
    party = SelectField(_l("Political affiliation (政治面貌)"), choices=[], default="")
    role = SelectField(_l("Leadership role"), choices=[], default="", filters=[lambda v: v or ""])
    protocol_order = IntegerField(
        _l("Protocol order"), default=0, validators=[Optional(), NumberRange(min=0, max=9999)],
        description=_l("Leaders are listed by this number, smaller first (e.g. the chair 10, vice-chairs 20, 21 …)."),
    )
    is_standing = BooleanField(
        _l("Standing committee member (常委)"),
        description=_l("Ticking this puts the member in the standing committee: the same as choosing that organ."),
    )
    member_number = StringField(_l("Member number"), validators=[Optional(), Length(max=20)], filters=[_strip])
    affiliation = StringField(_l("Work unit and position"), validators=[Length(max=200)], filters=[_strip])
    phone = StringField(_l("Phone"), validators=[Length(max=30)], filters=[_strip])
    email = StringField(
        _l("Email"),
        validators=[Optional(), Length(max=120), Regexp(EMAIL.pattern + "$", message=_l("Not an email address."))],
        filters=[_strip],
    )
    organ_ids = SelectMultipleField(_l("Organs"), coerce=int, choices=[])
    liaison_sector_ids = SelectMultipleField(_l("Liaison sectors (分工联系界别)"), coerce=int, choices=[])
    liaison_organ_ids = SelectMultipleField(
        _l("Liaison streets and committees (联系街道和专委会)"), coerce=int, choices=[],
        description=_l("For leaders: the plan proposes them as lead of items of these sectors and organs."),
    )
    active = BooleanField(_l("Active member"), default=True)
    submit = SubmitField(_l("Save"))

    def __init__(self, *args, member_id: int | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.member_id = member_id
        self.role.choices = options([("", _l("None")), *LEADERSHIP_ROLES.items()])
        self.gender.choices = options([("", _l("Not given")), *GENDERS.items()])
        self.party.choices = options([("", _l("Not given")), *((p, p) for p in PARTIES)])

    def validate_liaison_sector_ids(self, field):
        if field.data and not self.role.data:
            raise ValidationError(_l("Only leaders (chair, vice-chairs, secretary-general) have liaison duties."))

    def validate_liaison_organ_ids(self, field):
        self.validate_liaison_sector_ids(field)
    def validate_member_number(self, field):
        if member_number_taken(field.data, except_id=self.member_id):
            raise ValidationError(_l("Another member already has the member number %(number)s.", number=field.data))


class SectorForm(PeopleForm):
    """Add or rename a sector. Set `sector_id` when renaming."""

    name = StringField(_l("Sector name"), validators=[DataRequired(), Length(max=40)], filters=[_strip])
    submit = SubmitField(_l("Save"))

    def __init__(self, *args, sector_id: int | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.sector_id = sector_id

    def validate_name(self, field):
        if sector_name_taken(field.data, except_id=self.sector_id):
            raise ValidationError(_l("There is already a sector called %(name)s.", name=field.data))


class OrganForm(PeopleForm):
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
    quorum_rule = SelectField(
        _l("Quorum"), choices=options([("", _l("The kind's default")), *QUORUM_RULES.items()]), default="",
        description=_l("By default the plenary needs two thirds present, the standing committee more than half, "
                       "other organs no quorum."),
    )
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
    description = TextAreaField(_l("Description"), validators=[TextLimit(2000)], filters=[_strip])
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


class CompositionForm(FlaskForm):
    """The posts and membership dates of an organ's members; the rows are read by organ_views (one per member)."""

    submit = SubmitField(_l("Save posts and dates"))


class SettingsForm(PeopleForm):
    """The committee's name (and its formal parts), the prefix of sitting names, current term and time zone."""

    name = StringField(
        _l("Committee name"), validators=[DataRequired(), Length(max=100)], filters=[_strip],
        description=_l("As it heads pages and documents, e.g. 政协崇川区委员会."),
    )
    formal_prefix = StringField(
        _l("Formal name before the term"), validators=[Length(max=60)], filters=[_strip],
        description=_l(
            "The formal name of a sitting puts the term inside the committee's name: 政协崇川区 + 第八届 + 委员会 + "
            "常务委员会第十五次会议. Leave empty to use the committee name without its last word 委员会."
        ),
    )
    formal_suffix = StringField(
        _l("Formal name after the term"), validators=[DataRequired(), Length(max=20)], filters=[_strip],
        default="委员会",
    )
    short_name = StringField(
        _l("Prefix of sitting names"), validators=[DataRequired(), Length(max=40)], filters=[_strip],
        description=_l("The prefix of a sitting's short name, e.g. 区政协 (区政协八届十二次常委会议)."),
    )
    term = IntegerField(_l("Current term (届)"), validators=[DataRequired(), NumberRange(min=1, max=99)])
    time_zone = StringField(
        _l("Time zone"), validators=[DataRequired(), Length(max=64)], filters=[_strip],
        description=_l("An IANA time zone, e.g. Asia/Shanghai."),
    )
    leave_deadline_days = IntegerField(
        _l("Leave requests: days before the start"),
        validators=[Optional(), NumberRange(min=0, max=30, message=_l("Give a number of days from 0 to 30."))],
        default=2,
        description=_l("Notices and calendars ask members who cannot attend to ask for leave this many days "
                       "before the sitting (0: any time before it starts)."),
    )
    # The minutes' masthead, issuing office and red rule are local practice (GB/T 9704 leaves them to the office).
    minutes_masthead = StringField(
        _l("Masthead of the minutes"), validators=[Length(max=60)], filters=[_strip],
        description=_l("The red heading of every set of minutes. Leave empty for the committee name followed by "
                       "会议纪要."),
    )
    minutes_office = StringField(
        _l("Office that issues the minutes"), validators=[Length(max=100)], filters=[_strip],
        description=_l("Printed under the issue number, beside the date of issue. Leave empty for the committee name "
                       "followed by 办公室."),
    )
    minutes_red_rule = BooleanField(_l("A red rule under the masthead of the minutes"), default=True)
    submit = SubmitField(_l("Save"))

    def validate_time_zone(self, field):
        # Looked up in the list of zones rather than tried: ZoneInfo("Asia") (a folder) or a name too long raised
        # OSError, and an unknown name sends importlib looking for a tzdata package of that name.
        if field.data not in _zone_names():
            raise ValidationError(_l("Unknown time zone %(zone)s.", zone=field.data))


@lru_cache(maxsize=1)
def _zone_names() -> frozenset[str]:
    """Return the names of every time zone this system knows (IANA keys such as Asia/Shanghai)."""
    return frozenset(available_timezones())


