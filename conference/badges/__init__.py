"""Badges: signed badge codes, badge PDFs (one delegate's and bulk runs), re-issuing a lost badge."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    """Register the badges blueprints."""
    from conference.badges.views import manage, public

    for module in (public, manage):
        app.register_blueprint(module.bp)
