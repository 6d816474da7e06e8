"""Pages of the plans domain: the year at a glance, plan items, the CSV import and series of regular sittings."""

from __future__ import annotations

from datetime import date, timedelta
from zoneinfo import ZoneInfo

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user
from sqlalchemy import select

from consult.auth.permissions import is_staff, staff_required
from consult.committee import get_committee
from consult.csv_files import CsvError, decode_csv_bytes, read_table
from consult.db_types import utcnow
from consult.extensions import db
from consult.meetings.links import url_patterns
from consult.meetings.models import MEETING_STATUSES, SITTING_KINDS
from consult.meetings.scheduling import PeriodError
from consult.meetings.services import MeetingError, default_invitees
from consult.members.models import Member, Organ
from consult.plans import importing, queries, services
from consult.plans.forms import (
    HOLIDAY_CHOICES,
    ITEM_STATES,
    MONTHS,
    ORDINALS,
    PLAN_FORMS,
    QUARTERS,
    RECURRENCES,
    WEEKDAYS,
    ActionForm,
    ImportConfirmForm,
    ImportUploadForm,
    PlanItemForm,
    SeriesForm,
)
from consult.plans.models import PlanItem
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

bp = Blueprint("plans", __name__)

LABELS = {
    "states": ITEM_STATES,
    "forms": PLAN_FORMS,
    "kinds": SITTING_KINDS,
    "statuses": MEETING_STATUSES,
    "recurrences": RECURRENCES,
    "weekdays": dict(WEEKDAYS),
    "ordinals": dict(ORDINALS),
    "holiday_choices": HOLIDAY_CHOICES,
    "months": dict(MONTHS),
    "quarters": dict(QUARTERS),
}


def _zone() -> str:
    return get_committee().time_zone


def _today() -> date:
    return utcnow().astimezone(ZoneInfo(_zone())).date()


def _check_year(year: int) -> None:
    if not 2000 <= year <= 2100:
        abort(404)


def _organs() -> list[Organ]:
    return list(db.session.scalars(select(Organ).where(Organ.active.is_(True)).order_by(Organ.position, Organ.name)))


def _members() -> list[Member]:
    return list(db.session.scalars(select(Member).where(Member.active.is_(True)).order_by(Member.name, Member.id)))


def _load_item(item_id: int) -> PlanItem:
    item = db.session.get(PlanItem, item_id)
    if item is None:
        abort(404)
    return item


# --- the year ---------------------------------------------------------------------------------------


@bp.route("/plans")
def current():
    """Send the reader to this year's plan."""
    return redirect(url_for("plans.year", year=_today().year))


@bp.route("/plans/<int:year>")
def year(year: int):
    """The year at a glance: every item with its state and sittings, and the tallies.

    Staff see everything and edit; anyone else sees a published plan read-only, and 404 otherwise.
    Filters: ?organ=<id>&form=<form>&state=<state>.
    """
    _check_year(year)
    staff = is_staff()
    page = queries.load_year(year, today=_today(), time_zone=_zone(), public=not staff)
    if not staff and (page.plan is None or not page.plan.is_public):
        abort(404)
    organ_filter = request.args.get("organ", type=int)
    form_filter = request.args.get("form", "")
    state_filter = request.args.get("state", "")
    rows = [
        row
        for row in page.rows
        if (organ_filter is None or row.item.organ_id == organ_filter)
        and (not form_filter or row.item.consultation_form == form_filter)
        and (not state_filter or row.state == state_filter)
    ]
    return render_template(
        "plans/year.html",
        page=page,
        rows=rows,
        staff=staff,
        filters={"organ": organ_filter, "form": form_filter, "state": state_filter},
        action_form=ActionForm(),
        # Labels as plain text once per request: a page of 200 items would translate them thousands of times.
        labels={name: {key: str(label) for key, label in values.items()} for name, values in LABELS.items()},
        # Addresses of the rows, each built with one url_for call instead of one per row.
        urls=url_patterns(
            meeting=("meetings.detail", "meeting_id"),
            schedule=("meetings.new", "plan_item"),
            edit=("plans.item_edit", "item_id"),
            move=("plans.item_move", "item_id"),
            delete=("plans.item_delete", "item_id"),
        ) if rows else {},
    )


@bp.route("/plans/<int:year>/publish", methods=["POST"])
@staff_required
def publish(year: int):
    """Make the read-only version of the plan public at the same address."""
    _check_year(year)
    if not ActionForm().validate_on_submit():
        abort(400)
    services.set_public(services.get_or_create_plan(year), True, now=utcnow())
    db.session.commit()
    flash(_("The plan of %(year)d is public now: anyone can read it at this address.", year=year), "success")
    return redirect(url_for("plans.year", year=year))


