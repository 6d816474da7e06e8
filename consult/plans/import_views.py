"""The plan's CSV import, in the members' flow: upload → a preview listing every bad row → confirm, all or nothing."""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from sqlalchemy import select

from consult.auth.permissions import all_organs_required
from consult.csv_files import CsvConfirmForm, CsvError, CsvUploadForm, read_upload
from consult.extensions import db
from consult.members.models import Organ
from consult.plans import importing, services
from consult.plans.blueprint import LABELS, bp, check_year


def _render_upload(year: int, form: CsvUploadForm, error: str | None = None, status: int = 200):
    return render_template(
        "plans/import.html", year=year, upload=form, file_error=error, columns=importing.PLAN_COLUMNS,
        required=importing.REQUIRED_COLUMNS,
    ), status


def _render_preview(year: int, text: str, preview: services.PlanImportPreview, status: int = 200):
    organ_names = {o.id: o.name for o in db.session.scalars(select(Organ))}
    return render_template(
        "plans/import_preview.html",
        year=year,
        preview=preview,
        problems=[(p.line, p.message(_)) for p in preview.problems],
        confirm=CsvConfirmForm(formdata=None, text=text) if preview.ok else None,
        organ_names=organ_names,
        labels=LABELS,
    ), status


@bp.route("/plans/<int:year>/import", methods=["GET"])
@all_organs_required
def import_csv(year: int):
    """Staff upload a CSV of plan items for a preview."""
    check_year(year)
    return _render_upload(year, CsvUploadForm())


@bp.route("/plans/<int:year>/import", methods=["POST"])
@all_organs_required
def import_preview(year: int):
    """Read the uploaded CSV and show what the import would add, with every bad row; nothing is written."""
    check_year(year)
    form = CsvUploadForm()
    if not form.validate_on_submit():
        return _render_upload(year, form, _("Choose a file to import."), status=422)
    try:
        text = read_upload(form.file.data)
        preview = services.preview_plan_import(text)
    except CsvError as error:
        return _render_upload(year, form, error.message(_), 422)
    return _render_preview(year, text, preview, status=200 if preview.ok else 422)


@bp.route("/plans/<int:year>/import/confirm", methods=["POST"])
@all_organs_required
def import_confirm(year: int):
    """Import the previewed text: read again, then every item is added or none."""
    check_year(year)
    form = CsvConfirmForm()
    if not form.validate_on_submit():
        flash(_("The import form has expired or is incomplete; upload the file again."), "error")
        return redirect(url_for("plans.import_csv", year=year))
    text = form.text.data
    try:
        added = services.import_plan_file(services.get_or_create_plan(year), text)
    except CsvError as error:
        db.session.rollback()
        return _render_upload(year, CsvUploadForm(formdata=None), error.message(_), 422)
    except services.ImportRejected as rejected:
        db.session.rollback()
        return _render_preview(year, text, rejected.preview, status=409)
    except services.PlanError:
        db.session.rollback()
        return _render_upload(year, CsvUploadForm(formdata=None),
                              _("An item of the file cannot be added to the plan; nothing was imported."), 422)
    db.session.commit()
    flash(ngettext("%(num)d item was imported.", "%(num)d items were imported.", len(added)), "success")
    return redirect(url_for("plans.year", year=year))
