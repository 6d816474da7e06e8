"""`flask --app wsgi consult ...`: demo data and accounts."""

from __future__ import annotations

import logging

import click
from flask.cli import AppGroup

from consult.extensions import db

consult_cli = AppGroup(
    "consult", help="Manage consult: demo data, accounts, minutes, duty reports, the year's results, backups."
)


@consult_cli.command("create-user")
@click.argument("username")
@click.option("--role", type=click.Choice(["staff", "admin"]), default="staff", show_default=True)
@click.option("--password", help="At least 10 characters; asked for when left out.")
@click.option("--display-name", default="", help="The name shown in the interface.")
def create_user_command(username: str, role: str, password: str | None, display_name: str) -> None:
    """Create a staff account."""
    from consult.auth.services import create_user

    if password is None:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    from consult import audit

    try:
        with audit.acting_as(audit.system("flask consult create-user")):
            create_user(username, password, role=role, display_name=display_name)
    except ValueError as error:
        raise click.ClickException(str(error)) from error
    db.session.commit()
    click.echo(f"Created {role} account {username}.")


@consult_cli.command("demo")
def demo_command() -> None:
    """Load the demo committee built from the seed work plan (safe to run twice)."""
    from consult.demo import load_demo

    # One log line per sitting would bury the login line the report ends with.
    logging.getLogger("consult").setLevel(logging.WARNING)
    from consult import audit

    try:
        with audit.acting_as(audit.system("flask consult demo")):
            report = load_demo()
    except ValueError as error:  # e.g. CONSULT_ADMIN_PASSWORD too short
        db.session.rollback()
        raise click.ClickException(str(error)) from error
    db.session.commit()
    click.echo(report)


def _add_notice_commands() -> None:
    from consult.notices.cli import worker_command

    consult_cli.add_command(worker_command)


_add_notice_commands()


def _add_minutes_commands() -> None:
    from consult.minutes.cli import minutes_command

    consult_cli.add_command(minutes_command)


_add_minutes_commands()


def _add_backup_commands() -> None:
    from consult.backup.cli import backup_command, restore_command

    consult_cli.add_command(backup_command)
    consult_cli.add_command(restore_command)


_add_backup_commands()


def _add_records_commands() -> None:
    from consult.records.cli import duty_report_command

    consult_cli.add_command(duty_report_command)


_add_records_commands()


def _add_followup_commands() -> None:
    from consult.followup.cli import results_command

    consult_cli.add_command(results_command)


_add_followup_commands()
