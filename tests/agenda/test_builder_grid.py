"""The organiser's timetable grid: days, rooms as columns, blocks placed by local time, who may see it."""

from __future__ import annotations

import re
import time
from datetime import UTC, date, datetime, timedelta

import pytest

from conference.agenda.models import Session, SessionStatus
from conference.extensions import db
from tests import factories
from tests.agenda.builder_helpers import GRID
from tests.conftest import count_queries


def block_html(page: str, session_id: int) -> str:
    match = re.search(rf'<article id="session-{session_id}".*?</article>', page, re.S)
    assert match, f"no block for session {session_id}"
    return match.group(0).replace("\u202f", " ")  # Babel puts a narrow space before AM/PM


def test_the_grid_shows_rooms_as_columns_and_sessions_as_blocks_in_local_time(client, conference, signed_in):
    hall = factories.make_room(conference, "Grand Hall", position=0)
    studio = factories.make_room(conference, "Online Studio", position=1)
    policy = factories.make_track(conference, "Policy", colour="#7b3fa0")
    opening = factories.make_session(conference, "Opening ceremony", room=hall, track=policy)  # 09:00 Seoul
    draft = factories.make_session(
        conference,
        "Youth forum",
        datetime(2026, 12, 10, 1, 30, tzinfo=UTC),
        minutes=90,
        room=studio,
        status=SessionStatus.DRAFT,
    )
    cancelled = factories.make_session(
        conference,
        "Site visit",
        datetime(2026, 12, 10, 5, 0, tzinfo=UTC),
        room=hall,
        status=SessionStatus.CANCELLED,
    )
    factories.make_session(conference, "Closing", datetime(2026, 12, 11, 8, 0, tzinfo=UTC), room=hall)

    response = client.get(GRID)
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert page.index("Grand Hall") < page.index("Online Studio")
    assert "Times in Asia/Seoul (UTC+09:00)." in page
    # Both conference days are offered; the first is shown.
    assert 'day=2026-12-10" aria-current="page"' in page
    assert "day=2026-12-11" in page
    assert "Closing" not in page.split('id="timetable"')[1].split("</dialog>")[0].split("tt-roomless")[0]

    block = block_html(page, opening.id)
    assert "9:00 AM – 10:00 AM" in block  # local time, not UTC
    assert "--start: 540; --end: 600;" in block and "--track: #7b3fa0" in block
    assert "status-published" in block
    assert f'href="/c/aplc-2026/manage/sessions/{opening.id}"' in block  # the full form, without JS
    youth = block_html(page, draft.id)
    assert "status-draft" in youth and "10:30 AM – 12:00 PM" in youth and "Draft" in youth
    assert "status-cancelled" in block_html(page, cancelled.id)
    # The block sits in its room's column.
    studio_column = page.split(f'data-room-id="{studio.id}" aria-labelledby')[1].split("</section>")[0]
    assert f'id="session-{draft.id}"' in studio_column

    second_day = client.get(GRID + "?day=2026-12-11").get_data(as_text=True)
    assert "Closing" in second_day and f'id="session-{opening.id}"' not in second_day


def test_an_unknown_or_malformed_day_shows_the_first_day(client, conference, signed_in):
    factories.make_room(conference)
    for query in ("?day=nonsense", "?day=2031-01-01", "?day="):
        page = client.get(GRID + query).get_data(as_text=True)
        assert 'day=2026-12-10" aria-current="page"' in page


def test_a_session_outside_the_dates_gets_its_own_day_and_is_listed_as_a_conflict(
    client, conference, signed_in
):
    hall = factories.make_room(conference)
    early = factories.make_session(
        conference, "Pre-event", datetime(2026, 12, 8, 1, 0, tzinfo=UTC), room=hall
    )
    page = client.get(GRID).get_data(as_text=True)
    assert "day=2026-12-08" in page
    assert "1 conflict" in page
    assert "“Pre-event” is outside the conference&#39;s dates." in page
    assert f'href="?day=2026-12-08#session-{early.id}"' in page


def test_sessions_without_a_room_are_listed_under_the_grid(client, conference, signed_in):
    factories.make_room(conference)
    loose = factories.make_session(conference, "Poster walk")
    page = client.get(GRID).get_data(as_text=True)
    roomless = page.split('id="roomless-list"')[1].split("</section>")[0]
    # Draggable onto a column (the page's script); no resize handle, having no place in time on the grid yet.
    assert f'id="session-{loose.id}"' in roomless and "data-draggable" in roomless
    assert "tt-resize" not in roomless


def test_a_day_when_the_clocks_change_is_laid_out_by_local_time(client, auth, app):
    """Berlin, 29 March 2026: clocks jump from 02:00 to 03:00."""
    conference = factories.make_conference(
        "berlin-2026", timezone="Europe/Berlin", start_date=date(2026, 3, 29), end_date=date(2026, 3, 29)
    )
    organiser = factories.make_user("berlin@example.org")
    factories.grant(organiser, conference, "organiser")
    hall = factories.make_room(conference)
    night = factories.make_session(
        conference, "Night watch", datetime(2026, 3, 29, 0, 0, tzinfo=UTC), 120, room=hall
    )
    morning = factories.make_session(
        conference, "Breakfast", datetime(2026, 3, 29, 7, 0, tzinfo=UTC), room=hall
    )
    auth.login(organiser.email)

    page = client.get("/c/berlin-2026/manage/agenda/").get_data(as_text=True)
    assert "The clocks change on this day in Europe/Berlin: UTC+01:00 → UTC+02:00." in page
    # 00:00 UTC is 01:00 CET; two real hours later it is 04:00 CEST: the block spans the clock, 01:00–04:00.
    assert "--start: 60; --end: 240;" in block_html(page, night.id)
    assert "--start: 540; --end: 600;" in block_html(page, morning.id)  # 07:00 UTC = 09:00 CEST
    assert "--first: 60;" in page  # the grid starts at 01:00 to show the night session


