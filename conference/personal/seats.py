"""Seats in sessions with seat booking (workshops): reserve one, or join the waitlist when they are gone.

Who may book: a delegate whose registration for the conference is confirmed. The capacity is the one the
public sees (the published programme), and every decision that takes or frees a seat is made under a lock
on the session's row (`lock_session`), so that no session is ever overbooked, across threads and
processes alike. Freed seats go to the waitlist in the order people joined it; each promoted delegate is
told by e-mail after the commit.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from sqlalchemy import func, select, update

from conference.agenda.models import Session
from conference.agenda.published import PublishedSession, published_session
from conference.audit.services import snapshot
from conference.core.changes import audited, note
from conference.db_types import utcnow
from conference.events.models import Conference
from conference.extensions import db
from conference.personal import emails
from conference.personal.models import SeatBooking, SeatStatus
from conference.registration.models import Registration, RegistrationStatus

HELD = (SeatStatus.RESERVED, SeatStatus.WAITLISTED)


class NotInProgramme(LookupError):
    """The session is not in the conference's published programme (draft, unknown or another conference's)."""


class SeatProblem(enum.StrEnum):
    NO_SEAT_BOOKING = "no_seat_booking"  # the session takes no reservations
    NOT_REGISTERED = "not_registered"  # no confirmed registration for the conference
    SESSION_CANCELLED = "session_cancelled"


class SeatRefused(Exception):
    def __init__(self, problem: SeatProblem) -> None:
        super().__init__(problem.value)
        self.problem = problem


@dataclass(frozen=True)
class SeatCount:
    reserved: int = 0
    waitlisted: int = 0


def books_seats(session: PublishedSession) -> bool:
    return session.seat_booking and session.capacity is not None


def seats_left(session: PublishedSession, count: SeatCount | None) -> int | None:
    """Free seats as last counted (None: the session takes no reservations)."""
    if not books_seats(session):
        return None
    return max(session.capacity - (count.reserved if count else 0), 0)


def lock_session(session_id: int) -> None:
    """Serialise seat decisions for one session until the transaction ends.

    `registration/capacity.py` bumps a `lock_version` column; sessions have none and need none. On
    PostgreSQL `SELECT … FOR UPDATE` row-locks the session without writing it (no new row version, and
    the organiser's `updated_at` stays as it was). SQLite ignores FOR UPDATE, so there an UPDATE that
    writes the value already stored takes the database's write lock, which later bookings queue for
    (busy_timeout); the count that follows cannot change under us either way.
    """
    if db.session.get_bind().dialect.name == "sqlite":
        db.session.execute(
            update(Session)
            .where(Session.id == session_id)
            .values(updated_at=Session.updated_at)
            .execution_options(synchronize_session=False)
        )
    else:
        db.session.execute(select(Session.id).where(Session.id == session_id).with_for_update())


def seat_counts(conference_id: int) -> dict[int, SeatCount]:
    """Reserved and waitlisted seats per session of the conference (one query)."""
    rows = db.session.execute(
        select(SeatBooking.session_id, SeatBooking.status, func.count())
        .join(Session, Session.id == SeatBooking.session_id)
        .where(Session.conference_id == conference_id, SeatBooking.status.in_(HELD))
        .group_by(SeatBooking.session_id, SeatBooking.status)
    )
    counts: dict[int, dict[SeatStatus, int]] = {}
    for session_id, status, number in rows:
        counts.setdefault(session_id, {})[status] = number
    return {
        session_id: SeatCount(by.get(SeatStatus.RESERVED, 0), by.get(SeatStatus.WAITLISTED, 0))
        for session_id, by in counts.items()
    }


def seats_of(registration_id: int) -> dict[int, SeatBooking]:
    """A registration's live seats and waitlist places, by session id."""
    query = select(SeatBooking).where(
        SeatBooking.registration_id == registration_id, SeatBooking.status.in_(HELD)
    )
    return {booking.session_id: booking for booking in db.session.scalars(query)}


def waitlist_positions(registration_id: int) -> dict[int, int]:
    """Where the registration stands on each waitlist it is on (1 = next to get a seat), in one query."""
    mine = select(SeatBooking).where(
        SeatBooking.registration_id == registration_id, SeatBooking.status == SeatStatus.WAITLISTED
    )
    bookings = list(db.session.scalars(mine))
    if not bookings:
        return {}
    ahead = SeatBooking.__table__.alias("ahead")
    rows = db.session.execute(
        select(SeatBooking.session_id, func.count(ahead.c.id))
        .join(
            ahead,
            (ahead.c.session_id == SeatBooking.session_id)
            & (ahead.c.status == SeatStatus.WAITLISTED)
            & (
                (ahead.c.created_at < SeatBooking.created_at)
                | ((ahead.c.created_at == SeatBooking.created_at) & (ahead.c.id < SeatBooking.id))
            ),
            isouter=True,
        )
        .where(SeatBooking.id.in_([b.id for b in bookings]))
        .group_by(SeatBooking.session_id)
    )
    return {session_id: number + 1 for session_id, number in rows}


def _bookable(conference: Conference, session_id: int) -> PublishedSession:
    session = published_session(conference.id, session_id)
    if session is None:
        raise NotInProgramme(session_id)
    if not books_seats(session):
        raise SeatRefused(SeatProblem.NO_SEAT_BOOKING)
    return session


def _own_booking(session_id: int, registration_id: int) -> SeatBooking | None:
    query = select(SeatBooking).where(
        SeatBooking.session_id == session_id, SeatBooking.registration_id == registration_id
    )
    return db.session.scalar(query)


def _reserved(session_id: int) -> int:
    query = select(func.count(SeatBooking.id)).where(
        SeatBooking.session_id == session_id, SeatBooking.status == SeatStatus.RESERVED
    )
    return db.session.scalar(query) or 0


def _waitlist(session_id: int) -> list[SeatBooking]:
    """Waiting delegates in the order they joined; only confirmed registrations may still get a seat."""
    query = (
        select(SeatBooking)
        .join(Registration, Registration.id == SeatBooking.registration_id)
        .where(
            SeatBooking.session_id == session_id,
            SeatBooking.status == SeatStatus.WAITLISTED,
            Registration.status == RegistrationStatus.CONFIRMED,
        )
        .order_by(SeatBooking.created_at, SeatBooking.id)
    )
    return list(db.session.scalars(query))


def _set_status(
    booking: SeatBooking, status: SeatStatus, action: str, conference: Conference, actor_id: int | None
) -> None:
    """Change a held booking's status and note it, before the flush: the audit entry shows the status
    change alone, not the `updated_at` the flush then writes."""
    before = snapshot(booking)
    booking.status = status
    note(
        action, booking, user_id=actor_id, conference_id=conference.id, before=before, after=snapshot(booking)
    )


def _promote(conference: Conference, session: PublishedSession, actor_id: int | None) -> list[int]:
    """Give the free seats to the waitlist, first come first served (under the lock); the promoted ids."""
    free = session.capacity - _reserved(session.id)
    promoted = []
    for booking in _waitlist(session.id)[: max(free, 0)]:
        _set_status(booking, SeatStatus.RESERVED, "seat.promoted", conference, actor_id)
        promoted.append(booking.id)
    return promoted


def book_seat(
    conference: Conference, session_id: int, registration: Registration, *, actor_id: int | None = None
) -> SeatBooking:
    """Reserve a seat for the delegate, or put them on the waitlist when every seat is taken.

    Booking again what one already holds changes nothing. Raises NotInProgramme or SeatRefused.
    """
    session = _bookable(conference, session_id)
    if registration.conference_id != conference.id or registration.status != RegistrationStatus.CONFIRMED:
        raise SeatRefused(SeatProblem.NOT_REGISTERED)
    if session.cancelled:
        raise SeatRefused(SeatProblem.SESSION_CANCELLED)
    existing = _own_booking(session.id, registration.id)
    if existing is not None and existing.status in HELD:
        return existing

    lock_session(session.id)
    existing = _own_booking(session.id, registration.id)  # re-read under the lock: a double click
    if existing is not None and existing.status in HELD:
        db.session.rollback()
        return existing
    # Seats freed by a larger capacity go to those already waiting before anyone new.
    promoted = _promote(conference, session, actor_id)
    db.session.flush()
    full = _reserved(session.id) >= session.capacity
    status = SeatStatus.WAITLISTED if full else SeatStatus.RESERVED
    booking = existing or SeatBooking(session_id=session.id, registration_id=registration.id)
    with audited(booking, f"seat.{status.value}", user_id=actor_id, conference_id=conference.id):
        booking.status = status
        booking.created_at = utcnow()  # a waitlist place is kept in the order people (re)joined
    _tell_promoted(conference, session, promoted)
    return booking


def cancel_seat(
    conference: Conference, session_id: int, registration: Registration, *, actor_id: int | None = None
) -> SeatBooking | None:
    """Give up a seat or a waitlist place; a freed seat goes to the first on the waitlist, who is e-mailed.

    Returns the cancelled booking, or None when there was nothing to cancel. Raises NotInProgramme.
    """
    session = published_session(conference.id, session_id)
    if session is None or registration.conference_id != conference.id:
        raise NotInProgramme(session_id)
    existing = _own_booking(session.id, registration.id)
    if existing is None or existing.status not in HELD:
        return None

    lock_session(session.id)
    db.session.refresh(existing)
    if existing.status not in HELD:
        db.session.rollback()
        return None
    _set_status(existing, SeatStatus.CANCELLED, "seat.cancelled", conference, actor_id)
    db.session.flush()
    promoted: list[int] = []
    if books_seats(session) and not session.cancelled:
        promoted = _promote(conference, session, actor_id)
    db.session.commit()
    _tell_promoted(conference, session, promoted)
    return existing


def _tell_promoted(conference: Conference, session: PublishedSession, booking_ids: list[int]) -> None:
    for booking_id in booking_ids:
        booking = db.session.get(SeatBooking, booking_id)
        registration = db.session.get(Registration, booking.registration_id) if booking else None
        if registration is not None:
            emails.send_seat_freed(conference, session, registration)
