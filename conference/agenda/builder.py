"""The organiser's timetable: one grid a day, rooms as columns, local time down the side.

Blocks are laid out by the local wall-clock time of each UTC instant, so a day on which the clocks
change still reads like the printed programme. The changes made on the grid are in builder_changes.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from datetime import date, time, timedelta

from babel.dates import format_time
from flask_babel import get_locale
from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from conference.agenda.conflicts import Conflict, conflicts_by_session, find_conflicts, scheduled_sessions
from conference.agenda.models import Room, Session, SessionPerson, Track
from conference.agenda.queries import conference_days
from conference.events.models import Conference
from conference.extensions import db
from conference.i18n.formatting import utc_offset_label

DAY_MINUTES = 24 * 60
DEFAULT_HOURS = (8 * 60, 20 * 60)  # the part of a day shown even when it is empty


# The grid


@dataclass(frozen=True)
class Block:
    """A session placed on a day: minutes after local midnight, by the local time of each instant."""

    session: Session
    day: date
    start_minute: int
    end_minute: int  # past 1440 when the session runs beyond midnight
    conflicts: tuple[Conflict, ...] = ()
    lane: int = 0  # blocks that overlap in a room sit side by side: this one's place among `lanes`
    lanes: int = 1

    @property
    def shown_end(self) -> int:
        return max(min(self.end_minute, DAY_MINUTES), self.start_minute + 5)

    def as_json(self) -> dict:
        session = self.session
        return {
            "id": session.id,
            "day": self.day.isoformat(),
            "room_id": session.room_id,
            "start_minute": self.start_minute,
            "end_minute": self.end_minute,
            "status": session.status.value,
        }


@dataclass(frozen=True)
class GridDay:
    day: date
    sessions: int
    # (offset before, offset after) on a day the clocks change, e.g. ("UTC+01:00", "UTC+02:00").
    clock_change: tuple[str, str] | None


@dataclass
class BuilderGrid:
    conference: Conference
    days: list[GridDay]
    day: GridDay
    rooms: list[Room]
    tracks: list[Track]
    columns: dict[int, list[Block]]
    roomless: list[Block]
    first_minute: int
    last_minute: int
    conflicts: list[Conflict]
    session_days: dict[int, date] = field(default_factory=dict)
    titles: dict[int, str] = field(default_factory=dict)

    @property
    def hours(self) -> list[tuple[int, str]]:
        """(minute of the day, label) for each hour down the side, in the reader's locale."""
        locale = get_locale() or "en"
        return [
            (hour * 60, format_time(time(hour), "short", locale=locale))
            for hour in range(self.first_minute // 60, self.last_minute // 60)
        ]


def load_sessions(conference_id: int) -> list[Session]:
    """Every session of the conference with track, room and people (three queries whatever the size)."""
    query = (
        select(Session)
        .where(Session.conference_id == conference_id)
        .options(
            joinedload(Session.track),
            joinedload(Session.room),
            selectinload(Session.people).joinedload(SessionPerson.person),
        )
        .order_by(Session.starts_at, Session.id)
    )
    return list(db.session.scalars(query).unique())


def place(session: Session, conference: Conference, conflicts: dict[int, list[Conflict]]) -> Block:
    tz = conference.tz
    start, end = session.starts_at.astimezone(tz), session.ends_at.astimezone(tz)
    day = start.date()
    start_minute = start.hour * 60 + start.minute
    end_minute = (end.date() - day).days * DAY_MINUTES + end.hour * 60 + end.minute
    if end_minute <= start_minute:
        # Clocks went back during it (autumn night): the clock says it ends "before" it starts.
        end_minute = start_minute + int((session.ends_at - session.starts_at).total_seconds() // 60)
    return Block(session, day, start_minute, end_minute, tuple(conflicts.get(session.id, ())))


def side_by_side(blocks: list[Block]) -> list[Block]:
    """Give overlapping blocks of one column their own lanes, so a clash shows both sessions."""
    placed: list[Block] = []
    group: list[Block] = []
    lane_ends: list[int] = []  # the end of the last block in each lane of the current group
    group_end = -1

    def close_group() -> None:
        placed.extend(replace(block, lanes=len(lane_ends)) for block in group)

    for block in sorted(blocks, key=lambda b: (b.start_minute, b.session.id)):
        if block.start_minute >= group_end and group:
            close_group()
            group, lane_ends = [], []
        lane = next((n for n, end in enumerate(lane_ends) if end <= block.start_minute), len(lane_ends))
        if lane == len(lane_ends):
            lane_ends.append(block.shown_end)
        lane_ends[lane] = block.shown_end
        group.append(replace(block, lane=lane))
        group_end = max(group_end, block.shown_end)
    if group:
        close_group()
    return placed


def _clock_change(conference: Conference, day: date) -> tuple[str, str] | None:
    before, after = (
        utc_offset_label(conference.tz, day - timedelta(days=1)),
        utc_offset_label(conference.tz, day),
    )
    return (before, after) if before != after else None


def grid_days(conference: Conference, extra: set[date]) -> list[date]:
    """The conference's dates, and any other day that has a session (so it can be moved back)."""
    return sorted(set(conference_days(conference)) | extra)


def build_grid(conference: Conference, day: date | None = None) -> BuilderGrid:
    """Everything the timetable page shows for one day, with the conflicts of the whole programme."""
    sessions = load_sessions(conference.id)
    rooms = list(
        db.session.scalars(
            select(Room)
            .where(Room.conference_id == conference.id)
            .order_by(Room.position, Room.name, Room.id)
        )
    )
    tracks = list(
        db.session.scalars(
            select(Track)
            .where(Track.conference_id == conference.id)
            .order_by(Track.position, Track.name, Track.id)
        )
    )
    conflicts = find_conflicts(conference, sessions)
    by_session = conflicts_by_session(conflicts)
    blocks = [place(session, conference, by_session) for session in sessions]

    counts: dict[date, int] = {}
    for block in blocks:
        counts[block.day] = counts.get(block.day, 0) + 1
    days = [
        GridDay(d, counts.get(d, 0), _clock_change(conference, d)) for d in grid_days(conference, set(counts))
    ]
    current = next((d for d in days if d.day == day), days[0])

    columns: dict[int, list[Block]] = {room.id: [] for room in rooms}
    roomless: list[Block] = []
    first, last = DEFAULT_HOURS
    for block in blocks:
        if block.day != current.day:
            continue
        columns.get(block.session.room_id, roomless).append(block)
        first = min(first, block.start_minute // 60 * 60)
        last = max(last, min(DAY_MINUTES, math.ceil(block.shown_end / 60) * 60))
    columns = {room_id: side_by_side(column) for room_id, column in columns.items()}
    return BuilderGrid(
        conference=conference,
        days=days,
        day=current,
        rooms=rooms,
        tracks=tracks,
        columns=columns,
        roomless=roomless,
        first_minute=first,
        last_minute=last,
        conflicts=conflicts,
        session_days={block.session.id: block.day for block in blocks},
        titles={session.id: session.title for session in sessions},
    )


@dataclass
class ConflictReport:
    """The programme's conflicts after a change, with where each session is (for links)."""

    conflicts: list[Conflict]
    session_days: dict[int, date]
    titles: dict[int, str]


def conflict_report(conference: Conference) -> ConflictReport:
    sessions = scheduled_sessions(conference.id)
    tz = conference.tz
    return ConflictReport(
        find_conflicts(conference, sessions),
        {s.id: s.starts_at.astimezone(tz).date() for s in sessions},
        {s.id: s.title for s in sessions},
    )


def block_for(conference: Conference, session: Session, report: ConflictReport) -> Block:
    return place(session, conference, conflicts_by_session(report.conflicts))
