"""Who has a badge and what it says: the content and branding of one badge, and its one-page PDF."""

from __future__ import annotations

import io
from pathlib import Path

from flask import current_app
from flask_babel import force_locale

from conference.badges.codes import badge_code
from conference.badges.pdf import A6, BadgeContent, BadgeSize, Branding, write_badges
from conference.events.models import Conference
from conference.i18n.formatting import country_name
from conference.registration.models import Attendance, Registration, RegistrationStatus

BADGE_LANGUAGE = "en"  # badges are read by people from many countries: country names in English


class NoBadge(Exception):
    """Only confirmed registrations with a place at the venue have a badge."""


def has_badge(registration: Registration) -> bool:
    return (
        registration.status == RegistrationStatus.CONFIRMED
        and registration.ticket_type.attendance != Attendance.ONLINE
    )


def badge_content(registration: Registration) -> BadgeContent:
    """What one badge says, as plain data for the PDF."""
    with force_locale(BADGE_LANGUAGE):
        place = ", ".join(part for part in (registration.city, country_name(registration.country)) if part)
    return BadgeContent(
        name=registration.display_name,
        local_name=registration.local_name,
        position=registration.position,
        organisation=registration.organisation,
        place=place,
        category=registration.ticket_type.name,
        colour=registration.ticket_type.badge_colour,
        code=badge_code(registration),
    )


def branding(conference: Conference) -> Branding:
    logo = None
    if conference.logo:
        candidate = Path(current_app.config["UPLOAD_FOLDER"]) / conference.logo
        logo = candidate if candidate.is_file() else None
    return Branding(title=conference.title, colour=conference.primary_colour, logo=logo)


def badge_pdf(registration: Registration, size: BadgeSize = A6) -> bytes:
    """One registration's badge as a one-page PDF; NoBadge unless it has one."""
    if not has_badge(registration):
        raise NoBadge()
    output = io.BytesIO()
    conference = registration.conference
    write_badges(
        output,
        [badge_content(registration)],
        branding(conference),
        size,
        title=f"{registration.display_name} · {conference.title}",
    )
    return output.getvalue()
