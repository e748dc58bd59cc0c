"""iCalendar feeds (RFC 5545) of the published programme: conference, track, room, session, delegate.

Subscribed calendars poll these, so every event keeps its UID when a session moves and carries the
agenda version as SEQUENCE: a client that sees a higher SEQUENCE replaces its copy. Times are written
in the conference's zone with a VTIMEZONE, so the events stay right whatever zone the reader is in.
Public feeds carry the session page's address only, never a streaming or join link.

The calendar, its properties and the VTIMEZONE come from the `icalendar` package; each event's lines are
written here with the primitives of core/ical.py (escaping, folding). Building an `Event` object per
session and serialising it costs about 0.25 ms an event, a quarter of a second for a 1,000-session
feed; writing the lines directly costs a tenth of that, and tests read the result back with two other
parsers.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from flask_babel import gettext as _
from icalendar import Timezone, vDuration, vUri

from conference.agenda.calendar import session_location, session_uid
from conference.agenda.labels import ROLE_LABELS, SESSION_TYPE_LABELS
from conference.agenda.models import AgendaVersion
from conference.agenda.published import PublishedSession
from conference.core.ical import content_lines, date_time, new_calendar, text, utc_stamp
from conference.events.models import Conference

PRODID = "-//Plenary//Conference agenda feed//EN"
REFRESH = timedelta(hours=1)
_END = b"END:VCALENDAR\r\n"


def session_page_url(base_url: str, conference: Conference, session_id: int) -> str:
    # Built by hand rather than with url_for so feeds can be rendered outside a request (caching, bench).
    return f"{base_url.rstrip('/')}/c/{conference.slug}/agenda/sessions/{session_id}"


@dataclass(frozen=True)
class _Feed:
    """What every event of one feed shares, worked out once."""

    conference: Conference
    base_url: str
    stamp: str
    sequence: int
    roles: dict[str, str]
    types: dict[str, str]
    zone: ZoneInfo | None  # None: times in UTC
    join_url: Callable[[int], str] | None = None  # personal feeds of online delegates: the join page

    def moment(self, name: str, value: datetime) -> str:
        return date_time(name, value, self.zone)


def _description(session: PublishedSession, url: str, feed: _Feed) -> str:
    people = []
    for person in session.people:
        label = feed.roles.get(person.role)
        details = ", ".join(part for part in (person.position, person.organisation) if part)
        line = f"{label}: {person.display_name}" if label else person.display_name
        people.append(f"{line} ({details})" if details else line)
    join = ""
    if feed.join_url is not None and not session.cancelled:
        join = _("Join online: %(url)s", url=feed.join_url(session.id))
    return "\n\n".join(part for part in (join, session.abstract_text, "\n".join(people), url) if part)


def _event(session: PublishedSession, feed: _Feed) -> bytes:
    conference = feed.conference
    url = session_page_url(feed.base_url, conference, session.id)
    categories = [c for c in (feed.types.get(session.type, session.type), session.track_name) if c]
    location = session_location(conference, session)
    lines = [
        "BEGIN:VEVENT",
        f"UID:{text(session_uid(conference.slug, session.id, feed.base_url))}",
        f"DTSTAMP:{feed.stamp}",
        # Local times with TZID (not UTC) so the VTIMEZONE applies and day views group by the
        # conference's own days.
        feed.moment("DTSTART", session.starts_at),
        feed.moment("DTEND", session.ends_at),
        f"SUMMARY:{text(session.title)}",
        f"DESCRIPTION:{text(_description(session, url, feed))}",
        *([f"LOCATION:{text(location)}"] if location else []),
        f"URL:{vUri(url).to_ical().decode()}",
        *([f"CATEGORIES:{','.join(text(c) for c in categories)}"] if categories else []),
        f"SEQUENCE:{feed.sequence}",
        f"LAST-MODIFIED:{feed.stamp}",
        f"STATUS:{'CANCELLED' if session.cancelled else 'CONFIRMED'}",
        "END:VEVENT",
    ]
    return content_lines(lines)


def build_calendar(
    conference: Conference,
    sessions: Iterable[PublishedSession],
    version: AgendaVersion | None,
    name: str,
    base_url: str,
    join_url: Callable[[int], str] | None = None,
) -> bytes:
    """The feed as bytes (UTF-8, CRLF, folded at 75 octets); `join_url` only for a delegate's own feed."""
    # The publication time, not "now", as DTSTAMP: the same version always renders the same bytes,
    # which is what lets the output be cached and compared by ETag.
    stamp = version.published_at if version is not None else conference.updated_at
    utc = conference.timezone == "UTC"

    calendar = new_calendar(PRODID, gregorian=True)
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", conference.timezone)
    calendar.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    # icalendar treats unknown X- properties as TEXT and would write "1:00:00"; give it the RFC form.
    calendar.add("x-published-ttl", vDuration(REFRESH).to_ical().decode())
    if not utc:
        calendar.add_component(Timezone.from_tzid(conference.timezone))
    feed = _Feed(
        conference=conference,
        base_url=base_url,
        stamp=utc_stamp(stamp),
        sequence=version.number if version is not None else 0,
        # Translated once per feed rather than once per event.
        roles={key: str(label) for key, label in ROLE_LABELS.items()},
        types={key: str(label) for key, label in SESSION_TYPE_LABELS.items()},
        zone=None if utc else conference.tz,
        join_url=join_url,
    )
    head = calendar.to_ical()
    return head[: -len(_END)] + b"".join(_event(session, feed) for session in sessions) + _END
