"""The year plan as a CSV file for Excel: every item with what the plan page shows of it, under the headings
the plan import reads, so that an exported file can be edited and imported into another year's plan."""

from __future__ import annotations

from flask import abort

from consult.auth.permissions import is_staff
from consult.auth.scope import organ_scope
from consult.committee import clock
from consult.csv_files import csv_download
from consult.plans import queries
from consult.plans.blueprint import LABELS, bp, check_year
from consult.plans.importing import EXPORT_ONLY_COLUMNS, PLAN_COLUMNS


def export_headings() -> list[str]:
    """Return the headings of the export: the first Chinese heading the import knows for each column."""
    return [aliases[0] for aliases in (*PLAN_COLUMNS.values(), *EXPORT_ONLY_COLUMNS.values())]


@bp.route("/plans/<int:year>.csv")
def year_csv(year: int):
    """The plan of `year` as CSV (UTF-8 with BOM): staff always, anyone else when the plan is public,
    with the sittings the reader may see (drafts for staff only)."""
    check_year(year)
    staff = is_staff()
    page = queries.load_year(year, today=clock.today(), time_zone=clock.zone_name(), public=not staff,
                             organ_ids=organ_scope() if staff else None)
    if page.plan is None or not (staff or page.plan.is_public):
        abort(404)
    labels = {name: {key: str(label) for key, label in values.items()} for name, values in LABELS.items()}
    rows = [export_headings()]
    for row in page.rows:
        item = row.item
        rows.append([
            item.topic,
            labels["forms"].get(item.consultation_form, item.consultation_form),
            page.organ_names.get(item.organ_id, ""),
            page.organ_names.get(item.organising_organ_id, ""),
            labels["kinds"].get(item.sitting_kind, item.sitting_kind),
            item.planned_month or "",
            item.planned_quarter or "",
            labels["halves"].get(item.planned_half, "") if item.planned_half else "",
            item.lead_member.name if item.lead_member else "",
            item.counterpart_department,
            item.participating_departments,
            labels["results"].get(item.expected_result, "") if item.expected_result else "",
            item.report_to,
            item.notes,
            labels["states"].get(row.state, row.state),
            "、".join(page.sitting_names.get(s.id, s.title) for s in row.sittings),
        ])
    response = csv_download(rows, f"plan-{year}.csv")
    if not staff:
        response.headers["Cache-Control"] = "no-cache"
    return response
