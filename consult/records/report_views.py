"""Staff pages of the duty records: the year's report (a sortable, filtered table of every member, the rules reached,
the year's figures beside their charts), its CSV and Word downloads, and one member's record."""

from __future__ import annotations

from flask import abort, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from consult.auth.permissions import staff_required
from consult.auth.scope import organ_scope, require_organs_of
from consult.committee import clock
from consult.csv_files import csv_download
from consult.documents.views import docx_response
from consult.form_helpers import db_int
from consult.meetings.links import url_patterns
from consult.members import queries as member_queries
from consult.records.blueprint import COLUMNS, RATE_RULE, STATUS_LABELS, bp, check_year, plain, private
from consult.records.counting import rate_text
from consult.records.export import file_name
from consult.records.files import csv_table, docx_bytes
from consult.records.queries import collector_paused, load_report
from consult.records.report import DEFAULT_SORT, SORTS, Filters, YearReport, filtered_rows, sector_totals, sorted_rows
from consult.records.rules import KIND_MEETINGS, PERIODS, TERM


def _asked(report: YearReport, sectors) -> tuple[Filters, str, bool]:
    """Return the filters and the order the query string asks for; unknown sectors, organs and columns are ignored
    (the page then shows every member, in member order)."""
    sector = request.args.get("sector", type=db_int)
    organ = request.args.get("organ", type=db_int)
    sort = request.args.get("sort", DEFAULT_SORT)
    filters = Filters(
        sector_id=sector if sector in {s.id for s in sectors} else None,
        organ_id=organ if report.organ(organ) is not None else None,
        standing=request.args.get("standing") == "1",
        flagged=request.args.get("flagged") == "1",
    )
    return filters, sort if sort in SORTS else DEFAULT_SORT, request.args.get("dir") == "desc"


def rule_text(rule, organ_names: dict) -> str:
    """Return a rule as the pages say it: absent without leave 3 times from standing committee meetings within a
    year."""
    if rule.organ_id is not None:
        meetings = _("meetings of %(organ)s", organ=organ_names.get(rule.organ_id, ""))
    else:
        meetings = KIND_MEETINGS.get(rule.organ_kind or "", rule.organ_kind or "")
    return _("Absent without leave %(count)d times from %(meetings)s %(period)s",
             count=rule.count, meetings=meetings, period=PERIODS.get(rule.period, ""))


def crossing_text(crossing, organ_names: dict) -> str:
    """Return a rule a member reached, with the term for a per-term rule: … within a term (term 8)."""
    words = rule_text(crossing.rule, organ_names)
    if crossing.rule.period == TERM:
        return _("%(rule)s (term %(term)d)", rule=words, term=crossing.period_value)
    return words


@bp.route("/records")
@staff_required
def current():
    """Send staff to this year's duty report."""
    return redirect(url_for("records.report", year=clock.today().year))


@bp.route("/records/members/<int:member_id>")
@staff_required
def current_member(member_id: int):
    """Send staff to the member's duty record of this year."""
    return redirect(url_for("records.member_record", year=clock.today().year, member_id=member_id))


@bp.route("/records/<int:year>")
@staff_required
def report(year: int):
    """The year's duty report: every member with the sittings they were invited to, present, on leave, absent,
    not recorded, the attendance rate, opinions given and taken into the minutes, and the absence rules reached.
    ?sector=<id>&organ=<id>&standing=1&flagged=1 filter, ?sort=<column>&dir=desc orders; no JavaScript needed."""
    check_year(year)
    with collector_paused():  # the report and its 400 rows of strings (see collector_paused)
        return _report_page(year)


def _report_page(year: int):
    """Return the response of `report` (made with the collector paused)."""
    today = clock.today()
    page = load_report(year, today=today, organ_ids=organ_scope())
    sectors = member_queries.all_sectors()
    filters, sort, descending = _asked(page, sectors)
    rows = sorted_rows(filtered_rows(page, filters), sort, descending, filters.organ_id)
    organ_names = {organ.id: organ.name for organ in page.organs}
    kept = {key: value for key, value in (("sector", filters.sector_id), ("organ", filters.organ_id),
                                          ("standing", 1 if filters.standing else None),
                                          ("flagged", 1 if filters.flagged else None)) if value is not None}
    # The table as plain values, for a template that shows 400 rows: reading attributes in Jinja costs per cell.
    table = [(row.member.id, row.member.name, row.member.active, row.member.sector_name, row.standing,
              (tally := row.record.tally(filters.organ_id)).values(), rate_text(tally.rate), len(row.crossings))
             for row in rows]
    return private(render_template(
        "records/report.html", page=page, table=table, filters=filters, sort=sort, descending=descending, kept=kept,
        sectors=sectors, organ_names=organ_names, columns=plain(COLUMNS), statuses=plain(STATUS_LABELS),
        rate_rule=RATE_RULE, rules=[rule_text(rule, organ_names) for rule in page.rules],
        by_sector=sector_totals(page.rows), admin=current_user.is_admin, today=today,
        crossing_text=lambda crossing: crossing_text(crossing, organ_names),
        urls=url_patterns(member=("records.member_record", "member_id", {"year": year}),
                          meeting=("meetings.detail", "meeting_id")),
    ))


@bp.route("/records/<int:year>.csv")
@staff_required
def report_csv(year: int):
    """The report's table as CSV for Excel (UTF-8 with BOM, Chinese headers), with the page's filters and order."""
    check_year(year)
    with collector_paused():
        page = load_report(year, today=clock.today(), organ_ids=organ_scope())
        filters, sort, descending = _asked(page, member_queries.all_sectors())
        return csv_download(csv_table(page, filters, sort, descending), file_name(year, "csv"))


@bp.route("/records/<int:year>.docx")
@staff_required
def report_docx(year: int):
    """The year's 履职情况通报 as a Word document in the official layout: every member, by sector."""
    check_year(year)
    today = clock.today()
    with collector_paused():
        data = docx_bytes(load_report(year, today=today, organ_ids=organ_scope()), today)
    return private(docx_response(data, f"{year}年度委员履职情况通报", f"duty-report-{year}"))


@bp.route("/records/<int:year>/members/<int:member_id>")
@staff_required
def member_record(year: int, member_id: int):
    """One member's duty record for the year: every sitting with their status, the counts per organ, opinions, and
    the absence rules they reached with the sittings that count."""
    check_year(year)
    member = member_queries.member_by_id(member_id) or abort(404)
    require_organs_of(lambda: member_queries.organ_ids_of_member(member.id))
    page = load_report(year, today=clock.today(), member_id=member.id, organ_ids=organ_scope())
    row = page.rows[0] if page.rows else None
    organ_names = {organ.id: organ.name for organ in page.organs}
    return private(render_template(
        "records/member.html", page=page, row=row, member=member, organ_names=organ_names, own=False,
        statuses=plain(STATUS_LABELS), rate_rule=RATE_RULE, columns=plain(COLUMNS),
        rules=[rule_text(rule, organ_names) for rule in page.rules],
        crossed=[(crossing_text(c, organ_names), c) for c in row.crossings] if row else [],
    ))
