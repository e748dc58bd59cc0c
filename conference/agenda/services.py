"""What organisers change in the programme: rooms, tracks, sessions and who appears in them."""

from __future__ import annotations

from sqlalchemy import delete as sql_delete
from sqlalchemy import update

from conference.agenda.models import PersonRole, Room, Session, SessionPerson, Track
from conference.core.changes import delete, note, save
from conference.events.models import Conference
from conference.extensions import db


def _let_go_of(model: type, row_id: int) -> None:
    """Apply the ON DELETE rule of every foreign key pointing at the row (SQLite runs without foreign keys).

    Read from the schema, so the tables of capabilities built on the agenda (a room's streaming channels)
    are let go of without the agenda importing them.
    """
    target = model.__table__
    for table in db.metadata.sorted_tables:
        for key in table.foreign_keys:
            if key.column.table is not target:
                continue
            if key.ondelete == "SET NULL":
                db.session.execute(update(table).where(key.parent == row_id).values({key.parent.name: None}))
            elif key.ondelete == "CASCADE":
                db.session.execute(sql_delete(table).where(key.parent == row_id))


def save_room(conference: Conference, room: Room | None, values: dict, *, user_id: int) -> Room:
    room = room or Room(conference_id=conference.id)
    action = "room.updated" if room.id else "room.created"
    return save(room, values, action=action, user_id=user_id, conference_id=conference.id)


def delete_room(room: Room, *, user_id: int) -> None:
    """Delete a room; its sessions stay, with no room; its streaming channels go with it."""
    _let_go_of(Room, room.id)
    delete(room, action="room.deleted", user_id=user_id, conference_id=room.conference_id)


def save_track(conference: Conference, track: Track | None, values: dict, *, user_id: int) -> Track:
    track = track or Track(conference_id=conference.id)
    action = "track.updated" if track.id else "track.created"
    return save(track, values, action=action, user_id=user_id, conference_id=conference.id)


def delete_track(track: Track, *, user_id: int) -> None:
    """Delete a track; its sessions stay, with no track."""
    _let_go_of(Track, track.id)
    delete(track, action="track.deleted", user_id=user_id, conference_id=track.conference_id)


def _line_up(session: Session) -> list[str]:
    return [f"{link.person.full_name} ({link.role.value})" for link in session.people]


def _set_people(session: Session, rows: list[tuple[int, PersonRole]]) -> None:
    # Rows already there are kept (the unique key would clash if deleted and re-added in one flush).
    existing = {(link.person_id, link.role): link for link in session.people}
    people = []
    for position, (person_id, role) in enumerate(rows):
        link = existing.pop((person_id, role), None) or SessionPerson(person_id=person_id, role=role)
        link.position = position
        people.append(link)
    session.people = people


def save_session(
    conference: Conference,
    session: Session | None,
    values: dict,
    people: list[tuple[int, PersonRole]],
    *,
    user_id: int,
) -> Session:
    """Create or change a session and its line-up (people must belong to the conference: the form checks)."""
    session = session or Session(conference_id=conference.id)
    action = "session.updated" if session.id else "session.created"
    save(session, values, action=action, user_id=user_id, conference_id=conference.id)
    before = _line_up(session)
    _set_people(session, people)
    db.session.flush()
    after = _line_up(session)
    if after != before:
        note(
            "session.people_changed",
            session,
            user_id=user_id,
            conference_id=conference.id,
            before={"people": before},
            after={"people": after},
        )
    db.session.commit()
    return session


def delete_session(session: Session, *, user_id: int) -> None:
    delete(session, action="session.deleted", user_id=user_id, conference_id=session.conference_id)
