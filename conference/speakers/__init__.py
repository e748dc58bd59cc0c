"""Speakers, chairs and dignitaries: public pages, organiser pages, CSV import, self-service links."""

from __future__ import annotations

from flask import Flask
from flask_babel import lazy_gettext as _l


def init_app(app: Flask) -> None:
    """Register the speakers' blueprints and template filter, the people the conference's pages introduce
    and the count of people on the organiser overview."""
    from conference.events.overview import count_on_overview
    from conference.events.people import introduce_people
    from conference.speakers.models import Person
    from conference.speakers.queries import featured_people, initials, people_with_bio
    from conference.speakers.views import manage, public, self_service

    for module in (public, manage, self_service):
        app.register_blueprint(module.bp)
    app.add_template_filter(initials)
    introduce_people(app, featured=featured_people, with_bio=people_with_bio)
    count_on_overview(app, Person, _l("People"), "speakers_manage.people")
