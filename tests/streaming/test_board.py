"""The stream board: each room's channels, the session on now and next, and the joins of the last minutes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import pytest

from conference.agenda.models import SessionStatus
from conference.db_types import utcnow
from conference.extensions import db
from conference.registration import services as registrations
from conference.streaming.board import UrlState, check_url, stream_board
from conference.streaming.models import StreamChannel
from conference.streaming.services import record_join
from tests import factories
from tests.conftest import count_queries

FLOOR = "https://www.youtube.com/watch?v=abcdefghijk"
ZOOM = "https://zoom.us/j/81234567890"
TEAMS = "https://teams.microsoft.com/l/meetup-join/19%3ameeting"
TODAY_ONLY = "https://vimeo.com/event/12345"


@dataclass
class Programme:
    conference: object
    hall: object
    seminar: object
    studio: object
    on_now: object
    next_in_hall: object
    next_in_seminar: object
    floor: StreamChannel


def channel(conference, label: str, url: str, **where) -> StreamChannel:
    made = StreamChannel(conference_id=conference.id, label=label, url=url, **where)
    db.session.add(made)
    db.session.commit()
    return made


@pytest.fixture
def programme(app) -> Programme:
    now = utcnow()
    conference = factories.make_conference(
        "aplc-live", start_date=(now - timedelta(days=1)).date(), end_date=(now + timedelta(days=1)).date()
    )
    hall = factories.make_room(conference, "Grand Hall", position=1)
    seminar = factories.make_room(conference, "Seminar Room", position=2)
    studio = factories.make_room(conference, "Online Studio", position=3)
    factories.make_session(conference, "Earlier", now - timedelta(hours=2), room_id=hall.id)
    on_now = factories.make_session(
        conference, "Plenary: learning cities", now - timedelta(minutes=10), room_id=hall.id
    )
    next_in_hall = factories.make_session(
        conference, "Mayors' round table", now + timedelta(hours=1), room_id=hall.id
    )
    factories.make_session(
        conference,
        "Cancelled talk",
        now - timedelta(minutes=5),
        room_id=seminar.id,
        status=SessionStatus.CANCELLED,
    )
    next_in_seminar = factories.make_session(
        conference, "Workshop", now + timedelta(minutes=30), room_id=seminar.id
    )
    floor = channel(conference, "Floor", FLOOR, room_id=hall.id, position=0)
    channel(conference, "Korean interpretation", ZOOM, room_id=hall.id, position=1, passcode="K-1")
    channel(conference, "Workshop room", TEAMS, session_id=next_in_seminar.id)
    channel(conference, "Studio (every day)", "https://stream.example.org/studio", room_id=studio.id)
    local_today = now.astimezone(conference.tz).date()
    channel(conference, "Studio today", TODAY_ONLY, room_id=studio.id, day=local_today)
    factories.publish(conference)
    return Programme(conference, hall, seminar, studio, on_now, next_in_hall, next_in_seminar, floor)


@pytest.fixture
def conference(programme):
    """The conference these tests run is the live one, so `organiser` and `signed_in` are its organiser's."""
    return programme.conference


def delegate(conference, email: str):
    ticket = factories.make_ticket(conference, name=f"Online {email}", includes_streaming=True)
    return registrations.register(conference, ticket, factories.delegate(email))


def rooms_by_name(board):
    return {room.name: room for room in board.rooms}


def test_url_checks():
    assert check_url(FLOOR).state == UrlState.KNOWN and check_url(FLOOR).provider_label == "YouTube"
    assert check_url(TEAMS).provider_label == "Microsoft Teams"
    unknown = check_url("https://stream.example.org/live")
    assert (unknown.state, unknown.provider_label, unknown.message) == (
        UrlState.UNKNOWN_PROVIDER,
        "Other",
        "",
    )
    broken = check_url("http://www.youtube.com/watch?v=abcdefghijk")
    assert (broken.state, broken.provider_label, broken.message) == (
        UrlState.PROBLEM,
        "YouTube",
        "Use an https:// address.",
    )


def test_each_room_shows_its_session_now_and_next_with_the_channels_that_apply(programme):
    board = stream_board(programme.conference, utcnow())
    assert board.published
    assert [room.name for room in board.rooms] == ["Grand Hall", "Seminar Room", "Online Studio"]
    hall, seminar, studio = (
        rooms_by_name(board)[name] for name in ("Grand Hall", "Seminar Room", "Online Studio")
    )

    assert (hall.current.title, hall.next.title) == ("Plenary: learning cities", "Mayors' round table")
    assert [c.label for c in hall.channels] == ["Floor", "Korean interpretation"] and not hall.own_channels

    # Nothing on now (the cancelled talk does not count): the next session's own channels.
    assert seminar.current is None and seminar.next.title == "Workshop"
    assert [c.label for c in seminar.channels] == ["Workshop room"] and seminar.own_channels

    # No session at all: the room's channels as they apply today (today's replace the every-day ones).
    assert studio.current is None and studio.next is None
    assert [c.label for c in studio.channels] == ["Studio today"]


