"""Imports every model so that SQLAlchemy and Alembic see the whole schema."""

from conference.accounts.models import ConferenceRole, User
from conference.agenda.models import Room, Session, SessionPerson, Track
from conference.audit.models import AuditEntry
from conference.events.models import Conference, Page
from conference.mail.models import OutboxMessage
from conference.speakers.models import Person

__all__ = [
    "AuditEntry",
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
