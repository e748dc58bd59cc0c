"""What a session's calendar event is called and where it is: shared by the feeds and the e-mails."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import current_app

from conference.agenda.published import PublishedSession
from conference.events.models import Conference, ConferenceFormat
from conference.registration.calendar import CONTENT_TYPE, venue_line

__all__ = ["CONTENT_TYPE", "session_location", "session_uid", "uid_for"]


def uid_for(conference_slug: str, session_id: int, base_url: str) -> str:
    """The UID of a session's event; shared with the feeds so a file and a feed name the same event."""
    host = urlsplit(base_url).hostname or "plenary.local"
    return f"session-{session_id}-{conference_slug}@{host}"


def session_uid(conference: Conference, session: PublishedSession) -> str:
    """Stable across versions, so importing the file again updates the event rather than adding one."""
    return uid_for(conference.slug, session.id, current_app.config["BASE_URL"])


def session_location(conference: Conference, session: PublishedSession) -> str:
    """The room and the venue, or "Online" (untranslated, as calendar apps match it) for online-only."""
    if conference.format == ConferenceFormat.ONLINE or session.room_online:
        return "Online"
    parts = [session.room_name, session.room_location, venue_line(conference)]
    return ", ".join(part for part in parts if part)
