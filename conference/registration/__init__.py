"""Registration: tickets, the form and its state machine, delegations, the organiser's lists."""

from __future__ import annotations

from importlib import import_module

from flask import Flask

# The modules that add pages to the two blueprints of `views/__init__.py` (importing one adds its pages).
PAGES = ("views.public", "views.manage", "links.views", "delegations.views", "setup.views", "exports.views")


def init_app(app: Flask) -> None:
    """Register the public and organiser blueprints with every page, the CLI and the register button."""
    from conference.registration import cli
    from conference.registration.views import manage_bp, public_bp, registration_on_sale

    for module in PAGES:
        import_module(f"{__name__}.{module}")
    for blueprint in (public_bp, manage_bp, cli.bp):
        app.register_blueprint(blueprint)
    app.add_template_global(registration_on_sale)
