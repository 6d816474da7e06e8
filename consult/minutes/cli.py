"""`flask --app wsgi consult minutes MEETING --output FILE.docx`: write a sitting's minutes for archiving."""

from __future__ import annotations

import re
from pathlib import Path

import click

from consult.atomic_files import write_atomically
from consult.db_types import DB_INT_MAX

_UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")


def find_sittings(text: str, short_name: str) -> list:
    """Return the sittings `text` names: an id, a UUID, or a numbered name as shown (八届十二次常委会议, with or
    without the committee's prefix 区政协; 八届十二次 alone names every organ's twelfth sitting)."""
    from consult.meetings.numbering import numbered_search
    from consult.meetings.queries import sittings_named

    text = "".join(text.split())
    if text.isdigit():
        return sittings_named(meeting_id=int(text)) if 0 < int(text) <= DB_INT_MAX else []
    if _UUID.fullmatch(text):
        return sittings_named(uuid=text.lower())
    name = text.removeprefix(short_name) if short_name else text
    term, number = numbered_search(name)
    if term is None or number is None:
        return []
    candidates = [m for m in sittings_named(term=term, number=number) if m.display_number]
    exact = [m for m in candidates if m.display_number == name]
    return exact or [m for m in candidates if m.display_number.startswith(name)]


@click.command("minutes")
@click.argument("meeting")
@click.option("--output", "-o", required=True, type=click.Path(dir_okay=False, writable=True, path_type=Path),
              help="Where to write the .docx file.")
def minutes_command(meeting: str, output: Path) -> None:
    """Write the minutes of MEETING (id, UUID or numbered name such as 八届十二次常委会议) to a Word file: the
    latest approved version, else the draft; the same bytes as the download."""
    from consult.committee import clock, get_committee
    from consult.minutes.gathering import can_have_minutes
    from consult.minutes.services import file_bytes

    committee = get_committee()
    found = find_sittings(meeting, committee.short_name)
    if not found:
        raise click.ClickException(f"No sitting is called {meeting!r} (give its id, its UUID or its numbered name, "
                                   f"e.g. 八届十二次常委会议).")
    if len(found) > 1:
        names = "; ".join(f"{m.id}: {m.display_name}" for m in found)
        raise click.ClickException(f"{meeting!r} names {len(found)} sittings ({names}); give its id or full name.")
    sitting = found[0]
    if not can_have_minutes(sitting.status, sitting.starts_at, clock.now()):
        raise click.ClickException(f"{sitting.display_name} has not been held yet: it has no minutes.")
    data, which = file_bytes(sitting, committee, clock.today())
    try:
        write_atomically(output, data, prefix=".minutes-")
    except OSError as error:
        raise click.ClickException(f"Cannot write {output}: {error.strerror or error}") from error
    label = "draft" if which == "draft" else f"approved version {which.removeprefix('v')}"
    click.echo(f"Wrote the minutes of {sitting.display_name} ({label}, {len(data):,} bytes) to {output}.")
