"""Lapsed holds and the waiting list: holds end, and places that come free are offered in turn."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta

from sqlalchemy import select

from conference.audit.services import snapshot
from conference.core.changes import note
from conference.db_types import utcnow
from conference.extensions import db
from conference.registration import emails
from conference.registration.capacity import lock_ticket, places_left, release_place
from conference.registration.models import (
    EXPIRING_STATUSES,
    Registration,
    RegistrationPolicy,
    RegistrationStatus,
    TicketType,
)
from conference.registration.policy import policy_for


def has_waitlist(ticket_id: int) -> bool:
    query = select(Registration.id).where(
        Registration.ticket_type_id == ticket_id, Registration.status == RegistrationStatus.WAITLISTED
    )
    return db.session.scalar(query.limit(1)) is not None


def expire_and_offer(ticket: TicketType, policy: RegistrationPolicy, now: datetime) -> list[tuple[int, str]]:
    """Under the ticket's lock: end lapsed holds, then offer free places to the waitlist in order."""
    mails: list[tuple[int, str]] = []
    lapsed = select(Registration).where(
        Registration.ticket_type_id == ticket.id,
        Registration.status.in_(list(EXPIRING_STATUSES)),
        Registration.hold_expires_at <= now,
    )
    for registration in list(db.session.scalars(lapsed)):
        with _noted(registration, "registration.expired"):
            release_place(registration, RegistrationStatus.EXPIRED, now)
        mails.append((registration.id, "expired"))
    db.session.flush()
    left = places_left(ticket, now)
    if left is None or left > 0:
        waiting = (
            select(Registration)
            .where(
                Registration.ticket_type_id == ticket.id, Registration.status == RegistrationStatus.WAITLISTED
            )
            .order_by(Registration.created_at, Registration.id)
        )
        if left is not None:
            waiting = waiting.limit(left)
        for registration in list(db.session.scalars(waiting)):
            with _noted(registration, "registration.offered"):
                registration.status = RegistrationStatus.OFFERED
                registration.hold_expires_at = now + timedelta(hours=policy.offer_hours)
            mails.append((registration.id, "offer"))
        db.session.flush()
    return mails


@contextmanager
def _noted(registration: Registration, action: str) -> Iterator[None]:
    """A change the sweep makes (nobody's), noted in the transaction of the ticket's lock; flushed once for
    all the rows, after the notes, so `updated_at` is not among the changes recorded."""
    before = snapshot(registration)
    yield
    note(
        action,
        registration,
        user_id=None,
        conference_id=registration.conference_id,
        before=before,
        after=snapshot(registration),
    )


def release_and_offer(ticket: TicketType, now: datetime | None = None) -> int:
    """End lapsed holds and make waitlist offers for one ticket type; returns how many changed."""
    now = now or utcnow()
    lock_ticket(ticket.id)
    mails = expire_and_offer(ticket, policy_for(ticket.conference), now)
    db.session.commit()
    emails.send_all(mails)
    return len(mails)


def sweep(now: datetime | None = None) -> int:
    """Run `release_and_offer` for every ticket type that has lapsed holds or a waitlist."""
    now = now or utcnow()
    due = (
        select(Registration.ticket_type_id)
        .where(
            (Registration.status.in_(list(EXPIRING_STATUSES)) & (Registration.hold_expires_at <= now))
            | (Registration.status == RegistrationStatus.WAITLISTED)
        )
        .distinct()
    )
    changed = 0
    for ticket_id in list(db.session.scalars(due)):
        ticket = db.session.get(TicketType, ticket_id)
        if ticket is not None:
            changed += release_and_offer(ticket, now)
    return changed
