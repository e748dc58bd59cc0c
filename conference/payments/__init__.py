"""Payments through Stripe (or by invoice), refunds and webhooks."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    """Register the payments blueprints: the delegate's pay pages and webhook, the organiser's pages."""
    from conference.payments.views import manage, public

    for module in (public, manage):
        app.register_blueprint(module.bp)
