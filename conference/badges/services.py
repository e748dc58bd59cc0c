"""Badge services: who gets a badge, what it says, which registrations a bulk run prints, re-issuing."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path

from flask import current_app
from flask_babel import force_locale
from sqlalchemy import Select, func, select, update
from sqlalchemy.orm import selectinload

from conference.audit.services import record
from conference.badges.codes import badge_code
from conference.badges.pdf import A6, FOUR_BY_THREE, BadgeContent, BadgeSize, Branding, write_badges
from conference.db_types import utcnow
from conference.events.models import Conference
from conference.extensions import db
from conference.i18n.formatting import country_name
from conference.registration.models import Attendance, Registration, RegistrationStatus, TicketType

BADGE_LANGUAGE = "en"  # badges are read by people from many countries: country names in English


class NoBadge(Exception):
    """Only confirmed registrations with a place at the venue have a badge."""


def has_badge(registration: Registration) -> bool:
    return (
        registration.status == RegistrationStatus.CONFIRMED
        and registration.ticket_type.attendance != Attendance.ONLINE
    )


def current_badge_code(registration: Registration) -> str:
    """The code on the registration's badge; NoBadge unless it has one."""
    if not has_badge(registration):
        raise NoBadge()
    return badge_code(registration)


def reissue_badge(registration: Registration, by_user_id: int | None) -> str:
    """Replace a lost badge: bump the badge version (every earlier code stops verifying), audit, commit."""
    before = {"badge_version": registration.badge_version}
    # Incremented in SQL so two organisers re-issuing at once still end on two distinct versions.
    registration.badge_version = Registration.badge_version + 1
    registration.badge_printed_at = None
    db.session.flush()
    db.session.refresh(registration, ["badge_version"])
    record(
        "registration.badge_reissued",
        registration,
        user_id=by_user_id,
        conference_id=registration.conference_id,
        before=before,
        after={"badge_version": registration.badge_version},
    )
    db.session.commit()
    return badge_code(registration)


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


# Bulk printing


@dataclass(frozen=True)
class BadgeSelection:
    """Which confirmed registrations a bulk run prints; empty lists mean "any"."""

    ticket_type_ids: list[int] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    only_unprinted: bool = False


@dataclass(frozen=True)
class BadgeLayout:
    """The badge size (A6, 4 × 3 in or custom millimetres) and whether badges go on A4 sheets."""

    size: str = "a6"  # "a6", "4x3" or "custom"
    width_mm: float | None = None
    height_mm: float | None = None
    sheets: bool = False

    def badge_size(self) -> BadgeSize:
        if self.size == "4x3":
            return FOUR_BY_THREE
        if self.size == "custom" and self.width_mm and self.height_mm:
            return BadgeSize(self.width_mm * 72 / 25.4, self.height_mm * 72 / 25.4)
        return A6


def options_json(selection: BadgeSelection, layout: BadgeLayout) -> dict:
    return {"selection": asdict(selection), "layout": asdict(layout)}


def options_from_json(options: dict) -> tuple[BadgeSelection, BadgeLayout]:
    return BadgeSelection(**options.get("selection", {})), BadgeLayout(**options.get("layout", {}))


def _selected(conference: Conference, selection: BadgeSelection) -> Select:
    query = (
        select(Registration)
        .join(TicketType, Registration.ticket_type_id == TicketType.id)
        .where(
            Registration.conference_id == conference.id,
            Registration.status == RegistrationStatus.CONFIRMED,
            TicketType.attendance != Attendance.ONLINE,
        )
    )
    if selection.ticket_type_ids:
        query = query.where(Registration.ticket_type_id.in_(selection.ticket_type_ids))
    if selection.categories:
        query = query.where(Registration.category.in_(selection.categories))
    if selection.countries:
        query = query.where(Registration.country.in_(selection.countries))
    if selection.only_unprinted:
        query = query.where(Registration.badge_printed_at.is_(None))
    return query


def count_selected(conference: Conference, selection: BadgeSelection) -> int:
    return db.session.scalar(select(func.count()).select_from(_selected(conference, selection).subquery()))


def selected_registrations(conference: Conference, selection: BadgeSelection) -> list[Registration]:
    """The registrations to print, in the order a registration desk files badges: by family name."""
    query = (
        _selected(conference, selection)
        .options(selectinload(Registration.ticket_type), selectinload(Registration.conference))
        .order_by(func.lower(Registration.family_name), func.lower(Registration.given_name), Registration.id)
    )
    return list(db.session.scalars(query))


def badge_tickets(conference: Conference) -> list[TicketType]:
    """The tickets whose holders get a badge: every one with a place at the venue."""
    query = (
        select(TicketType)
        .where(TicketType.conference_id == conference.id, TicketType.attendance != Attendance.ONLINE)
        .order_by(TicketType.position, TicketType.id)
    )
    return list(db.session.scalars(query))


def mark_printed(registration_ids: Sequence[int], when: datetime | None = None) -> None:
    """Record that these badges were printed (the caller commits)."""
    when = when or utcnow()
    for start in range(0, len(registration_ids), 500):  # keep each IN list short
        chunk = list(registration_ids[start : start + 500])
        db.session.execute(
            update(Registration)
            .where(Registration.id.in_(chunk))
            .values(badge_printed_at=when)
            .execution_options(synchronize_session=False)
        )
