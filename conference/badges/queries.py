"""What the badge pages read: the registrations a bulk run prints, the tickets with badges, recent runs."""

from __future__ import annotations

from sqlalchemy import Select, func, select
from sqlalchemy.orm import selectinload

from conference.badges.models import BadgeRun
from conference.badges.runs import KEEP_FILES, BadgeSelection
from conference.events.models import Conference
from conference.extensions import db
from conference.registration.models import Attendance, Registration, RegistrationStatus, TicketType


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


def recent_runs(conference: Conference, limit: int = KEEP_FILES) -> list[BadgeRun]:
    query = (
        select(BadgeRun)
        .where(BadgeRun.conference_id == conference.id)
        .order_by(BadgeRun.id.desc())
        .limit(limit)
    )
    return list(db.session.scalars(query))
