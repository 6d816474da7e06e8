"""Forms of the meetings domain: one per use case. Times are typed in the committee's zone."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    HiddenField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
    TimeField,
)
from wtforms.validators import DataRequired, InputRequired, Length, Optional, ValidationError

from consult.form_helpers import TextLimit, int_or_none, options
from consult.meetings.kinds import ACTIVITY_KINDS, CONSULTATION_FORMS, SITTING_KINDS, leader_label
from consult.meetings.models import VISIBILITIES
from consult.meetings.scheduling import (
    END_BEFORE_START,
    OUT_OF_RANGE,
    TOO_LONG,
    ZERO_LENGTH,
    period_problem,
    year_in_range,
)
from consult.meetings.services import (
    CONTACT_NAME_MAX,
    CONTACT_PHONE_MAX,
    LIST_MAX,
    LOCATION_MAX,
    NOTES_MAX,
    TITLE_MAX,
    TOPIC_MAX,
    TOPICS_MAX,
)

PERIOD_MESSAGES = {
    END_BEFORE_START: _l("The sitting must end after it starts."),
    ZERO_LENGTH: _l("A sitting cannot last 0 minutes."),
    TOO_LONG: _l("A sitting cannot last longer than 7 days."),
    OUT_OF_RANGE: _l("Give a date between the years 1900 and 2100."),
}

# What each refusal of the meeting services (MeetingError.code) means to a person.
MEETING_ERROR_MESSAGES = {
    "cancelled": _l("A cancelled sitting cannot be changed."),
    "empty_title": _l("The title cannot be empty."),
    "not_cancellable": _l("Only a draft, published or postponed sitting can be cancelled."),
    "not_postponable": _l("Only a published sitting can be postponed."),
    "not_reschedulable": _l("Only a draft, published or postponed sitting can be rescheduled."),
    "unknown_visibility": _l("Choose who may see the sitting from the list."),
    "unknown_sitting_kind": _l("Choose the kind of sitting from the list."),
    "unknown_consultation_form": _l("Choose the consultation form from the list."),
    "unknown_field": _l("That detail of a sitting cannot be changed here."),
    "not_draft": _l("Only a draft can be published."),
    "not_published": _l("Only a published sitting can be marked held."),
    "not_started": _l("A sitting can be marked held only once it has started."),
    "numbered_kind": _l("A numbered sitting keeps its kind."),
    "numbered_organ": _l("A numbered sitting keeps its organ."),
    "reason_required": _l("Please give the reason for the cancellation."),
    "title_too_long": _l("The title is too long."),
    "topic_too_long": _l("A topic is too long."),
    "too_many_topics": _l("A sitting has at most %(max)d topics.", max=TOPICS_MAX),
    "text_too_long": _l("A text of the sitting is longer than it may be; shorten it."),
    "unknown_member": _l("A chosen member no longer exists."),
    "unknown_organ": _l("Please choose an organ from the list."),
}


def refusal_message(error: Exception) -> str:
    """Return what a MeetingError or PeriodError means, in the reader's language (its text if unknown)."""
    code = getattr(error, "code", None)
    message = MEETING_ERROR_MESSAGES.get(code) or PERIOD_MESSAGES.get(code)
    return str(message) if message else str(error)


# How long before the start a group may assemble (a tour leaving the evening before).
MAX_ASSEMBLY_LEAD = timedelta(days=1)


class DateInRange:
    """A validator refusing a date outside 1900–2100 (year 9999 would break every feed)."""

    def __call__(self, form, field) -> None:
        if field.data is not None and not year_in_range(field.data.year):
            raise ValidationError(PERIOD_MESSAGES[OUT_OF_RANGE])


class NoControlCharacters:
    """A validator refusing NUL and other control characters (line breaks and tabs are fine): no database
    stores a NUL in text, and none of them belongs in a name or a place."""

    def __call__(self, form, field) -> None:
        if field.data and CONTROL_CHARACTERS.search(field.data):
            raise ValidationError(_l("The text holds a character that cannot be stored."))


CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def agenda_lines(text: str | None) -> list[str]:
    """Return the items typed in an agenda box, one per non-empty line, trimmed, in order."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class AgendaLines:
    """A validator of an agenda typed one item a line: at most `most` items (TOPICS_MAX) of at most TOPIC_MAX
    characters each; the form states both under the field (the `max_lines` and `max_line` flags)."""

    def __init__(self, most: int = TOPICS_MAX) -> None:
        self.most = most
        self.field_flags = {"max_lines": most, "max_line": TOPIC_MAX}

    def __call__(self, form, field) -> None:
        lines = agenda_lines(field.data)
        if len(lines) > self.most:
            raise ValidationError(_l("At most %(max)d topics; this agenda has %(count)d.", max=self.most,
                                     count=len(lines)))
        if any(len(line) > TOPIC_MAX for line in lines):
            raise ValidationError(_l("A topic has at most %(max)d characters.", max=TOPIC_MAX))

# A phone number as offices write it: digits with spaces, hyphens or brackets, an optional +86, and an
# extension after 转, ext. or x: 0513-85012345, (0513) 8501 2345, 138 1234 5678, 0513-85012345转8012.
PHONE_PATTERN = re.compile(r"\+?[0-9（）() -]{3,30}((转|ext\.?|x)\s*[0-9]{1,6})?", re.IGNORECASE)


class PhoneNumber:
    """A validator accepting an empty value or a phone number with at least 5 digits (PHONE_PATTERN)."""

    field_flags = {"maxlength": CONTACT_PHONE_MAX}

    def __call__(self, form, field) -> None:
        value = field.data or ""
        if not value:
            return
        if (len(value) > CONTACT_PHONE_MAX or not PHONE_PATTERN.fullmatch(value)
                or sum(ch.isdigit() for ch in value) < 5):
            raise ValidationError(_l("Give a phone number with digits only, e.g. 0513-85012345 or 13812345678."))


def local_to_utc(day: date, at: time, time_zone: str) -> datetime:
    """Return the UTC instant of wall-clock `day` `at` in `time_zone`."""
    return datetime.combine(day, at, tzinfo=ZoneInfo(time_zone)).astimezone(UTC)


class PeriodFields:
    """The date, end date and times of a sitting, typed in the committee's zone.

    Mixed into FlaskForms; `time_zone` must be set before validation.
    """

    date = DateField(_l("Date"), validators=[InputRequired(_l("Give the date (YYYY-MM-DD)."))])
    start_time = TimeField(_l("Starts at"), validators=[InputRequired(_l("Give the start time (HH:MM)."))])
    end_time = TimeField(_l("Ends at"), validators=[InputRequired(_l("Give the end time (HH:MM)."))])
    end_date = DateField(_l("End date (if another day)"), validators=[Optional()])
    location = StringField(
        _l("Location"),
        validators=[Length(max=LOCATION_MAX, message=_l("At most %(max)d characters.", max=LOCATION_MAX))],
    )

    time_zone = "Asia/Shanghai"
    starts_at: datetime | None = None
    ends_at: datetime | None = None

    def check_period(self) -> bool:
        """Compute starts_at/ends_at in UTC and put a period problem on the end time; return True if fine."""
        if not (self.date.data and self.start_time.data and self.end_time.data):
            return False
        for day_field in (self.date, self.end_date):
            if day_field.data and not year_in_range(day_field.data.year):
                day_field.errors = [*day_field.errors, str(PERIOD_MESSAGES[OUT_OF_RANGE])]
                return False
        end_day = self.end_date.data or self.date.data
        self.starts_at = local_to_utc(self.date.data, self.start_time.data, self.time_zone)
        self.ends_at = local_to_utc(end_day, self.end_time.data, self.time_zone)
        problem = period_problem(self.starts_at, self.ends_at)
        if problem:
            self.end_time.errors = [*self.end_time.errors, str(PERIOD_MESSAGES[problem])]
            return False
        return True


class ChangeFields:
    """Why a published or postponed sitting's time or place changes (shown to everyone who sees the
    sitting), and the confirmation when its new time gives less notice than the rules require. The reason is
    required only for such sittings: the view checks it against the sitting's status."""

    change_reason = TextAreaField(
        _l("Reason for the change"),
        validators=[Optional(), TextLimit(2000)],
        description=_l("Shown on the sitting's page next to its time, e.g. 因区委全会时间调整."),
    )
    confirm_late_notice = BooleanField(_l("Move it anyway with less notice than the rules require"))


