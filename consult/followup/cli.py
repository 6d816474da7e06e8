"""`flask --app wsgi consult results YEAR --output FILE.docx`: write the year's consultation results (年度协商成果
汇编), the same document as the download on the plan year page."""

from __future__ import annotations

from pathlib import Path

import click


@click.command("results")
@click.argument("year")
@click.option("--output", "-o", required=True, type=click.Path(dir_okay=False, writable=True, path_type=Path),
              help="Where to write the .docx file.")
def results_command(year: str, output: Path) -> None:
    """Write the consultation results of YEAR (2000–2100) to a Word file: every sitting held in the year with its
    approved minutes' summary, decisions and their answers, and the year's counts."""
    from consult.atomic_files import write_atomically
    from consult.committee import clock, get_committee
    from consult.followup.compiling import compilation_bytes

    text = year.strip()
    if not (text.isascii() and text.isdigit() and 2000 <= int(text) <= 2100):
        raise click.ClickException(f"{year!r} is not a year from 2000 to 2100 (e.g. {clock.today().year}).")
    committee = get_committee()
    data = compilation_bytes(int(text), committee=committee, today=clock.today(), now=clock.now(),
                             time_zone=committee.time_zone)
    try:
        write_atomically(output, data)
    except OSError as error:
        raise click.ClickException(f"Cannot write {output}: {error.strerror or error}") from error
    click.echo(f"Wrote the consultation results of {text} ({len(data):,} bytes) to {output}.")
