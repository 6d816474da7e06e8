"""Forms of the plans domain: one per use case."""

from __future__ import annotations

from datetime import time

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import DateField, IntegerField, SelectField, StringField, SubmitField, TextAreaField, TimeField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional, ValidationError

from consult.form_helpers import int_or_none, options
from consult.meetings.models import CONSULTATION_FORMS, SITTING_KINDS
from consult.plans.importing import DEPARTMENT_MAX, TOPIC_MAX
from consult.plans.series import (
    LAST,
    MONTHLY_DAY,
    MONTHLY_WEEKDAY,
    NEXT_WORKING_DAY,
    SKIP,
    WEEKLY,
)
from consult.plans.state import HELD, NOT_SCHEDULED, OVERDUE, SCHEDULED

# The forms a plan item may have: every consultation form but "none".
PLAN_FORMS = {k: v for k, v in CONSULTATION_FORMS.items() if k != "none"}

ITEM_STATES = {
    NOT_SCHEDULED: _l("Not scheduled"),
    SCHEDULED: _l("Scheduled"),
    HELD: _l("Held"),
    OVERDUE: _l("Overdue"),
}

MONTHS = [(m, _l("Month %(month)d", month=m)) for m in range(1, 13)]
QUARTERS = [(q, _l("Quarter %(quarter)d", quarter=q)) for q in range(1, 5)]

RECURRENCES = {
    WEEKLY: _l("Every N weeks on a weekday"),
    MONTHLY_WEEKDAY: _l("Monthly on the n-th weekday"),
    MONTHLY_DAY: _l("Monthly on a day of the month"),
}
WEEKDAYS = [
    (0, _l("Monday")), (1, _l("Tuesday")), (2, _l("Wednesday")), (3, _l("Thursday")),
    (4, _l("Friday")), (5, _l("Saturday")), (6, _l("Sunday")),
]
ORDINALS = [(1, _l("first")), (2, _l("second")), (3, _l("third")), (4, _l("fourth")), (LAST, _l("last"))]
HOLIDAY_CHOICES = {
    SKIP: _l("Leave the sitting out"),
    NEXT_WORKING_DAY: _l("Move it to the next working day (Monday–Friday, not a holiday)"),
}


class PlanItemForm(FlaskForm):
    """Create or edit a plan item. The view fills the organ and member choices."""

    topic = StringField(_l("Topic"), validators=[DataRequired(), Length(max=TOPIC_MAX)])
    consultation_form = SelectField(_l("Consultation form"), choices=options(PLAN_FORMS.items()))
    organ_id = SelectField(_l("Organ"), coerce=int_or_none, validators=[InputRequired()])
    sitting_kind = SelectField(_l("Kind of sitting"), choices=options(SITTING_KINDS.items()), default="meeting")
    planned_month = SelectField(_l("Planned month"), coerce=int_or_none, validators=[Optional()])
    planned_quarter = SelectField(_l("or planned quarter"), coerce=int_or_none, validators=[Optional()])
    lead_member_id = SelectField(_l("Lead leader"), coerce=int_or_none, validators=[Optional()])
    responsible_department = StringField(_l("Responsible department"), validators=[Length(max=DEPARTMENT_MAX)])
    participating_departments = TextAreaField(_l("Participating departments"), validators=[Length(max=2000)])
    notes = TextAreaField(_l("Notes"), validators=[Length(max=5000)])

    def __init__(self, *args, organs=(), members=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.organ_id.choices = options([(None, "—")] + [(o.id, o.name) for o in organs])
        self.lead_member_id.choices = options([(None, "—")] + [(m.id, m.name) for m in members])
        self.planned_month.choices = options([(None, "—"), *MONTHS])
        self.planned_quarter.choices = options([(None, "—"), *QUARTERS])

    def validate_organ_id(self, field) -> None:
        if field.data is None:
            raise ValidationError(_("Choose the organ."))

    def validate_planned_quarter(self, field) -> None:
        month = self.planned_month.data
        if month is not None and field.data is not None and (month - 1) // 3 + 1 != field.data:
            raise ValidationError(_("Month %(month)d is not in quarter %(quarter)d.", month=month, quarter=field.data))

    def item_values(self) -> dict:
        """Return the typed values as keyword arguments of the plan services."""
        return {
            "topic": self.topic.data,
            "consultation_form": self.consultation_form.data,
            "organ_id": self.organ_id.data,
            "sitting_kind": self.sitting_kind.data,
            "planned_month": self.planned_month.data,
            "planned_quarter": self.planned_quarter.data,
            "lead_member_id": self.lead_member_id.data,
            "responsible_department": self.responsible_department.data or "",
            "participating_departments": self.participating_departments.data or "",
            "notes": self.notes.data or "",
        }


class ActionForm(FlaskForm):
    """A button that posts (move, delete, publish): CSRF only."""


class ImportUploadForm(FlaskForm):
    """Choose a CSV file of plan items to preview."""

    file = FileField(_l("CSV file"))


class ImportConfirmForm(FlaskForm):
    """Confirm an import that the preview found without errors: the text travels back unchanged."""

    csv_text = TextAreaField(validators=[DataRequired()])


class SeriesForm(FlaskForm):
    """A series of regular sittings: what, when, where, and which dates to avoid."""

    organ_id = SelectField(_l("Organ"), coerce=int_or_none, validators=[InputRequired()])
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=200)])
    sitting_kind = SelectField(_l("Kind of sitting"), choices=options(SITTING_KINDS.items()), default="meeting")
    consultation_form = SelectField(_l("Consultation form"), choices=options(CONSULTATION_FORMS.items()),
                                    default="none")
    recurrence = SelectField(_l("Repeats"), choices=options(RECURRENCES.items()), default=MONTHLY_WEEKDAY)
    interval = IntegerField(_l("Every"), default=1, validators=[InputRequired(), NumberRange(min=1, max=12)])
    weekday = SelectField(_l("Weekday"), coerce=int, choices=options(WEEKDAYS), default=1)
    ordinal = SelectField(_l("Which one in the month"), coerce=int, choices=options(ORDINALS), default=1)
    day = IntegerField(_l("Day of the month"), default=1, validators=[Optional(), NumberRange(min=1, max=31)])
    first_date = DateField(_l("First date"), validators=[InputRequired()])
    last_date = DateField(_l("Last date"), validators=[InputRequired()])
    start_time = TimeField(_l("Starts at (local time)"), default=time(9, 0), validators=[InputRequired()])
    duration_minutes = IntegerField(
        _l("Duration in minutes"), default=120, validators=[InputRequired(), NumberRange(min=1, max=7 * 24 * 60)]
    )
    location = StringField(_l("Location"), validators=[Length(max=200)])
    topics = TextAreaField(_l("Agenda items, one per line"), validators=[Length(max=5000)])
    holidays = TextAreaField(_l("Holidays to avoid"), validators=[Length(max=5000)])
    on_holiday = SelectField(_l("A sitting that falls on a holiday"), choices=options(HOLIDAY_CHOICES.items()),
                             default=SKIP)
    preview = SubmitField(_l("Preview the dates"))
    create = SubmitField(_l("Create the drafts"))

    def __init__(self, *args, organs=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.organ_id.choices = options([(None, "—")] + [(o.id, o.name) for o in organs])

    def validate_organ_id(self, field) -> None:
        if field.data is None:
            raise ValidationError(_("Choose the organ."))

    def validate_day(self, field) -> None:
        if self.recurrence.data == MONTHLY_DAY and field.data is None:
            raise ValidationError(_("Give the day of the month."))
