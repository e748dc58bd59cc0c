"""What organisers, and speakers through their link, change about the people of a conference."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select
from werkzeug.datastructures import FileStorage

from conference.agenda.models import SessionPerson
from conference.core.changes import delete, save
from conference.db_types import utcnow
from conference.events.models import Conference
from conference.extensions import db
from conference.media.services import stored_image
from conference.speakers.models import Person

CONFIRMED = "session_person.confirmed"
PHOTO_MAX_SIDE = 800  # pixels; a portrait is shown at most 240 px wide, twice that on sharp screens


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
    now, conference_id = utcnow(), person.conference_id
    for row in (row for row in rows if row.confirmed_at is None):
        values = {"confirmed_at": now}
        save(
            row,
            values,
            action="session_person.confirmed",
            user_id=None,
            conference_id=conference_id,
            commit=False,
        )
    db.session.commit()
    return True
