"""Organisers keep the conference's rooms and tracks."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from conference.agenda.models import Room, Session, Track
from conference.audit.models import AuditEntry
from conference.extensions import db
from tests import factories
from tests.conftest import submit

ROOMS = "/c/aplc-2026/manage/rooms/"
TRACKS = "/c/aplc-2026/manage/tracks/"


def actions() -> list[str]:
    return list(db.session.scalars(select(AuditEntry.action).order_by(AuditEntry.id)))


def test_create_edit_and_delete_a_room(client, conference, signed_in):
    response = submit(
        client,
        f"{ROOMS}new",
        {"name": "Grand Hall", "capacity": "300", "location": "1st floor", "position": "1"},
        follow_redirects=True,
    )
    html = response.get_data(as_text=True)
    assert "The room “Grand Hall” was saved." in html
    assert "1st floor" in html and "300" in html
    room = db.session.scalar(select(Room))
    assert (room.name, room.capacity, room.location, room.position) == ("Grand Hall", 300, "1st floor", 1)

    edit = f"{ROOMS}{room.id}"
    assert 'value="Grand Hall"' in client.get(edit).get_data(as_text=True)
    submit(client, edit, {"name": "Main Hall", "capacity": "", "location": "", "position": ""})
    db.session.expire_all()
    room = db.session.get(Room, room.id)
    assert (room.name, room.capacity, room.location, room.position) == ("Main Hall", None, "", 0)

    submit(client, f"{edit}/delete")
    assert db.session.scalar(select(Room)) is None
    assert actions() == ["room.created", "room.updated", "room.deleted"]


def test_an_online_only_room(client, conference, signed_in):
    form = client.get(f"{ROOMS}new").get_data(as_text=True)
    assert "Online only" in form and "calendars show them as “Online”" in form
    data = {"name": "Zoom Room", "online": "y", "capacity": "", "location": "", "position": "3"}
    html = submit(client, f"{ROOMS}new", data, follow_redirects=True).get_data(as_text=True)
    assert "The room “Zoom Room” was saved." in html and '<span class="tag">Online only</span>' in html
    room = db.session.scalar(select(Room))
    assert room.online is True
    submit(client, f"{ROOMS}{room.id}", data | {"online": ""})  # unticked
    db.session.expire_all()
    assert db.session.get(Room, room.id).online is False


def test_rooms_are_listed_in_order(client, conference, signed_in):
    factories.make_room(conference, "Seminar Room", position=2)
    factories.make_room(conference, "Grand Hall", position=1)
    html = client.get(ROOMS).get_data(as_text=True)
    assert html.index("Grand Hall") < html.index("Seminar Room")


def test_deleting_a_room_keeps_its_sessions(client, conference, signed_in):
    room = factories.make_room(conference)
    session = factories.make_session(conference, room_id=room.id)
    confirm = client.get(f"{ROOMS}{room.id}/delete").get_data(as_text=True)
    assert "One session uses it; it will stay in the programme without it." in confirm
    submit(client, f"{ROOMS}{room.id}/delete")
    db.session.expire_all()
    assert db.session.get(Session, session.id).room_id is None


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("name", "", "This field is required."),
        ("name", "x" * 5000, "Field cannot be longer than 100 characters."),
        ("capacity", "abc", "Not a valid integer value."),
        ("capacity", "-1", "Number must be between 0 and 1000000."),
        ("capacity", "99999999999999999999", "Number must be between 0 and 1000000."),
        ("location", "x" * 201, "Field cannot be longer than 200 characters."),
        ("position", "1.5", "Not a valid integer value."),
    ],
)
def test_bad_room_input_is_refused(client, conference, signed_in, field, value, message):
    data = {"name": "Grand Hall", "capacity": "10", "location": "", "position": "0"} | {field: value}
    response = submit(client, f"{ROOMS}new", data)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert message in html and f'id="{field}-error"' in html
    if value:
        assert value in html
    assert db.session.scalar(select(Room)) is None


def test_create_edit_and_delete_a_track(client, conference, signed_in):
    response = submit(
        client,
        f"{TRACKS}new",
        {"name": "Policy", "colour": "#2A7F62", "position": "0"},
        follow_redirects=True,
    )
    html = response.get_data(as_text=True)
    assert "The track “Policy” was saved." in html and "#2a7f62" in html
    track = db.session.scalar(select(Track))
    submit(
        client, f"{TRACKS}{track.id}", {"name": "Policy & Governance", "colour": "#000000", "position": "3"}
    )
    db.session.expire_all()
    track = db.session.get(Track, track.id)
    assert (track.name, track.colour, track.position) == ("Policy & Governance", "#000000", 3)
    session = factories.make_session(conference, track_id=track.id)
    assert "One session uses it" in client.get(f"{TRACKS}{track.id}/delete").get_data(as_text=True)
    submit(client, f"{TRACKS}{track.id}/delete")
    db.session.expire_all()
    assert db.session.scalar(select(Track)) is None
    assert db.session.get(Session, session.id).track_id is None
    assert actions() == ["track.created", "track.updated", "track.deleted"]


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("name", "", "This field is required."),
        ("name", "<script>alert('x')</script>" * 10, "Field cannot be longer than 100 characters."),
        ("colour", "", "This field is required."),
        ("colour", "blue", "Give a colour as #RRGGBB"),
        ("colour", "#fff", "Give a colour as #RRGGBB"),
        ("colour", "#1f5f8b; background:url(x)", "Give a colour as #RRGGBB"),
        ("position", "abc", "Not a valid integer value."),
    ],
)
def test_bad_track_input_is_refused(client, conference, signed_in, field, value, message):
    data = {"name": "Policy", "colour": "#2a7f62", "position": "0"} | {field: value}
    response = submit(client, f"{TRACKS}new", data)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert message in html and f'id="{field}-error"' in html
    assert "<script>alert('x')</script>" not in html
    assert db.session.scalar(select(Track)) is None


def test_track_names_are_shown_escaped(client, conference, signed_in):
    submit(client, f"{TRACKS}new", {"name": "<b>Bold</b>", "colour": "#2a7f62", "position": "0"})
    html = client.get(TRACKS).get_data(as_text=True)
    assert "&lt;b&gt;Bold&lt;/b&gt;" in html and "<b>Bold</b>" not in html
