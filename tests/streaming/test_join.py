"""An online delegate finds the session on Live now, joins a channel, and the join is recorded."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from conference.db_types import utcnow
from conference.extensions import db
from conference.registration.models import RegistrationStatus
from conference.streaming.models import StreamJoin
from conference.streaming.queries import attended_online
from conference.streaming.services import record_join
from tests.streaming.streams import FLOOR, KOREAN, PASSCODE, RECORDING, delegate, live_conference, open_link


@pytest.fixture
def live(app):
    return live_conference()


@pytest.fixture
def online(live):
    registration = delegate(live.conference, "mina@example.org")
    assert registration.status == RegistrationStatus.CONFIRMED
    return registration


def test_live_now_lists_each_room_now_and_next(client, live, online):
    open_link(client, online)
    html = client.get(f"/c/{live.conference.slug}/live/").get_data(as_text=True)
    assert "Grand Hall" in html
    assert "Plenary: learning cities" in html and "Mayors&#39; round table" in html
    assert "Opening ceremony" not in html  # over
    assert f'href="/c/{live.conference.slug}/live/{live.on_now.id}">Join</a>' in html


def test_joining_a_youtube_channel_embeds_the_player_and_records_the_join(client, live, online):
    open_link(client, online)
    join = client.get(f"/c/{live.conference.slug}/live/{live.on_now.id}")
    html = join.get_data(as_text=True)
    assert join.status_code == 200 and "Choose a channel" in html
    assert FLOOR not in html  # only the player page holds the URL
    assert join.headers["Cache-Control"] == "private, no-store"

    watch = client.get(f"/c/{live.conference.slug}/live/{live.on_now.id}/{live.floor.id}")
    page = watch.get_data(as_text=True)
    assert watch.status_code == 200
    assert 'src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"' in page
    [joined] = db.session.scalars(select(StreamJoin)).all()
    assert (joined.registration_id, joined.session_id, joined.channel_id) == (
        online.id,
        live.on_now.id,
        live.floor.id,
    )
    assert attended_online(online)

    client.get(f"/c/{live.conference.slug}/live/{live.on_now.id}/{live.floor.id}")  # a reload
    assert len(db.session.scalars(select(StreamJoin)).all()) == 1


def test_a_zoom_channel_opens_the_provider_with_the_passcode(client, live, online):
    open_link(client, online)
    page = client.get(f"/c/{live.conference.slug}/live/{live.on_now.id}/{live.korean.id}").get_data(
        as_text=True
    )
    assert f'href="{KOREAN}"' in page and "Join on Zoom" in page
    assert PASSCODE in page


def test_before_the_window_the_page_counts_down(client, live, online):
    open_link(client, online)
    html = client.get(f"/c/{live.conference.slug}/live/{live.later.id}").get_data(as_text=True)
    assert "data-countdown" in html and "The stream opens 15 minutes before the start." in html
    opens = (live.later.starts_at - timedelta(minutes=15)).isoformat()
    assert f'data-opens-at="{opens}"' in html
    watch = client.get(f"/c/{live.conference.slug}/live/{live.later.id}/{live.floor.id}")
    assert watch.status_code == 302  # not open yet: back to the join page
    assert db.session.scalar(select(StreamJoin.id)) is None


def test_the_window_follows_the_organisers_setting(client, live, online):
    live.conference.stream_open_minutes = 240
    db.session.commit()
    open_link(client, online)
    html = client.get(f"/c/{live.conference.slug}/live/{live.later.id}").get_data(as_text=True)
    assert "Choose a channel" in html


def test_after_the_end_the_recording_is_offered(client, live, online):
    open_link(client, online)
    html = client.get(f"/c/{live.conference.slug}/live/{live.ended.id}").get_data(as_text=True)
    assert "This session has ended." in html and f'href="{RECORDING}"' in html
    watch = client.get(f"/c/{live.conference.slug}/live/{live.ended.id}/{live.floor.id}")
    assert watch.status_code == 404  # the session has its own channel: the room's does not apply


def test_a_logged_in_delegate_needs_no_link(client, live, online, auth):
    from tests import factories

    factories.make_user("mina@example.org")
    auth.login("mina@example.org")
    response = client.get(f"/c/{live.conference.slug}/live/{live.on_now.id}/{live.floor.id}")
    assert response.status_code == 200 and "youtube-nocookie.com/embed" in response.get_data(as_text=True)


def test_unknown_sessions_and_channels_are_not_found(client, live, online):
    open_link(client, online)
    base = f"/c/{live.conference.slug}/live"
    assert client.get(f"{base}/99999").status_code == 404
    assert client.get(f"{base}/{live.on_now.id}/99999").status_code == 404
    assert client.get(f"/c/nowhere/live/{live.on_now.id}").status_code == 404


def test_joins_within_ten_minutes_count_once(live, online):
    now = utcnow()
    first = record_join(online, live.on_now.id, live.floor, now)
    assert record_join(online, live.on_now.id, live.floor, now + timedelta(minutes=5)).id == first.id
    assert record_join(online, live.on_now.id, live.floor, now + timedelta(minutes=11)).id != first.id
    assert record_join(online, live.on_now.id, live.korean, now).id != first.id


def test_the_home_page_links_to_live_now_while_the_conference_runs(client, live):
    from tests import factories

    html = client.get(f"/c/{live.conference.slug}/").get_data(as_text=True)
    assert f'href="/c/{live.conference.slug}/live/">Live now</a>' in html
    later = factories.make_conference("aplc-2030")  # December 2026: not running today
    assert "Live now" not in client.get(f"/c/{later.slug}/").get_data(as_text=True)
