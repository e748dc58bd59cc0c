"""iCalendar feeds (RFC 5545) of the published programme: the whole conference, one track or one room.

Subscribed calendars poll these, so every event keeps its UID when a session moves and carries the
agenda version as SEQUENCE: a client that sees a higher SEQUENCE replaces its copy. Times are written
in the conference's zone with a VTIMEZONE, so the events stay right whatever zone the reader is in.
Public feeds carry the session page's address only, never a streaming or join link.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from datetime import datetime, timedelta

from icalendar import Calendar, Event, vDuration

from conference.agenda.calendar import session_location, uid_for
from conference.agenda.labels import ROLE_LABELS, SESSION_TYPE_LABELS
from conference.agenda.models import AgendaVersion
from conference.agenda.published import PublishedSession
from conference.core.markdown import plain_text
from conference.db_types import utcnow
from conference.events.models import Conference, ConferenceFormat

PRODID = "-//Plenary//Conference agenda feed//EN"
REFRESH = timedelta(hours=1)
ABSTRACT_LIMIT = 4000  # calendar apps show a short note; the session page has the rest


def session_page_url(base_url: str, conference: Conference, session_id: int) -> str:
    # Built by hand rather than with url_for so feeds can be rendered outside a request (caching, bench).
    return f"{base_url.rstrip('/')}/c/{conference.slug}/agenda/sessions/{session_id}"


def _description(session: PublishedSession, url: str) -> str:
    people = []
    for person in session.people:
        label = ROLE_LABELS.get(person.role)
        details = ", ".join(part for part in (person.position, person.organisation) if part)
        line = f"{label}: {person.display_name}" if label else person.display_name
        people.append(f"{line} ({details})" if details else line)
    # plain_text returns HTML-escaped text (it is meant for templates); a calendar wants the characters.
    abstract = html.unescape(plain_text(session.abstract, limit=ABSTRACT_LIMIT))
    return "\n\n".join(part for part in (abstract, "\n".join(people), url) if part)


def _location(conference: Conference, session: PublishedSession) -> str:
    if conference.format == ConferenceFormat.ONLINE:
        return "Online"
    return session_location(conference, session)


def _event(
    conference: Conference,
    session: PublishedSession,
    *,
    stamp: datetime,
    sequence: int,
    base_url: str,
) -> Event:
    event = Event()
    event.add("uid", uid_for(conference.slug, session.id, base_url))
    event.add("dtstamp", stamp)
    # Local times with TZID (not UTC) so the zone's VTIMEZONE applies and all-day views group by the
    # conference's own days.
    event.add("dtstart", session.starts_at.astimezone(conference.tz))
    event.add("dtend", session.ends_at.astimezone(conference.tz))
    event.add("summary", session.title)
    url = session_page_url(base_url, conference, session.id)
    event.add("description", _description(session, url))
    location = _location(conference, session)
    if location:
        event.add("location", location)
    event.add("url", url)
    type_label = SESSION_TYPE_LABELS.get(session.type)
    categories = [str(type_label) if type_label else session.type, session.track_name]
    event.add("categories", [c for c in categories if c])
    event.add("sequence", sequence)
    event.add("last-modified", stamp)
    event.add("status", "CANCELLED" if session.cancelled else "CONFIRMED")
    return event


def build_calendar(
    conference: Conference,
    sessions: Iterable[PublishedSession],
    version: AgendaVersion | None,
    name: str,
    base_url: str,
) -> bytes:
    """The feed as bytes (UTF-8, CRLF, folded at 75 octets by icalendar)."""
    # The publication time, not "now", as DTSTAMP: the same version always renders the same bytes,
    # which is what lets the output be cached and compared by ETag.
    stamp = version.published_at if version is not None else utcnow()
    sequence = version.number if version is not None else 0

    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", conference.timezone)
    calendar.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    # icalendar treats unknown X- properties as TEXT and would write "1:00:00"; give it the RFC form.
    calendar.add("x-published-ttl", vDuration(REFRESH).to_ical().decode())
    for session in sessions:
        calendar.add_component(_event(conference, session, stamp=stamp, sequence=sequence, base_url=base_url))
    calendar.add_missing_timezones()
    return calendar.to_ical()
