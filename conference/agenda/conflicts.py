"""Conflicts in a programme: they show on the builder as soon as they arise and block publishing.

- two sessions in one room at the same time;
- a person in two sessions at the same time;
- a session outside the conference's dates (in the conference's own time zone);
- expected attendance above the room's capacity.

Cancelled sessions take part in none of them.
"""

from __future__ import annotations

import enum
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from conference.agenda.models import Session, SessionPerson, SessionStatus
from conference.events.models import Conference
from conference.extensions import db


class ConflictKind(enum.StrEnum):
    ROOM = "room"
    PERSON = "person"
    OUTSIDE_DATES = "outside_dates"
    OVER_CAPACITY = "over_capacity"


@dataclass(frozen=True)
class Conflict:
    kind: ConflictKind
    session_ids: tuple[int, ...]
    message: str

    def as_json(self) -> dict:
        return {"kind": self.kind.value, "session_ids": list(self.session_ids), "message": self.message}


def scheduled_sessions(conference_id: int) -> list[Session]:
    """Every session that is not cancelled, with room and people loaded (three queries)."""
    query = (
        select(Session)
        .where(Session.conference_id == conference_id, Session.status != SessionStatus.CANCELLED)
        .options(
            selectinload(Session.room),
            selectinload(Session.people).selectinload(SessionPerson.person),
        )
        .order_by(Session.starts_at, Session.id)
    )
    return list(db.session.scalars(query))


def _overlapping_pairs(items: list[tuple[datetime, datetime, Session]]) -> Iterable[tuple[Session, Session]]:
    """Pairs whose [start, end) intervals overlap; `items` sorted by start. Touching ends do not clash."""
    active: list[tuple[datetime, datetime, Session]] = []
    for start, end, session in items:
        active = [a for a in active if a[1] > start]
        for _start, _end, other in active:
            yield other, session
        active.append((start, end, session))


def find_conflicts(conference: Conference, sessions: list[Session] | None = None) -> list[Conflict]:
    """The programme's conflicts: room clashes, then people in two places, then each session's own."""
    sessions = scheduled_sessions(conference.id) if sessions is None else sessions
    sessions = [s for s in sessions if s.status != SessionStatus.CANCELLED]
    return [*_room_clashes(sessions), *_person_clashes(sessions), *_session_problems(conference, sessions)]


def _timed(session: Session) -> tuple[datetime, datetime, Session]:
    return (session.starts_at, session.ends_at, session)


def _by_start(items: list[tuple[datetime, datetime, Session]]) -> list[tuple[datetime, datetime, Session]]:
    return sorted(items, key=lambda item: (item[0], item[2].id))


def _room_clashes(sessions: list[Session]) -> Iterable[Conflict]:
    by_room: dict[int, list[tuple[datetime, datetime, Session]]] = defaultdict(list)
    for session in sessions:
        if session.room_id is not None:
            by_room[session.room_id].append(_timed(session))
    for items in by_room.values():
        for first, second in _overlapping_pairs(_by_start(items)):
            message = _(
                "“%(first)s” and “%(second)s” are both in %(room)s at the same time.",
                first=first.title,
                second=second.title,
                room=first.room.name if first.room else "",
            )
            yield Conflict(ConflictKind.ROOM, (first.id, second.id), message)


def _person_clashes(sessions: list[Session]) -> Iterable[Conflict]:
    by_person: dict[int, list[tuple[datetime, datetime, Session]]] = defaultdict(list)
    for session in sessions:
        for person_id in {sp.person_id for sp in session.people}:
            by_person[person_id].append(_timed(session))
    names = {sp.person_id: sp.person.display_name for s in sessions for sp in s.people if sp.person}
    for person_id, items in by_person.items():
        for first, second in _overlapping_pairs(_by_start(items)):
            message = _(
                "%(person)s is in “%(first)s” and “%(second)s” at the same time.",
                person=names.get(person_id, ""),
                first=first.title,
                second=second.title,
            )
            yield Conflict(ConflictKind.PERSON, (first.id, second.id), message)


def _outside_dates(conference: Conference, session: Session) -> bool:
    tz = conference.tz
    start_day = session.starts_at.astimezone(tz).date()
    # A session ending exactly at midnight still belongs to the day before.
    end_local = session.ends_at.astimezone(tz)
    end_day = end_local.date() if end_local.time() != end_local.time().min else start_day
    return start_day < conference.start_date or end_day > conference.end_date


def _over_capacity(session: Session) -> bool:
    room = session.room
    return (
        room is not None
        and room.capacity is not None
        and session.expected_attendance is not None
        and session.expected_attendance > room.capacity
    )


def _session_problems(conference: Conference, sessions: list[Session]) -> Iterable[Conflict]:
    for session in sessions:
        if _outside_dates(conference, session):
            message = _("“%(title)s” is outside the conference's dates.", title=session.title)
            yield Conflict(ConflictKind.OUTSIDE_DATES, (session.id,), message)
        if _over_capacity(session):
            message = _(
                "“%(title)s” expects %(expected)d people but %(room)s holds %(capacity)d.",
                title=session.title,
                expected=session.expected_attendance,
                room=session.room.name,
                capacity=session.room.capacity,
            )
            yield Conflict(ConflictKind.OVER_CAPACITY, (session.id,), message)


def conflicts_by_session(conflicts: list[Conflict]) -> dict[int, list[Conflict]]:
    result: dict[int, list[Conflict]] = defaultdict(list)
    for conflict in conflicts:
        for session_id in conflict.session_ids:
            result[session_id].append(conflict)
    return dict(result)
