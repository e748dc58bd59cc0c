"""What changes in streaming: the organisers' channels of rooms and sessions, recordings and join window
(audited through `core.changes`), and the record of a delegate joining a stream."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy import delete as sql_delete
from sqlalchemy import func, or_, select

from conference.agenda.models import Room, Session
from conference.audit.services import snapshot
from conference.core.changes import audited, delete, note, save
from conference.db_types import utcnow
from conference.events.models import Conference
from conference.extensions import db
from conference.registration.models import Registration
from conference.streaming.models import StreamChannel, StreamJoin

# Opening the same channel again within this time is the same join (a reload, a second tab).
REJOIN_WINDOW = timedelta(minutes=10)


def save_channel(
    conference: Conference,
    channel: StreamChannel | None,
    values: dict,
    *,
    user_id: int,
    room: Room | None = None,
    session: Session | None = None,
) -> StreamChannel:
    """Create a channel of `room` or `session`, or change one (its room or session stays)."""
    if channel is None:
        channel = StreamChannel(
            conference_id=conference.id,
            room_id=room.id if room else None,
            session_id=session.id if session else None,
        )
    action = "stream_channel.updated" if channel.id else "stream_channel.created"
    return save(channel, values, action=action, user_id=user_id, conference_id=conference.id)


def delete_channel(channel: StreamChannel, *, user_id: int) -> None:
    delete(channel, action="stream_channel.deleted", user_id=user_id, conference_id=channel.conference_id)


def add_channels_in_bulk(
    conference: Conference,
    room_ids: list[int],
    days: list[date | None],
    rows: list[dict],
    *,
    replace: bool,
    user_id: int,
) -> int:
    """Give each room, on each day (None: every day), the channels in `rows`; returns how many were made.

    With `replace`, the channels those rooms already had on those days go first.
    """
    rooms = db.session.scalars(
        select(Room).where(Room.conference_id == conference.id, Room.id.in_(room_ids))
    ).all()
    if replace:
        _remove_room_channels(conference, [room.id for room in rooms], days, user_id=user_id)
    made = []
    for room in rooms:
        for day in days:
            start = _next_position(room.id, day)
            for offset, row in enumerate(rows):
                made.append(
                    StreamChannel(
                        conference_id=conference.id, room_id=room.id, day=day, position=start + offset, **row
                    )
                )
    db.session.add_all(made)
    db.session.flush()
    for channel in made:
        _audit_created(channel, user_id)
    db.session.commit()
    return len(made)


def _remove_room_channels(
    conference: Conference, room_ids: list[int], days: list[date | None], *, user_id: int
) -> None:
    day_match = [StreamChannel.day.is_(None)] if None in days else []
    dated = [day for day in days if day is not None]
    if dated:
        day_match.append(StreamChannel.day.in_(dated))
    gone = db.session.scalars(
        select(StreamChannel).where(
            StreamChannel.conference_id == conference.id,
            StreamChannel.room_id.in_(room_ids),
            or_(*day_match),
        )
    ).all()
    for channel in gone:
        before = snapshot(channel)
        note("stream_channel.deleted", channel, user_id=user_id, conference_id=conference.id, before=before)
    if gone:
        db.session.execute(sql_delete(StreamChannel).where(StreamChannel.id.in_([c.id for c in gone])))


def _next_position(room_id: int, day: date | None) -> int:
    query = select(func.max(StreamChannel.position)).where(
        StreamChannel.room_id == room_id,
        StreamChannel.day.is_(None) if day is None else StreamChannel.day == day,
    )
    highest = db.session.scalar(query)
    return 0 if highest is None else highest + 1


def _copies_for(session: Session, channels: list[StreamChannel], *, user_id: int) -> dict[int, StreamChannel]:
    """Session-level copies of (room) channels, audited, keyed by the id of the channel copied."""
    copies = {}
    for position, channel in enumerate(channels):
        copies[channel.id] = StreamChannel(
            conference_id=session.conference_id,
            session_id=session.id,
            label=channel.label,
            url=channel.url,
            passcode=channel.passcode,
            recording_url=channel.recording_url,
            position=position,
        )
    db.session.add_all(copies.values())
    db.session.flush()
    for copy in copies.values():
        _audit_created(copy, user_id)
    return copies


def _audit_created(channel: StreamChannel, user_id: int) -> None:
    note(
        "stream_channel.created",
        channel,
        user_id=user_id,
        conference_id=channel.conference_id,
        after=snapshot(channel),
    )


def copy_room_channels(
    conference: Conference, session: Session, room_channels: list[StreamChannel], *, user_id: int
) -> list[StreamChannel]:
    """Give a session its own copies of the channels it gets from its room, to change them for it alone."""
    copies = _copies_for(session, room_channels, user_id=user_id)
    db.session.commit()
    return list(copies.values())


def save_recordings(
    conference: Conference,
    session: Session,
    channels: list[StreamChannel],
    recordings: dict[int, str],
    *,
    user_id: int,
) -> int:
    """Set the recording address of each of an ended session's channels; returns how many changed.

    A room's channel serves every session in the room, so a recording never goes on it: the session
    first gets its own copies of the room's channels (same addresses) and the recordings go on those.
    """
    changed = [c for c in channels if recordings.get(c.id, "") != c.recording_url]
    if not changed:
        return 0
    if any(channel.session_id != session.id for channel in channels):
        targets = _copies_for(session, channels, user_id=user_id)
    else:
        targets = {channel.id: channel for channel in channels}
    for original in changed:
        target = targets[original.id]
        with audited(
            target, "stream_channel.updated", user_id=user_id, conference_id=conference.id, commit=False
        ):
            target.recording_url = recordings[original.id]
    db.session.commit()
    return len(changed)


def save_settings(conference: Conference, open_minutes: int, *, user_id: int) -> Conference:
    return save(
        conference,
        {"stream_open_minutes": open_minutes},
        action="conference.streaming_updated",
        user_id=user_id,
        conference_id=conference.id,
    )


def record_join(
    registration: Registration, session_id: int, channel: StreamChannel | None, now: datetime | None = None
) -> StreamJoin:
    """Record that the delegate opened the session's stream (once per channel within REJOIN_WINDOW)."""
    now = now or utcnow()
    recent = db.session.scalar(
        select(StreamJoin)
        .where(
            StreamJoin.registration_id == registration.id,
            StreamJoin.session_id == session_id,
            StreamJoin.channel_id == (channel.id if channel else None),
            StreamJoin.joined_at > now - REJOIN_WINDOW,
        )
        .limit(1)
    )
    if recent is not None:
        return recent
    join = StreamJoin(
        conference_id=registration.conference_id,
        session_id=session_id,
        channel_id=channel.id if channel else None,
        registration_id=registration.id,
        joined_at=now,
    )
    db.session.add(join)
    db.session.commit()
    return join
