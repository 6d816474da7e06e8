"""Forms of the plans domain: one per use case."""

from __future__ import annotations

from datetime import time

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    IntegerField,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
    TimeField,
)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional, ValidationError

from consult.form_helpers import TextLimit, int_or_none, options
from consult.meetings.forms import AgendaLines, DateInRange, NoControlCharacters
from consult.meetings.kinds import CONSULTATION_FORMS, FORMS, SITTING_KINDS
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

# The forms a plan item may have: consultation, supervision or research, never "none".
PLAN_FORMS = FORMS

ITEM_STATES = {
    NOT_SCHEDULED: _l("Not scheduled"),
    SCHEDULED: _l("Scheduled"),
    HELD: _l("Carried out"),
    OVERDUE: _l("Overdue"),
}

MONTHS = [(m, _l("Month %(month)d", month=m)) for m in range(1, 13)]
# One msgid per quarter and half: Chinese writes them with numerals (第四季度), which a msgstr cannot make of a digit.
QUARTERS = [(1, _l("First quarter")), (2, _l("Second quarter")), (3, _l("Third quarter")), (4, _l("Fourth quarter"))]
HALVES = [(1, _l("First half of the year")), (2, _l("Second half of the year"))]

EXPECTED_RESULT_LABELS = {
    "opinions": _l("Consultation opinions"),
    "recommendation": _l("Recommendation (建议案)"),
    "special_report": _l("Special report (专报)"),
    "research_report": _l("Research report"),
    "other": _l("Other result"),
}
APPROVAL_LABELS = {
    "party_committee": _l("Agreed by the district Party committee"),
    "standing_committee": _l("Adopted by the standing committee"),
}

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
    NEXT_WORKING_DAY: _l("Move it to the next working day (Monday–Friday or a make-up working day, not a holiday)"),
}


