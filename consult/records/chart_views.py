"""The duty report's charts as SVG (consult.charts): attendance by organ and by month, opinions by sector. The
report page shows each as <img> beside a table of the same figures, so nothing is lost without pictures."""

from __future__ import annotations

from flask_babel import gettext as _

from consult.auth.permissions import staff_required
from consult.auth.scope import organ_scope
from consult.charts import Series, bar_chart
from consult.committee import clock
from consult.records.blueprint import bp, check_year, month_name
from consult.records.counting import Tally
from consult.records.queries import load_report
from consult.records.report import sector_totals
from consult.responses import svg_response


def _attendance(tallies: list[Tally]) -> list[Series]:
    return [
        Series(_("Present"), tuple(t.present for t in tallies)),
        Series(_("On leave"), tuple(t.on_leave for t in tallies)),
        Series(_("Absent without leave"), tuple(t.absent for t in tallies)),
    ]


@bp.route("/records/<int:year>/charts/organs.svg")
@staff_required
def chart_organs(year: int):
    """Attendance by organ (person-sittings present, on leave, absent, stacked), the organs that held sittings."""
    check_year(year)
    page = load_report(year, today=clock.today(), organ_ids=organ_scope())
    # Horizontal bars are drawn from the bottom up: reversed, the first organ stands at the top.
    organs = [organ for organ in page.organs if page.held_by_organ.get(organ.id)][::-1]
    tallies = [page.by_organ.get(organ.id, Tally()) for organ in organs]
    return svg_response(bar_chart(
        _("Attendance by organ, %(year)d (person-sittings)", year=year), [organ.name for organ in organs],
        _attendance(tallies) if organs else [], stacked=True, horizontal=True, no_data=_("No sitting held"),
    ), names_people=True)


@bp.route("/records/<int:year>/charts/months.svg")
@staff_required
def chart_months(year: int):
    """Attendance by month of the year (person-sittings present, on leave, absent, stacked)."""
    check_year(year)
    page = load_report(year, today=clock.today(), organ_ids=organ_scope())
    tallies = [page.by_month.get(month, Tally()) for month in range(1, 13)]
    labels = [month_name(year, month) for month in range(1, 13)]
    return svg_response(bar_chart(
        _("Attendance by month, %(year)d (person-sittings)", year=year), labels,
        _attendance(tallies) if any(t.sittings for t in tallies) else [], stacked=True,
        no_data=_("No sitting held"),
    ), names_people=True)


@bp.route("/records/<int:year>/charts/sectors.svg")
@staff_required
def chart_sectors(year: int):
    """Opinions given and taken into the minutes, by sector."""
    check_year(year)
    page = load_report(year, today=clock.today(), organ_ids=organ_scope())
    sectors = [(name or _("No sector"), tally) for name, tally in sector_totals(page.rows) if tally.opinions][::-1]
    return svg_response(bar_chart(
        _("Opinions by sector, %(year)d", year=year), [name for name, _tally in sectors],
        [Series(_("Opinions given"), tuple(t.opinions for _name, t in sectors)),
         Series(_("Taken into minutes"), tuple(t.printed for _name, t in sectors))] if sectors else [],
        horizontal=True, no_data=_("No opinion given"),
    ), names_people=True)
