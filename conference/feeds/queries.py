"""What the public JSON API reads: public conferences, and the published programme filtered.

Everything here reads `published_sessions` (one snapshot row per conference) and never the working copy,
so the API shows exactly what the public agenda shows. Person rows are read only for the public profile
fields a snapshot does not carry (city, country, bio) — one query for a whole page.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime

from sqlalchemy import select

from conference.agenda.models import AgendaVersion
from conference.agenda.published import PublishedSession
from conference.events.models import Conference, ConferenceStatus
from conference.extensions import db
from conference.feeds.schema import SessionFilters
from conference.speakers.models import Person

PUBLIC_CONFERENCE_STATUSES = (ConferenceStatus.PUBLISHED, ConferenceStatus.ARCHIVED)


# Conferences


def public_conferences() -> list[Conference]:
    query = (
        select(Conference)
        .where(Conference.status.in_(PUBLIC_CONFERENCE_STATUSES))
        .order_by(Conference.start_date.desc(), Conference.id)
    )
    return list(db.session.scalars(query))


def public_conference(slug: str) -> Conference | None:
    """A draft conference is reported as unknown: its existence is not public either."""
    query = select(Conference).where(
        Conference.slug == slug, Conference.status.in_(PUBLIC_CONFERENCE_STATUSES)
    )
    return db.session.scalar(query)


# Sessions


def changed_session_ids(conference_id: int, since: datetime) -> set[int]:
    """Sessions named in the changelog of any version published after `since` (added, edited, removed).

    The first version lists every session as added, so a moment before the first publish yields all.
    """
    query = select(AgendaVersion.changes).where(
        AgendaVersion.conference_id == conference_id, AgendaVersion.published_at > since
    )
    return {change["session_id"] for changes in db.session.scalars(query) for change in changes or ()}


def filter_sessions(
    sessions: Iterable[PublishedSession],
    filters: SessionFilters,
    conference: Conference,
    changed_ids: set[int] | None = None,
) -> list[PublishedSession]:
    """Apply the filters; `changed_ids` is required when `filters.changed_since` is set."""
    tz = conference.tz
    result = []
    for session in sessions:
        if filters.day and session.starts_at.astimezone(tz).date() != filters.day:
            continue
        if filters.track_id is not None and session.track_id != filters.track_id:
            continue
        if filters.room_id is not None and session.room_id != filters.room_id:
            continue
        if changed_ids is not None and session.id not in changed_ids:
            continue
        result.append(session)
    return result


# People, rooms and tracks as they appear in the published programme


def published_person_ids(sessions: Iterable[PublishedSession]) -> list[int]:
    seen: dict[int, None] = {}
    for session in sessions:
        for person in session.people:
            seen.setdefault(person.person_id, None)
    return list(seen)


def people_by_id(conference_id: int, person_ids: Iterable[int]) -> dict[int, Person]:
    ids = list(person_ids)
    if not ids:
        return {}
    query = select(Person).where(Person.conference_id == conference_id, Person.id.in_(ids))
    return {person.id: person for person in db.session.scalars(query)}


def published_people(conference_id: int, sessions: Sequence[PublishedSession]) -> list[Person]:
    """People appearing in the published programme, by name."""
    people = people_by_id(conference_id, published_person_ids(sessions))
    return sorted(people.values(), key=lambda p: (p.full_name.casefold(), p.id))
