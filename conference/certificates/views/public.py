"""A delegate's own certificate of attendance, opened from "my registration"."""

from __future__ import annotations

from flask import Blueprint, render_template, url_for

from conference.badges.views.public import pdf_response
from conference.certificates import pdf, queries
from conference.events.access import load_conference
from conference.registration.models import Registration
from conference.registration.opened_links import registration_for_link

bp = Blueprint("certificates", __name__, url_prefix="/c/<slug>")


@bp.app_template_global()
def my_certificate_link(registration: Registration, token: str) -> str | None:
    """The link to the delegate's certificate that "my registration" offers, once they attended."""
    if not queries.attended(registration):
        return None
    return url_for("certificates.my_certificate", slug=registration.conference.slug, token=token)


@bp.get("/certificate/<token>")
def my_certificate(slug: str, token: str):
    conference = load_conference(slug)
    registration = registration_for_link(conference, token)
    try:
        data = pdf.certificate_pdf(registration)
    except pdf.NotAttended:
        page = render_template("certificates/unavailable.html", registration=registration, token=token)
        return page, 404
    return pdf_response(data, f"certificate-{registration.reference}.pdf")
