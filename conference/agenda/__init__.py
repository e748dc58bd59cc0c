"""The programme: rooms, tracks, sessions, the timetable builder, publishing and the public agenda."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    """Register the agenda blueprints."""
    from conference.agenda import builder_views, manage, publishing_views, views

    for module in (
        views,
        manage,
        builder_views,
        publishing_views,
    ):
        app.register_blueprint(module.bp)
