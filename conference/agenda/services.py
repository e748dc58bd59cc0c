"""The public agenda: published and cancelled sessions, by day and by time slot, in the conference's zone."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from itertools import groupby

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from conference.agenda.models import Session, SessionPerson, SessionStatus
from conference.events.models import Conference
from conference.extensions import db

PUBLIC_STATUSES = (SessionStatus.PUBLISHED, SessionStatus.CANCELLED)


class UnknownDay(LookupError):
    """The requested agenda day is not a date, or not a day of the conference."""


@dataclass
class TimeSlot:
    """Sessions starting at the same moment; `ends_at` is the latest of their ends."""

    starts_at: datetime
    ends_at: datetime
    sessions: list[Session] = field(default_factory=list)

    @property
    def ends_together(self) -> bool:
        """Whether every session ends at `ends_at` (else each shows its own time range)."""
        return all(s.ends_at == self.ends_at for s in self.sessions)


def conference_days(conference: Conference) -> list[date]:
    span = (conference.end_date - conference.start_date).days
    return [conference.start_date + timedelta(days=n) for n in range(max(span, 0) + 1)]


def agenda_day(conference: Conference, requested: str | None, now: datetime) -> date:
    """The day to show: the one asked for (`YYYY-MM-DD`), else today if the conference runs, else day one.

    Raises UnknownDay for a value that is not a date or falls outside the conference.
    """
    days = conference_days(conference)
    if not requested:
        today = now.astimezone(conference.tz).date()
        return today if today in days else days[0]
    try:
        day = date.fromisoformat(requested.strip())
    except ValueError as error:
        raise UnknownDay(requested) from error
    if day not in days:
        raise UnknownDay(requested)
    return day


def _day_bounds(conference: Conference, day: date) -> tuple[datetime, datetime]:
    """The UTC instants at which the local day starts and the next one starts (DST-safe)."""
    tz = conference.tz
    start = datetime.combine(day, time(0), tz).astimezone(UTC)
    end = datetime.combine(day + timedelta(days=1), time(0), tz).astimezone(UTC)
    return start, end


def published_agenda(conference: Conference, day: date) -> list[TimeSlot]:
    """The day's published and cancelled sessions, grouped by start time, never drafts.

    Rooms, tracks and people come in the same few queries however many sessions there are.
    """
    start, end = _day_bounds(conference, day)
    sessions = db.session.scalars(
        select(Session)
        .where(
            Session.conference_id == conference.id,
            Session.status.in_(PUBLIC_STATUSES),
            Session.starts_at >= start,
            Session.starts_at < end,
        )
        .options(
            selectinload(Session.room),
            selectinload(Session.track),
            selectinload(Session.people).selectinload(SessionPerson.person),
        )
        .order_by(Session.starts_at, Session.ends_at, Session.id)
    ).all()
    return [
        TimeSlot(starts_at=starts_at, ends_at=max(s.ends_at for s in group), sessions=group)
        for starts_at, group in ((k, list(g)) for k, g in groupby(sessions, key=lambda s: s.starts_at))
    ]


def public_session(conference: Conference, session_id: int) -> Session | None:
    """A published or cancelled session of this conference, with room, track and people (drafts: None)."""
    return db.session.scalar(
        select(Session)
        .where(
            Session.id == session_id,
            Session.conference_id == conference.id,
            Session.status.in_(PUBLIC_STATUSES),
        )
        .options(
            selectinload(Session.room),
            selectinload(Session.track),
            selectinload(Session.people).selectinload(SessionPerson.person),
        )
    )


def local_day(conference: Conference, moment: datetime) -> date:
    """The conference-local calendar day of a UTC instant."""
    return moment.astimezone(conference.tz).date()
