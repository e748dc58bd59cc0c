"""The check-in page that volunteers open on a phone at the door (`/c/<slug>/checkin/`).

The page's HTML never holds registration data: its script fetches everything from the check-in API
(`/api/checkin/v1/c/<slug>/…`) and keeps a copy in IndexedDB for offline use. So the same page serves:

- a logged-in staff member or organiser of the conference, whose script talks to the API with the session
  cookie (and the CSRF token given here);
- anyone else, as a shell whose script uses a paired device's bearer token from localStorage; without one
  it only says "pair this device or log in". A logged-in account without a role here gets the same shell
  with status 403 (a paired device still works, but the account itself is refused).

The service worker (`sw.js`) is served from this folder so that its scope covers the page, which then
reloads without a network.

Also the page a volunteer's phone opens from the organiser's QR code (`/c/<slug>/checkin/pair/…`): it
hands the scanning token to its script, which stores it in localStorage (where the check-in page looks for
it) and moves to the check-in page. That page is never cached and sends no referrer.
"""

from __future__ import annotations

from pathlib import Path

from flask import Blueprint, abort, current_app, g, make_response, render_template, url_for
from flask_babel import get_locale
from flask_login import current_user
from flask_wtf.csrf import generate_csrf

from conference.checkin import services, tokens
from conference.db_types import utcnow
from conference.events.access import can_staff
from conference.events.models import Conference
from conference.events.queries import conference_by_slug

bp = Blueprint("checkin_page", __name__)
pairing = Blueprint("checkin_pairing", __name__, url_prefix="/c/<slug>/checkin")

API_PREFIX = "/api/checkin/v1/c/{slug}"
TOKEN_KEY = "plenary.checkin.token.{slug}"  # localStorage key written by the pairing page
NO_STORE = {"Cache-Control": "no-store", "Referrer-Policy": "no-referrer"}


def _conference(slug: str) -> Conference:
    conference = conference_by_slug(slug)
    if conference is None:
        abort(404)
    g.conference = conference
    return conference


def page_config(conference: Conference, *, staff: bool) -> dict:
    """What the page's script needs to start; nothing in it is about a delegate."""
    config = {
        "slug": conference.slug,
        "conferenceId": conference.id,
        "conferenceName": conference.short_name,
        "timezone": conference.timezone,
        "locale": str(get_locale() or "en"),
        "api": API_PREFIX.format(slug=conference.slug),
        "tokenKey": TOKEN_KEY.format(slug=conference.slug),
        "auth": "session" if staff else "device",
        "csrfToken": generate_csrf() if staff else None,
        "operator": current_user.display_name if staff else None,
        "account": current_user.display_name if current_user.is_authenticated and not staff else None,
        "loginUrl": url_for("accounts.login", next=url_for(".scan", slug=conference.slug)),
        "homeUrl": url_for("events.home", slug=conference.slug),
        "serviceWorker": url_for(".service_worker", slug=conference.slug),
        "scope": url_for(".scan", slug=conference.slug),
    }
    return config


@bp.get("/c/<slug>/checkin/")
def scan(slug: str):
    conference = _conference(slug)
    staff = can_staff(conference)
    status = 403 if current_user.is_authenticated and not staff else 200
    response = make_response(
        render_template(
            "checkin/scan.html",
            conference=conference,
            staff=staff,
            refused=status == 403,
            config=page_config(conference, staff=staff),
        ),
        status,
    )
    # The page carries a CSRF token for staff: never stored by a shared cache.
    response.headers["Cache-Control"] = "private, no-cache"
    return response


@bp.get("/c/<slug>/checkin/sw.js")
def service_worker(slug: str):
    _conference(slug)
    script = Path(current_app.static_folder or "static") / "js" / "checkin" / "sw.js"
    response = make_response(script.read_text(encoding="utf-8"))
    response.headers["Content-Type"] = "text/javascript; charset=utf-8"
    response.headers["Cache-Control"] = "no-cache"  # browsers check for a new worker on every visit
    return response


def scan_page_url(slug: str) -> str:
    return url_for("checkin_page.scan", slug=slug)


@pairing.get("/pair/<signed>")
def pair(slug: str, signed: str):
    conference = _conference(slug)
    try:
        token = services.pair_device(conference, signed, utcnow())
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
