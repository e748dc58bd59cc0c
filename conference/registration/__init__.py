"""Registration: tickets, the form and its state machine, delegations, the organiser's lists."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    """Register the public and organiser blueprints (several modules add pages to each) and the CLI."""
    from conference.registration import cli, manage, manage_setup, my_registration, views  # noqa: F401
    from conference.registration.blueprints import manage as manage_bp
    from conference.registration.blueprints import public

    for blueprint in (public, manage_bp, cli.bp):
        app.register_blueprint(blueprint)
