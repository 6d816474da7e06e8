"""The decisions of a year across sittings, with filters (year, organ, department, state), and the overdue list the
office chases departments with (催办), grouped by department."""

from __future__ import annotations

from flask import render_template, request

from consult.auth.permissions import staff_required
from consult.committee import clock, get_committee
from consult.followup import queries, states
from consult.followup.blueprint import bp, plain_labels, private, visible_organs
from consult.form_helpers import db_int
from consult.meetings import queries as meeting_queries
from consult.plans.queries import year_bounds

PER_PAGE = 100


def _row(decision, sitting, today) -> dict:
    return {
        "decision": decision,
        "sitting": sitting,
        "state": states.decision_state(department=decision.department, due_on=decision.due_on,
                                       outcome=decision.outcome, today=today),
        "days_overdue": states.days_overdue(decision.due_on, today),
        "late": states.closed_late(due_on=decision.due_on, answered_on=decision.answered_on, outcome=decision.outcome),
    }


def _organ_filter(organ_id: int | None) -> list[int] | None:
    """Return the organ ids a list reads: the one chosen (if the staff member may follow it), else all they may."""
    allowed = visible_organs()
    if organ_id is None:
        return allowed
    return [organ_id] if allowed is None or organ_id in allowed else []


@bp.route("/results")
@staff_required
def decision_list():
    """The decisions (议定事项) of the approved minutes of a year's sittings, in date order, with their state:
    ?year=&organ=&department=&state=&page=. A year outside 2000–2100 shows this year."""
    today = clock.today()
    year = request.args.get("year", type=db_int)
    if year is None or not 2000 <= year <= 2100:
        year = today.year
    organ_id = request.args.get("organ", type=db_int)
    department = " ".join(request.args.get("department", "").split())[:100]
    state = request.args.get("state", "")
    state = state if state in states.STATES else ""
    start, end = year_bounds(year, clock.zone_name())
    decisions = queries.decisions_listed(starts_from=start, starts_before=end, organ_ids=_organ_filter(organ_id),
                                         department=department)
    sittings = meeting_queries.sittings_by_ids({d.meeting_id for d in decisions})
    rows = [_row(d, sittings[d.meeting_id], today) for d in decisions if d.meeting_id in sittings]
    rows.sort(key=lambda r: (r["sitting"].starts_at, r["sitting"].id, r["decision"].position))
    counts = states.count_decisions(((r["decision"].department, r["decision"].due_on, r["decision"].outcome)
                                     for r in rows), today)
    if state:
        rows = [r for r in rows if r["state"] == state]
    pages = max((len(rows) + PER_PAGE - 1) // PER_PAGE, 1)
    page = min(max(request.args.get("page", 1, type=db_int) or 1, 1), pages)
    return private(render_template(
        "followup/list.html", rows=rows[(page - 1) * PER_PAGE:page * PER_PAGE], total=len(rows), counts=counts,
        year=year, organs=meeting_queries.all_organs(), filters={"organ": organ_id, "department": department,
                                                                  "state": state},
        page=page, pages=pages, labels=plain_labels(), short_name=get_committee().short_name,
        overdue_total=counts.overdue, today=today,
    ))


@bp.route("/results/overdue")
@staff_required
def overdue():
    """The decisions overdue today (逾期未办结), of every year, grouped by department, the longest overdue first:
    what the office chases (催办). Printable."""
    today = clock.today()
    decisions = queries.overdue_decisions(today, visible_organs())
    sittings = meeting_queries.sittings_by_ids({d.meeting_id for d in decisions})
    groups: dict[str, list[dict]] = {}
    for decision in decisions:
        if decision.meeting_id in sittings:
            groups.setdefault(decision.department, []).append(_row(decision, sittings[decision.meeting_id], today))
    ordered = sorted(groups.items(), key=lambda pair: (-len(pair[1]), pair[1][0]["decision"].due_on, pair[0]))
    return private(render_template(
        "followup/overdue.html", groups=ordered, total=sum(len(rows) for _, rows in ordered), today=today,
        labels=plain_labels(), short_name=get_committee().short_name,
    ))
