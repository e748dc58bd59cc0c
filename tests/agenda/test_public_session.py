"""A session's public page."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from conference.agenda.models import SessionStatus, SessionType
from tests import factories
from tests.events.test_public_home import HOSTILE_MARKDOWN, assert_inert


@pytest.fixture
def keynote(conference):
    room = factories.make_room(conference, "Grand Hall", location="2F, main building")
    track = factories.make_track(conference, "Policy", colour="#2a7f62")
    chair = factories.make_person(conference, "Mun Seok-jin", honorific="Mr", organisation="APLC")
    first = factories.make_person(conference, "David Atchoarena", honorific="Dr", position="Director")
    second = factories.make_person(conference, "Lim Hyun Mook", photo="lim.png")
    return factories.make_session(
        conference,
        "Keynote: learning cities",
        starts_at=datetime(2026, 12, 11, 1, 30, tzinfo=UTC),
        minutes=45,
        type=SessionType.KEYNOTE,
        room_id=room.id,
        track_id=track.id,
        languages="en,ko",
        capacity=250,
        abstract="Why *cities* learn.",
        people=[(chair, "chair"), (first, "speaker"), (second, "speaker")],
    )


def session_page(client, conference, session) -> str:
    response = client.get(f"/c/{conference.slug}/agenda/sessions/{session.id}")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_session_page_shows_everything_about_the_session(client, conference, keynote):
    html = session_page(client, conference, keynote)
    assert "Keynote: learning cities</h1>" in html
    assert "Keynote</span>" in html
    assert "Friday, December 11, 2026" in html
    assert "10:30\u202fAM – 11:15\u202fAM" in html  # 01:30 UTC in Seoul
    assert "Asia/Seoul (UTC+09:00)" in html
    assert "Grand Hall" in html and "2F, main building" in html
    assert "Policy" in html and 'style="--track: #2a7f62"' in html
    assert "English, Korean" in html
    assert "250 seats" in html
    assert "Why <em>cities</em> learn." in html


def test_people_are_grouped_by_role_with_links(client, conference, keynote):
    html = session_page(client, conference, keynote)
    assert html.index("Chairs</h2>") < html.index("Mr Mun Seok-jin") < html.index("Speakers</h2>")
    assert html.index("Speakers</h2>") < html.index("Dr David Atchoarena") < html.index("Lim Hyun Mook")
    for link in keynote.people:
        assert f'href="/c/{conference.slug}/speakers/{link.person_id}"' in html
    assert "Moderators</h2>" not in html and "Panelists</h2>" not in html
    assert 'src="/media/lim.png"' in html and "MS</span>" in html


def test_back_link_goes_to_the_session_day(client, conference, keynote):
    html = session_page(client, conference, keynote)
    assert f'href="/c/{conference.slug}/agenda/?day=2026-12-11"' in html


def test_cancelled_session_is_shown_as_cancelled(client, conference):
    session = factories.make_session(conference, "Cancelled panel", status=SessionStatus.CANCELLED)
    html = session_page(client, conference, session)
    assert "Cancelled</span>" in html and "This session has been cancelled." in html
    assert "is-cancelled" in html


def test_a_session_with_little_information(client, conference):
    session = factories.make_session(conference, "Coffee break", type=SessionType.BREAK, languages="")
    html = session_page(client, conference, session)
    assert "Coffee break</h1>" in html and "Break</span>" in html
    assert "Room</dt>" not in html and "Capacity</dt>" not in html and "Languages</dt>" not in html


def test_hostile_abstract_comes_out_inert(client, conference):
    session = factories.make_session(conference, "Talk", abstract=HOSTILE_MARKDOWN)
    assert_inert(session_page(client, conference, session))


def test_draft_session_is_not_found_even_for_organisers(client, auth, conference, organiser):
    draft = factories.make_session(conference, "Secret draft", status=SessionStatus.DRAFT)
    assert client.get(f"/c/{conference.slug}/agenda/sessions/{draft.id}").status_code == 404
    auth.login(organiser.email)
    assert client.get(f"/c/{conference.slug}/agenda/sessions/{draft.id}").status_code == 404


def test_session_of_another_conference_is_not_found(client, conference):
    other = factories.make_conference("other")
    session = factories.make_session(other, "Elsewhere")
    response = client.get(f"/c/{conference.slug}/agenda/sessions/{session.id}")
    assert response.status_code == 404
    assert "We could not find that page" in response.get_data(as_text=True)


def test_unknown_session_is_not_found(client, conference):
    response = client.get(f"/c/{conference.slug}/agenda/sessions/999")
    assert response.status_code == 404
    assert "We could not find that page" in response.get_data(as_text=True)


def test_session_in_korean(client, conference, keynote):
    client.get("/lang/ko")
    html = session_page(client, conference, keynote)
    assert "2026년 12월 11일 금요일" in html and "AM 10:30" in html
