"""The published programme: what the public sees, read from the latest `AgendaVersion` snapshot.

Organisers edit sessions freely; nothing public changes until they publish (`publishing.py`), which
stores every public session as plain data in a new numbered version. Public pages read that one row,
so an agenda page costs the same few queries at 10 or 1,000 sessions. Versions never change once
written, so their parsed form is cached in-process by version.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache

from sqlalchemy import select
from sqlalchemy.orm import defer, selectinload

from conference.agenda.models import AgendaVersion, Session, SessionPerson, SessionStatus
from conference.core.markdown import plain_text
from conference.extensions import db

PUBLIC_STATUSES = (SessionStatus.PUBLISHED, SessionStatus.CANCELLED)
# Snapshot keys computed from others, so a diff between versions ignores them.
DERIVED_KEYS = frozenset({"abstract_text"})
ABSTRACT_TEXT_LIMIT = 4000  # calendar apps show a short note; the session page has the rest


def abstract_text(abstract: str) -> str:
    """The abstract as plain characters (for calendars), rendered once when a version is published."""
    # plain_text escapes HTML (it is meant for templates); calendars want the characters themselves.
    return html.unescape(plain_text(abstract, limit=ABSTRACT_TEXT_LIMIT))


@dataclass(frozen=True)
class PublishedPerson:
    person_id: int
    display_name: str
    role: str
    position: str = ""
    organisation: str = ""
    photo: str | None = None


@dataclass(frozen=True)
class PublishedSession:
    id: int
    title: str
    abstract: str
    type: str
    status: str
    starts_at: datetime
    ends_at: datetime
    languages: tuple[str, ...]
    capacity: int | None
    seat_booking: bool
    track_id: int | None = None
    track_name: str = ""
    track_colour: str = ""
    room_id: int | None = None
    room_name: str = ""
    room_location: str = ""
    room_online: bool = False
    materials: tuple[dict, ...] = ()
    people: tuple[PublishedPerson, ...] = field(default_factory=tuple)
    abstract_text: str = ""

    @property
    def cancelled(self) -> bool:
        return self.status == SessionStatus.CANCELLED

    @property
    def person_ids(self) -> frozenset[int]:
        return frozenset(p.person_id for p in self.people)


def session_data(session: Session) -> dict:
    """One session as the plain data a version stores."""
    return {
        "id": session.id,
        "title": session.title,
        "abstract": session.abstract,
        "abstract_text": abstract_text(session.abstract),
        "type": session.type.value,
        "status": session.status.value,
        "starts_at": session.starts_at.isoformat(),
        "ends_at": session.ends_at.isoformat(),
        "languages": session.language_codes,
        "capacity": session.capacity,
        "seat_booking": session.seat_booking,
        "track_id": session.track_id,
        "track_name": session.track.name if session.track else "",
        "track_colour": session.track.colour if session.track else "",
        "room_id": session.room_id,
        "room_name": session.room.name if session.room else "",
        "room_location": session.room.location if session.room else "",
        "room_online": session.room.online if session.room else False,
        "materials": list(session.materials or []),
        "people": [
            {
                "person_id": sp.person_id,
                "display_name": sp.person.display_name,
                "role": sp.role.value,
                "position": sp.person.position,
                "organisation": sp.person.organisation,
                "photo": sp.person.photo,
            }
            for sp in session.people
        ],
    }


def build_snapshot(conference_id: int) -> list[dict]:
    """Every public (published or cancelled) session of the working programme, in time order."""
    query = (
        select(Session)
        .where(Session.conference_id == conference_id, Session.status.in_(PUBLIC_STATUSES))
        .options(
            selectinload(Session.room),
            selectinload(Session.track),
            selectinload(Session.people).selectinload(SessionPerson.person),
        )
        .order_by(Session.starts_at, Session.room_id, Session.id)
    )
    return [session_data(s) for s in db.session.scalars(query)]


def latest_version(conference_id: int) -> AgendaVersion | None:
    # The snapshot is loaded only when the parsed copy is not cached yet (see `_parsed`).
    query = (
        select(AgendaVersion)
        .where(AgendaVersion.conference_id == conference_id)
        .order_by(AgendaVersion.number.desc())
        .options(defer(AgendaVersion.snapshot), defer(AgendaVersion.changes))
        .limit(1)
    )
    return db.session.scalar(query)


def _parse(entry: dict) -> PublishedSession:
    values = dict(entry)
    values["starts_at"] = datetime.fromisoformat(entry["starts_at"])
    values["ends_at"] = datetime.fromisoformat(entry["ends_at"])
    values["languages"] = tuple(entry.get("languages") or ())
    values["materials"] = tuple(entry.get("materials") or ())
    values["people"] = tuple(PublishedPerson(**p) for p in entry.get("people") or ())
    if "abstract_text" not in values:  # a version published before the field existed
        values["abstract_text"] = abstract_text(entry["abstract"])
    return PublishedSession(**values)


@lru_cache(maxsize=64)
def _parsed(version_id: int, published_at: str) -> tuple[PublishedSession, ...]:
    # Keyed by id and publication time: ids are reused only when a database is emptied (tests).
    version = db.session.get(AgendaVersion, version_id)
    return tuple(_parse(entry) for entry in (version.snapshot if version else []))


def published_sessions(conference_id: int) -> tuple[PublishedSession, ...]:
    """The public programme in time order; empty until the first publish."""
    version = latest_version(conference_id)
    if version is None:
        return ()
    return _parsed(version.id, version.published_at.isoformat())


def published_session(conference_id: int, session_id: int) -> PublishedSession | None:
    return next((s for s in published_sessions(conference_id) if s.id == session_id), None)


def sessions_for_person(conference_id: int, person_id: int) -> list[PublishedSession]:
    return [s for s in published_sessions(conference_id) if person_id in s.person_ids]
