"""Speakers, chairs and dignitaries: public pages, organiser pages, CSV import, self-service links."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    """Register the speakers blueprints."""
    from conference.speakers import manage, self_service, views

    for module in (
        views,
        manage,
        self_service,
    ):
        app.register_blueprint(module.bp)
