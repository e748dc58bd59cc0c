"""Where a session's calendar event is and what it is called: shared by the feeds and the e-mails."""

from __future__ import annotations

from conference.agenda.published import PublishedSession
from conference.core import ical
from conference.events.models import Conference, ConferenceFormat
from conference.i18n.formatting import country_name


def session_uid(conference_slug: str, session_id: int, base_url: str) -> str:
    """The UID of a session's event; a file and a feed name the same event, whatever the version."""
    return ical.uid("session", session_id, conference_slug, base_url)


def venue_line(conference: Conference) -> str:
    """The venue in one line: name, address, city, country (in the reader's language)."""
    return ical.location(
        conference.venue_name,
        conference.venue_address,
        conference.venue_city,
        country_name(conference.venue_country),
    )


def session_location(conference: Conference, session: PublishedSession) -> str:
    """The room and the venue, or "Online" (untranslated, as calendar apps match it) for online-only."""
    if conference.format == ConferenceFormat.ONLINE or session.room_online:
        return "Online"
    return ical.location(session.room_name, session.room_location, venue_line(conference))
