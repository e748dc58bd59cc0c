"""Payments through Stripe (or by invoice), refunds and webhooks."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    """Register the payments blueprints."""
    from conference.payments import manage, views

    for module in (
        views,
        manage,
    ):
        app.register_blueprint(module.bp)