def test_a_session_across_the_autumn_clock_change_keeps_its_length(client, auth, app):
    """Berlin, 25 October 2026: at 03:00 CEST the clocks go back to 02:00 CET."""
    conference = factories.make_conference(
        "berlin-2026", timezone="Europe/Berlin", start_date=date(2026, 10, 25), end_date=date(2026, 10, 25)
    )
    organiser = factories.make_user("berlin@example.org")
    factories.grant(organiser, conference, "organiser")
    hall = factories.make_room(conference)
    # 02:30 CEST to 02:30 CET: an hour long, though the clock shows the same time at both ends.
    night = factories.make_session(
        conference, "Night watch", datetime(2026, 10, 25, 0, 30, tzinfo=UTC), room=hall
    )
    auth.login(organiser.email)
    page = client.get("/c/berlin-2026/manage/agenda/").get_data(as_text=True)
    assert "UTC+02:00 → UTC+01:00" in page
    assert "--start: 150; --end: 210;" in block_html(page, night.id)


def test_overlapping_blocks_sit_side_by_side(app, conference):
    from conference.agenda.builder import Block, side_by_side

    day = date(2026, 12, 10)
    minutes = {"A": (540, 600), "B": (570, 630), "C": (585, 595), "D": (599, 600), "E": (630, 660)}
    blocks = [
        Block(factories.make_session(conference, title), day, start, end)
        for title, (start, end) in minutes.items()
    ]
    lanes = {block.session.title: (block.lane, block.lanes) for block in side_by_side(blocks)}
    # A, B and C overlap (three lanes); D fits where C ended; E starts when the others are over.
    assert lanes == {"A": (0, 3), "B": (1, 3), "C": (2, 3), "D": (2, 3), "E": (0, 1)}


def test_the_grid_takes_a_constant_number_of_queries(client, conference, signed_in):
    rooms = [factories.make_room(conference, f"Room {n}", position=n) for n in range(4)]
    track = factories.make_track(conference)
    person = factories.make_person(conference)

    def add_sessions(count: int) -> None:
        for n in range(count):
            starts = datetime(2026, 12, 10 + n % 2, n % 10, 5 * (n % 12), tzinfo=UTC)
            factories.make_session(
                conference, f"Talk {n}", starts, 30, [(person, "speaker")], room=rooms[n % 4], track=track
            )

    def queries_for_grid() -> int:
        with count_queries() as statements:
            assert client.get(GRID).status_code == 200
        return len(statements)

    add_sessions(10)
    few = queries_for_grid()
    add_sessions(190)
    many = queries_for_grid()
    assert few == many
    assert many <= 12


@pytest.mark.parametrize("role", [None, "staff", "speaker"])
def test_only_organisers_see_the_grid(client, auth, conference, role):
    user = factories.make_user("someone@example.org")
    if role:
        factories.grant(user, conference, role)
    auth.login(user.email)
    assert client.get(GRID).status_code == 403


def test_an_organiser_of_another_conference_gets_403(client, auth, conference):
    other = factories.make_conference("other-2026")
    user = factories.make_user("other@example.org")
    factories.grant(user, other, "organiser")
    auth.login(user.email)
    assert client.get(GRID).status_code == 403
    assert client.get("/c/other-2026/manage/agenda/").status_code == 200


def test_anonymous_visitors_are_sent_to_log_in(client, conference):
    response = client.get(GRID)
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_the_organiser_menu_links_to_the_timetable(client, conference, signed_in):
    page = client.get("/c/aplc-2026/manage/sessions/").get_data(as_text=True)
    assert f'href="{GRID}"' in page and "Timetable" in page


def test_the_grid_links_to_publishing(client, conference, signed_in):
    page = client.get(GRID).get_data(as_text=True)
    assert 'href="/c/aplc-2026/manage/agenda/publish"' in page and "Publish the agenda…" in page


def test_a_thousand_sessions_render_quickly(client, conference, signed_in):
    """Issue 4: the organiser grid in under 300 ms server-side for 1,000 sessions (here with slack)."""
    rooms = [factories.make_room(conference, f"Room {n}", position=n) for n in range(12)]
    conference.end_date = date(2026, 12, 12)
    sessions = []
    for n in range(1000):
        day, slot = divmod(n, 334)
        starts = datetime(2026, 12, 10 + day, 0, 0, tzinfo=UTC) + timedelta(minutes=30 * (slot // 12))
        ends = starts + timedelta(minutes=25)
        sessions.append(
            Session(
                conference_id=conference.id,
                title=f"Talk {n}",
                starts_at=starts,
                ends_at=ends,
                room_id=rooms[slot % 12].id,
            )
        )
    db.session.add_all(sessions)
    db.session.commit()
    client.get(GRID)  # warm the template cache
    started = time.perf_counter()
    response = client.get(GRID)
    elapsed = time.perf_counter() - started
    assert response.status_code == 200
    assert response.get_data(as_text=True).count('class="tt-block') == 334
    assert elapsed < 1.0, f"{elapsed:.3f} s"