def test_joins_in_the_last_5_and_30_minutes_are_counted_per_room(programme):
    now = utcnow()
    mina, jun, ana = (delegate(programme.conference, f"{n}@example.org") for n in ("mina", "jun", "ana"))
    record_join(mina, programme.on_now.id, programme.floor, now=now - timedelta(minutes=2))
    record_join(jun, programme.on_now.id, programme.floor, now=now - timedelta(minutes=20))
    record_join(ana, programme.on_now.id, None, now=now - timedelta(minutes=45))
    record_join(ana, programme.next_in_seminar.id, None, now=now - timedelta(minutes=1))
    board = stream_board(programme.conference, now)
    rooms = rooms_by_name(board)
    assert (rooms["Grand Hall"].joins_recent, rooms["Grand Hall"].joins_lately) == (1, 2)
    assert (rooms["Seminar Room"].joins_recent, rooms["Seminar Room"].joins_lately) == (1, 1)
    assert (rooms["Online Studio"].joins_recent, rooms["Online Studio"].joins_lately) == (0, 0)
    assert (board.joins_recent, board.joins_lately) == (2, 3)


def test_the_board_reads_the_published_programme_only(programme):
    factories.make_session(programme.conference, "Draft in the studio", utcnow() - timedelta(minutes=5),
                           room_id=programme.studio.id, status=SessionStatus.DRAFT)  # fmt: skip
    studio = rooms_by_name(stream_board(programme.conference, utcnow()))["Online Studio"]
    assert studio.current is None

    unpublished = factories.make_conference("not-yet", start_date=date(2030, 1, 1))
    factories.make_room(unpublished)
    board = stream_board(unpublished, utcnow())
    assert not board.published and board.rooms[0].current is None


def test_the_board_costs_the_same_few_queries_for_many_rooms(programme):
    def queries_for_board() -> int:
        db.session.expire_all()
        with count_queries() as statements:
            stream_board(programme.conference, utcnow())
        return len(statements)

    few = queries_for_board()
    for number in range(10):
        room = factories.make_room(programme.conference, f"Room {number}")
        channel(programme.conference, "Floor", FLOOR, room_id=room.id)
        factories.make_session(programme.conference, f"Talk {number}", utcnow(), room_id=room.id)
    factories.publish(programme.conference)
    assert queries_for_board() == few <= 8


def test_the_board_page_and_its_refresh(client, programme, signed_in):
    page = client.get("/c/aplc-live/manage/streaming/board")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "Plenary: learning cities" in html and "Live" in html and "Mayors&#39; round table" in html
    assert FLOOR in html and "K-1" in html and "Zoom" in html and "Microsoft Teams" in html
    assert 'data-source="/c/aplc-live/manage/streaming/board.json"' in html
    assert 'data-refresh-seconds="20"' in html and "js/live-board.js" in html
    assert '<noscript><meta http-equiv="refresh" content="20"></noscript>' in html
    assert 'data-refresh-seconds="5"' in client.get("/c/aplc-live/manage/streaming/board?refresh=5").get_data(
        as_text=True
    )

    data = client.get("/c/aplc-live/manage/streaming/board.json").get_json()
    hall = next(room for room in data["rooms"] if room["id"] == programme.hall.id)
    assert (hall["current_session_id"], hall["joins_recent"], data["joins_recent"]) == (
        programme.on_now.id,
        0,
        0,
    )

    record_join(delegate(programme.conference, "mina@example.org"), programme.on_now.id, programme.floor)
    data = client.get("/c/aplc-live/manage/streaming/board.json").get_json()
    hall = next(room for room in data["rooms"] if room["id"] == programme.hall.id)
    assert (hall["joins_recent"], hall["joins_lately"], data["joins_recent"]) == (1, 1, 1)
    assert f'id="board-room-{programme.hall.id}"' in data["html"] and "<html" not in data["html"]


def test_a_channel_that_cannot_be_used_is_flagged_on_the_board(client, programme, signed_in):
    programme.floor.url = "http://www.youtube.com/watch?v=abcdefghijk"
    db.session.commit()
    html = client.get("/c/aplc-live/manage/streaming/board").get_data(as_text=True)
    assert "1 address to fix" in html and "Use an https:// address." in html
