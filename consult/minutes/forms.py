"""The forms of the minutes: staff's edits before generating, and the approve and share buttons."""

from __future__ import annotations

import re

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, HiddenField, IntegerField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, NumberRange, ValidationError

from consult.meetings.forms import DateInRange

# Characters a paste from Word or a phone may carry that no document can hold; line breaks and tabs stay.
_UNWANTED = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff]")

TITLE_MAX, OFFICE_MAX, OPENING_MAX, SUMMARY_MAX, DECISIONS_MAX = 200, 100, 5_000, 20_000, 10_000


def cleaned(value):
    """Return typed text with line ends made \\n, characters no document can hold removed and spaces around it
    trimmed; None stays None."""
    if value is None:
        return None
    return _UNWANTED.sub("", value.replace("\r\n", "\n").replace("\r", "\n")).strip()


class AtMost:
    """A length validator that says how long the text is: at most `limit` characters (汉字 count one each)."""

    def __init__(self, limit: int):
        self.limit = limit
        self.field_flags = {"limit": limit}  # stated under the field (templates/_macros.html)

    def __call__(self, form, field) -> None:
        if field.data and len(field.data) > self.limit:
            raise ValidationError(_l("At most %(max)s characters; this text has %(count)s. Shorten it or split it.",
                                     max=f"{self.limit:,}", count=f"{len(field.data):,}"))


class MinutesForm(FlaskForm):
    """What staff edit before generating the minutes; one summary field per topic is added by minutes_form."""

    title = StringField(_l("Title"), validators=[DataRequired(), AtMost(TITLE_MAX)], filters=[cleaned])
    issue_number = IntegerField(
        _l("Issue number (第N期)"),
        validators=[InputRequired(_l("Give the issue number.")),
                    NumberRange(min=1, max=9999, message=_l("Give a number from 1 to 9999."))],
        description=_l("Counted per year: the suggestion is the next free number of the year."),
    )
    office = StringField(_l("Issuing office"), validators=[DataRequired(), AtMost(OFFICE_MAX)], filters=[cleaned])
    issued_on = DateField(_l("Date of issue"), validators=[InputRequired(_l("Give the date of issue.")),
                                                            DateInRange()])
    opening = TextAreaField(
        _l("Opening paragraph"), validators=[AtMost(OPENING_MAX)], filters=[cleaned],
        description=_l("When, where, who presided and the topics; one paragraph a line."),
    )
    decisions = TextAreaField(
        _l("Decisions (议定事项)"), validators=[AtMost(DECISIONS_MAX)], filters=[cleaned],
        description=_l("One decision a line; they are numbered in the document."),
    )
    submit = SubmitField(_l("Save the draft"))

    def summary_fields(self):
        """Return (topic title, field) for each topic's summary, in agenda order."""
        return [(title, self[name]) for name, title in self._summary_names]


def summary_name(topic_id: int) -> str:
    """Return the form field name of a topic's summary."""
    return f"summary_{topic_id}"


def minutes_form(topics, **kwargs) -> MinutesForm:
    """Return the edit form with one summary field per topic ((id, title) pairs in agenda order)."""

    class Form(MinutesForm):
        pass

    names = []
    for topic_id, title in topics:
        name = summary_name(topic_id)
        setattr(Form, name, TextAreaField(
            _l("Summary of the discussion"), validators=[AtMost(SUMMARY_MAX)], filters=[cleaned]))
        names.append((name, title))
    Form._summary_names = names
    return Form(**kwargs)


class ApproveForm(FlaskForm):
    """Approve the draft revision shown on the page."""

    revision = HiddenField()
    submit = SubmitField(_l("Approve this draft"))


class ShareForm(FlaskForm):
    """Offer the approved minutes to the sitting's invitees on their own page, or stop."""

    shared = HiddenField()
