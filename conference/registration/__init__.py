"""Registration: tickets, the form and its state machine, delegations, the organiser's lists."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    """Register the public and organiser blueprints (the page modules below add their pages to them), the
    CLI and the conference home's register button."""
    from conference.registration import cli
    from conference.registration.delegations import views as delegation_pages  # noqa: F401
    from conference.registration.exports import views as export_pages  # noqa: F401
    from conference.registration.links import views as my_registration_pages  # noqa: F401
    from conference.registration.setup import views as setup_pages  # noqa: F401
    from conference.registration.views import manage as registration_pages  # noqa: F401
    from conference.registration.views import manage_bp, public_bp, registration_on_sale
    from conference.registration.views import public as form_pages  # noqa: F401

    for blueprint in (public_bp, manage_bp, cli.bp):
        app.register_blueprint(blueprint)
    app.add_template_global(registration_on_sale)
