"""`flask registrations sweep`: end lapsed payment holds and offers, and offer free places (run from cron)."""

from __future__ import annotations

import click
from flask import Blueprint

from conference.registration.waitlist import sweep

bp = Blueprint("registrations", __name__, cli_group="registrations")


@bp.cli.command("sweep")
def sweep_command() -> None:
    """Release lapsed holds and make waitlist offers for every ticket type."""
    changed = sweep()
    click.echo(f"{changed} registration(s) changed")
