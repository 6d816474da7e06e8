"""`flask --app wsgi consult duty-report YEAR --output FILE.docx` (or .csv): the year's duty report as a file."""

from __future__ import annotations

from pathlib import Path

import click

from consult.members.composition import EARLIEST, LATEST

EXTENSIONS = (".docx", ".csv")


@click.command("duty-report")
@click.argument("year")
@click.option("--output", "-o", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="Where to write it: a .docx file (履职情况通报) or a .csv file (the table, for Excel).")
def duty_report_command(year: str, output: Path) -> None:
    """Write the duty report of YEAR (e.g. 2026) to a Word document or a CSV file, chosen by the output's extension:
    the same bytes as the downloads of the report page on the same day."""
    from consult.atomic_files import write_atomically
    from consult.committee import clock
    from consult.records.files import csv_bytes, docx_bytes
    from consult.records.queries import load_report

    text = year.strip()
    if not (text.isascii() and text.isdigit() and EARLIEST.year <= int(text) <= LATEST.year):
        raise click.ClickException(f"{year!r} is not a year between {EARLIEST.year} and {LATEST.year}.")
    extension = output.suffix.lower()
    if extension not in EXTENSIONS:
        raise click.ClickException(f"Cannot tell what to write from {output.name!r}: name a .docx file (the "
                                   f"履职情况通报) or a .csv file (the table).")
    today = clock.today()
    report = load_report(int(text), today=today)
    data = docx_bytes(report, today) if extension == ".docx" else csv_bytes(report)
    try:
        write_atomically(output, data)
    except OSError as error:
        raise click.ClickException(f"Cannot write {output}: {error.strerror or error}") from error
    flagged = len(report.flagged)
    click.echo(f"Wrote the duty report of {text} ({len(report.rows)} members, {len(report.sittings)} sittings held, "
               f"{flagged} reaching an absence rule; {len(data):,} bytes) to {output}.")
