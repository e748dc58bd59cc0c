"""Outgoing mail: every message recorded in the outbox, delivered by a job."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    """Register the mail blueprints."""
    from conference.mail import cli

    for module in (cli,):
        app.register_blueprint(module.bp)
