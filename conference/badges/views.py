"""A delegate's own badge and certificate of attendance, opened from "my registration"."""

from __future__ import annotations

from flask import Blueprint, Response, render_template, url_for

from conference.badges import certificates, services
from conference.events.access import load_conference
from conference.registration.models import Registration
from conference.registration.opened_links import registration_for_link

bp = Blueprint("badges", __name__, url_prefix="/c/<slug>")


def pdf_response(data: bytes, file_name: str, *, download: bool = False) -> Response:
    response = Response(data, mimetype="application/pdf")
    disposition = "attachment" if download else "inline"
    response.headers["Content-Disposition"] = f'{disposition}; filename="{file_name}"'
    response.headers["Cache-Control"] = "private, no-store"
    return response


@bp.app_template_global()
def registration_has_badge(registration: Registration) -> bool:
    return services.has_badge(registration)


@bp.app_template_global()
def my_badge_links(registration: Registration, token: str) -> dict[str, str]:
    """The badge and certificate links "my registration" offers this delegate, if any."""
    slug = registration.conference.slug
    links = {}
    if services.has_badge(registration):
        links["badge"] = url_for("badges.my_badge", slug=slug, token=token)
    if certificates.attended(registration):
        links["certificate"] = url_for("badges.my_certificate", slug=slug, token=token)
    return links


@bp.get("/badge/<token>")
def my_badge(slug: str, token: str):
    conference = load_conference(slug)
    registration = registration_for_link(conference, token)
    try:
        data = services.badge_pdf(registration)
    except services.NoBadge:
        return render_template("badges/unavailable.html", registration=registration, token=token), 404
    return pdf_response(data, f"badge-{registration.reference}.pdf")


@bp.get("/certificate/<token>")
def my_certificate(slug: str, token: str):
    conference = load_conference(slug)
    registration = registration_for_link(conference, token)
    try:
        data = certificates.certificate_pdf(registration)
    except certificates.NotAttended:
        return (
            render_template(
                "badges/unavailable.html", registration=registration, token=token, certificate=True
            ),
            404,
        )
    return pdf_response(data, f"certificate-{registration.reference}.pdf")
