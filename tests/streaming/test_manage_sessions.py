"""Organisers give single sessions their own channels, and ended sessions their recordings."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from conference.agenda.models import SessionStatus, SessionType
from conference.audit.models import AuditEntry
from conference.db_types import utcnow
from conference.extensions import db
from conference.streaming.models import StreamChannel
from tests import factories
from tests.conftest import submit

PAGE = "/c/aplc-2026/manage/streaming/"
FLOOR = "https://www.youtube.com/watch?v=abcdefghijk"
ZOOM = "https://zoom.us/j/81234567890"
TEAMS = "https://teams.microsoft.com/l/meetup-join/19%3ameeting"
RECORDING = "https://vimeo.com/123456789"


@pytest.fixture
def hall(conference):
    return factories.make_room(conference, "Grand Hall")


def channel(conference, label: str, url: str, **where) -> StreamChannel:
    made = StreamChannel(conference_id=conference.id, label=label, url=url, **where)
    db.session.add(made)
    db.session.commit()
    return made


def session_channels(session) -> list[StreamChannel]:
    query = (
        select(StreamChannel).where(StreamChannel.session_id == session.id).order_by(StreamChannel.position)
    )
    return list(db.session.scalars(query))


def actions() -> list[str]:
    return list(db.session.scalars(select(AuditEntry.action).order_by(AuditEntry.id)))


def test_sessions_are_listed_by_day_with_their_own_or_their_rooms_channels(
    client, conference, signed_in, hall
):
    opening = factories.make_session(conference, "Opening ceremony", room_id=hall.id)
    later = factories.make_session(
        conference, "Mayors' round table", opening.starts_at + timedelta(days=1), room_id=hall.id
    )
    roomless = factories.make_session(conference, "Study visit", opening.starts_at + timedelta(hours=3))
    channel(conference, "Floor", FLOOR, room_id=hall.id, position=0)
    channel(conference, "Korean", ZOOM, room_id=hall.id, position=1)
    channel(conference, "Workshop", TEAMS, session_id=later.id)
    html = client.get(f"{PAGE}sessions/").get_data(as_text=True)
    assert (
        html.index("Thursday, December 10, 2026") < html.index("Opening ceremony") < html.index("Study visit")
    )
    assert html.index("Friday, December 11, 2026") < html.index("Mayors&#39; round table")

    def row(session):
        start = html.index(f'data-session-id="{session.id}"')
        return html[start : html.index("</tr>", start)]

    assert "from the room" in row(opening) and "Floor, Korean" in row(opening)
    assert "own" in row(later) and "Workshop" in row(later) and "Floor" not in row(later)
    assert "No stream" in row(roomless)
    assert f'href="{PAGE}sessions/{opening.id}"' in html


def test_a_session_shows_the_room_channels_it_inherits_until_it_has_its_own(
    client, conference, signed_in, hall
):
    session = factories.make_session(conference, room_id=hall.id)
    channel(conference, "Floor", FLOOR, room_id=hall.id)
    page = f"{PAGE}sessions/{session.id}"
    html = client.get(page).get_data(as_text=True)
    assert "Channels from the room “Grand Hall”" in html and FLOOR in html
    assert "Copy the room's channels to this session" in html

    response = submit(
        client,
        f"{page}/channels/new",
        {"label": "Floor (Teams)", "url": TEAMS, "passcode": "T-1", "recording_url": ""},
        follow_redirects=True,
    )
    html = response.get_data(as_text=True)
    assert "The channel “Floor (Teams)” was saved." in html
    assert "The session's own channels" in html and TEAMS in html
    assert "Channels from the room" not in html and FLOOR not in html
    own = session_channels(session)
    assert [(c.label, c.room_id, c.day, c.passcode) for c in own] == [("Floor (Teams)", None, None, "T-1")]

    # Editing and deleting a session's channel lead back to the session's page.
    edit = f"{PAGE}channels/{own[0].id}"
    assert "Applies on" not in client.get(edit).get_data(as_text=True)
    response = submit(client, edit, {"label": "Floor", "url": TEAMS, "passcode": ""})
    assert response.headers["Location"] == page
    response = submit(client, f"{edit}/delete")
    assert response.headers["Location"] == page
    assert "Channels from the room “Grand Hall”" in client.get(page).get_data(as_text=True)


def test_copying_the_rooms_channels_lets_one_of_them_change_for_the_session(
    client, conference, signed_in, hall
):
    session = factories.make_session(conference, room_id=hall.id)
    other = factories.make_session(conference, "Other", session.ends_at, room_id=hall.id)
    channel(conference, "Floor", FLOOR, room_id=hall.id, position=0)
    channel(conference, "Korean", ZOOM, room_id=hall.id, position=1, passcode="K-1")
    page = f"{PAGE}sessions/{session.id}"
    response = submit(client, f"{page}/copy-room-channels", form_url=page, follow_redirects=True)
    assert "The session now has its own copies of the room&#39;s 2 channels." in response.get_data(
        as_text=True
    )
    assert [(c.label, c.url, c.passcode, c.position) for c in session_channels(session)] == [
        ("Floor", FLOOR, "", 0),
        ("Korean", ZOOM, "K-1", 1),
    ]
    assert session_channels(other) == []
    # Copying again changes nothing: the session has its own channels now.
    submit(client, f"{page}/copy-room-channels", form_url=f"{PAGE}sessions/{other.id}")
    assert len(session_channels(session)) == 2
    assert actions() == ["stream_channel.created", "stream_channel.created"]


def ended(conference, room, title: str, hours_ago: int = 3, **values):
    return factories.make_session(
        conference, title, utcnow() - timedelta(hours=hours_ago), room_id=room.id, **values
    )


def test_recordings_lists_ended_sessions_only(client, conference, signed_in, hall):
    channel(conference, "Floor", FLOOR, room_id=hall.id)
    ended(conference, hall, "Opening ceremony", hours_ago=5)
    ended(conference, hall, "Plenary", hours_ago=3)
    ended(conference, hall, "Coffee break", hours_ago=2, type=SessionType.BREAK)
    ended(conference, hall, "Cancelled talk", hours_ago=2, status=SessionStatus.CANCELLED)
    factories.make_session(conference, "Still to come", utcnow() + timedelta(hours=1), room_id=hall.id)
    factories.make_session(conference, "On now", utcnow() - timedelta(minutes=10), room_id=hall.id)
    roomless = factories.make_session(conference, "Study visit", utcnow() - timedelta(hours=4))
    html = client.get(f"{PAGE}recordings").get_data(as_text=True)
    assert html.index("Plenary") < html.index("Study visit") < html.index("Opening ceremony")  # latest first
    for absent in ("Coffee break", "Cancelled talk", "Still to come", "On now"):
        assert absent not in html
    assert "Recording of “Floor”" in html
    assert "This session had no stream." in html
    assert f"{PAGE}sessions/{roomless.id}/channels/new" in html


def test_a_recording_of_a_room_channel_goes_on_a_copy_for_that_session_alone(
    client, conference, signed_in, hall
):
    floor = channel(conference, "Floor", FLOOR, room_id=hall.id, position=0)
    korean = channel(conference, "Korean", ZOOM, room_id=hall.id, position=1, passcode="K-1")
    opening = ended(conference, hall, "Opening ceremony", hours_ago=5)
    plenary = ended(conference, hall, "Plenary", hours_ago=3)
    response = submit(
        client,
        f"{PAGE}recordings/{opening.id}",
        {f"channel_{floor.id}": RECORDING, f"channel_{korean.id}": ""},
        form_url=f"{PAGE}recordings",
        follow_redirects=True,
    )
    html = response.get_data(as_text=True)
    assert "The recordings of “Opening ceremony” were saved." in html
    copies = session_channels(opening)
    assert [(c.label, c.url, c.passcode, c.recording_url) for c in copies] == [
        ("Floor", FLOOR, "", RECORDING),
        ("Korean", ZOOM, "K-1", ""),
    ]
    db.session.expire_all()
    assert floor.recording_url == "" and korean.recording_url == ""  # the room's channels are untouched
    assert session_channels(plenary) == []
    assert html.count(RECORDING) == 1  # shown for the opening only

    # The session's own channels are changed in place from now on.
    submit(
        client,
        f"{PAGE}recordings/{opening.id}",
        {f"channel_{copies[0].id}": "", f"channel_{copies[1].id}": RECORDING},
        form_url=f"{PAGE}recordings",
    )
    assert [c.recording_url for c in session_channels(opening)] == ["", RECORDING]
    assert len(session_channels(opening)) == 2
    assert actions() == [
        "stream_channel.created",
        "stream_channel.created",
        "stream_channel.updated",
        "stream_channel.updated",
        "stream_channel.updated",
    ]


def test_a_bad_recording_address_is_refused_at_the_field_and_the_rest_kept(
    client, conference, signed_in, hall
):
    floor = channel(conference, "Floor", FLOOR, room_id=hall.id, position=0)
    korean = channel(conference, "Korean", ZOOM, room_id=hall.id, position=1)
    opening = ended(conference, hall, "Opening ceremony", hours_ago=5)
    plenary = ended(conference, hall, "Plenary", hours_ago=3)
    response = submit(
        client,
        f"{PAGE}recordings/{plenary.id}",
        {f"channel_{floor.id}": RECORDING, f"channel_{korean.id}": "http://insecure.example.org/rec"},
        form_url=f"{PAGE}recordings",
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    error_id = f'id="recording-{plenary.id}-{korean.id}-error"'
    assert error_id in html and "Use an https:// address." in html.split(error_id)[1][:100]
    assert RECORDING in html and "http://insecure.example.org/rec" in html
    assert f'id="recording-{opening.id}-{floor.id}"' in html  # the other sessions' forms are still there
    assert session_channels(plenary) == [] and session_channels(opening) == []


def test_recordings_of_a_session_with_its_own_channels_need_no_copy(client, conference, signed_in, hall):
    channel(conference, "Floor", FLOOR, room_id=hall.id)
    opening = ended(conference, hall, "Opening ceremony")
    own = channel(conference, "Floor (Teams)", TEAMS, session_id=opening.id)
    html = client.get(f"{PAGE}recordings").get_data(as_text=True)
    assert "Recording of “Floor (Teams)”" in html and "saving gives this session its own copies" not in html
    submit(
        client,
        f"{PAGE}recordings/{opening.id}",
        {f"channel_{own.id}": RECORDING},
        form_url=f"{PAGE}recordings",
    )
    assert [(c.id, c.recording_url) for c in session_channels(opening)] == [(own.id, RECORDING)]


def test_only_ended_sessions_take_recordings(client, conference, signed_in, hall):
    floor = channel(conference, "Floor", FLOOR, room_id=hall.id)
    coming = factories.make_session(
        conference, "Still to come", utcnow() + timedelta(hours=1), room_id=hall.id
    )
    response = submit(
        client,
        f"{PAGE}recordings/{coming.id}",
        {f"channel_{floor.id}": RECORDING},
        form_url=f"{PAGE}recordings",
    )
    assert response.status_code == 404
    assert session_channels(coming) == [] and actions() == []
