"""The forms of the follow-up: assign (交办), record the answer (办理情况) and close, reopen; the list's filters.

Each form of a decision carries the decision's revision, so a page opened before a colleague's change changes
nothing; its fields are prefixed with the decision's id, so one page holds the forms of every decision.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, HiddenField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.validators import InputRequired, Optional

from consult.followup.models import DEPARTMENT_MAX, NOTE_MAX, TEXT_MAX
from consult.followup.states import OUTCOMES
from consult.form_helpers import options
from consult.meetings.forms import DateInRange
from consult.minutes.forms import AtMost, cleaned


def one_line(value):
    """Return typed text on one line (line breaks made spaces), cleaned as every text is; None stays None."""
    value = cleaned(value)
    return " ".join(value.split("\n")) if value else value


def revision_of(form) -> int:
    """Return the decision revision a form was opened on (-1 when it is missing or not a number: stale)."""
    try:
        return int(form.revision.data or "")
    except ValueError:
        return -1


def prefix_of(decision_id: int) -> str:
    """Return the field prefix of a decision's forms."""
    return f"d{decision_id}"


class AssignForm(FlaskForm):
    """交办: the responsible department and the due date."""

    revision = HiddenField()
    department = StringField(
        _l("Responsible department (承办单位)"),
        validators=[InputRequired(_l("Give the department that handles the decision.")), AtMost(DEPARTMENT_MAX)],
        filters=[one_line], description=_l("Type it, or choose one the plan and earlier decisions name."),
    )
    due_on = DateField(_l("Due date (办理期限)"), validators=[Optional(), DateInRange()],
                       description=_l("Leave it empty when the department was given no date."))
    note = TextAreaField(_l("Note (how it was handed over)"), validators=[AtMost(NOTE_MAX)], filters=[cleaned])
    submit = SubmitField(_l("Assign"))


class AnswerForm(FlaskForm):
    """办理情况: the department's answer, its date and, to close the decision, the outcome."""

    revision = HiddenField()
    answer = TextAreaField(
        _l("The department's answer (办理情况)"),
        validators=[InputRequired(_l("Write what the department answered.")), AtMost(TEXT_MAX)], filters=[cleaned],
    )
    answered_on = DateField(_l("Date of the answer"),
                            validators=[InputRequired(_l("Give the date of the answer.")), DateInRange()])
    outcome = SelectField(
        _l("Outcome"), choices=options([(None, _l("Still in progress (an interim answer)")), *OUTCOMES.items()]),
        validate_choice=True, description=_l("Choosing an outcome closes the decision (已办结)."),
    )
    submit = SubmitField(_l("Save the answer"))


class ReopenForm(FlaskForm):
    """重新办理: a closed decision open again."""

    revision = HiddenField()
    reason = TextAreaField(_l("Why it is reopened"), validators=[AtMost(NOTE_MAX)], filters=[cleaned])
    submit = SubmitField(_l("Reopen"))
