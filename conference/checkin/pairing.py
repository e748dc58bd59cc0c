"""The page a volunteer's phone opens from the organiser's QR code: it keeps the scanning token and goes on.

The token is handed to the page's script, which stores it in localStorage (where the check-in page looks
for it) and moves to the check-in page. The page is never cached and sends no referrer.
"""

from __future__ import annotations

from flask import Blueprint, abort, current_app, g, render_template, url_for

from conference.checkin import tokens
from conference.checkin.page_views import TOKEN_KEY
from conference.db_types import utcnow
from conference.events.queries import conference_by_slug

bp = Blueprint("checkin_pairing", __name__, url_prefix="/c/<slug>/checkin")

NO_STORE = {"Cache-Control": "no-store", "Referrer-Policy": "no-referrer"}


def scan_page_url(slug: str) -> str:
    if "checkin_page.scan" in current_app.view_functions:
        return url_for("checkin_page.scan", slug=slug)
    return f"/c/{slug}/checkin/"


@bp.get("/pair/<signed>")
def pair(slug: str, signed: str):
    conference = conference_by_slug(slug) or abort(404)
    g.conference = conference
    now = utcnow()
    try:
        token = tokens.token_from_pairing(conference, signed, now)
    except tokens.InvalidToken as exc:
        status = 404 if exc.problem is tokens.TokenProblem.BROKEN else 410
        page = render_template("checkin/pair.html", conference=conference, problem=exc.problem.value)
        return page, status, NO_STORE
    page = render_template(
        "checkin/pair.html",
        conference=conference,
        token=token,
        bearer=tokens.bearer_token(token),
        token_key=TOKEN_KEY.format(slug=conference.slug),
        next_url=scan_page_url(conference.slug),
    )
    return page, 200, NO_STORE
