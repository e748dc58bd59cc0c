"""Demo streaming: every demo room that holds talks streams the floor with English and Korean interpretation.

The floor is a YouTube live stream, each interpretation a Zoom meeting with a passcode; every address is
made up (ids start with DEMO or demo) and leads nowhere real. A conference that is over also gets its
recordings, on session-level copies of its rooms' channels as organisers' Recordings page makes them.
Idempotent: a conference that has any channel is left alone (organisers may have changed them).
"""

from __future__ import annotations

import random
import string
from datetime import date

from sqlalchemy import select

from conference.agenda.models import Room, Session, SessionStatus, SessionType
from conference.events.models import Conference
from conference.extensions import db
from conference.streaming.models import StreamChannel

SEED = 20261125
# Breaks, receptions and the registration desk (the demo's only "other" sessions) are not streamed.
NOT_STREAMED = (SessionType.BREAK, SessionType.NETWORKING, SessionType.OTHER)
FLOOR, ENGLISH, KOREAN = "Floor", "English interpretation", "Korean interpretation"
_ID_CHARACTERS = string.ascii_letters + string.digits


def seed_streaming(conference: Conference, today: date) -> list[str]:
    """Give a demo conference's rooms their channels, and a past one its recordings."""
    if _has_channels(conference):
        return []
    rng = random.Random(SEED + conference.id)
    rooms = _streamed_rooms(conference)
    if not rooms:
        return []
    channels = {room.id: _room_channels(rng, conference, room) for room in rooms}
    db.session.add_all(channel for room_channels in channels.values() for channel in room_channels)
    lines = [
        f"Added {sum(map(len, channels.values()))} streaming channels (floor, English and Korean "
        f"interpretation) to {len(rooms)} rooms of {conference.slug}"
    ]
    if conference.end_date < today:
        recorded = _recordings(rng, conference, channels)
        lines.append(f"Added the recordings of {recorded} sessions of {conference.slug}")
    db.session.flush()
    return lines


def _has_channels(conference: Conference) -> bool:
    query = select(StreamChannel.id).where(StreamChannel.conference_id == conference.id).limit(1)
    return db.session.scalar(query) is not None


def _streamed_sessions(conference: Conference) -> list[Session]:
    query = (
        select(Session)
        .where(
            Session.conference_id == conference.id,
            Session.status == SessionStatus.PUBLISHED,
            Session.type.not_in(NOT_STREAMED),
            Session.room_id.is_not(None),
        )
        .order_by(Session.starts_at, Session.id)
    )
    return list(db.session.scalars(query))


def _streamed_rooms(conference: Conference) -> list[Room]:
    """The rooms that hold talks (not the foyer: breaks, the reception and the registration desk)."""
    room_ids = {session.room_id for session in _streamed_sessions(conference)}
    return [room for room in conference.rooms if room.id in room_ids]


def _demo_id(rng: random.Random, length: int) -> str:
    return "".join(rng.choice(_ID_CHARACTERS) for _ in range(length))


def _youtube(rng: random.Random) -> str:
    return f"https://www.youtube.com/watch?v=DEMO-{_demo_id(rng, 6)}"  # an 11-character video id


def _zoom(rng: random.Random) -> tuple[str, str]:
    meeting = "".join(rng.choice(string.digits) for _ in range(10))
    return f"https://zoom.us/j/9{meeting}", f"demo{rng.randint(1000, 9999)}"


def _room_channels(rng: random.Random, conference: Conference, room: Room) -> list[StreamChannel]:
    english, korean = _zoom(rng), _zoom(rng)
    rows = [(FLOOR, _youtube(rng), ""), (ENGLISH, *english), (KOREAN, *korean)]
    return [
        StreamChannel(
            conference_id=conference.id,
            room_id=room.id,
            label=label,
            url=url,
            passcode=passcode,
            position=position,
        )
        for position, (label, url, passcode) in enumerate(rows)
    ]


def _recordings(rng: random.Random, conference: Conference, channels: dict[int, list[StreamChannel]]) -> int:
    """Each streamed session gets its own copies of its room's channels, each with a recording."""
    sessions = _streamed_sessions(conference)
    for session in sessions:
        db.session.add_all(
            StreamChannel(
                conference_id=conference.id,
                session_id=session.id,
                label=channel.label,
                url=channel.url,
                passcode=channel.passcode,
                recording_url=_recording(rng, channel.label),
                position=channel.position,
            )
            for channel in channels[session.room_id]
        )
    return len(sessions)


def _recording(rng: random.Random, label: str) -> str:
    """The floor's recording on YouTube, each interpretation's on Vimeo."""
    if label == FLOOR:
        return _youtube(rng)
    return "https://vimeo.com/9" + "".join(rng.choice(string.digits) for _ in range(8))
