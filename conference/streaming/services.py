"""Streaming: which channels a session has, who may join, when, and the record of each join.

Only a confirmed registration whose ticket type includes online access ever gets a streaming URL, and only
from the join page (`views.py`); public pages, feeds, exports and the API never read this package.
"""

from __future__ import annotations

import enum
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import func, or_, select

from conference.agenda.published import PublishedSession
from conference.db_types import utcnow
from conference.events.models import Conference
from conference.extensions import db
from conference.registration.models import Registration, RegistrationStatus
from conference.streaming.models import StreamChannel, StreamJoin

# Opening the same channel again within this time is the same join (a reload, a second tab).
REJOIN_WINDOW = timedelta(minutes=10)


class StreamAccess(enum.StrEnum):
    ALLOWED = "allowed"
    NO_REGISTRATION = "no_registration"
    NOT_CONFIRMED = "not_confirmed"  # pending payment or approval, waitlisted, cancelled…
    NO_ONLINE_ACCESS = "no_online_access"  # the ticket type does not include the streams


def stream_access(registration: Registration | None, conference: Conference) -> StreamAccess:
    if registration is None or registration.conference_id != conference.id:
        return StreamAccess.NO_REGISTRATION
    if registration.status != RegistrationStatus.CONFIRMED:
        return StreamAccess.NOT_CONFIRMED
    if not registration.ticket_type.includes_streaming:
        return StreamAccess.NO_ONLINE_ACCESS
    return StreamAccess.ALLOWED


def has_online_access(registration: Registration | None) -> bool:
    return registration is not None and stream_access(registration, registration.conference) == (
        StreamAccess.ALLOWED
    )


class WindowState(enum.StrEnum):
    NOT_YET = "not_yet"
    OPEN = "open"
    ENDED = "ended"


@dataclass(frozen=True)
class JoinWindow:
    opens_at: datetime
    closes_at: datetime

    def state(self, now: datetime) -> WindowState:
        if now < self.opens_at:
            return WindowState.NOT_YET
        if now >= self.closes_at:
            return WindowState.ENDED
        return WindowState.OPEN


def join_window(conference: Conference, session: PublishedSession) -> JoinWindow:
    """From `stream_open_minutes` before the start until the end."""
    return JoinWindow(session.starts_at - timedelta(minutes=conference.stream_open_minutes), session.ends_at)


def _local_day(conference: Conference, moment: datetime) -> date:
    return moment.astimezone(conference.tz).date()


def channels_for_sessions(
    conference: Conference, sessions: Iterable[PublishedSession]
) -> dict[int, list[StreamChannel]]:
    """Each session's channels, in one query: its own if it has any, else its room's for that day.

    A room's channels for a given day replace its all-days channels on that day.
    """
    sessions = list(sessions)
    session_ids = [s.id for s in sessions]
    room_ids = {s.room_id for s in sessions if s.room_id is not None}
    if not sessions:
        return {}
    query = (
        select(StreamChannel)
        .where(
            StreamChannel.conference_id == conference.id,
            or_(StreamChannel.session_id.in_(session_ids), StreamChannel.room_id.in_(room_ids)),
        )
        .order_by(StreamChannel.position, StreamChannel.id)
    )
    own: dict[int, list[StreamChannel]] = defaultdict(list)
    by_room_day: dict[tuple[int, date | None], list[StreamChannel]] = defaultdict(list)
    for channel in db.session.scalars(query):
        if channel.session_id is not None:
            own[channel.session_id].append(channel)
        else:
            by_room_day[(channel.room_id, channel.day)].append(channel)
    found: dict[int, list[StreamChannel]] = {}
    for session in sessions:
        if own.get(session.id):
            found[session.id] = own[session.id]
        elif session.room_id is not None:
            day = _local_day(conference, session.starts_at)
            found[session.id] = by_room_day.get((session.room_id, day)) or by_room_day.get(
                (session.room_id, None), []
            )
        else:
            found[session.id] = []
    return found


def channels_for(conference: Conference, session: PublishedSession) -> list[StreamChannel]:
    return channels_for_sessions(conference, [session])[session.id]


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


def attended_online(registration: Registration) -> bool:
    """Whether the delegate joined any session's stream through Plenary (counts for certificates)."""
    query = select(StreamJoin.id).where(StreamJoin.registration_id == registration.id).limit(1)
    return db.session.scalar(query) is not None


def online_attendance(conference_id: int) -> dict[int, int]:
    """Distinct delegates who joined each session online, by session id."""
    query = (
        select(StreamJoin.session_id, func.count(func.distinct(StreamJoin.registration_id)))
        .where(StreamJoin.conference_id == conference_id)
        .group_by(StreamJoin.session_id)
    )
    return dict(db.session.execute(query).all())


def online_delegates(conference_id: int) -> int:
    """Distinct delegates who joined at least one stream."""
    query = select(func.count(func.distinct(StreamJoin.registration_id))).where(
        StreamJoin.conference_id == conference_id
    )
    return db.session.scalar(query) or 0


def recent_joins(conference_id: int, since: datetime) -> dict[int, int]:
    """Joins per session since a moment (the stream board's "last minutes")."""
    query = (
        select(StreamJoin.session_id, func.count())
        .where(StreamJoin.conference_id == conference_id, StreamJoin.joined_at >= since)
        .group_by(StreamJoin.session_id)
    )
    return dict(db.session.execute(query).all())
