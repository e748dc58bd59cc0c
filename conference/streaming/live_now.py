"""What is on now and next in every room, for the Live now page."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from conference.agenda.models import Room
from conference.agenda.published import PublishedSession
from conference.events.models import Conference
from conference.extensions import db


@dataclass(frozen=True)
class RoomNow:
    room_id: int | None  # None: sessions held online only, in no room
    name: str
    current: PublishedSession | None
    next: PublishedSession | None


def is_running(conference: Conference, now: datetime) -> bool:
    """Whether it is one of the conference's days in its own zone."""
    return conference.start_date <= now.astimezone(conference.tz).date() <= conference.end_date


def rooms_now_and_next(
    conference: Conference, sessions: Iterable[PublishedSession], now: datetime
) -> list[RoomNow]:
    """Each room with a session on now or still to come, in the organisers' room order."""
    live = sorted((s for s in sessions if not s.cancelled), key=lambda s: (s.starts_at, s.id))
    by_room: dict[int | None, list[PublishedSession]] = {}
    for item in live:
        if item.ends_at > now:
            by_room.setdefault(item.room_id, []).append(item)
    query = select(Room.id, Room.name).where(Room.conference_id == conference.id)
    rooms = db.session.execute(query.order_by(Room.position, Room.name, Room.id)).all()
    ordered = [(room_id, name) for room_id, name in rooms] + [(None, "")]
    found = []
    for room_id, name in ordered:
        pending = by_room.get(room_id)
        if not pending:
            continue
        current = next((s for s in pending if s.starts_at <= now), None)
        upcoming = next((s for s in pending if s.starts_at > now), None)
        found.append(RoomNow(room_id, name, current, upcoming))
    return found
