"""Public lookups of a conference's people."""

from __future__ import annotations

from sqlalchemy import exists, or_, select
from sqlalchemy.orm import selectinload

from conference.agenda.models import Session, SessionPerson, SessionStatus
from conference.events.models import Conference
from conference.extensions import db
from conference.speakers.models import Person

PUBLIC_SESSION_STATUSES = (SessionStatus.PUBLISHED, SessionStatus.CANCELLED)


def _appears_publicly():
    return exists().where(
        SessionPerson.person_id == Person.id,
        SessionPerson.session_id == Session.id,
        Session.status.in_(PUBLIC_SESSION_STATUSES),
    )


def listed_people(conference: Conference) -> list[Person]:
    """People shown on the speakers page: those in a public session or with a bio, by name."""
    return list(
        db.session.scalars(
            select(Person)
            .where(Person.conference_id == conference.id, or_(_appears_publicly(), Person.bio != ""))
            .order_by(Person.full_name)
        )
    )


def featured_people(conference: Conference, limit: int | None = 6) -> list[Person]:
    """People with a bio, in the order they were added (the organisers' order of precedence)."""
    query = select(Person).where(Person.conference_id == conference.id, Person.bio != "").order_by(Person.id)
    if limit:
        query = query.limit(limit)
    return list(db.session.scalars(query))


def person_in(conference: Conference, person_id: int) -> Person | None:
    return db.session.scalar(
        select(Person).where(Person.id == person_id, Person.conference_id == conference.id)
    )


def public_sessions_of(person: Person) -> list[SessionPerson]:
    """The person's roles in published or cancelled sessions, in time order."""
    return list(
        db.session.scalars(
            select(SessionPerson)
            .join(Session)
            .where(SessionPerson.person_id == person.id, Session.status.in_(PUBLIC_SESSION_STATUSES))
            .options(selectinload(SessionPerson.session).selectinload(Session.room))
            .order_by(Session.starts_at)
        )
    )
