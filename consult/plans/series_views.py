"""Regular sittings: a rule, a preview of every date with its conflicts, then all drafts at once."""

from __future__ import annotations

from datetime import date, timedelta

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from consult.auth.permissions import staff_required
from consult.auth.scope import limit_organs
from consult.committee import clock
from consult.extensions import db
from consult.meetings.forms import refusal_message
from consult.meetings.scheduling import PeriodError
from consult.meetings.services import MeetingError, default_invitees
from consult.plans import queries, services
from consult.plans.blueprint import (
    LABELS,
    active_organs,
    bp,
)
from consult.plans.forms import (
    SeriesForm,
)
from consult.plans.series import (
    BAD_DURATION,
    BAD_HOLIDAY,
    BAD_RULE,
    LAST_BEFORE_FIRST,
    MAX_SITTINGS,
    NO_DATES,
    TOO_MANY,
    Recurrence,
    SeriesError,
    SeriesRule,
    generate_series,
    parse_holidays,
)
from consult.workdays import YearNotCovered, official_calendar


def _series_message(error: SeriesError) -> tuple[str, str]:
    """Return (field name, message) for a series that cannot be made."""
    if error.code == NO_DATES:
        return "first_date", _("These rules give no date between the first and the last date.")
    if error.code == TOO_MANY:
        return "last_date", _(
            "These rules give %(count)d sittings; a series has at most %(max)d. Choose an earlier last date.",
            count=error.count, max=MAX_SITTINGS,
        )
    if error.code == LAST_BEFORE_FIRST:
        return "last_date", _("The last date must not be before the first date.")
    if error.code == BAD_DURATION:
        return "duration_minutes", _("A sitting lasts more than 0 minutes and at most 7 days.")
    if error.code == BAD_HOLIDAY:
        return "holidays", _(
            "“%(text)s” is not a date or a range of dates. Write one per line, e.g. 2025-10-01 or "
            "2025-10-01..2025-10-08.", text=error.text,
        )
    if error.code == BAD_RULE:
        return "recurrence", _("Complete the repeat rule.")
    return "recurrence", str(error)


def _series_rule(form: SeriesForm) -> SeriesRule:
    """Return the rule the form describes; raise SeriesError for holidays that cannot be read and
    YearNotCovered when the official holidays are asked for a year the data does not hold yet."""
    holidays, workdays = parse_holidays(form.holidays.data or ""), frozenset()
    if form.official_holidays.data:
        official = official_calendar(form.first_date.data, form.last_date.data)
        holidays, workdays = holidays | official.holidays, official.workdays
    return SeriesRule(
        recurrence=Recurrence(
            kind=form.recurrence.data,
            interval=form.interval.data,
            weekday=form.weekday.data,
            ordinal=form.ordinal.data,
            day=form.day.data,
        ),
        first_date=form.first_date.data,
        last_date=form.last_date.data,
        start_time=form.start_time.data,
        duration=timedelta(minutes=form.duration_minutes.data),
        time_zone=clock.zone_name(),
        holidays=holidays,
        on_holiday=form.on_holiday.data,
        workdays=workdays,
    )


def _render_series(form, *, series=None, conflicts=(), status=200):
    return render_template(
        "plans/series.html", form=form, series=series, conflicts=conflicts, labels=LABELS, max_sittings=MAX_SITTINGS,
    ), status


@bp.route("/plans/series/new", methods=["GET", "POST"])
@staff_required
def series_new():
    """Create a series of regular sittings as drafts: preview the dates and conflicts, then confirm."""
    organs = limit_organs(active_organs())
    organ_by_id = {o.id: o for o in organs}
    form = SeriesForm(organs=organs)
    if request.method == "GET":
        today = clock.today()
        form.first_date.data = form.first_date.data or today
        form.last_date.data = form.last_date.data or date(today.year, 12, 31)
        return _render_series(form)
    if not form.validate_on_submit() or form.organ_id.data not in organ_by_id:
        if form.organ_id.data is not None and form.organ_id.data not in organ_by_id:
            form.organ_id.errors = [*form.organ_id.errors, _("This organ does not exist.")]
        return _render_series(form, status=422)
    try:
        series = generate_series(_series_rule(form))
    except SeriesError as error:
        name, message = _series_message(error)
        field = getattr(form, name)
        field.errors = [*field.errors, message]
        return _render_series(form, status=422)
    except YearNotCovered as error:
        form.official_holidays.errors = [_(
            "The official holidays of %(years)s are not published in this system yet (it knows %(first)d–%(last)d). "
            "Type that year's holidays below and untick this box, or wait for the update.",
            years="、".join(map(str, error.years)), first=error.first, last=error.last,
        )]
        return _render_series(form, status=422)
    organ = organ_by_id[form.organ_id.data]
    topics = [line.strip() for line in (form.topics.data or "").splitlines() if line.strip()]
    if not form.create.data:
        invitee_ids = [m.id for m in default_invitees(organ)]
        conflicts = queries.series_conflicts(series.sittings, form.location.data or "", invitee_ids)
        return _render_series(form, series=series, conflicts=conflicts)
    try:
        meetings = services.create_series(
            organ,
            form.title.data,
            series,
            sitting_kind=form.sitting_kind.data,
            consultation_form=form.consultation_form.data,
            location=form.location.data or "",
            topics=topics,
            created_by=current_user,
        )
    except (MeetingError, PeriodError) as error:
        db.session.rollback()
        form.title.errors = [*form.title.errors, refusal_message(error)]
        return _render_series(form, status=422)
    db.session.commit()
    flash(
        ngettext("%(num)d draft was created. Check it and publish it below, or edit it first.",
                 "%(num)d drafts were created. Check them and publish them together below, or edit some first.",
                 len(meetings)),
        "success",
    )
    return redirect(url_for("meetings.publish_drafts", series=meetings[0].series_id))
