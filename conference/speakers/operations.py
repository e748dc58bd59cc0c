"""What organisers change about the people of a conference."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from conference.core.operations import delete, save
from conference.events.models import Conference
from conference.extensions import db
from conference.speakers.models import Person


def people_of(conference: Conference) -> list[Person]:
    """Everyone in the conference's programme, by name."""
    return list(
        db.session.scalars(
            select(Person)
            .where(Person.conference_id == conference.id)
            .order_by(func.lower(Person.full_name))
            .options(selectinload(Person.session_roles))
        )
    )


def person_in(conference: Conference, person_id: int) -> Person | None:
    return db.session.scalar(
        select(Person).where(Person.id == person_id, Person.conference_id == conference.id)
    )


def save_person(conference: Conference, person: Person | None, values: dict, *, user_id: int) -> Person:
    """Create or change a person of the conference."""
    person = person or Person(conference_id=conference.id)
    action = "person.updated" if person.id else "person.created"
    return save(person, values, action=action, user_id=user_id, conference_id=conference.id)


def delete_person(person: Person, *, user_id: int) -> None:
    """Delete a person; they leave every session they appeared in."""
    delete(person, action="person.deleted", user_id=user_id, conference_id=person.conference_id)
