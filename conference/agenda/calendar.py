"""One session as an iCalendar file ("Add to calendar"): UTC times, a UID that stays the same."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import current_app
from icalendar import Calendar, Event

from conference.agenda.published import PublishedSession
from conference.db_types import utcnow
from conference.events.models import Conference
from conference.registration.calendar import CONTENT_TYPE, venue_line

__all__ = ["CONTENT_TYPE", "session_ics", "session_uid", "uid_for"]


def uid_for(conference_slug: str, session_id: int, base_url: str) -> str:
    """The UID of a session's event; shared with the feeds so a file and a feed name the same event."""
    host = urlsplit(base_url).hostname or "plenary.local"
    return f"session-{session_id}-{conference_slug}@{host}"


def session_uid(conference: Conference, session: PublishedSession) -> str:
    """Stable across versions, so importing the file again updates the event rather than adding one."""
    return uid_for(conference.slug, session.id, current_app.config["BASE_URL"])


def session_location(conference: Conference, session: PublishedSession) -> str:
    parts = [session.room_name, session.room_location, venue_line(conference)]
    return ", ".join(part for part in parts if part)


def session_ics(conference: Conference, session: PublishedSession, *, url: str) -> str:
    calendar = Calendar()
    calendar.add("prodid", "-//Plenary//Conference agenda//EN")
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")

    event = Event()
    event.add("uid", session_uid(conference, session))
    event.add("dtstamp", utcnow())
    event.add("summary", f"{session.title} · {conference.short_name}")
    event.add("dtstart", session.starts_at)  # aware UTC: written with a trailing Z
    event.add("dtend", session.ends_at)
    location = session_location(conference, session)
    if location:
        event.add("location", location)
    event.add("url", url)
    names = ", ".join(p.display_name for p in session.people)
    description = "\n\n".join(part for part in (names, session.abstract, url) if part)
    event.add("description", description)
    event.add("status", "CANCELLED" if session.cancelled else "CONFIRMED")
    calendar.add_component(event)
    return calendar.to_ical().decode("utf-8")
