"""Who is scanning: a paired device (bearer token) or a signed-in organiser or staff member."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from flask_babel import gettext as _
from flask_login import current_user

from conference.checkin import tokens
from conference.checkin.models import ScanConference
from conference.events.access import can_staff
from conference.events.queries import conference_by_slug


@dataclass(frozen=True)
class Scanner:
    conference: ScanConference
    name: str  # what the door shows as "checked in by"
    user_id: int | None = None
    device: tokens.PairedDevice | None = None

    @property
    def device_label(self) -> str | None:
        return self.device.label if self.device else None

    def signature(self) -> dict:
        """Who recorded a scan, as `services.record_scan` takes it."""
        return {
            "by_user_id": self.user_id,
            "by_device": self.device_label,
            "by_name": self.name,
            "scanning_token_id": self.device.token_id if self.device else None,
        }


class Refused(Exception):
    """Not allowed to scan here: 401 (who are you?) or 403 (not for you), or 404 for no such conference."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def _bearer(authorization: str | None) -> str | None:
    if not authorization:
        return None
    scheme, _space, value = authorization.partition(" ")
    return value.strip() if scheme.lower() == "bearer" else None


def uses_bearer(authorization: str | None) -> bool:
    return _bearer(authorization) is not None


def scanner_for(slug: str, authorization: str | None, now: datetime) -> Scanner:
    """The scanner behind a request to a conference's check-in API; raises Refused."""
    bearer = _bearer(authorization)
    if bearer is not None:
        try:
            device = tokens.authenticate(bearer, now)
        except tokens.InvalidToken as exc:
            messages = {
                tokens.TokenProblem.EXPIRED: _(
                    "This device's pairing has expired: ask an organiser to pair it again."
                ),
                tokens.TokenProblem.REVOKED: _(
                    "This device's pairing was revoked: ask an organiser to pair it again."
                ),
                tokens.TokenProblem.BROKEN: _("This scanning token is not valid."),
            }
            raise Refused(401, messages[exc.problem]) from None
        if device.conference.slug != slug:
            raise Refused(403, _("This device is paired with another conference."))
        return Scanner(device.conference, device.label, device=device)
    if not current_user.is_authenticated:
        raise Refused(401, _("Log in as staff of this conference, or pair this device, to scan badges."))
    conference = conference_by_slug(slug)
    if conference is None:
        raise Refused(404, _("No such conference."))
    if not can_staff(conference):
        raise Refused(403, _("Only this conference's organisers and check-in staff can scan badges."))
    return Scanner(conference, current_user.display_name, user_id=current_user.id)
