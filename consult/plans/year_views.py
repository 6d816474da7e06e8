"""The plan's pages: the year at a glance, publishing and adopting it, its items, scheduling an item."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext

from consult.auth.permissions import all_organs_required, is_staff, staff_required
from consult.auth.scope import organ_scope
from consult.committee import clock
from consult.extensions import db
from consult.followup.states import COUNT_LABELS, COUNTS_LINE, counts_text
from consult.form_helpers import ActionForm, ConfirmForm, db_int
from consult.i18n import current_locale, format_local
from consult.meetings.kinds import FUNCTIONS, forms_of
from consult.meetings.links import url_patterns
from consult.plans import queries, services
from consult.plans.annual import MEETING_LABELS, report_sentence
from consult.plans.blueprint import (
    LABELS,
    active_organs,
    bp,
    check_year,
    default_lead,
    lead_choices,
    load_item,
)
from consult.plans.chart_views import CHARTS, STAFF_CHARTS
from consult.plans.forms import (
    PlanForm,
    PlanItemForm,
)
from consult.plans.models import PlanItem
from consult.plans.prefill import meeting_defaults_from_item


@bp.route("/plans")
def current():
    """Send the reader to this year's plan."""
    return redirect(url_for("plans.year", year=clock.today().year))


@bp.route("/plans/<int:year>")
def year(year: int):
    """The year at a glance: every item with its state and sittings, and the tallies.

    Staff see everything and edit; anyone else sees a published plan read-only, and 404 otherwise.
    Filters: ?organ=<id>&form=<form>&state=<state>.
    """
    check_year(year)
    staff = is_staff()
    page = queries.load_year(year, today=clock.today(), time_zone=clock.zone_name(), public=not staff,
                             organ_ids=organ_scope() if staff else None)
    if not staff and (page.plan is None or not page.plan.is_public):
        abort(404)
    organ_filter = request.args.get("organ", type=db_int)
    form_filter = request.args.get("form", "")
    state_filter = request.args.get("state", "")
    rows = [
        row
        for row in page.rows
        if (organ_filter is None or row.item.organ_id == organ_filter)
        and (not form_filter or row.item.consultation_form == form_filter)
        and (not state_filter or row.state == state_filter)
    ]
    counts_line = str(COUNTS_LINE)
    zone, locale = clock.zone_name(), current_locale()
    return render_template(
        "plans/year.html",
        page=page,
        rows=rows,
        staff=staff,
        filters={"organ": organ_filter, "form": form_filter, "state": state_filter},
        action_form=ActionForm(),
        report_sentence=report_sentence(page.counts),
        function_forms={function: forms_of(function) for function in FUNCTIONS},
        organ_kind_labels={kind: str(label) for kind, label in MEETING_LABELS.items()},
        # Labels as plain text once per request: a page of 200 items would translate them thousands of times.
        labels={name: {key: str(label) for key, label in values.items()} for name, values in LABELS.items()},
        # Addresses of the rows, each built with one url_for call instead of one per row.
        urls=url_patterns(
            meeting=("meetings.detail", "meeting_id"),
            schedule=("plans.schedule_item", "item_id"),
            edit=("plans.item_edit", "item_id"),
            move=("plans.item_move", "item_id"),
            delete=("plans.item_delete", "item_id"),
            minutes=("minutes.download", "meeting_id"),
            results=("followup.sitting", "meeting_id"),
        ) if rows else {},
        count_labels={key: str(label) for key, label in COUNT_LABELS.items()},
        result_lines={sitting_id: counts_text(counts_line, counts) for sitting_id, counts in page.results.items()},
        # The sittings' days formatted here, once each: a filter call per sitting costs a locale lookup each.
        sitting_dates={m.id: format_local(m.starts_at, "short_date", zone, locale)
                       for row in rows for m in row.sittings},
        charts=[name for name in CHARTS if staff or name not in STAFF_CHARTS],
    )


@bp.route("/plans/items/<int:item_id>/schedule")
@staff_required
def schedule_item(item_id: int):
    """Open the meeting form filled from a plan item (organ, kind, form, topic, departments as 列席).

    Plans owns this step and hands the values to meetings as query values, so meetings never reads plans.
    """
    values = meeting_defaults_from_item(load_item(item_id))
    return redirect(
        url_for(
            "meetings.new",
            organ=values["organ_id"],
            kind=values["sitting_kind"],
            form=values["consultation_form"],
            title=values["title"],
            topic=values["topics"],
            observers=values["observers"],
            plan_item=values["plan_item_id"],
        )
    )


@bp.route("/plans/<int:year>/publish", methods=["POST"])
@all_organs_required
def publish(year: int):
    """Make the read-only version of the plan public at the same address."""
    check_year(year)
    if not ActionForm().validate_on_submit():
        abort(400)
    services.set_public(services.get_or_create_plan(year), True, now=clock.now())
    db.session.commit()
    flash(_("The plan of %(year)d is public now: anyone can read it at this address.", year=year), "success")
    return redirect(url_for("plans.year", year=year))


