"""The public agenda: one day at a time, in the conference's time zone, published and cancelled only."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import event

from conference.agenda.models import SessionStatus, SessionType
from conference.agenda.services import UnknownDay, agenda_day, published_agenda
from conference.extensions import db
from tests import factories


@pytest.fixture
def programme(conference):
    room = factories.make_room(conference, "Grand Hall", location="2F")
    track = factories.make_track(conference, "Policy & Governance", colour="#aa3300")
    mun = factories.make_person(conference, "Mun Seok-jin", honorific="Mr")
    kwak = factories.make_person(conference, "Kwak Sang Wook")
    return {
        "opening": factories.make_session(
            conference,
            "Opening ceremony",
            room_id=room.id,
            track_id=track.id,
            languages="en,ko",
            people=[(mun, "chair"), (kwak, "speaker")],
        ),
        "parallel": factories.make_session(
            conference, "Parallel workshop", type=SessionType.WORKSHOP, minutes=90, languages="ko"
        ),
        "cancelled": factories.make_session(
            conference,
            "Cancelled panel",
            starts_at=datetime(2026, 12, 10, 2, tzinfo=UTC),
            type=SessionType.PANEL,
            status=SessionStatus.CANCELLED,
        ),
        "draft": factories.make_session(
            conference,
            "Secret draft",
            starts_at=datetime(2026, 12, 10, 3, tzinfo=UTC),
            status=SessionStatus.DRAFT,
        ),
        "day_two": factories.make_session(
            conference,
            "Closing ceremony",
            starts_at=datetime(2026, 12, 11, 7, tzinfo=UTC),
            type=SessionType.CLOSING,
        ),
    }


def agenda(client, conference, day: str | None = None) -> str:
    url = f"/c/{conference.slug}/agenda/" + (f"?day={day}" if day else "")
    response = client.get(url)
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_agenda_names_the_time_zone_and_the_day(client, conference, programme):
    html = agenda(client, conference, "2026-12-10")
    assert "All times are Asia/Seoul (UTC+09:00)." in html
    assert "Thursday, December 10, 2026" in html
    assert "<h1>Agenda</h1>" in html


def test_day_tabs_link_each_day_and_mark_the_current_one(client, conference, programme):
    html = agenda(client, conference, "2026-12-11")
    assert f'href="/c/{conference.slug}/agenda/?day=2026-12-10"' in html
    assert f'href="/c/{conference.slug}/agenda/?day=2026-12-11" aria-current="page"' in html
    assert "Day 1" in html and "Day 2" in html and "Thu, Dec 10" in html and "Fri, Dec 11" in html


def test_sessions_show_in_seoul_time_grouped_by_start(client, conference, programme):
    html = agenda(client, conference, "2026-12-10")
    # 00:00 UTC is 9:00 in Seoul; the slot runs to the later end of its two sessions.
    assert (
        '<span class="slot-start">9:00\u202fAM</span> <span class="slot-end">– 10:30\u202fAM</span>' in html
    )
    slot = html[html.index("slot-start") : html.index("11:00\u202fAM")]
    assert "Opening ceremony" in slot and "Parallel workshop" in slot
    # Sessions ending earlier than their slot show their own times.
    assert "9:00\u202fAM – 10:00\u202fAM" in slot and "9:00\u202fAM – 10:30\u202fAM" in slot
    assert html.index("Opening ceremony") < html.index("Cancelled panel")


def test_session_cards_show_type_room_track_people_and_languages(client, conference, programme):
    html = agenda(client, conference, "2026-12-10")
    opening = programme["opening"]
    assert f'href="/c/{conference.slug}/agenda/sessions/{opening.id}">Opening ceremony</a>' in html
    assert "Opening</span>" in html and "Workshop</span>" in html
    assert "Grand Hall" in html and "English, Korean" in html
    assert 'style="--track: #aa3300"' in html and "Policy &amp; Governance" in html
    assert 'Mr Mun Seok-jin</a> <span class="role">Chair</span>' in html
    assert 'Kwak Sang Wook</a> <span class="role">Speaker</span>' in html


def test_cancelled_sessions_are_marked_and_drafts_never_shown(client, conference, programme):
    html = agenda(client, conference, "2026-12-10")
    card = html[html.index("Cancelled panel") - 500 : html.index("Cancelled panel")]
    assert "is-cancelled" in card and "Cancelled</span>" in card
    assert "Secret draft" not in html


def test_each_day_shows_only_its_own_sessions(client, conference, programme):
    html = agenda(client, conference, "2026-12-11")
    assert "Closing ceremony" in html and "Opening ceremony" not in html
    assert "4:00\u202fPM" in html  # 07:00 UTC


def test_day_follows_the_conference_zone_not_utc(client, conference):
    # 15:30 UTC on the 9th is 00:30 on the 10th in Seoul.
    factories.make_session(conference, "Midnight talk", starts_at=datetime(2026, 12, 9, 15, 30, tzinfo=UTC))
    assert "Midnight talk" in agenda(client, conference, "2026-12-10")
    assert "Midnight talk" not in agenda(client, conference, "2026-12-11")


def test_default_day_is_the_first_day(client, conference, programme):
    html = agenda(client, conference)
    assert "Opening ceremony" in html and "Closing ceremony" not in html


def test_default_day_is_today_while_the_conference_runs(client, app):
    live = factories.make_conference(
        "live", start_date=date.today() - timedelta(days=3), end_date=date.today() + timedelta(days=3)
    )
    today = datetime.now(UTC).astimezone(live.tz).date()
    html = agenda(client, live)
    assert f'?day={today.isoformat()}" aria-current="page"' in html


def test_empty_day(client, conference, programme):
    factories.make_conference("empty", start_date=date(2027, 3, 1))
    html = client.get("/c/empty/agenda/").get_data(as_text=True)
    assert "No sessions are published for this day yet." in html


@pytest.mark.parametrize(
    "day", ["not-a-date", "2026-13-45", "2030-01-01", "2026-12-09", "2026-12-12", "2026-12-10%00x", "9" * 400]
)
def test_a_day_that_is_not_a_conference_day_is_not_found(client, conference, day):
    response = client.get(f"/c/{conference.slug}/agenda/?day={day}")
    assert response.status_code == 404
    assert "We could not find that page" in response.get_data(as_text=True)


def test_agenda_is_in_korean_for_a_korean_visitor(client, conference, programme):
    client.get("/lang/ko")
    html = agenda(client, conference, "2026-12-10")
    assert "2026년 12월 10일 목요일" in html
    assert "AM 9:00" in html
    assert "12월 10일 (목)" in html
    assert "영어, 한국어" in html


def test_agenda_day_service(conference):
    now = datetime(2026, 12, 10, 20, tzinfo=UTC)  # already the 11th in Seoul
    assert agenda_day(conference, None, now) == date(2026, 12, 11)
    assert agenda_day(conference, None, datetime(2027, 1, 1, tzinfo=UTC)) == date(2026, 12, 10)
    assert agenda_day(conference, "2026-12-11", now) == date(2026, 12, 11)
    with pytest.raises(UnknownDay):
        agenda_day(conference, "2026-12-12", now)
    with pytest.raises(UnknownDay):
        agenda_day(conference, "yesterday", now)


def test_published_agenda_service_groups_by_start(conference, programme):
    slots = published_agenda(conference, date(2026, 12, 10))
    assert [[s.title for s in slot.sessions] for slot in slots] == [
        ["Opening ceremony", "Parallel workshop"],
        ["Cancelled panel"],
    ]
    assert not slots[0].ends_together and slots[1].ends_together


def _count_queries(client, url: str) -> int:
    statements: list[str] = []

    def count(_conn, _cursor, statement, *_args):
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        assert client.get(url).status_code == 200
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
    return len(statements)


def _add_sessions(conference, count: int, offset: int) -> None:
    rooms = [factories.make_room(conference, f"Room {offset}-{n}") for n in range(3)]
    tracks = [factories.make_track(conference, f"Track {offset}-{n}") for n in range(2)]
    people = [factories.make_person(conference, f"Speaker {offset}-{n}") for n in range(4)]
    for n in range(count):
        factories.make_session(
            conference,
            f"Session {offset}-{n}",
            starts_at=datetime(2026, 12, 10, 0, tzinfo=UTC) + timedelta(minutes=10 * (n + offset)),
            room_id=rooms[n % 3].id,
            track_id=tracks[n % 2].id,
            people=[(people[n % 4], "speaker"), (people[(n + 1) % 4], "moderator")],
        )


def test_agenda_query_count_does_not_grow_with_sessions(client, conference):
    url = f"/c/{conference.slug}/agenda/?day=2026-12-10"
    _add_sessions(conference, 5, offset=0)
    with_five = _count_queries(client, url)
    _add_sessions(conference, 45, offset=5)
    html = client.get(url).get_data(as_text=True)
    assert html.count('class="session-card') == 50
    assert _count_queries(client, url) == with_five