@bp.route("/plans/<int:year>/unpublish", methods=["POST"])
@staff_required
def unpublish(year: int):
    """Withdraw the public version of the plan."""
    _check_year(year)
    if not ActionForm().validate_on_submit():
        abort(400)
    plan = services.find_plan(year)
    if plan is None:
        abort(404)
    services.set_public(plan, False, now=utcnow())
    db.session.commit()
    flash(_("The plan of %(year)d is visible to staff only now.", year=year), "success")
    return redirect(url_for("plans.year", year=year))


# --- items --------------------------------------------------------------------------------------------


def _render_item_form(form: PlanItemForm, year: int, item: PlanItem | None = None, status: int = 200):
    return render_template("plans/item_form.html", form=form, year=year, item=item), status


_ITEM_ERROR_FIELDS = {
    "empty_topic": "topic",
    "unknown_form": "consultation_form",
    "unknown_sitting_kind": "sitting_kind",
    "bad_month": "planned_month",
    "bad_quarter": "planned_quarter",
    "unknown_organ": "organ_id",
    "unknown_member": "lead_member_id",
}


def _item_error(form: PlanItemForm, error: services.PlanError) -> None:
    messages = {
        "empty_topic": _("Give the topic."),
        "unknown_form": _("Choose a consultation form from the list."),
        "unknown_sitting_kind": _("Choose a kind of sitting from the list."),
        "bad_month": _("The month must be between 1 and 12."),
        "bad_quarter": _("The quarter must be between 1 and 4."),
        "unknown_organ": _("This organ does not exist."),
        "unknown_member": _("This member does not exist."),
    }
    field = getattr(form, _ITEM_ERROR_FIELDS.get(error.code, "topic"))
    field.errors = [*field.errors, messages.get(error.code, str(error))]


@bp.route("/plans/<int:year>/items/new", methods=["GET", "POST"])
@staff_required
def item_new(year: int):
    """Add an item to the plan of `year`."""
    _check_year(year)
    form = PlanItemForm(organs=_organs(), members=_members())
    if not form.validate_on_submit():
        return _render_item_form(form, year, status=422 if request.method == "POST" else 200)
    try:
        item = services.add_item(services.get_or_create_plan(year), **form.item_values())
    except services.PlanError as error:
        db.session.rollback()
        _item_error(form, error)
        return _render_item_form(form, year, status=422)
    db.session.commit()
    flash(_("The item “%(topic)s” was added to the plan.", topic=item.topic), "success")
    return redirect(url_for("plans.year", year=year, _anchor=f"item-{item.id}"))


@bp.route("/plans/items/<int:item_id>/edit", methods=["GET", "POST"])
@staff_required
def item_edit(item_id: int):
    """Change a plan item."""
    item = _load_item(item_id)
    year = item.plan.year
    form = PlanItemForm(obj=item, organs=_organs(), members=_members())
    if not form.validate_on_submit():
        return _render_item_form(form, year, item, status=422 if request.method == "POST" else 200)
    try:
        services.update_item(item, **form.item_values())
    except services.PlanError as error:
        db.session.rollback()
        _item_error(form, error)
        return _render_item_form(form, year, item, status=422)
    db.session.commit()
    flash(_("The item was saved."), "success")
    return redirect(url_for("plans.year", year=year, _anchor=f"item-{item.id}"))


