"""On-site check-in: the scanning page and API, paired phones, the live dashboard."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    """Register the checkin blueprints."""
    from conference.checkin.views import api, manage, public

    for blueprint in (api.bp, manage.bp, public.pairing, public.bp):
        app.register_blueprint(blueprint)
