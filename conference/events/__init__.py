"""Conferences and their pages: the public home, the organiser's settings, the site admin's list."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    """Register the events blueprints."""
    from conference.events import admin, manage, views

    for module in (
        views,
        manage,
        admin,
    ):
        app.register_blueprint(module.bp)
