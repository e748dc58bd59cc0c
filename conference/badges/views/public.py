"""A delegate's own badge, opened from "my registration"."""

from __future__ import annotations

from flask import Blueprint, Response, render_template, url_for

from conference.badges import content
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
    return content.has_badge(registration)


@bp.app_template_global()
def my_badge_link(registration: Registration, token: str) -> str | None:
    """The link to the delegate's badge that "my registration" offers, if they have one."""
    if not content.has_badge(registration):
        return None
    return url_for("badges.my_badge", slug=registration.conference.slug, token=token)


@bp.get("/badge/<token>")
def my_badge(slug: str, token: str):
    conference = load_conference(slug)
    registration = registration_for_link(conference, token)
    try:
        data = content.badge_pdf(registration)
    except content.NoBadge:
        return render_template("badges/unavailable.html", registration=registration, token=token), 404
    return pdf_response(data, f"badge-{registration.reference}.pdf")
