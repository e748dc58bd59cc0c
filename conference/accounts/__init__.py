"""Accounts: sign-up, log-in, password reset, conference roles and the access checks."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    """Register the accounts blueprints."""
    from conference.accounts import cli, views

    for module in (
        views,
        cli,
    ):
        app.register_blueprint(module.bp)
