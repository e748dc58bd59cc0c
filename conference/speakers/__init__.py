"""Speakers, chairs and dignitaries: public pages, organiser pages, CSV import, self-service links."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    """Register the speakers' blueprints and their template filter."""
    from conference.speakers.queries import initials
    from conference.speakers.views import manage, public, self_service

    for module in (public, manage, self_service):
        app.register_blueprint(module.bp)
    app.add_template_filter(initials)
