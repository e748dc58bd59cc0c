"""The programme for other programs: iCalendar feeds, frab schedule exports and the JSON API."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    """Register the feeds' blueprints (`ical`, `frab`, `api_v1`: core/compression.py names them)."""
    from conference.feeds.views import api, frab, ical

    for module in (api, frab, ical):
        app.register_blueprint(module.bp)
