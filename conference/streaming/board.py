"""The organisers' stream board: each room's channels, what is on now and next, and recent joins.

Also the check of a channel's address that the channel pages and the board show next to each URL.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select

from conference.agenda.models import Room
from conference.agenda.published import PublishedSession, published_sessions
from conference.events.models import Conference
from conference.extensions import db
from conference.streaming.models import StreamChannel
from conference.streaming.providers import PROVIDER_LABELS, Provider, provider_of, url_problem
from conference.streaming.queries import channels_for_sessions, recent_joins

RECENT = timedelta(minutes=5)
LATELY = timedelta(minutes=30)


class UrlState(enum.StrEnum):
    KNOWN = "known"  # well-formed, of a provider whose player or join page Plenary knows
    UNKNOWN_PROVIDER = "unknown_provider"  # well-formed https: delegates get it in a new tab
    PROBLEM = "problem"  # cannot be used


@dataclass(frozen=True)
class UrlCheck:
    state: UrlState
    provider: Provider
    provider_label: str
    message: str = ""  # why it cannot be used (PROBLEM only)


def check_url(url: str) -> UrlCheck:
    """Whether a streaming address is well-formed and of a known provider."""
    provider = provider_of(url)
    label = str(PROVIDER_LABELS[provider])
    problem = url_problem(url)
    if problem:
        return UrlCheck(UrlState.PROBLEM, provider, label, problem)
    if provider == Provider.OTHER:
        return UrlCheck(UrlState.UNKNOWN_PROVIDER, provider, label)
    return UrlCheck(UrlState.KNOWN, provider, label)


@dataclass(frozen=True)
class _Moment:
    """A moment in a room, shaped like a session: the channels a session there and then would get."""

    id: int
    room_id: int
    starts_at: datetime


@dataclass(frozen=True)
class RoomOnBoard:
    room_id: int
    name: str
    location: str
    current: PublishedSession | None
    next: PublishedSession | None
    channels: list[StreamChannel]  # the current session's, else the next one's, else the room's now
    joins_recent: int  # joins to the room's sessions in the last RECENT
    joins_lately: int  # … in the last LATELY

    @property
    def own_channels(self) -> bool:
        """The channels shown are a session's own, not the room's."""
        return any(channel.session_id is not None for channel in self.channels)

    @property
    def channel_problems(self) -> int:
        return sum(1 for channel in self.channels if check_url(channel.url).state == UrlState.PROBLEM)


@dataclass(frozen=True)
class StreamBoard:
    now: datetime
    published: bool  # False until the programme is first published
    rooms: list[RoomOnBoard]
    joins_recent: int
    joins_lately: int


def _current_and_next(
    sessions: list[PublishedSession], now: datetime
) -> tuple[PublishedSession | None, PublishedSession | None]:
    current = next((s for s in sessions if s.starts_at <= now < s.ends_at), None)
    upcoming = next((s for s in sessions if s.starts_at > now), None)
    return current, upcoming


def stream_board(conference: Conference, now: datetime) -> StreamBoard:
    """The board at `now`, from the published programme, in a constant handful of queries."""
    programme = published_sessions(conference.id)
    rooms = db.session.scalars(
        select(Room).where(Room.conference_id == conference.id).order_by(Room.position, Room.id)
    ).all()
    room_of = {session.id: session.room_id for session in programme}
    live = [s for s in programme if not s.cancelled]
    slots = {}
    for room in rooms:
        current, upcoming = _current_and_next([s for s in live if s.room_id == room.id], now)
        slots[room.id] = (current, upcoming, current or upcoming or _Moment(-room.id, room.id, now))
    channels = channels_for_sessions(conference, [slot for _c, _n, slot in slots.values()])
    recent = recent_joins(conference.id, now - RECENT)
    lately = recent_joins(conference.id, now - LATELY)

    def joins(counts: dict[int, int], room_id: int) -> int:
        return sum(count for session_id, count in counts.items() if room_of.get(session_id) == room_id)

    board_rooms = [
        RoomOnBoard(
            room_id=room.id,
            name=room.name,
            location=room.location,
            current=slots[room.id][0],
            next=slots[room.id][1],
            channels=channels.get(slots[room.id][2].id, []),
            joins_recent=joins(recent, room.id),
            joins_lately=joins(lately, room.id),
        )
        for room in rooms
    ]
    return StreamBoard(
        now=now,
        published=bool(programme),
        rooms=board_rooms,
        joins_recent=sum(recent.values()),
        joins_lately=sum(lately.values()),
    )


def board_data(board: StreamBoard) -> dict:
    """The board's figures as JSON (the page refreshes its HTML; scripts may read these)."""
    return {
        "joins_recent": board.joins_recent,
        "joins_lately": board.joins_lately,
        "rooms": [
            {
                "id": room.room_id,
                "current_session_id": room.current.id if room.current else None,
                "next_session_id": room.next.id if room.next else None,
                "channels": len(room.channels),
                "channel_problems": room.channel_problems,
                "joins_recent": room.joins_recent,
                "joins_lately": room.joins_lately,
            }
            for room in board.rooms
        ],
    }
