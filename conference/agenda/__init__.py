"""The programme: rooms, tracks, sessions, the timetable builder, publishing and the public agenda."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    """Register the agenda's blueprints and its template filter."""
    from conference.agenda.labels import short_day
    from conference.agenda.views import builder, manage, public, publishing

    for module in (public, manage, builder, publishing):
        app.register_blueprint(module.bp)
    app.add_template_filter(short_day)
