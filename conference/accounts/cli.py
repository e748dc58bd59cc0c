"""`flask create-admin`: the first site admin of a new installation, or a promotion later."""

from __future__ import annotations

import click
from flask import Blueprint

from conference.accounts import services
from conference.accounts.queries import user_by_email

bp = Blueprint("accounts_cli", __name__, cli_group=None)

OUTCOME_TEXT = {
    services.AdminOutcome.CREATED: "Created the site admin {email}.",
    services.AdminOutcome.PROMOTED: "{email} is now a site admin.",
    services.AdminOutcome.ALREADY_ADMIN: "{email} was a site admin already; the details given are saved.",
}


@bp.cli.command("create-admin")
@click.option("--email", prompt="E-mail address", help="The admin's e-mail address, used to log in.")
@click.option("--name", default=None, help="Display name (asked for when a new account is created).")
@click.option(
    "--password",
    default=None,
    help="Asked for (hidden, twice) when a new account is created; for an existing one, replaces it.",
)
def create_admin_command(email: str, name: str | None, password: str | None) -> None:
    """Create a site admin, or make an existing account one."""
    try:
        email = services.checked_email(email)
        if user_by_email(email) is None:
            if name is None:
                name = click.prompt("Display name")
            if password is None:
                password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
        user, outcome = services.create_or_promote_admin(email, name, password)
    except services.AccountError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(OUTCOME_TEXT[outcome].format(email=user.email))
