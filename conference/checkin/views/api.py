"""The check-in JSON API used by the check-in page and by other scanner apps.

Under /api/checkin/v1/c/<slug>: the registration list for offline use (with delta sync), recording a
scan (idempotent per client id), undoing one, and a search by name. Staff signed in (cookie; POSTs send
the CSRF token in X-CSRFToken) or a paired device (Authorization: Bearer …).
"""

from __future__ import annotations

import re
from contextlib import nullcontext
from dataclasses import dataclass
from datetime import UTC, datetime

from flask import Blueprint, current_app, g, request
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from conference.checkin import roster, services
from conference.checkin.access import Refused, Scanner, scanner_for, uses_bearer
from conference.checkin.messages import outcome_message
from conference.checkin.models import ENTRANCE
from conference.checkin.points import InvalidPoint, point_summaries
from conference.checkin.roster import iso
from conference.checkin.services import ScanNotFound, ScanOutcome
from conference.db_types import utcnow
from conference.extensions import csrf

bp = Blueprint("checkin_api", __name__, url_prefix="/api/checkin/v1/c/<slug>")
# CSRF is checked below for cookie sign-ins only: a bearer token is not sent by the browser on its own.
csrf.exempt(bp)

CLIENT_ID = re.compile(r"[A-Za-z0-9._:-]{1,64}")
MAX_CODE = 512


class ApiError(Exception):
    def __init__(self, message: str, status: int = 400, field: str | None = None) -> None:
        super().__init__(message)
        self.message, self.status, self.field = message, status, field


def _error_body(message: str, status: int, field: str | None = None) -> tuple[dict, int]:
    return {"error": {"message": message, "field": field, "status": status}}, status


@bp.errorhandler(ApiError)
def api_error(error: ApiError):
    return _error_body(error.message, error.status, error.field)


@bp.errorhandler(Refused)
def refused(error: Refused):
    body, status = _error_body(error.message, error.status)
    headers = {"WWW-Authenticate": 'Bearer realm="checkin"'} if status == 401 else {}
    return body, status, headers


@bp.errorhandler(CSRFError)
def csrf_error(error: CSRFError):
    return _error_body(_("Send the page's CSRF token in the X-CSRFToken header, or use a bearer token."), 400)


@bp.errorhandler(HTTPException)
def http_error(error: HTTPException):
    return _error_body(error.description or error.name, error.code or 500)


@bp.url_value_preprocessor
def _take_slug(_endpoint, values: dict | None) -> None:
    g.checkin_slug = (values or {}).pop("slug", "")


def _scanner() -> Scanner:
    authorization = request.headers.get("Authorization")
    scanner = scanner_for(g.checkin_slug, authorization, utcnow())
    if request.method == "POST" and not uses_bearer(authorization):
        csrf.protect()
    return scanner


def _moment(value: object, field: str) -> datetime:
    if not isinstance(value, str):
        raise ApiError(_("Give %(field)s as an ISO 8601 date and time.", field=field), field=field)
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        raise ApiError(_("Give %(field)s as an ISO 8601 date and time.", field=field), field=field) from None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _language(scanner: Scanner):
    """A paired device has no account and sends no cookie: its language is its browser's.

    Forcing it skips the account lookup the general locale choice makes (a few percent of a scan).
    """
    if scanner.device is None:
        return nullcontext()
    languages = list(current_app.config["LANGUAGES"])
    return force_locale(request.accept_languages.best_match(languages) or languages[0])


def _outcome_json(outcome: ScanOutcome, scanner: Scanner) -> dict:
    with _language(scanner):
        return _outcome_body(outcome, scanner)


def _outcome_body(outcome: ScanOutcome, scanner: Scanner) -> dict:
    return {
        "id": outcome.client_id,
        "point": outcome.point,
        "result": outcome.result.value,
        "colour": outcome.colour.value,
        "message": outcome_message(outcome, scanner.conference),
        "registration": outcome.registration.as_json() if outcome.registration else None,
        "checked_in_at": iso(outcome.checked_in_at) if outcome.checked_in_at else None,
        "checked_in_by": outcome.checked_in_by,
        "duplicate": outcome.duplicate,
    }


@bp.get("/whoami")
def whoami():
    scanner = _scanner()
    return {
        "conference": {"slug": scanner.conference.slug, "title": scanner.conference.title},
        "name": scanner.name,
        "device": scanner.device is not None,
        "expires_at": iso(scanner.device.expires_at) if scanner.device else None,
    }


@bp.get("/registrations")
def registrations():
    scanner = _scanner()
    now = utcnow()
    raw_since = request.args.get("changed_since")
    since = _moment(raw_since, "changed_since") if raw_since else None
    cards = roster.registration_cards(scanner.conference, since)
    return {
        "server_time": iso(now),
        "key": scanner.conference.badge_key,
        "registrations": [card.as_json() for card in cards],
        "points": [point.as_json() for point in point_summaries(scanner.conference)],
    }


@dataclass(frozen=True)
class SentScan:
    client_id: str
    code: str
    point: str
    scanned_at: datetime | None  # None: when the server received it


def _sent_scan(data: object) -> SentScan:
    """The scan in a request's JSON body; raises ApiError naming the field that is wrong."""
    if not isinstance(data, dict):
        raise ApiError(_("Send the scan as a JSON object."))
    client_id, code = data.get("id"), data.get("code")
    if not isinstance(client_id, str) or not CLIENT_ID.fullmatch(client_id):
        raise ApiError(_("Give the scan an id of up to 64 letters, digits and dashes (a UUID)."), field="id")
    if not isinstance(code, str) or not code.strip() or len(code) > MAX_CODE:
        raise ApiError(_("Give the scanned code as text."), field="code")
    point = data.get("point") or ENTRANCE
    if not isinstance(point, str):
        raise ApiError(_("There is no such scan point in this conference."), field="point")
    scanned_at = _moment(data["scanned_at"], "scanned_at") if data.get("scanned_at") is not None else None
    return SentScan(client_id, code.strip(), point, scanned_at)


@bp.post("/scans")
def scan():
    scanner = _scanner()
    sent = _sent_scan(request.get_json(silent=True))
    now = utcnow()
    try:
        outcome = services.record_scan(
            scanner.conference,
            client_id=sent.client_id,
            code=sent.code,
            point=sent.point,
            scanned_at=sent.scanned_at or now,
            now=now,
            **scanner.signature(),
        )
    except InvalidPoint:
        raise ApiError(_("There is no such scan point in this conference."), field="point") from None
    return _outcome_json(outcome, scanner)


@bp.post("/scans/<client_id>/undo")
def undo(client_id: str):
    scanner = _scanner()
    try:
        services.undo_scan(
            scanner.conference,
            client_id,
            by_user_id=scanner.user_id,
            by_device=scanner.device_label,
            now=utcnow(),
        )
    except ScanNotFound:
        raise ApiError(_("There is no such scan."), 404, "id") from None
    return {"undone": True}


@bp.get("/search")
def search():
    scanner = _scanner()
    query = request.args.get("q", "")[:100]
    found = roster.search(scanner.conference, query)
    return {"registrations": [card.as_json() | {"code": code} for card, code in found]}
