"""`flask seed-demo`: fill an empty database with the APLC demo and print the demo log-ins."""

from __future__ import annotations

from datetime import date

import click
from flask import Blueprint

from conference.demo.seed import SeedReport, seed_demo

bp = Blueprint("demo_cli", __name__, cli_group=None)


@bp.cli.command("seed-demo")
def seed_demo_command() -> None:
    """Create the demo conferences and accounts that are missing (safe to run again)."""
    report = seed_demo(date.today())
    click.echo(describe(report))


def describe(report: SeedReport) -> str:
    """The command's output: what was created or kept, then a table of the demo log-ins."""
    lines = report.created + report.kept
    if not report.changed_anything:
        lines.append("Nothing to add: the demo is already in place.")
    lines += ["", "Demo log-ins (log in at /login):"]
    width = max(len(login.account.email) for login in report.logins)
    for login in report.logins:
        account = login.account
        note = "" if login.created else " (account existed already: password not reset)"
        lines.append(f"  {account.email:<{width}}  {account.password:<20}  {account.description}{note}")
    if report.access_codes:
        lines += ["", "Access codes for hidden tickets (type one on the registration form):"]
        for slug, ticket, code in report.access_codes:
            lines.append(f"  {slug:<{width}}  {code:<20}  {ticket}")
    return "\n".join(lines)
