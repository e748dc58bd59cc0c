"""Scanning tokens: an organiser pairs a volunteer's phone, which then scans with a bearer token.

The bearer token is the token's id signed with the app's secret (nothing to store but the row): it works
while the row is neither revoked nor expired. The pairing link shown as a QR is signed separately and
lasts only a short while, so a photographed screen does not pair a phone tomorrow. Creating, pairing and
revoking a token are writes (`services.py`); this module signs and checks.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import bindparam, select

from conference.checkin.models import ScanningToken
from conference.core.signing import InvalidLink, Signer
from conference.events.models import Conference
from conference.extensions import db

BEARER_SALT = "checkin-scanning-token"
PAIRING_SALT = "checkin-pairing"
PAIRING_LINK_MAX_AGE = 30 * 60
DEFAULT_LIFETIME_HOURS = 24
LIFETIME_HOURS = (4, 12, 24, 72, 168)


class TokenProblem(enum.StrEnum):
    BROKEN = "broken"  # not one of ours: mistyped, tampered with, or for a row that is gone
    EXPIRED = "expired"
    REVOKED = "revoked"


class InvalidToken(Exception):
    def __init__(self, problem: TokenProblem) -> None:
        super().__init__(problem.value)
        self.problem = problem


BEARERS = Signer(BEARER_SALT)  # untimed: the row's expiry and revocation decide
PAIRING_LINKS = Signer(PAIRING_SALT, max_age=lambda: PAIRING_LINK_MAX_AGE)  # read when a link is opened


def bearer_token(token: ScanningToken) -> str:
    return BEARERS.dumps([token.id, token.conference_id])


def pairing_signature(token: ScanningToken) -> str:
    return PAIRING_LINKS.dumps([token.id, token.conference_id])


def check(token: ScanningToken | None, now: datetime) -> ScanningToken:
    """The token if it may still scan; raises InvalidToken."""
    if token is None:
        raise InvalidToken(TokenProblem.BROKEN)
    if token.revoked_at is not None:
        raise InvalidToken(TokenProblem.REVOKED)
    if token.expires_at <= now:
        raise InvalidToken(TokenProblem.EXPIRED)
    return token


@dataclass(frozen=True)
class PairedConference:
    """The conference a paired device scans for: the columns scanning reads (see models.ScanConference)."""

    id: int
    slug: str
    title: str
    badge_key: str
    timezone: str

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)


@dataclass(frozen=True)
class PairedDevice:
    """A scanning token that checked out, with its conference."""

    token_id: int
    label: str
    expires_at: datetime
    conference: PairedConference


_TOKEN, _CONFERENCE = ScanningToken.__table__, Conference.__table__
# Built once, plain columns: every scan a device sends is authenticated with it.
TOKEN_WITH_CONFERENCE = (
    select(
        _TOKEN.c.id,
        _TOKEN.c.label,
        _TOKEN.c.expires_at,
        _TOKEN.c.revoked_at,
        _CONFERENCE.c.id,
        _CONFERENCE.c.slug,
        _CONFERENCE.c.title,
        _CONFERENCE.c.badge_key,
        _CONFERENCE.c.timezone,
    )
    .select_from(_TOKEN.join(_CONFERENCE, _CONFERENCE.c.id == _TOKEN.c.conference_id))
    .where(_TOKEN.c.id == bindparam("token_id"))
)


def authenticate(bearer: str, now: datetime) -> PairedDevice:
    """The device a bearer string names, with its conference (one query); raises InvalidToken."""
    try:
        token_id, _conference_id = BEARERS.load_ids(bearer)
    except InvalidLink:
        raise InvalidToken(TokenProblem.BROKEN) from None
    row = db.session.connection().execute(TOKEN_WITH_CONFERENCE, {"token_id": token_id}).first()
    if row is None:
        raise InvalidToken(TokenProblem.BROKEN)
    token_id, label, expires_at, revoked_at, *conference = row
    if revoked_at is not None:
        raise InvalidToken(TokenProblem.REVOKED)
    if expires_at <= now:
        raise InvalidToken(TokenProblem.EXPIRED)
    return PairedDevice(token_id, label, expires_at, PairedConference(*conference))


def pairing_link_ids(signed: str) -> tuple[int, int]:
    """(token id, conference id) from a pairing link; raises InvalidToken (EXPIRED or BROKEN)."""
    try:
        token_id, conference_id = PAIRING_LINKS.load_ids(signed)
    except InvalidLink as exc:
        raise InvalidToken(TokenProblem(exc.problem.value)) from None
    return token_id, conference_id
