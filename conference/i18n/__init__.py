"""Languages: which locale a request gets, the switcher, and locale-aware date/time filters."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    """Register the i18n blueprints."""
    from conference.i18n import views

    for module in (views,):
        app.register_blueprint(module.bp)
