"""`flask mail retry`: re-queue outbox messages whose next delivery attempt is due (run from cron)."""

from __future__ import annotations

import click
from flask import Blueprint

from conference.mail.services import retry_due

bp = Blueprint("mail_cli", __name__, cli_group="mail")


@bp.cli.command("retry")
@click.option(
    "--abandoned", is_flag=True, help="Also retry messages that used up their attempts, from scratch."
)
def retry_command(abandoned: bool) -> None:
    """Queue a delivery attempt for every failed message that is due."""
    queued = retry_due(include_abandoned=abandoned)
    click.echo(f"{queued} message(s) queued for delivery")