@bp.route("/plans/<int:year>/unpublish", methods=["POST"])
@all_organs_required
def unpublish(year: int):
    """Withdraw the public version of the plan."""
    check_year(year)
    if not ActionForm().validate_on_submit():
        abort(400)
    plan = services.find_plan(year)
    if plan is None:
        abort(404)
    services.set_public(plan, False, now=clock.now())
    db.session.commit()
    flash(_("The plan of %(year)d is visible to staff only now.", year=year), "success")
    return redirect(url_for("plans.year", year=year))


@bp.route("/plans/<int:year>/adoption", methods=["GET", "POST"])
@all_organs_required
def adoption(year: int):
    """The plan's title and how it was adopted: 经区委同意 or 常委会议审议通过, the date and the 文号."""
    check_year(year)
    plan = services.find_plan(year)
    form = PlanForm(obj=plan if request.method == "GET" else None)
    if not form.validate_on_submit():
        status = 422 if request.method == "POST" else 200
        return render_template("plans/plan_form.html", form=form, year=year), status
    try:
        services.update_plan(plan or services.get_or_create_plan(year), **form.plan_values())
    except services.PlanError:
        db.session.rollback()
        form.document_number.errors = [_("The plan could not be saved: check the date and the texts.")]
        return render_template("plans/plan_form.html", form=form, year=year), 422
    db.session.commit()
    flash(_("The plan of %(year)d was saved.", year=year), "success")
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
    "bad_half": "planned_half",
    "unknown_organ": "organ_id",
    "missing_organ": "organ_id",
    "missing_organising_organ": "organising_organ_id",
    "unknown_member": "lead_member_id",
    "unknown_result": "expected_result",
}


def _item_error(form: PlanItemForm, error: services.PlanError) -> None:
    messages = {
        "empty_topic": _("Give the topic."),
        "unknown_form": _("Choose a consultation form from the list."),
        "unknown_sitting_kind": _("Choose a kind of sitting from the list."),
        "bad_month": _("The month must be between 1 and 12."),
        "bad_quarter": _("The quarter must be between 1 and 4."),
        "bad_half": _("Choose the first or the second half of the year."),
        "unknown_organ": _("This organ does not exist."),
        "missing_organ": _("Choose the organ."),
        "missing_organising_organ": _("Choose the committee body that organises the item (承办)."),
        "unknown_member": _("This member does not exist."),
        "unknown_result": _("Choose an expected result from the list."),
        "bad_text": _("The text holds a character that cannot be stored."),
        "too_long": _("A text is too long."),
    }
    field = getattr(form, _ITEM_ERROR_FIELDS.get(error.code, "topic"))
    field.errors = [*field.errors, messages.get(error.code) or _("The item could not be saved.")]


@bp.route("/plans/<int:year>/items/new", methods=["GET", "POST"])
@all_organs_required
def item_new(year: int):
    """Add an item to the plan of `year`."""
    check_year(year)
    form = PlanItemForm(organs=active_organs(), members=lead_choices())
    if not form.validate_on_submit():
        return _render_item_form(form, year, status=422 if request.method == "POST" else 200)
    values = form.item_values()
    lead = None if values.get("lead_member_id") else default_lead(values.get("organ_id"))
    if lead is not None:
        values["lead_member_id"] = lead.id
    try:
        item = services.add_item(services.get_or_create_plan(year), **values)
    except services.PlanError as error:
        db.session.rollback()
        _item_error(form, error)
        return _render_item_form(form, year, status=422)
    db.session.commit()
    flash(_("The item “%(topic)s” was added to the plan.", topic=item.topic), "success")
    if lead is not None:
        flash(_("Its lead leader is %(name)s, who keeps in touch with %(organ)s.", name=lead.name,
                organ=item.organ.name), "info")
    return redirect(url_for("plans.year", year=year, _anchor=f"item-{item.id}"))


@bp.route("/plans/items/<int:item_id>/edit", methods=["GET", "POST"])
@staff_required
def item_edit(item_id: int):
    """Change a plan item."""
    item = load_item(item_id)
    year = item.plan.year
    scope = organ_scope()
    organs = [o for o in active_organs()
              if scope is None or o.id in scope or o.id in (item.organ_id, item.organising_organ_id)]
    form = PlanItemForm(obj=item, organs=organs, members=lead_choices(item))
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


@bp.route("/plans/items/<int:item_id>/delete", methods=["GET", "POST"])
@staff_required
def item_delete(item_id: int):
    """Delete a plan item after a confirmation page; sittings that carried it out stay, no longer linked."""
    item = load_item(item_id)
    form = ConfirmForm()
    if not form.confirmed_on_submit():
        return render_template(
            "_confirm.html",
            heading=_("Delete the item “%(topic)s”?", topic=item.topic),
            warnings=[
                _("The item leaves the %(year)d plan for good; this cannot be undone.", year=item.plan.year),
                _("Sittings that carried it out stay as they are, no longer linked to the plan."),
            ],
            action=url_for("plans.item_delete", item_id=item.id),
            button=_("Yes, delete the item"),
            back=url_for("plans.year", year=item.plan.year, _anchor=f"item-{item.id}"),
            form=form,
        )
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
    item = load_item(item_id)
    if not ActionForm().validate_on_submit() or request.form.get("direction") not in ("up", "down"):
        abort(400)
    services.move_item(item, request.form["direction"])
    db.session.commit()
    return redirect(url_for("plans.year", year=item.plan.year, _anchor=f"item-{item.id}"))
