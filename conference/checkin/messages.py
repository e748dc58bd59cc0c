"""What the door shows for each scan result, in the volunteer's language and the conference's time zone."""

from __future__ import annotations

from flask_babel import gettext as _

from conference.checkin.models import CheckInResult, ScanConference
from conference.checkin.services import ScanOutcome
from conference.i18n.formatting import local_date, local_time
from conference.registration.models import RegistrationStatus

R = CheckInResult


def _when(outcome: ScanOutcome, conference: ScanConference) -> str:
    at = outcome.checked_in_at
    if at is None:
        return ""
    return f"{local_date(at, 'short', conference.tz)} {local_time(at, conference.tz)}"


def outcome_message(outcome: ScanOutcome, conference: ScanConference) -> str:
    result, card = outcome.result, outcome.registration
    if result is R.OK:
        return _("Welcome, %(name)s.", name=card.name) if card else _("Checked in.")
    if result is R.ROOM_FULL:
        if outcome.capacity is not None and outcome.count is not None:
            return _(
                "Checked in, but the room is full: %(count)d in for %(capacity)d places.",
                count=outcome.count + 1,
                capacity=outcome.capacity,
            )
        return _("Checked in, but the room is full.")
    if result is R.ALREADY_CHECKED_IN:
        if outcome.checked_in_by:
            return _(
                "Already checked in at %(when)s by %(who)s.",
                when=_when(outcome, conference),
                who=outcome.checked_in_by,
            )
        return _("Already checked in at %(when)s.", when=_when(outcome, conference))
    if result is R.UNKNOWN_CODE:
        return _("Unknown code: this is not a badge of this conference.")
    if result is R.FORGED_CODE:
        return _("Forged code: the badge's signature does not match. Send them to the registration desk.")
    if result is R.OTHER_CONFERENCE:
        return _("This badge is for another conference.")
    if result is R.REVOKED_BADGE:
        return _("Revoked badge: a newer badge was issued for this registration.")
    if result is R.CANCELLED:
        if card and card.status is RegistrationStatus.REFUNDED:
            return _("This registration was cancelled and refunded.")
        return _("This registration was cancelled.")
    if result is R.UNPAID:
        return _("Not paid yet: send them to the registration desk.")
    if result is R.NOT_CONFIRMED:
        return _("This registration is not confirmed: send them to the registration desk.")
    return _("Online ticket: no in-person access.")
