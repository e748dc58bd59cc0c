"""Uploaded images, checked and re-encoded, served from /media/<name>."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    """Register the media blueprints."""
    from conference.media.views import public

    app.register_blueprint(public.bp)
