"""Demo streaming: floor, English and Korean interpretation in each room with talks; the past's recordings."""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from conference.agenda.models import Session, SessionType
from conference.demo.seed import seed_demo
from conference.demo.streaming import NOT_STREAMED
from conference.events.queries import conference_by_slug
from conference.extensions import db
from conference.registration.models import TicketType
from conference.streaming.board import UrlState, check_url
from conference.streaming.models import StreamChannel
from conference.streaming.providers import Provider, embed_url, provider_of
from conference.streaming.queries import channels_for_sessions

TODAY = date(2026, 3, 2)
LABELS = ["Floor", "English interpretation", "Korean interpretation"]


@pytest.fixture
def seeded(app):
    return seed_demo(TODAY)


def channels_of(conference) -> list[StreamChannel]:
    query = (
        select(StreamChannel)
        .where(StreamChannel.conference_id == conference.id)
        .order_by(StreamChannel.room_id, StreamChannel.session_id, StreamChannel.position)
    )
    return list(db.session.scalars(query))


@pytest.mark.parametrize("slug", ["aplc-founding-assembly", "aplc-forum"])
def test_every_room_with_talks_streams_the_floor_and_two_interpretations(seeded, slug):
    conference = conference_by_slug(slug)
    by_room = defaultdict(list)
    for channel in channels_of(conference):
        if channel.room_id is not None:
            by_room[channel.room_id].append(channel)
    rooms = {room.id: room.name for room in conference.rooms}
    assert "Foyer" not in {rooms[room_id] for room_id in by_room}  # breaks only: nothing to stream
    assert {"Grand Hall" if slug == "aplc-founding-assembly" else "Main Hall", "Online Studio"} <= {
        rooms[room_id] for room_id in by_room
    }
    for channels in by_room.values():
        assert [c.label for c in channels] == LABELS
        assert all(c.day is None for c in channels)
        floor, english, korean = channels
        assert provider_of(floor.url) == Provider.YOUTUBE and embed_url(floor.url)
        assert re.fullmatch(r"https://www\.youtube\.com/watch\?v=DEMO-[A-Za-z0-9]{6}", floor.url)
        for interpretation in (english, korean):
            assert re.fullmatch(r"https://zoom\.us/j/9\d{10}", interpretation.url)
            assert re.fullmatch(r"demo\d{4}", interpretation.passcode)
        assert all(check_url(c.url).state == UrlState.KNOWN for c in channels)
    addresses = [c.url for channels in by_room.values() for c in channels]
    assert len(set(addresses)) == len(addresses)


def test_every_talk_of_the_upcoming_forum_gets_its_rooms_channels_and_no_recording(seeded):
    forum = conference_by_slug("aplc-forum")
    talks = [s for s in forum.sessions if s.type not in NOT_STREAMED and s.room_id]
    effective = channels_for_sessions(forum, talks)
    assert talks and all([c.label for c in effective[s.id]] == LABELS for s in talks)
    assert all(c.room_id is not None and c.recording_url == "" for c in channels_of(forum))


def test_the_past_assembly_has_recordings_on_each_sessions_own_channels(seeded):
    assembly = conference_by_slug("aplc-founding-assembly")
    talks = [s for s in assembly.sessions if s.type not in NOT_STREAMED and s.room_id]
    effective = channels_for_sessions(assembly, talks)
    recordings = []
    for session in talks:
        channels = effective[session.id]
        assert [c.label for c in channels] == LABELS, session.title
        assert all(c.session_id == session.id for c in channels)  # never on the room's channels
        assert all(check_url(c.recording_url).state == UrlState.KNOWN for c in channels)
        assert provider_of(channels[0].recording_url) == Provider.YOUTUBE
        assert all(provider_of(c.recording_url) == Provider.VIMEO for c in channels[1:])
        recordings += [c.recording_url for c in channels]
    assert len(set(recordings)) == len(recordings)
    assert all(c.recording_url == "" for c in channels_of(assembly) if c.room_id is not None)
    breaks = [s for s in assembly.sessions if s.type == SessionType.BREAK]
    assert breaks and not any(c.session_id in {s.id for s in breaks} for c in channels_of(assembly))
    assert effective and len(talks) < len(assembly.sessions)


def test_the_demo_sells_tickets_that_include_the_streams(seeded):
    for slug in ("aplc-founding-assembly", "aplc-forum"):
        conference = conference_by_slug(slug)
        query = select(TicketType.name).where(
            TicketType.conference_id == conference.id, TicketType.includes_streaming.is_(True)
        )
        assert "Online participant" in db.session.scalars(query).all()


def test_seeding_again_leaves_the_channels_as_organisers_left_them(seeded):
    assembly = conference_by_slug("aplc-founding-assembly")
    edited = channels_of(assembly)[0]
    edited.label = "Floor (edited)"
    count = db.session.scalar(select(func.count()).select_from(StreamChannel))
    db.session.commit()
    report = seed_demo(TODAY + timedelta(days=30))
    assert not any("streaming" in line or "recordings" in line for line in report.created)
    assert db.session.scalar(select(func.count()).select_from(StreamChannel)) == count
    db.session.expire_all()
    assert db.session.get(StreamChannel, edited.id).label == "Floor (edited)"


def test_the_seed_reports_what_it_added(seeded):
    lines = [line for line in seeded.created if "streaming" in line or "recordings" in line]
    assert any(
        line.startswith("Added 15 streaming channels") and "aplc-founding-assembly" in line for line in lines
    )
    assert any("aplc-forum" in line and "streaming channels" in line for line in lines)
    sessions = db.session.scalar(
        select(func.count())
        .select_from(Session)
        .join(Session.conference)
        .where(Session.type.not_in(NOT_STREAMED), Session.room_id.is_not(None))
        .filter_by(slug="aplc-founding-assembly")
    )
    assert f"Added the recordings of {sessions} sessions of aplc-founding-assembly" in lines
