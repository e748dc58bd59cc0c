"""Public registration pages: the form, delegations and "my registration"."""

from __future__ import annotations

from flask import Blueprint, abort, render_template

from conference.events.views import load_conference
from conference.registration.tokens import InvalidLink, registration_from_token

bp = Blueprint("registration", __name__, url_prefix="/c/<slug>")


@bp.get("/registration/<token>")
def mine(slug: str, token: str):
    conference = load_conference(slug)
    try:
        registration = registration_from_token(token)
    except InvalidLink as exc:
        return render_template("registration/link_invalid.html", problem=exc.problem), 404
    if registration.conference_id != conference.id:
        abort(404)
    return render_template("registration/mine.html", registration=registration, token=token)
