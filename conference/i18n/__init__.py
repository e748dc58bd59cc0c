"""Languages: which locale a request gets, the switcher, and locale-aware date/time filters."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    """Register the language switcher and the locale-aware date, time and country filters."""
    from conference.i18n.formatting import register_filters
    from conference.i18n.views import public

    app.register_blueprint(public.bp)
    register_filters(app)
