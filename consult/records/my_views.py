"""A member's own duty record, from their personal link: a summary of this year on their page (/my/<token>) and the
full record of a year under /my/<token>/records/<year>. Members see only their own."""

from __future__ import annotations

from flask import abort, render_template

from consult.committee import clock
from consult.feeds.queries import member_by_access_token
from consult.records.blueprint import COLUMNS, RATE_RULE, STATUS_LABELS, bp, check_year, plain, private
from consult.records.counting import Tally, rate_text
from consult.records.queries import load_report


@bp.route("/my/<access_token>/records/<int:year>")
def my_record(access_token: str, year: int):
    """The member's own duty record for the year: every sitting they were invited to with their status, the counts
    per organ and their opinions. 404 for a link that is not a member's."""
    member = member_by_access_token(access_token) or abort(404)
    check_year(year)
    page = load_report(year, today=clock.today(), member_id=member.id)
    row = page.rows[0] if page.rows else None
    return private(render_template(
        "records/member.html", page=page, row=row, member=member, own=True,
        organ_names={organ.id: organ.name for organ in page.organs}, statuses=plain(STATUS_LABELS),
        rate_rule=RATE_RULE, columns=plain(COLUMNS), rules=[], crossed=[],
    ))


@bp.app_template_global()
def member_duty_summary(member) -> dict:
    """Return, for the member's own page, this year's counts of their duty record and the rate as printed (a fixed
    number of statements)."""
    year = clock.today().year
    page = load_report(year, today=clock.today(), member_id=member.id, with_rules=False)
    tally = page.rows[0].record.total if page.rows else Tally()
    return {"year": year, "tally": tally, "rate": rate_text(tally.rate)}
