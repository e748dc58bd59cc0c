"""Hybrid streaming: channels per room or session, join pages, Live now, online attendance."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    """Register the streaming blueprints."""
    from conference.streaming import manage, views

    for module in (
        views,
        manage,
    ):
        app.register_blueprint(module.bp)
