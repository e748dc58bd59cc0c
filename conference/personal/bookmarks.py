"""The personal agenda: sessions a delegate bookmarked, read against the published programme.

A bookmark belongs to a user account (logged in) or to a registration (a delegate who came through their
"my registration" link and has no account). Only sessions of the published programme can be bookmarked;
"my agenda" lists them in time order with the overlaps between them and the delegate's seats.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from itertools import groupby
from zoneinfo import ZoneInfo

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError

from conference.agenda.models import Session
from conference.agenda.published import PublishedSession, published_session, published_sessions
from conference.events.models import Conference
from conference.extensions import db
from conference.personal.models import Bookmark, SeatBooking, SeatStatus
from conference.personal.seats import NotInProgramme, SeatCount, seat_counts, seats_of, waitlist_positions
from conference.registration.models import Registration


@dataclass(frozen=True)
class Viewer:
    """Whose personal agenda this is: a user account's, or a registration's (through its link)."""

    user_id: int | None = None
    registration: Registration | None = None

    def __post_init__(self) -> None:
        if (self.user_id is None) == (self.registration is None):
            raise ValueError("a viewer is either a user or a registration")

    def owns(self):
        """SQL condition: the bookmark is this viewer's."""
        if self.user_id is not None:
            return Bookmark.user_id == self.user_id
        return Bookmark.registration_id == self.registration.id

    def owner_columns(self) -> dict[str, int]:
        if self.user_id is not None:
            return {"user_id": self.user_id}
        return {"registration_id": self.registration.id}


def bookmarked_ids(conference_id: int, viewer: Viewer) -> frozenset[int]:
    """Ids of the viewer's bookmarked sessions in the conference (one query)."""
    query = (
        select(Bookmark.session_id)
        .join(Session, Session.id == Bookmark.session_id)
        .where(viewer.owns(), Session.conference_id == conference_id)
    )
    return frozenset(db.session.scalars(query))


def set_bookmark(conference: Conference, session_id: int, viewer: Viewer, bookmarked: bool) -> bool:
    """Bookmark a session of the published programme, or remove the bookmark; returns the new state.

    Raises NotInProgramme for drafts, unknown sessions and other conferences' sessions.
    """
    if published_session(conference.id, session_id) is None:
        raise NotInProgramme(session_id)
    if not bookmarked:
        db.session.execute(delete(Bookmark).where(Bookmark.session_id == session_id, viewer.owns()))
        db.session.commit()
        return False
    if session_id in bookmarked_ids(conference.id, viewer):
        return True
    db.session.add(Bookmark(session_id=session_id, **viewer.owner_columns()))
    try:
        db.session.commit()
    except IntegrityError:  # the same bookmark from a double click a moment ago: already there
        db.session.rollback()
    return True


@dataclass
class AgendaEntry:
    session: PublishedSession
    overlaps: list[PublishedSession] = field(default_factory=list)
    seat: SeatBooking | None = None
    waitlist_position: int | None = None
    seat_count: SeatCount | None = None

    @property
    def seat_status(self) -> SeatStatus | None:
        return self.seat.status if self.seat else None


@dataclass
class PersonalAgenda:
    entries: list[AgendaEntry]
    # Bookmarked sessions that are no longer in the published programme (taken back to draft).
    withdrawn: int = 0

    @property
    def overlap_count(self) -> int:
        return sum(1 for entry in self.entries if entry.overlaps)


def find_overlaps(sessions: list[PublishedSession]) -> dict[int, list[PublishedSession]]:
    """For each session, the others it overlaps in time (cancelled ones overlap nothing)."""
    live = sorted((s for s in sessions if not s.cancelled), key=lambda s: (s.starts_at, s.ends_at, s.id))
    overlaps: dict[int, list[PublishedSession]] = {s.id: [] for s in sessions}
    for index, first in enumerate(live):
        for second in live[index + 1 :]:
            if second.starts_at >= first.ends_at:
                break  # sorted by start: no later session can overlap `first` either
            overlaps[first.id].append(second)
            overlaps[second.id].append(first)
    for found in overlaps.values():
        found.sort(key=lambda s: (s.starts_at, s.id))
    return overlaps


def personal_agenda(
    conference: Conference, viewer: Viewer, registration: Registration | None
) -> PersonalAgenda:
    """The viewer's bookmarked sessions in time order, with overlaps and (for a delegate) their seats.

    `registration` is the delegate's registration for seats: the viewer's own, or the one matched to
    their account; None when they have none.
    """
    wanted = bookmarked_ids(conference.id, viewer)
    if registration is not None:
        seats = seats_of(registration.id)
        wanted = wanted | frozenset(seats)  # a reserved seat belongs in one's agenda even unbookmarked
    else:
        seats = {}
    sessions = [s for s in published_sessions(conference.id) if s.id in wanted]
    sessions.sort(key=lambda s: (s.starts_at, s.ends_at, s.id))
    overlaps = find_overlaps(sessions)
    positions = waitlist_positions(registration.id) if registration is not None and seats else {}
    counts = seat_counts(conference.id) if any(s.seat_booking for s in sessions) else {}
    entries = [
        AgendaEntry(
            session=s,
            overlaps=overlaps[s.id],
            seat=seats.get(s.id),
            waitlist_position=positions.get(s.id),
            seat_count=counts.get(s.id),
        )
        for s in sessions
    ]
    return PersonalAgenda(entries=entries, withdrawn=len(wanted) - len(sessions))


def by_day(entries: list[AgendaEntry], tz: ZoneInfo) -> list[tuple[date, list[AgendaEntry]]]:
    """Entries grouped by the local day (in the viewer's zone) on which they start."""
    return [
        (day, list(group))
        for day, group in groupby(entries, key=lambda entry: entry.session.starts_at.astimezone(tz).date())
    ]
