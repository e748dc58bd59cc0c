"""The public agenda: published and cancelled sessions, by day and by time slot, in the conference's zone."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from itertools import groupby

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from conference.agenda.models import Session, SessionPerson, SessionStatus
from conference.events.models import Conference
from conference.extensions import db

PUBLIC_STATUSES = (SessionStatus.PUBLISHED, SessionStatus.CANCELLED)


@dataclass
class TimeSlot:
    starts_at: datetime
    ends_at: datetime
    sessions: list[Session] = field(default_factory=list)


def conference_days(conference: Conference) -> list[date]:
    span = (conference.end_date - conference.start_date).days
    return [conference.start_date + timedelta(days=n) for n in range(max(span, 0) + 1)]


def default_day(conference: Conference, today: date) -> date:
    """Today while the conference runs, its first day otherwise."""
    return today if conference.start_date <= today <= conference.end_date else conference.start_date


def public_sessions(conference: Conference) -> list[Session]:
    """Every public session with its room, track and people, in a constant number of queries."""
    return list(
        db.session.scalars(
            select(Session)
            .where(Session.conference_id == conference.id, Session.status.in_(PUBLIC_STATUSES))
            .options(
                selectinload(Session.room),
                selectinload(Session.track),
                selectinload(Session.people).selectinload(SessionPerson.person),
            )
            .order_by(Session.starts_at, Session.ends_at, Session.id)
        )
    )


def day_slots(conference: Conference, day: date) -> list[TimeSlot]:
    """The day's public sessions grouped by their start and end time (local day boundaries)."""
    tz = conference.tz
    todays = [s for s in public_sessions(conference) if s.starts_at.astimezone(tz).date() == day]
    return [
        TimeSlot(starts_at=start, ends_at=end, sessions=list(group))
        for (start, end), group in groupby(todays, key=lambda s: (s.starts_at, s.ends_at))
    ]


def public_session(conference: Conference, session_id: int) -> Session | None:
    return db.session.scalar(
        select(Session)
        .where(
            Session.id == session_id,
            Session.conference_id == conference.id,
            Session.status.in_(PUBLIC_STATUSES),
        )
        .options(selectinload(Session.people).selectinload(SessionPerson.person))
    )