class MeetingForm(ChangeFields, PeriodFields, FlaskForm):
    """Create or edit a sitting."""

    organ_id = SelectField(_l("Organ"), coerce=int_or_none, validate_choice=False)
    sitting_kind = SelectField(_l("Kind of sitting"), choices=options(SITTING_KINDS.items()), default="meeting")
    consultation_form = SelectField(
        _l("Form of work"), choices=options(CONSULTATION_FORMS.items()), default="none"
    )
    title = StringField(
        _l("Title"),
        validators=[
            DataRequired(_l("Give the sitting a title.")),
            Length(max=TITLE_MAX, message=_l("A title has at most %(max)d characters.", max=TITLE_MAX)),
        ],
    )
    presiding_member_id = SelectField(_l("Presiding"), coerce=int_or_none, validate_choice=False)
    topics = TextAreaField(_l("Topics (agenda items, one per line, in order)"),
                           validators=[NoControlCharacters(), AgendaLines()])
    observers = TextAreaField(_l("Observers (列席: units and people, one per line)"),
                              validators=[NoControlCharacters(), TextLimit(LIST_MAX)])
    guests = TextAreaField(
        _l("Guests (出席: invited leaders, one per line)"),
        validators=[NoControlCharacters(), TextLimit(LIST_MAX)],
        description=_l("Leaders of the Party committee, the people's congress and the government who attend."),
    )
    # Activities (视察, 调研 …): where and when the group gathers before it sets off.
    assembly_date = DateField(_l("Assembly date (if another day)"), validators=[Optional(), DateInRange()])
    assembly_time = TimeField(_l("Assembly time"), validators=[Optional()])
    assembly_place = StringField(
        _l("Assembly place"),
        validators=[NoControlCharacters(),
                    Length(max=LOCATION_MAX, message=_l("At most %(max)d characters.", max=LOCATION_MAX))],
    )
    invitee_ids = SelectMultipleField(_l("Invitees"), coerce=int, validate_choice=False)
    # 会务联系人及电话: the notice and the calendars give them; members ask them for leave (请假).
    contact_name = StringField(
        _l("Contact person"),
        validators=[NoControlCharacters(),
                    Length(max=CONTACT_NAME_MAX, message=_l("At most %(max)d characters.", max=CONTACT_NAME_MAX))],
        filters=[lambda value: " ".join(value.split()) if value else value],
        description=_l("Whom invitees call with questions and to ask for leave."),
    )
    contact_phone = StringField(
        _l("Contact phone"),
        validators=[PhoneNumber()],
        filters=[lambda value: " ".join(value.split()) if value else value],
        description=_l("e.g. 0513-85012345 or 13812345678; an extension after 转."),
    )
    notes = TextAreaField(_l("Notes (staff only)"), validators=[NoControlCharacters(), TextLimit(NOTES_MAX)])
    visibility = SelectField(
        _l("Who may see it"),
        choices=options([("", _l("As usual for the organ")), *VISIBILITIES.items()]),
        default="",
        description=_l(
            "Internal and members-only sittings never appear on public pages or public calendars; "
            "their invitees always see them. The standing committee's and the chair meeting's sittings "
            "are for members by default."
        ),
    )
    plan_item_id = HiddenField()
    confirm_conflicts = BooleanField(_l("Save anyway despite the conflicts"))

    def __init__(self, *args, organs=(), members=(), time_zone: str = "Asia/Shanghai", **kwargs):
        super().__init__(*args, **kwargs)
        self.time_zone = time_zone
        self._organ_ids = {o.id for o in organs}
        self._member_ids = {m.id for m in members}
        self.organ_id.choices = options((o.id, o.name) for o in organs)
        self.presiding_member_id.choices = options([(None, "—")] + [(m.id, m.name) for m in members if m.active])

    def offer_presiding(self, candidates, members) -> None:
        """List the proposed presiding (or leading) members first — the organ's post holders and the chair
        meeting, `candidates` in order — then every other active member, in two groups."""
        first = [m for m in candidates if m.active]
        chosen = {m.id for m in first}
        others = [m for m in members if m.active and m.id not in chosen]
        self.presiding_member_id.choices = {
            "": options([(None, "—")]),
            str(_l("Proposed: the organ's posts and the chair meeting")): options((m.id, m.name) for m in first),
            str(_l("Other members")): options((m.id, m.name) for m in others),
        }

    def validate_organ_id(self, field) -> None:
        if field.data is None or field.data not in self._organ_ids:
            from wtforms.validators import ValidationError

            raise ValidationError(_l("Choose an organ from the list."))

    def validate_presiding_member_id(self, field) -> None:
        if field.data is not None and field.data not in self._member_ids:
            from wtforms.validators import ValidationError

            raise ValidationError(_l("Choose a member from the list."))

    def validate_invitee_ids(self, field) -> None:
        if set(field.data or ()) - self._member_ids:
            from wtforms.validators import ValidationError

            raise ValidationError(_l("Some invitees are not members."))

    @property
    def leader_label(self):
        """Return the label of the presiding field for the kind chosen: 主持 or 带队."""
        return leader_label(self.sitting_kind.data or "meeting")

    @property
    def activity_kinds(self) -> list[str]:
        """Return the kinds that show the assembly fields and call the leader 带队."""
        return sorted(ACTIVITY_KINDS)

    def assembly_at(self) -> datetime | None:
        """Return the assembly time in UTC (on the assembly date, else the sitting's date), or None
        when no assembly time is given or the sitting is not an activity."""
        if self.sitting_kind.data not in ACTIVITY_KINDS or not self.assembly_time.data or not self.date.data:
            return None
        return local_to_utc(self.assembly_date.data or self.date.data, self.assembly_time.data, self.time_zone)

    def topic_list(self) -> list[str]:
        """Return the topics typed, one per non-empty line, in order."""
        return agenda_lines(self.topics.data)

    def validate(self, extra_validators=None) -> bool:
        fields_ok = super().validate(extra_validators)
        period_ok = self.check_period()
        assembly = self.assembly_at() if fields_ok else None
        if period_ok and assembly is not None and not self.starts_at - MAX_ASSEMBLY_LEAD <= assembly <= self.starts_at:
            self.assembly_time.errors = [*self.assembly_time.errors,
                                         str(_l("The group assembles before the sitting starts, on the same day or the "
                                                "day before."))]
            return False
        return period_ok and fields_ok


