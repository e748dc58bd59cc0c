"""Who may watch a conference's streams, and when: a confirmed registration whose ticket includes online
access, from `stream_open_minutes` before a session until its end."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime, timedelta

from conference.agenda.published import PublishedSession
from conference.events.models import Conference
from conference.registration.models import Registration, RegistrationStatus


class StreamAccess(enum.StrEnum):
    ALLOWED = "allowed"
    NO_REGISTRATION = "no_registration"
    NOT_CONFIRMED = "not_confirmed"  # pending payment or approval, waitlisted, cancelled…
    NO_ONLINE_ACCESS = "no_online_access"  # the ticket type does not include the streams


def stream_access(registration: Registration | None, conference: Conference) -> StreamAccess:
    if registration is None or registration.conference_id != conference.id:
        return StreamAccess.NO_REGISTRATION
    if registration.status != RegistrationStatus.CONFIRMED:
        return StreamAccess.NOT_CONFIRMED
    if not registration.ticket_type.includes_streaming:
        return StreamAccess.NO_ONLINE_ACCESS
    return StreamAccess.ALLOWED


def has_online_access(registration: Registration | None) -> bool:
    return registration is not None and stream_access(registration, registration.conference) == (
        StreamAccess.ALLOWED
    )


class WindowState(enum.StrEnum):
    NOT_YET = "not_yet"
    OPEN = "open"
    ENDED = "ended"


@dataclass(frozen=True)
class JoinWindow:
    opens_at: datetime
    closes_at: datetime

    def state(self, now: datetime) -> WindowState:
        if now < self.opens_at:
            return WindowState.NOT_YET
        if now >= self.closes_at:
            return WindowState.ENDED
        return WindowState.OPEN


def join_window(conference: Conference, session: PublishedSession) -> JoinWindow:
    """From `stream_open_minutes` before the start until the end."""
    return JoinWindow(session.starts_at - timedelta(minutes=conference.stream_open_minutes), session.ends_at)
