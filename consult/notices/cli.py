"""`flask --app wsgi consult worker`: send what waits in the outbox."""

from __future__ import annotations

import logging

import click
from flask import current_app

from consult.committee import clock


@click.command("worker")
@click.option("--once", is_flag=True, help="Send what is due now and exit (for cron, tests and benchmarks).")
@click.option("--poll", default=5.0, show_default=True, help="Seconds to wait when nothing is due.")
def worker_command(once: bool, poll: float) -> None:
    """Send the queued notices (e-mail and SMS), retrying those the servers could not take."""
    from consult.notices.worker import configured_channels, run

    if not logging.getLogger().handlers:
        logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    channels = configured_channels(current_app.config)
    if not channels:
        click.echo("Neither CONSULT_SMTP_URL nor CONSULT_SMS_URL is set: notices stay in the outbox.", err=True)
    report = run(clock.now, once=once, poll_seconds=poll)
    click.echo(f"sent {report.sent}, failed {report.failed}, to retry {report.retried}")
