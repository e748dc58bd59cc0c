"""Streaming's reads: which channels a session has, who joined, and what the organiser pages list.

Only a confirmed registration whose ticket type includes online access ever gets a streaming URL, and only
from the player page (`views/public.py`); public pages, feeds, exports and the API never read this package.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date, datetime

from sqlalchemy import func, or_, select

from conference.agenda.models import Session, SessionStatus, SessionType
from conference.agenda.published import PublishedSession
from conference.events.models import Conference
from conference.extensions import db
from conference.registration.models import Registration
from conference.streaming.models import StreamChannel, StreamJoin

# Sessions without a stream of their own worth recording.
NOT_RECORDED = (SessionType.BREAK, SessionType.NETWORKING)


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


# What the organiser pages read


def room_channels(conference: Conference) -> dict[int, list[StreamChannel]]:
    """Each room's channels by room id: every-day ones first, then day by day, in their order."""
    query = (
        select(StreamChannel)
        .where(StreamChannel.conference_id == conference.id, StreamChannel.room_id.is_not(None))
        .order_by(StreamChannel.day.is_not(None), StreamChannel.day, StreamChannel.position, StreamChannel.id)
    )
    found: dict[int, list[StreamChannel]] = defaultdict(list)
    for channel in db.session.scalars(query):
        found[channel.room_id].append(channel)
    return found


def own_channels(session: Session) -> list[StreamChannel]:
    query = (
        select(StreamChannel)
        .where(StreamChannel.session_id == session.id)
        .order_by(StreamChannel.position, StreamChannel.id)
    )
    return list(db.session.scalars(query))


def effective_channels(conference: Conference, sessions: list[Session]) -> dict[int, list[StreamChannel]]:
    """The working programme's sessions' channels, by the same rule delegates get them by."""
    # channels_for_sessions reads only id, room_id and starts_at, which a Session has too.
    return channels_for_sessions(conference, sessions)  # type: ignore[arg-type]


def ended_sessions(conference: Conference, now: datetime) -> list[Session]:
    """Sessions held and over (not drafts, cancelled ones or breaks), latest first."""
    query = (
        select(Session)
        .where(
            Session.conference_id == conference.id,
            Session.status == SessionStatus.PUBLISHED,
            Session.type.not_in(NOT_RECORDED),
            Session.ends_at <= now,
        )
        .order_by(Session.starts_at.desc(), Session.id)
    )
    return list(db.session.scalars(query))
