"""Conferences and their pages: the public home, the organiser's settings, the site admin's list."""

from __future__ import annotations

from flask import Flask
from flask_babel import lazy_gettext as _l


def init_app(app: Flask) -> None:
    """Register the events blueprints, the conference labels and colour filters every template uses, and
    the overview's count of pages (the capabilities above add theirs: events.overview)."""
    from conference.events import colours
    from conference.events.labels import template_labels
    from conference.events.models import Page
    from conference.events.overview import count_on_overview
    from conference.events.views import admin, manage, public

    for module in (public, manage, admin):
        app.register_blueprint(module.bp)
    app.context_processor(template_labels)
    app.add_template_filter(colours.text_colour_on, "text_colour_on")
    app.add_template_filter(colours.link_colour, "link_colour")
    count_on_overview(app, Page, _l("Pages"), "events_manage.pages")