@bp.route("/plans/items/<int:item_id>/delete", methods=["POST"])
@staff_required
def item_delete(item_id: int):
    """Delete a plan item; sittings that carried it out stay, no longer linked."""
    item = _load_item(item_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    year, topic = item.plan.year, item.topic
    unlinked = services.delete_item(item)
    db.session.commit()
    flash(_("The item “%(topic)s” was deleted.", topic=topic), "success")
    if unlinked:
        flash(ngettext("%(num)d sitting is no longer linked to the plan.",
                       "%(num)d sittings are no longer linked to the plan.", unlinked), "info")
    return redirect(url_for("plans.year", year=year))


@bp.route("/plans/items/<int:item_id>/move", methods=["POST"])
@staff_required
def item_move(item_id: int):
    """Move a plan item one place up or down (form field `direction`)."""
    item = _load_item(item_id)
    if not ActionForm().validate_on_submit() or request.form.get("direction") not in ("up", "down"):
        abort(400)
    services.move_item(item, request.form["direction"])
    db.session.commit()
    return redirect(url_for("plans.year", year=item.plan.year, _anchor=f"item-{item.id}"))


# --- import -------------------------------------------------------------------------------------------


def _read_plan_csv(text: str):
    """Return (items, problems) for a CSV text; raise CsvError for a file in the wrong shape."""
    rows = read_table(text, importing.PLAN_COLUMNS, importing.REQUIRED_COLUMNS)
    if not rows:
        raise CsvError("The file has a header but no rows.")
    organs = list(db.session.scalars(select(Organ)))
    members = list(db.session.scalars(select(Member)))
    return importing.read_plan_rows(
        rows,
        importing.organ_lookup(importing.OrganRef(o.id, o.name, o.slug, o.kind, o.number_label) for o in organs),
        importing.member_lookup(importing.MemberRef(m.id, m.name, m.member_number) for m in members),
        importing.choice_lookup(importing.FORM_ALIASES, PLAN_FORMS),
        importing.choice_lookup(importing.SITTING_KIND_ALIASES, SITTING_KINDS),
    )


def _render_import(year, upload, *, confirm=None, items=(), problems=(), file_error=None, status=200):
    organ_names = {o.id: o.name for o in db.session.scalars(select(Organ))}
    return (
        render_template(
            "plans/import.html",
            year=year,
            upload=upload,
            confirm=confirm,
            items=items,
            problems=[(p.line, p.message(_)) for p in problems],
            file_error=file_error,
            organ_names=organ_names,
            columns=importing.PLAN_COLUMNS,
            required=importing.REQUIRED_COLUMNS,
            labels=LABELS,
        ),
        status,
    )


@bp.route("/plans/<int:year>/import", methods=["GET", "POST"])
@staff_required
def import_csv(year: int):
    """Import plan items from CSV: upload → preview listing every bad row → confirm, all or nothing."""
    _check_year(year)
    upload = ImportUploadForm()
    if request.method == "GET":
        return _render_import(year, upload)
    if "csv_text" in request.form:
        confirm = ImportConfirmForm()
        if not confirm.validate_on_submit():
            return _render_import(year, upload, file_error=_("Choose a file to import."), status=422)
        try:
            items, problems = _read_plan_csv(confirm.csv_text.data)
        except CsvError as error:
            return _render_import(year, upload, file_error=error.message(_), status=422)
        if problems:
            return _render_import(year, upload, problems=problems, status=422)
        try:
            added = services.import_items(services.get_or_create_plan(year), items)
        except services.PlanError as error:
            db.session.rollback()
            return _render_import(year, upload, file_error=str(error), status=422)
        db.session.commit()
        flash(ngettext("%(num)d item was imported.", "%(num)d items were imported.", len(added)), "success")
        return redirect(url_for("plans.year", year=year))
    if not upload.validate_on_submit() or not upload.file.data:
        return _render_import(year, upload, file_error=_("Choose a file to import."), status=422)
    try:
        text = decode_csv_bytes(upload.file.data.read())
        items, problems = _read_plan_csv(text)
    except CsvError as error:
        return _render_import(year, upload, file_error=error.message(_), status=422)
    confirm = ImportConfirmForm(formdata=None, csv_text=text) if not problems else None
    return _render_import(year, upload, confirm=confirm, items=items, problems=problems,
                          status=422 if problems else 200)


# --- regular sittings ---------------------------------------------------------------------------------


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
    """Return the rule the form describes; raise SeriesError for holidays that cannot be read."""
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
        time_zone=_zone(),
        holidays=parse_holidays(form.holidays.data or ""),
        on_holiday=form.on_holiday.data,
    )


def _render_series(form, *, series=None, conflicts=(), status=200):
    return render_template(
        "plans/series.html", form=form, series=series, conflicts=conflicts, labels=LABELS, max_sittings=MAX_SITTINGS,
    ), status


@bp.route("/plans/series/new", methods=["GET", "POST"])
@staff_required
def series_new():
    """Create a series of regular sittings as drafts: preview the dates and conflicts, then confirm."""
    organs = _organs()
    organ_by_id = {o.id: o for o in organs}
    form = SeriesForm(organs=organs)
    if request.method == "GET":
        today = _today()
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
        form.title.errors = [*form.title.errors, str(error)]
        return _render_series(form, status=422)
    db.session.commit()
    flash(
        ngettext("%(num)d draft was created. Edit and publish each on its own.",
                 "%(num)d drafts were created. Edit and publish each on its own.", len(meetings)),
        "success",
    )
    first = meetings[0].starts_at.astimezone(ZoneInfo(_zone()))
    return redirect(url_for("meetings.month", year=first.year, month=first.month))
