"""Accounts: sign-up, log-in, password reset, the account page, conference roles; `flask create-admin`."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    """Register the accounts blueprints."""
    from conference.accounts import cli
    from conference.accounts.views import public

    for module in (public, cli):
        app.register_blueprint(module.bp)
