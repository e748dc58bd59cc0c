"""What organisers change in the programme: rooms, tracks, sessions and who appears in them."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from sqlalchemy import delete as sql_delete
from sqlalchemy import func, select, update
from sqlalchemy.orm import joinedload, selectinload

from conference.agenda.models import PersonRole, Room, Session, SessionPerson, Track
from conference.audit.services import record
from conference.core.changes import delete, save
from conference.events.models import Conference
from conference.extensions import db


def room_in(conference: Conference, room_id: int) -> Room | None:
    return db.session.scalar(select(Room).where(Room.id == room_id, Room.conference_id == conference.id))


def track_in(conference: Conference, track_id: int) -> Track | None:
    return db.session.scalar(select(Track).where(Track.id == track_id, Track.conference_id == conference.id))


def session_in(conference: Conference, session_id: int) -> Session | None:
    return db.session.scalar(
        select(Session).where(Session.id == session_id, Session.conference_id == conference.id)
    )


def sessions_in_room(room: Room) -> int:
    """How many sessions take place in the room (shown before deleting it)."""
    return db.session.scalar(select(func.count()).select_from(Session).where(Session.room_id == room.id))


def sessions_in_track(track: Track) -> int:
    """How many sessions belong to the track (shown before deleting it)."""
    return db.session.scalar(select(func.count()).select_from(Session).where(Session.track_id == track.id))


def sessions_by_day(conference: Conference) -> list[tuple[date, list[Session]]]:
    """Every session of the conference grouped by its day in the conference's zone, in time order."""
    sessions = db.session.scalars(
        select(Session)
        .where(Session.conference_id == conference.id)
        .order_by(Session.starts_at, Session.id)
        .options(
            joinedload(Session.track),
            joinedload(Session.room),
            selectinload(Session.people).joinedload(SessionPerson.person),
        )
    )
    days: dict[date, list[Session]] = defaultdict(list)
    for session in sessions:
        days[session.starts_at.astimezone(conference.tz).date()].append(session)
    return sorted(days.items())


def save_room(conference: Conference, room: Room | None, values: dict, *, user_id: int) -> Room:
    room = room or Room(conference_id=conference.id)
    action = "room.updated" if room.id else "room.created"
    return save(room, values, action=action, user_id=user_id, conference_id=conference.id)


def delete_room(room: Room, *, user_id: int) -> None:
    """Delete a room; its sessions stay, with no room; its streaming channels go with it."""
    from conference.streaming.models import StreamChannel  # streaming builds on the agenda, not the reverse

    # Done here, not left to ON DELETE SET NULL / CASCADE, which SQLite only honours with foreign keys on.
    db.session.execute(update(Session).where(Session.room_id == room.id).values(room_id=None))
    db.session.execute(sql_delete(StreamChannel).where(StreamChannel.room_id == room.id))
    delete(room, action="room.deleted", user_id=user_id, conference_id=room.conference_id)


def save_track(conference: Conference, track: Track | None, values: dict, *, user_id: int) -> Track:
    track = track or Track(conference_id=conference.id)
    action = "track.updated" if track.id else "track.created"
    return save(track, values, action=action, user_id=user_id, conference_id=conference.id)


def delete_track(track: Track, *, user_id: int) -> None:
    """Delete a track; its sessions stay, with no track."""
    db.session.execute(update(Session).where(Session.track_id == track.id).values(track_id=None))
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
        record(
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