class RescheduleForm(ChangeFields, PeriodFields, FlaskForm):
    """Move a sitting to another time or place."""

    confirm_conflicts = BooleanField(_l("Save anyway despite the conflicts"))

    def __init__(self, *args, time_zone: str = "Asia/Shanghai", **kwargs):
        super().__init__(*args, **kwargs)
        self.time_zone = time_zone

    def validate(self, extra_validators=None) -> bool:
        fields_ok = super().validate(extra_validators)
        return self.check_period() and fields_ok


class PublishForm(FlaskForm):
    """Publish a draft; late notice needs the confirmation box."""

    confirm_late_notice = BooleanField(_l("Publish anyway with less notice than the rules require"))


class PublishDraftsForm(FlaskForm):
    """Publish several drafts together; late notice needs the confirmation box (the drafts are ticked
    checkboxes named meeting_ids on the page)."""

    confirm_late_notice = BooleanField(_l("Publish anyway those with less notice than the rules require"))


REASON_MAX = 2000


def reason_field(required_message) -> TextAreaField:
    """Return the required reason field of a cancellation or postponement (shown to everyone)."""
    return TextAreaField(
        _l("Reason"),
        validators=[DataRequired(required_message), TextLimit(REASON_MAX)],
    )


class CancelForm(FlaskForm):
    """Cancel a sitting; the reason is shown to everyone."""

    reason = reason_field(_l("Say why the sitting is cancelled."))


class PostponeForm(FlaskForm):
    """Postpone a published sitting (延期，时间另定); the reason is shown to everyone who sees it."""

    reason = reason_field(_l("Say why the sitting is postponed."))


class MeetingFilterForm(FlaskForm):
    """Filters of the list and the calendar, read from the query string."""

    class Meta:
        csrf = False

    organ = SelectField(_l("Organ"), coerce=int_or_none, validate_choice=False)
    kind = SelectField(_l("Kind of sitting"), validate_choice=False)
    form = SelectField(_l("Consultation form"), validate_choice=False)

    def __init__(self, *args, organs=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.organ.choices = options([(None, _l("All organs"))] + [(o.id, o.name) for o in organs])
        self.kind.choices = options([("", _l("All kinds")), *SITTING_KINDS.items()])
        self.form.choices = options([("", _l("All forms")), *CONSULTATION_FORMS.items()])
        self._organ_ids = {o.id for o in organs}

    def criteria(self) -> dict:
        """Return the valid filters chosen: organ_id, sitting_kind, consultation_form (unknown ones dropped)."""
        chosen = {}
        if self.organ.data in self._organ_ids:
            chosen["organ_id"] = self.organ.data
        if self.kind.data in SITTING_KINDS:
            chosen["sitting_kind"] = self.kind.data
        if self.form.data in CONSULTATION_FORMS:
            chosen["consultation_form"] = self.form.data
        return chosen
