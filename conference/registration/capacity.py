"""Places against a ticket's capacity: counted under a lock so that no ticket is ever oversold.

Every change that takes or frees a place first bumps the ticket type's `lock_version` with an UPDATE.
On PostgreSQL that UPDATE holds the row lock until the transaction ends; on SQLite it takes the
database's write lock. Either way the count that follows cannot change under us, across threads and
processes alike, and the same code serves both databases.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import and_, func, or_, select, update

from conference.extensions import db
from conference.registration.models import (
    EXPIRING_STATUSES,
    HOLDING_STATUSES,
    Registration,
    RegistrationStatus,
    TicketType,
)


def lock_ticket(ticket_type_id: int) -> None:
    """Serialise capacity decisions for one ticket type until the transaction ends."""
    db.session.execute(
        update(TicketType)
        .where(TicketType.id == ticket_type_id)
        .values(lock_version=TicketType.lock_version + 1)
        .execution_options(synchronize_session=False)
    )


def holds_place(now: datetime):
    """SQL condition: the registration counts against its ticket's capacity at `now`."""
    return and_(
        Registration.status.in_(list(HOLDING_STATUSES)),
        or_(
            Registration.status.not_in(list(EXPIRING_STATUSES)),
            Registration.hold_expires_at.is_(None),
            Registration.hold_expires_at > now,
        ),
    )


def places_held(ticket_type_id: int, now: datetime) -> int:
    query = select(func.count(Registration.id)).where(
        Registration.ticket_type_id == ticket_type_id, holds_place(now)
    )
    return db.session.scalar(query) or 0


def places_left(ticket: TicketType, now: datetime) -> int | None:
    """Free places (None: unlimited). Only a decision taken under `lock_ticket` may rely on it."""
    if ticket.capacity is None:
        return None
    return max(ticket.capacity - places_held(ticket.id, now), 0)


def release_place(registration: Registration, status: RegistrationStatus, now: datetime) -> None:
    """End the registration as `status`: it gives up its place, and its address may register again."""
    registration.status = status
    registration.active_email = None
    registration.hold_expires_at = None
    if status == RegistrationStatus.CANCELLED:
        registration.cancelled_at = now
