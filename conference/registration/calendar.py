"""The conference as a calendar event (.ics), attached to the registration confirmation."""

from __future__ import annotations

from datetime import datetime, timedelta

from flask import current_app
from icalendar import Event
from sqlalchemy import func, select

from conference.agenda.calendar import venue_line
from conference.agenda.models import Session, SessionStatus
from conference.core import ical
from conference.core.ical import CONTENT_TYPE
from conference.db_types import utcnow
from conference.events.models import Conference
from conference.extensions import db

# The mails (emails.py, email_content.py) take the content type and the venue from here.
__all__ = ["CONTENT_TYPE", "conference_ics", "event_uid", "programme_span", "venue_line"]


def event_uid(conference: Conference) -> str:
    """The same for every e-mail about a conference, so calendars update the event rather than add one."""
    return ical.uid("conference", conference.id, conference.slug, current_app.config["BASE_URL"])


def programme_span(conference: Conference) -> tuple[datetime, datetime] | None:
    """(first start, last end) of the published sessions, or None when there are none."""
    first, last = db.session.execute(
        select(func.min(Session.starts_at), func.max(Session.ends_at)).where(
            Session.conference_id == conference.id, Session.status == SessionStatus.PUBLISHED
        )
    ).one()
    return None if first is None else (first, last)


def conference_ics(conference: Conference, *, url: str, description: str = "") -> str:
    """An iCalendar file with one event: the programme's hours, or the conference days as all-day."""
    calendar = ical.new_calendar("-//Plenary//Conference registration//EN")
    calendar.add("x-wr-timezone", conference.timezone)  # where the all-day dates are meant

    event = Event()
    event.add("uid", event_uid(conference))
    event.add("dtstamp", utcnow())
    event.add("summary", conference.title)
    span = programme_span(conference)
    if span is not None:
        event.add("dtstart", span[0].astimezone(conference.tz))
        event.add("dtend", span[1].astimezone(conference.tz))
    else:
        event.add("dtstart", conference.start_date)
        event.add("dtend", conference.end_date + timedelta(days=1))  # DTEND of an all-day event is exclusive
    venue = venue_line(conference)
    if venue:
        event.add("location", venue)
    event.add("url", url)
    if description:
        event.add("description", description)
    calendar.add_component(event)
    if span is not None:
        calendar.add_missing_timezones()
    return calendar.to_ical().decode("utf-8")
