"""Badges: signed badge codes, badge PDFs (single and bulk), certificates of attendance."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    """Register the badges blueprints."""
    from conference.badges import manage, views

    for module in (
        views,
        manage,
    ):
        app.register_blueprint(module.bp)
