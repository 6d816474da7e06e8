"""The year's consultation results (年度协商成果汇编) as a Word file, downloaded by staff from the plan year page."""

from __future__ import annotations

from io import BytesIO

from flask import send_file

from consult.auth.permissions import staff_required
from consult.committee import clock, get_committee
from consult.followup.blueprint import bp, private, visible_organs
from consult.followup.compilation import compilation_title
from consult.followup.compiling import compilation_bytes
from consult.plans.blueprint import check_year

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def file_name(committee_name: str, year: int) -> str:
    """Return the download's file name: 政协崇川区委员会2030年度协商成果汇编.docx (characters no file system takes left
    out)."""
    title = "".join(c for c in compilation_title(committee_name, year) if c.isprintable() and c not in '\\/:*?"<>|')
    return f"{title or year}.docx"


@bp.route("/plans/<int:year>/results.docx")
@staff_required
def compilation(year: int):
    """The compilation of `year` as .docx: every sitting held in date order with its topics, the summary of its
    approved minutes, its decisions and their answers, and the year's counts. A year without sittings gives a short
    document; a year no plan can have answers 404."""
    check_year(year)
    committee = get_committee()
    data = compilation_bytes(year, committee=committee, today=clock.today(), now=clock.now(),
                             time_zone=clock.zone_name(), organ_ids=visible_organs())
    response = send_file(BytesIO(data), mimetype=DOCX, as_attachment=True,
                         download_name=file_name(committee.name, year), max_age=None, etag=False)
    return private(response)
