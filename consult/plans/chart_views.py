"""The year page's pictures as SVG (consult.charts): sittings held by organ and by month, and, for staff, the
decisions of their minutes by organ. Each is shown on the page with <img> beside a table of the same figures."""

from __future__ import annotations

from flask import abort
from flask_babel import gettext as _

from consult.auth.permissions import is_staff
from consult.auth.scope import organ_scope
from consult.charts import Series, bar_chart
from consult.committee import clock
from consult.followup.states import COUNT_LABELS
from consult.plans import queries, services
from consult.plans.blueprint import bp, check_year
from consult.plans.forms import MONTHS
from consult.responses import svg_response

CHARTS = ("sittings-by-organ", "sittings-by-month", "decisions-by-organ")
STAFF_CHARTS = frozenset({"decisions-by-organ"})


def chart_svg(name: str, figures, organs) -> bytes:
    """Return the SVG of chart `name` (one of CHARTS) over the year's figures, its words in the reader's language.
    Organs with nothing to count are left out."""
    no_data = _("Nothing to show yet")
    if name == "sittings-by-month":
        return bar_chart(
            _("Sittings held by month"), [str(label) for _month, label in MONTHS],
            [Series(_("Meetings held"), tuple(t.meetings for t in figures.by_month)),
             Series(_("Activities carried out"), tuple(t.activities for t in figures.by_month))],
            stacked=True, no_data=no_data)
    # pygal lays horizontal bars from the bottom up: the organs are handed in reversed, to read top-down in order.
    if name == "sittings-by-organ":
        shown = [organ for organ in reversed(organs) if organ.id in figures.by_organ]
        tallies = [figures.by_organ[organ.id] for organ in shown]
        return bar_chart(
            _("Sittings held by organ"), [organ.name for organ in shown],
            [Series(_("Meetings held"), tuple(t.meetings for t in tallies)),
             Series(_("Activities carried out"), tuple(t.activities for t in tallies))],
            stacked=True, horizontal=True, no_data=no_data)
    shown = [organ for organ in reversed(organs) if organ.id in figures.decisions_by_organ]
    counts = [figures.decisions_by_organ[organ.id] for organ in shown]
    return bar_chart(
        _("Decisions of the minutes by organ"), [organ.name for organ in shown],
        [Series(str(COUNT_LABELS["closed"]), tuple(c.closed for c in counts)),
         Series(str(COUNT_LABELS["open"]), tuple(c.open for c in counts)),
         Series(str(COUNT_LABELS["overdue"]), tuple(c.overdue for c in counts))],
        stacked=True, horizontal=True, no_data=no_data)


@bp.route("/plans/<int:year>/charts/<name>.svg")
def year_chart(year: int, name: str):
    """A picture of the year as SVG (image/svg+xml): sittings-by-organ, sittings-by-month, or for staff
    decisions-by-organ. Anyone who may read the year page may see the first two."""
    check_year(year)
    staff = is_staff()
    if name not in CHARTS or (name in STAFF_CHARTS and not staff):
        abort(404)
    if not staff:
        plan = services.find_plan(year)
        if plan is None or not plan.is_public:
            abort(404)
    figures, organs = queries.figures_of_year(year, today=clock.today(), time_zone=clock.zone_name(), staff=staff,
                                              organ_ids=organ_scope() if staff else None)
    return svg_response(chart_svg(name, figures, organs), names_people=name in STAFF_CHARTS)
