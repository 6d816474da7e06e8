"""`flask --app wsgi consult backup FILE` and `... consult restore FILE`: for people and for cron (silent with
--quiet on success, a message on stderr and exit status 1 on any failure)."""

from __future__ import annotations

import logging
from pathlib import Path

import click
from flask import current_app

from consult.extensions import db


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:,.1f} MB"


@click.command("backup")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--quiet", "-q", is_flag=True, help="Print nothing when the backup succeeds (for cron).")
def backup_command(file: Path, quiet: bool) -> None:
    """Write a backup of the database and the meeting materials' files to FILE (one tar archive with a manifest),
    consistent while the app keeps working. FILE is replaced only once the new archive is complete."""
    from consult.backup.services import BackupRefused, take_backup
    from consult.committee import clock
    from consult.materials.storage import storage

    if quiet:  # cron mails whatever is printed: only warnings and errors then
        logging.getLogger("consult").setLevel(logging.WARNING)
    try:
        outcome = take_backup(db.engine, storage(), file, now=clock.now())
    except BackupRefused as error:
        raise click.ClickException(f"No backup written: {error}") from error
    manifest = outcome.manifest
    for key in manifest.missing_materials:
        click.echo(f"Warning: the file of material {key} was missing from the materials folder; the backup lists "
                   f"it as missing.", err=True)
    if not quiet:
        click.echo(f"Wrote {file} ({_megabytes(outcome.archive_size)}): the {manifest.backend} database at schema "
                   f"revision {manifest.schema_revision or 'unknown'}, {len(manifest.materials)} material files.")


@click.command("restore")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
def restore_command(file: Path) -> None:
    """Restore the backup FILE into the empty database DATABASE_URL names (and its files into the materials folder).
    The archive is checked whole first; a database that is not empty is refused. Then run `flask db upgrade`."""
    from consult.backup.services import BackupRefused, restore_backup

    try:
        outcome = restore_backup(db.engine, _storage(), file, known_revision=_known_revision())
    except BackupRefused as error:
        raise click.ClickException(f"Not restored: {error}") from error
    manifest = outcome.manifest
    counts = manifest.row_counts
    click.echo(f"Restored the backup of {manifest.created_at} ({manifest.backend}): {counts.get('meeting', 0)} "
               f"sittings, {counts.get('member', 0)} members, {counts.get('opinion', 0)} opinions, "
               f"{len(manifest.materials)} material files.")
    head = _head()
    if manifest.schema_revision and manifest.schema_revision != head:
        click.echo(f"The database is at schema revision {manifest.schema_revision}; run `flask --app wsgi db upgrade` "
                   f"to bring it to this version's ({head}).")
    if manifest.missing_materials:
        click.echo(f"Warning: {len(manifest.missing_materials)} material files were already missing when the backup "
                   f"was taken; those materials cannot be downloaded.", err=True)


def _storage():
    from consult.materials.storage import storage

    return storage()


def _scripts():
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(current_app.extensions["migrate"].migrate.get_config())


def _known_revision():
    """Return a test: does this version's migrations directory know a revision id?"""
    scripts = _scripts()

    def known(revision: str) -> bool:
        try:
            return scripts.get_revision(revision) is not None
        except Exception:  # noqa: BLE001 - alembic raises several kinds for an unknown or ambiguous id
            return False

    return known


def _head() -> str:
    return ",".join(sorted(_scripts().get_heads()))
