"""Hybrid streaming: channels per room or session, join pages, Live now, online attendance."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    """Register the streaming blueprints."""
    from conference.streaming.views import manage, public

    for module in (public, manage):
        app.register_blueprint(module.bp)
