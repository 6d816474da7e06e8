"""Importing members from CSV: upload → preview (every bad row) → confirm (all rows or none); template and export."""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _

from consult.auth.permissions import all_organs_required, staff_required
from consult.auth.scope import organ_scope
from consult.committee import clock
from consult.csv_files import CsvConfirmForm, CsvError, CsvUploadForm, csv_download, read_upload
from consult.extensions import db
from consult.members import queries, services
from consult.members.blueprint import bp
from consult.members.posts import ROLE_WORDS
from consult.members.roster import (
    GENDER_HEADINGS,
    MEMBER_COLUMNS,
    REQUIRED_MEMBER_COLUMNS,
    TEMPLATE_HEADINGS,
    ImportPlan,
)


def translate(msgid: str, **params) -> str:
    """Return a problem's message in the reader's language; column names in it are translated too."""
    if "column" in params:
        params["column"] = _(params["column"])
    return _(msgid, **params)


def _render_upload(form: CsvUploadForm, error: str | None = None, status: int = 200):
    return render_template(
        "members/import.html", form=form, error=error, columns=MEMBER_COLUMNS, required=REQUIRED_MEMBER_COLUMNS,
    ), status


def _render_preview(text: str, plan: ImportPlan, status: int = 200):
    confirm = CsvConfirmForm(formdata=None, text=text) if plan.ok else None
    problems = [(p.line, p.message(translate)) for p in plan.problems]
    return render_template("members/import_preview.html", plan=plan, problems=problems, confirm=confirm), status


@bp.route("/members/import", methods=["GET"])
@all_organs_required
def import_form():
    """Staff upload a member CSV for a preview."""
    return _render_upload(CsvUploadForm())


@bp.route("/members/import", methods=["POST"])
@all_organs_required
def import_preview():
    """Read the uploaded CSV and show what the import would do, with every bad row; nothing is written."""
    form = CsvUploadForm()
    if not form.validate_on_submit():
        return _render_upload(form, status=400)
    try:
        text = read_upload(form.file.data)
        plan = services.preview_member_import(text)
    except CsvError as error:
        return _render_upload(form, error.message(_), 400)
    return _render_preview(text, plan, status=200 if plan.ok else 422)


@bp.route("/members/import/confirm", methods=["POST"])
@all_organs_required
def import_confirm():
    """Import the previewed text: validated again, then all rows are written or none."""
    form = CsvConfirmForm()
    if not form.validate_on_submit():
        flash(_("The import form has expired or is incomplete; upload the file again."), "error")
        return redirect(url_for("members.import_form"))
    text = form.text.data
    try:
        result = services.import_members(text)
    except CsvError as error:
        db.session.rollback()
        return _render_upload(CsvUploadForm(formdata=None), error.message(_), 400)
    except services.ImportRejected as rejected:
        db.session.rollback()
        return _render_preview(text, rejected.plan, status=409)
    db.session.commit()
    flash(
        _("Import finished: %(created)d new members, %(updated)d updated, %(unchanged)d unchanged.",
          created=result.created, updated=result.updated, unchanged=result.unchanged),
        "success",
    )
    if result.new_sectors:
        flash(_("New sectors: %(names)s.", names="、".join(result.new_sectors)), "info")
    return redirect(url_for("members.directory"))


@bp.route("/members/import/template.csv")
@all_organs_required
def import_template():
    """An empty member table with the Chinese headings, to fill in with Excel."""
    return csv_download([list(TEMPLATE_HEADINGS)], "members-template.csv")


@bp.route("/members/export.csv")
@staff_required
def export():
    """The active members in the import format, so that the roster can be edited in Excel and imported again
    (staff limited to some organs: those organs' members only)."""
    members = queries.directory(queries.DirectoryFilter(organ_ids=organ_scope()), staff=True)
    today = clock.today()
    rows = [list(TEMPLATE_HEADINGS)]
    for m in members:
        organs = sorted((s.organ for s in m.memberships if s.active_on(today)), key=lambda o: (o.position, o.id))
        rows.append([
            m.name, GENDER_HEADINGS.get(m.gender, ""), m.party, m.sector.name, "、".join(o.name for o in organs),
            ROLE_WORDS.get(m.role or "", ""), "是" if m.is_standing else "否", m.phone, m.email,
            m.member_number or "", m.affiliation,
        ])
    return csv_download(rows, "members.csv")
