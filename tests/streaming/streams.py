"""A conference running today with streamed sessions, and delegates with and without online access."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from conference.db_types import utcnow
from conference.events.models import Conference
from conference.extensions import db
from conference.registration import services as registrations
from conference.registration.links.tokens import join_token
from conference.registration.models import Registration
from conference.streaming.models import StreamChannel
from tests import factories

FLOOR = "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
KOREAN = "https://zoom.us/j/81234567890"
PASSCODE = "APLC-5678"
RECORDING = "https://vimeo.com/987654321"
SESSION_ONLY = "https://teams.microsoft.com/l/meetup-join/19%3ameeting_secret"
SECRETS = (FLOOR, "dQw4w9WgXcQ", KOREAN, "81234567890", PASSCODE, RECORDING, "987654321", "meeting_secret")


@dataclass
class Live:
    conference: Conference
    on_now: object
    later: object
    ended: object
    floor: StreamChannel
    korean: StreamChannel


def live_conference(slug: str = "aplc-live") -> Live:
    now = utcnow().replace(second=0, microsecond=0)
    conference = factories.make_conference(
        slug, start_date=(now - timedelta(days=1)).date(), end_date=(now + timedelta(days=1)).date()
    )
    hall = factories.make_room(conference, "Grand Hall")
    on_now = factories.make_session(
        conference, "Plenary: learning cities", now - timedelta(minutes=10), room_id=hall.id
    )
    later = factories.make_session(
        conference, "Mayors' round table", now + timedelta(hours=3), room_id=hall.id
    )
    ended = factories.make_session(conference, "Opening ceremony", now - timedelta(hours=3), room_id=hall.id)
    floor = StreamChannel(conference_id=conference.id, room_id=hall.id, label="Floor", url=FLOOR, position=0)
    korean = StreamChannel(
        conference_id=conference.id, room_id=hall.id, label="Korean interpretation", url=KOREAN,
        passcode=PASSCODE, position=1,
    )  # fmt: skip
    recorded = StreamChannel(
        conference_id=conference.id, session_id=ended.id, label="Floor", url=SESSION_ONLY,
        recording_url=RECORDING,
    )  # fmt: skip
    db.session.add_all([floor, korean, recorded])
    db.session.commit()
    factories.publish(conference)
    return Live(conference, on_now, later, ended, floor, korean)


def delegate(conference: Conference, email: str, *, online: bool = True, **ticket) -> Registration:
    ticket_type = factories.make_ticket(
        conference, name=f"Ticket {email}", includes_streaming=online, **ticket
    )
    return registrations.register(conference, ticket_type, factories.delegate(email))


def open_link(client, registration: Registration) -> None:
    """What following the "Watch online" link does: remembered in the session, then a clean URL."""
    slug = registration.conference.slug
    response = client.get(f"/c/{slug}/live/?k={join_token(registration)}")
    assert response.status_code == 302 and response.headers["Location"] == f"/c/{slug}/live/"
