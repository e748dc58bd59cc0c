"""Scan points: the main entrance and each session's room door ("entrance", "session:<id>")."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from flask_babel import gettext as _
from sqlalchemy import func, select

from conference.agenda.models import Room, Session, SessionStatus
from conference.checkin.models import ENTRANCE, SESSION_POINT_PREFIX, CheckIn, ScanConference
from conference.extensions import db
from conference.i18n.formatting import local_date, local_time


class InvalidPoint(ValueError):
    """A point that is not the entrance or a session of this conference."""


@dataclass(frozen=True)
class ScanPoint:
    id: str
    session_id: int | None = None
    capacity: int | None = None  # the session's own limit, else its room's


@dataclass(frozen=True)
class PointSummary:
    """A scan point as the check-in page lists it, with how many are in."""

    id: str
    count: int
    tz: ZoneInfo
    title: str = ""
    starts_at: datetime | None = None
    room: str = ""
    capacity: int | None = None

    @property
    def label(self) -> str:
        """ "Main entrance", or the session's day, time, title and room (in the reader's language)."""
        if self.starts_at is None:
            return _("Main entrance")
        when = f"{local_date(self.starts_at, 'short', self.tz)} {local_time(self.starts_at, self.tz)}"
        return " · ".join(part for part in (when, self.title, self.room) if part)

    def as_json(self) -> dict:
        body: dict = {"id": self.id, "label": self.label, "count": self.count}
        if self.id != ENTRANCE:
            body["capacity"] = self.capacity
        return body


def session_point(session_id: int) -> str:
    return f"{SESSION_POINT_PREFIX}{session_id}"


def _session_id(point: str) -> int | None:
    number = point[len(SESSION_POINT_PREFIX) :] if point.startswith(SESSION_POINT_PREFIX) else ""
    return int(number) if number.isdigit() and len(number) < 10 else None


def resolve_point(conference: ScanConference, point: str) -> ScanPoint:
    """The scan point named by `point`; raises InvalidPoint for anything else (or another conference's)."""
    if point == ENTRANCE:
        return ScanPoint(ENTRANCE)
    session_id = _session_id(point)
    if session_id is None:
        raise InvalidPoint(point)
    row = db.session.execute(
        select(Session.capacity, Room.capacity)
        .outerjoin(Room, Room.id == Session.room_id)
        .where(Session.id == session_id, Session.conference_id == conference.id)
    ).first()
    if row is None:
        raise InvalidPoint(point)
    session_capacity, room_capacity = row
    return ScanPoint(point, session_id, session_capacity if session_capacity is not None else room_capacity)


def count_at(conference_id: int, point: str) -> int:
    query = select(func.count(CheckIn.id)).where(
        CheckIn.conference_id == conference_id, CheckIn.point == point
    )
    return db.session.scalar(query) or 0


def counts_by_point(conference_id: int) -> dict[str, int]:
    query = (
        select(CheckIn.point, func.count(CheckIn.id))
        .where(CheckIn.conference_id == conference_id)
        .group_by(CheckIn.point)
    )
    return dict(db.session.execute(query).all())


def point_summaries(conference: ScanConference) -> list[PointSummary]:
    """The entrance, then every session that is not cancelled in programme order, with their counts."""
    counts = counts_by_point(conference.id)
    points = [PointSummary(ENTRANCE, counts.get(ENTRANCE, 0), conference.tz)]
    rows = db.session.execute(
        select(Session.id, Session.title, Session.starts_at, Session.capacity, Room.name, Room.capacity)
        .outerjoin(Room, Room.id == Session.room_id)
        .where(Session.conference_id == conference.id, Session.status != SessionStatus.CANCELLED)
        .order_by(Session.starts_at, Room.position, Session.id)
    )
    for session_id, title, starts_at, capacity, room, room_capacity in rows:
        point = session_point(session_id)
        points.append(
            PointSummary(
                point,
                counts.get(point, 0),
                conference.tz,
                title,
                starts_at,
                room or "",
                capacity if capacity is not None else room_capacity,
            )
        )
    return points
