"""What organisers change about the people of a conference."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload
from werkzeug.datastructures import FileStorage

from conference.agenda.models import PersonRole, Session, SessionPerson
from conference.audit.services import record, snapshot
from conference.core.changes import delete, save
from conference.db_types import utcnow
from conference.events.models import Conference
from conference.extensions import db
from conference.media.services import stored_image
from conference.speakers.models import Person

PHOTO_MAX_SIDE = 800  # pixels; a portrait is shown at most 240 px wide, twice that on sharp screens


@dataclass
class Assignment:
    """One session of the working programme a person is in, with their roles and whether they confirmed."""

    session: Session
    roles: list[PersonRole] = field(default_factory=list)
    confirmed_at: datetime | None = None


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


def stored_photo(
    upload: FileStorage | None, *, remove: bool, current: str | None, folder: str | Path
) -> str | None:
    """The photo to keep: a new upload checked, re-encoded and resized (may raise InvalidImage)."""
    return stored_image(upload, remove=remove, current=current, folder=folder, max_side=PHOTO_MAX_SIDE)


def assignments(person: Person) -> list[Assignment]:
    """The person's sessions in the working programme (drafts too), in time order.

    A session counts as confirmed once every role the person has in it is confirmed.
    """
    rows = db.session.scalars(
        select(SessionPerson)
        .join(Session)
        .where(SessionPerson.person_id == person.id)
        .options(selectinload(SessionPerson.session).selectinload(Session.room))
        .order_by(Session.starts_at, Session.id, SessionPerson.position)
    )
    found: dict[int, Assignment] = {}
    for row in rows:
        assignment = found.get(row.session_id)
        if assignment is None:
            assignment = found[row.session_id] = Assignment(row.session, confirmed_at=row.confirmed_at)
        elif row.confirmed_at is None or assignment.confirmed_at is None:
            assignment.confirmed_at = None
        assignment.roles.append(row.role)
    return list(found.values())


def save_own_profile(person: Person, values: dict) -> Person:
    """A speaker's own change through their invitation link (audited with no user)."""
    return save(
        person, values, action="person.self_updated", user_id=None, conference_id=person.conference_id
    )


def confirm_session(person: Person, session_id: int) -> bool:
    """Confirm every role the person has in the session; False when they are not in it."""
    rows = list(
        db.session.scalars(
            select(SessionPerson).where(
                SessionPerson.person_id == person.id, SessionPerson.session_id == session_id
            )
        )
    )
    if not rows:
        return False
    now = utcnow()
    for row in rows:
        if row.confirmed_at is None:
            before = snapshot(row)
            row.confirmed_at = now
            db.session.flush()
            record(
                "session_person.confirmed",
                row,
                user_id=None,
                conference_id=person.conference_id,
                before=before,
                after=snapshot(row),
            )
    db.session.commit()
    return True