class PlanItemForm(FlaskForm):
    """Create or edit a plan item. The view fills the organ and member choices."""

    topic = StringField(_l("Topic"), validators=[DataRequired(), Length(max=TOPIC_MAX), NoControlCharacters()])
    consultation_form = SelectField(_l("Form of work"), choices=options(PLAN_FORMS.items()))
    organ_id = SelectField(_l("Organ"), coerce=int_or_none, validators=[InputRequired()])
    organising_organ_id = SelectField(
        _l("Organised by (承办)"), coerce=int_or_none, validators=[Optional()],
        description=_l("The committee body that prepares the item: a special committee, or the organ itself."),
    )
    sitting_kind = SelectField(_l("Kind of sitting"), choices=options(SITTING_KINDS.items()), default="meeting")
    planned_month = SelectField(_l("Planned month"), coerce=int_or_none, validators=[Optional()])
    planned_quarter = SelectField(_l("or planned quarter"), coerce=int_or_none, validators=[Optional()])
    planned_half = SelectField(_l("or half of the year"), coerce=int_or_none, validators=[Optional()])
    lead_member_id = SelectField(_l("Lead leader"), coerce=int_or_none, validators=[Optional()])
    counterpart_department = StringField(
        _l("Counterpart department (对口部门)"), validators=[Length(max=DEPARTMENT_MAX), NoControlCharacters()],
        description=_l("The government department the item is discussed with, e.g. 区科技局."),
    )
    participating_departments = TextAreaField(_l("Participating departments"),
                                              validators=[TextLimit(2000), NoControlCharacters()])
    expected_result = SelectField(_l("Expected result"), default="")
    report_to = StringField(_l("Submitted to"), validators=[Length(max=DEPARTMENT_MAX), NoControlCharacters()],
                            description=_l("Where the result goes, e.g. 区委、区政府."))
    notes = TextAreaField(_l("Notes"), validators=[TextLimit(5000), NoControlCharacters()])

    def __init__(self, *args, organs=(), members=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.organ_id.choices = options([(None, "—")] + [(o.id, o.name) for o in organs])
        self.organising_organ_id.choices = options([(None, "—")] + [(o.id, o.name) for o in organs])
        self.lead_member_id.choices = options([(None, "—")] + [(m.id, m.name) for m in members])
        self.planned_month.choices = options([(None, "—"), *MONTHS])
        self.planned_quarter.choices = options([(None, "—"), *QUARTERS])
        self.planned_half.choices = options([(None, "—"), *HALVES])
        self.expected_result.choices = options([("", "—"), *EXPECTED_RESULT_LABELS.items()])

    def validate_organ_id(self, field) -> None:
        if field.data is None:
            raise ValidationError(_("Choose the organ."))

    def validate_organising_organ_id(self, field) -> None:
        if field.data is None:
            raise ValidationError(_("Choose the committee body that organises the item (承办)."))

    def validate_planned_quarter(self, field) -> None:
        month = self.planned_month.data
        if month is not None and field.data is not None and (month - 1) // 3 + 1 != field.data:
            raise ValidationError(_("Month %(month)d is not in quarter %(quarter)d.", month=month, quarter=field.data))

    def validate_planned_half(self, field) -> None:
        month, quarter = self.planned_month.data, self.planned_quarter.data
        if field.data is None:
            return
        if (month is not None and (month - 1) // 6 + 1 != field.data) or (
            quarter is not None and (quarter - 1) // 2 + 1 != field.data
        ):
            raise ValidationError(_("The month or quarter is not in this half of the year."))

    def item_values(self) -> dict:
        """Return the typed values as keyword arguments of the plan services."""
        return {
            "topic": self.topic.data,
            "consultation_form": self.consultation_form.data,
            "organ_id": self.organ_id.data,
            "organising_organ_id": self.organising_organ_id.data,
            "sitting_kind": self.sitting_kind.data,
            "planned_month": self.planned_month.data,
            "planned_quarter": self.planned_quarter.data,
            "planned_half": self.planned_half.data,
            "lead_member_id": self.lead_member_id.data,
            "counterpart_department": self.counterpart_department.data or "",
            "participating_departments": self.participating_departments.data or "",
            "expected_result": self.expected_result.data or "",
            "report_to": self.report_to.data or "",
            "notes": self.notes.data or "",
        }


class PlanForm(FlaskForm):
    """The plan itself: its title and how it was adopted (经区委同意 / 常委会议审议通过, date, 文号)."""

    title = StringField(_l("Title"), validators=[Length(max=200), NoControlCharacters()])
    approved_by = SelectField(_l("Adopted"), default="")
    approved_on = DateField(_l("Date of adoption"), validators=[Optional(), DateInRange()])
    document_number = StringField(_l("Document number (文号)"), validators=[Length(max=60), NoControlCharacters()],
                                  description=_l("e.g. 崇政协发〔2026〕1号"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.approved_by.choices = options([("", _l("Not yet adopted")), *APPROVAL_LABELS.items()])

    def plan_values(self) -> dict:
        """Return the typed values as keyword arguments of services.update_plan."""
        return {
            "title": self.title.data or "",
            "approved_by": self.approved_by.data or "",
            "approved_on": self.approved_on.data,
            "document_number": self.document_number.data or "",
        }


class SeriesForm(FlaskForm):
    """A series of regular sittings: what, when, where, and which dates to avoid."""

    organ_id = SelectField(_l("Organ"), coerce=int_or_none, validators=[InputRequired()])
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=200), NoControlCharacters()])
    sitting_kind = SelectField(_l("Kind of sitting"), choices=options(SITTING_KINDS.items()), default="meeting")
    consultation_form = SelectField(_l("Consultation form"), choices=options(CONSULTATION_FORMS.items()),
                                    default="none")
    recurrence = SelectField(_l("Repeats"), choices=options(RECURRENCES.items()), default=MONTHLY_WEEKDAY)
    interval = IntegerField(_l("Every"), default=1, validators=[InputRequired(), NumberRange(min=1, max=12)])
    weekday = SelectField(_l("Weekday"), coerce=int, choices=options(WEEKDAYS), default=1)
    ordinal = SelectField(_l("Which one in the month"), coerce=int, choices=options(ORDINALS), default=1)
    day = IntegerField(_l("Day of the month"), default=1, validators=[Optional(), NumberRange(min=1, max=31)])
    first_date = DateField(_l("First date"), validators=[InputRequired(), DateInRange()])
    last_date = DateField(_l("Last date"), validators=[InputRequired(), DateInRange()])
    start_time = TimeField(_l("Starts at (local time)"), default=time(9, 0), validators=[InputRequired()])
    duration_minutes = IntegerField(
        _l("Duration in minutes"), default=120, validators=[InputRequired(), NumberRange(min=1, max=7 * 24 * 60)]
    )
    location = StringField(_l("Location"), validators=[Length(max=200), NoControlCharacters()])
    topics = TextAreaField(_l("Agenda items, one per line"), validators=[AgendaLines(), NoControlCharacters()])
    official_holidays = BooleanField(
        _l("Avoid the official public holidays (State Council schedule, with make-up working days)"), default=True
    )
    holidays = TextAreaField(_l("Other dates to avoid"), validators=[TextLimit(5000), NoControlCharacters()])
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
