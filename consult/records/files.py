"""The duty report's files, the same bytes for the download and the command: the Word 履职情况通报 and the CSV."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

from consult.committee import get_committee
from consult.csv_files import csv_text
from consult.records.document import duty_report_docx, report_content
from consult.records.export import csv_rows
from consult.records.report import DEFAULT_SORT, Filters, YearReport, filtered_rows, sorted_rows


def docx_bytes(report: YearReport, today: date, *, limited: bool = False) -> bytes:
    """Return the .docx of the report, issued `today` by the committee's office; the same bytes all day (the file's
    dates are the start of `today` in the committee's zone)."""
    committee = get_committee()
    created = datetime.combine(today, time(0), tzinfo=ZoneInfo(committee.time_zone)).astimezone(UTC)
    content = report_content(report, short_name=committee.short_name, office=committee.effective_minutes_office,
                             issued_on=today, created=created, limited=limited)
    return duty_report_docx(content)


def csv_table(report: YearReport, filters: Filters | None = None, sort: str = DEFAULT_SORT,
              descending: bool = False) -> list[list[object]]:
    """Return the header and the report's rows matching `filters`, in the order asked; with an organ filter the
    counts are that organ's."""
    filters = filters or Filters()
    rows = sorted_rows(filtered_rows(report, filters), sort, descending, filters.organ_id)
    return csv_rows(report, rows, filters.organ_id)


def csv_bytes(report: YearReport) -> bytes:
    """Return the whole report as the CSV download gives it unfiltered: UTF-8 with a BOM, cells made safe."""
    return csv_text(csv_table(report)).encode("utf-8")

