"""The programme for other programs: iCalendar feeds, frab schedule exports and the JSON API."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    """Register the feeds blueprints."""
    from conference.feeds import api_views, frab_views, ical_views

    for module in (
        api_views,
        frab_views,
        ical_views,
    ):
        app.register_blueprint(module.bp)
