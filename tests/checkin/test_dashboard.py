"""The organisers' live check-in dashboard: arrivals, in person against expected, sessions, latest scans."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest

from conference.badges.codes import badge_code
from conference.checkin import services
from conference.checkin.dashboard import checkin_board
from conference.extensions import db
from conference.registration.models import RegistrationStatus
from tests import factories
from tests.checkin.conftest import register

DASHBOARD = "/c/aplc-2026/manage/checkin/"
DAY_ONE = datetime(2026, 12, 10, 0, 0, tzinfo=UTC)  # 09:00 in Seoul


@pytest.fixture
def arrivals(conference, ticket, online_ticket):
    """Four expected in person (KR, KR, JP, TH), one online, one cancelled; three in, two at a workshop."""
    people = [
        register(conference, ticket, "a@example.org", country="KR"),
        register(conference, ticket, "b@example.org", country="KR", given_name="Bora"),
        register(conference, ticket, "c@example.org", country="JP", given_name="Chika"),
        register(conference, ticket, "d@example.org", country="TH", given_name="Dao"),
    ]
    register(conference, online_ticket, "remote@example.org")
    gone = register(conference, ticket, "gone@example.org")
    gone.status = RegistrationStatus.CANCELLED
    db.session.commit()
    workshop = factories.make_session(
        conference, "Workshop on learning cities", room=factories.make_room(conference, "Room 3", capacity=1)
    )
    moments = [DAY_ONE + timedelta(minutes=m) for m in (2, 5, 40)]
    for n, (person, at) in enumerate(zip(people, moments, strict=False)):
        services.record_scan(
            conference,
            client_id=f"e{n}",
            code=badge_code(person),
            point="entrance",
            scanned_at=at,
            by_device="Gate A",
            now=at,
        )
    for n, person in enumerate(people[:2]):
        at = DAY_ONE + timedelta(hours=1, minutes=n)
        services.record_scan(
            conference,
            client_id=f"w{n}",
            code=badge_code(person),
            point=f"session:{workshop.id}",
            scanned_at=at,
            by_device="Room 3",
            now=at,
        )
    services.record_scan(
        conference, client_id="bad", code="P1-NOPE", point="entrance", scanned_at=DAY_ONE, now=DAY_ONE
    )
    return workshop


def text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_the_board_counts_arrivals_against_expected(conference, arrivals):
    board = checkin_board(conference, DAY_ONE.date())
    assert (board.arrived, board.expected, board.percent, board.entrance_total) == (3, 4, 75, 3)
    assert [(t.key, t.arrived, t.expected) for t in board.by_country] == [
        ("KR", 2, 2),
        ("JP", 1, 1),
        ("TH", 0, 1),
    ]
    assert [(t.label, t.arrived, t.expected) for t in board.by_ticket] == [("Member-city delegate", 3, 4)]
    assert board.day == DAY_ONE.date()
    # Quarter-hours in Seoul from 09:00 to 10:00: two arrivals in the first, one in the third.
    assert [(slot.strftime("%H:%M"), n) for slot, n in board.arrivals] == [
        ("09:00", 2), ("09:15", 0), ("09:30", 1), ("09:45", 0)
    ]  # fmt: skip
    workshop = next(s for s in board.sessions if s.id == f"session:{arrivals.id}")
    assert (workshop.count, workshop.capacity) == (2, 1)
    assert [scan.result.value for scan in board.recent][:3] == [
        "unknown_code",
        "room_full",
        "ok",
    ]  # newest first


def test_the_dashboard_page(client, auth, organiser, arrivals):
    auth.login("organiser@example.org")
    page = client.get(f"{DASHBOARD}?day=2026-12-10")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    words = text(html)
    assert "3 of 4 expected in person have arrived" in words
    assert "75%" in words
    assert '<svg xmlns="http://www.w3.org/2000/svg" class="chart"' in html
    assert "Arrivals at the main entrance" in html
    assert "Japan" in words and "Thailand" in words
    assert "Workshop on learning cities" in words and "Room 3" in words
    assert "2 / 1" in words and "Full" in words
    assert "Unknown code" in words and "Room full (let in)" in words
    assert 'data-refresh-seconds="15"' in html and "js/live-board.js" in html
    assert '<meta http-equiv="refresh"' in html  # inside <noscript>: the page refreshes without JS too
    assert "checkin-manage.css" in html


def test_dashboard_json_carries_the_figures_and_the_boards_html(client, auth, organiser, arrivals):
    auth.login("organiser@example.org")
    response = client.get("/c/aplc-2026/manage/checkin/dashboard.json?day=2026-12-10")
    assert response.status_code == 200 and response.headers["Cache-Control"] == "no-store"
    body = response.get_json()
    assert (body["arrived"], body["expected"], body["entrance_total"]) == (3, 4, 3)
    assert {"id": f"session:{arrivals.id}", "count": 2, "capacity": 1} in body["sessions"]
    assert "3 of 4 expected in person have arrived" in text(body["html"])
    datetime.fromisoformat(body["updated_at"])


def test_an_empty_dashboard(client, auth, organiser, ticket):
    auth.login("organiser@example.org")
    words = text(client.get(DASHBOARD).get_data(as_text=True))
    assert "0 of 0 expected in person have arrived" in words
    assert "Nobody has been checked in at the main entrance" in words
    assert "No badge has been scanned yet." in words


def test_the_refresh_pace_can_be_slowed_for_a_wall_display(client, auth, organiser):
    auth.login("organiser@example.org")
    assert 'data-refresh-seconds="60"' in client.get(f"{DASHBOARD}?refresh=60").get_data(as_text=True)
    assert 'data-refresh-seconds="2"' in client.get(f"{DASHBOARD}?refresh=0").get_data(as_text=True)


def test_online_joins_are_shown_next_to_the_check_ins(client, auth, organiser, conference, online_ticket):
    from conference.streaming.services import record_join

    session = factories.make_session(conference, "Opening plenary")
    for email in ("online-1@example.org", "online-2@example.org"):
        record_join(register(conference, online_ticket, email), session.id, None)
    auth.login("organiser@example.org")
    html = client.get(DASHBOARD).get_data(as_text=True)
    assert '<span class="stat-number" id="checkin-online">2</span>' in html
    assert "delegates joined online" in html
    assert re.search(r"Opening plenary.*?data-label=\"Online\">2</td>", html, re.S)
