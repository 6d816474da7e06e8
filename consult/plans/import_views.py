"""The plan's CSV import: upload, a preview of every row, then an all-or-nothing confirm."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from sqlalchemy import select

from consult.auth.permissions import staff_required
from consult.csv_files import N_, CsvError, decode_csv_bytes, read_table
from consult.extensions import db
from consult.meetings.models import SITTING_KINDS
from consult.members.models import Member, Organ
from consult.plans import importing, services
from consult.plans.blueprint import (
    LABELS,
    bp,
    check_year,
)
from consult.plans.forms import (
    PLAN_FORMS,
    ImportConfirmForm,
    ImportUploadForm,
)


def _read_plan_csv(text: str):
    """Return (items, problems) for a CSV text; raise CsvError for a file in the wrong shape."""
    rows = read_table(text, importing.PLAN_COLUMNS, importing.REQUIRED_COLUMNS)
    if not rows:
        raise CsvError(N_("The file has a header but no rows."))
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
    check_year(year)
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
