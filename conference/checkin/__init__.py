"""On-site check-in: the scanning page and API, paired phones, the live dashboard."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    """Register the checkin blueprints."""
    from conference.checkin import api, manage, page_views, pairing

    for module in (
        api,
        manage,
        pairing,
        page_views,
    ):
        app.register_blueprint(module.bp)
