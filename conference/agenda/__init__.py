"""The programme: rooms, tracks, sessions, the timetable builder, publishing and the public agenda."""

from __future__ import annotations

from flask import Flask
from flask_babel import lazy_gettext as _l


def init_app(app: Flask) -> None:
    """Register the agenda's blueprints, its template filter and labels, and its figures on the overview."""
    from conference.agenda.labels import STATUS_LABELS, short_day, template_labels
    from conference.agenda.models import Room, Session, Track
    from conference.agenda.views import builder, manage, public, publishing
    from conference.events.overview import count_on_overview

    for module in (public, manage, builder, publishing):
        app.register_blueprint(module.bp)
    app.add_template_filter(short_day)
    app.context_processor(template_labels)
    count_on_overview(app, Room, _l("Rooms"), "agenda_manage.rooms")
    count_on_overview(app, Track, _l("Tracks"), "agenda_manage.tracks")
    count_on_overview(app, Session, _l("Sessions"), "agenda_manage.sessions", statuses=STATUS_LABELS)
