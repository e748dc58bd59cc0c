"""Imports every model so that SQLAlchemy and Alembic see the whole schema."""

from conference.accounts.models import ConferenceRole, User
from conference.agenda.models import AgendaVersion, Room, Session, SessionPerson, Track
from conference.audit.models import AuditEntry
from conference.badges.models import BadgeRun
from conference.checkin.models import CheckIn, Scan, ScanningToken
from conference.events.models import Conference, Page
from conference.mail.models import OutboxMessage
from conference.payments.models import Payment, Refund, StripeEvent
from conference.personal.models import Bookmark, SeatBooking
from conference.registration.models import (
    Answer,
    Delegation,
    Question,
    Registration,
    RegistrationPolicy,
    TicketType,
)
from conference.speakers.models import Person
from conference.streaming.models import StreamChannel, StreamJoin

__all__ = [
    "StreamChannel",
    "StreamJoin",
    "AgendaVersion",
    "Bookmark",
    "SeatBooking",
    "Answer",
    "AuditEntry",
    "BadgeRun",
    "CheckIn",
    "Scan",
    "ScanningToken",
    "Delegation",
    "Payment",
    "Question",
    "Refund",
    "Registration",
    "RegistrationPolicy",
    "StripeEvent",
    "TicketType",
    "Conference",
    "ConferenceRole",
    "OutboxMessage",
    "Page",
    "Person",
    "Room",
    "Session",
    "SessionPerson",
    "Track",
    "User",
]
