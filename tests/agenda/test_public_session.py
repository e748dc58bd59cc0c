"""A session's public page."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from icalendar import Calendar

from conference.agenda.models import SessionStatus, SessionType
from conference.extensions import db
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
    factories.publish(conference)
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
    factories.publish(conference)
    assert client.get(f"/c/{conference.slug}/agenda/sessions/{draft.id}").status_code == 404
    auth.login(organiser.email)
    assert client.get(f"/c/{conference.slug}/agenda/sessions/{draft.id}").status_code == 404


def test_session_of_another_conference_is_not_found(client, conference):
    other = factories.make_conference("other")
    session = factories.make_session(other, "Elsewhere")
    factories.publish(other)
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
    assert "2026년 12월 11일 금요일" in html and factories.ko_time(10, 30) in html


def test_session_page_shows_the_published_version(client, conference, keynote):
    session_page(client, conference, keynote)  # publishes
    keynote.title = "Renamed, not yet published"
    db.session.commit()
    html = client.get(f"/c/{conference.slug}/agenda/sessions/{keynote.id}").get_data(as_text=True)
    assert "Keynote: learning cities</h1>" in html and "Renamed" not in html


def test_materials_are_linked_and_only_web_links(client, conference, keynote):
    keynote.materials = [
        {"label": "Slides", "url": "https://example.org/slides.pdf"},
        {"label": "Evil", "url": "javascript:alert(1)"},
        {"label": "", "url": "http://example.org/notes"},
    ]
    db.session.commit()
    html = session_page(client, conference, keynote)
    assert "Slides and materials</h2>" in html
    assert '<a href="https://example.org/slides.pdf" rel="noopener nofollow">Slides</a>' in html
    assert '<a href="http://example.org/notes" rel="noopener nofollow">http://example.org/notes</a>' in html
    assert "javascript:" not in html


def test_times_in_the_viewers_zone(client, conference, keynote):
    html = session_page(client, conference, keynote)
    # No zone chosen: the browser's zone is filled in by the script.
    assert "data-browser-time" in html and 'data-start="2026-12-11T01:30:00+00:00"' in html
    client.set_cookie("agenda_tz", "Europe/London")
    html = client.get(f"/c/{conference.slug}/agenda/sessions/{keynote.id}").get_data(as_text=True)
    assert "Your time</dt>" in html and "1:30\u202fAM – 2:15\u202fAM" in html
    assert "Europe/London (UTC+00:00)" in html
    assert "10:30\u202fAM – 11:15\u202fAM" in html  # still the conference's time first


def test_add_to_calendar(client, conference, keynote):
    html = session_page(client, conference, keynote)
    url = f"/c/{conference.slug}/agenda/sessions/{keynote.id}.ics"
    assert f'href="{url}" download>Add to calendar</a>' in html
    assert "https://calendar.google.com/calendar/render?action=TEMPLATE&amp;text=Keynote" in html
    assert "dates=20261211T013000Z%2F20261211T021500Z" in html
    assert "https://outlook.live.com/calendar/0/deeplink/compose?" in html
    response = client.get(url)
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/calendar")
    assert f'filename="{conference.slug}-session-{keynote.id}.ics"' in response.headers["Content-Disposition"]
    calendar = Calendar.from_ical(response.data)
    [event] = calendar.walk("VEVENT")
    assert event["UID"] == f"session-{keynote.id}-{conference.slug}@localhost"
    assert event.decoded("DTSTART") == datetime(2026, 12, 11, 1, 30, tzinfo=UTC)
    assert event.decoded("DTEND") == datetime(2026, 12, 11, 2, 15, tzinfo=UTC)
    # Local time with the conference's zone, which the file carries as a VTIMEZONE.
    assert "DTSTART;TZID=Asia/Seoul:20261211T103000" in response.get_data(as_text=True)
    assert calendar.walk("VTIMEZONE")[0]["TZID"] == "Asia/Seoul"
    assert str(calendar["X-WR-CALNAME"]) == "Keynote: learning cities · APLC 2026"
    assert str(event["SUMMARY"]) == "Keynote: learning cities"
    assert str(event["LOCATION"]) == "Grand Hall, 2F, main building, Seodaemun-gu Office, Seoul, South Korea"
    assert str(event["URL"]) == f"http://localhost/c/{conference.slug}/agenda/sessions/{keynote.id}"
    assert "Dr David Atchoarena" in str(event["DESCRIPTION"])
    assert str(event["STATUS"]) == "CONFIRMED"
    # The same UID every time, so calendars update the event.
    again = Calendar.from_ical(client.get(url).data).walk("VEVENT")[0]
    assert again["UID"] == event["UID"]


def test_calendar_of_a_cancelled_session_says_so(client, conference):
    session = factories.make_session(conference, "Cancelled panel", status=SessionStatus.CANCELLED)
    html = session_page(client, conference, session)
    assert "Add to calendar" not in html
    event = Calendar.from_ical(client.get(f"/c/{conference.slug}/agenda/sessions/{session.id}.ics").data)
    assert str(event.walk("VEVENT")[0]["STATUS"]) == "CANCELLED"


def test_calendar_of_a_draft_or_unknown_session_is_not_found(client, conference, keynote):
    draft = factories.make_session(conference, "Secret draft", status=SessionStatus.DRAFT)
    factories.publish(conference)
    for session_id in (draft.id, 999, 99999999999):
        assert client.get(f"/c/{conference.slug}/agenda/sessions/{session_id}.ics").status_code == 404
    assert client.get(f"/c/nowhere/agenda/sessions/{keynote.id}.ics").status_code == 404


def test_session_page_has_a_slot_for_the_personal_controls(client, conference, keynote):
    html = session_page(client, conference, keynote)
    assert "Keynote: learning cities</h1>" in html  # renders with or without personal/_session_buttons.html


def test_short_address_shows_the_same_page(client, conference, keynote):
    session_page(client, conference, keynote)
    response = client.get(f"/c/{conference.slug}/agenda/{keynote.id}")
    assert response.status_code == 200 and "Keynote: learning cities</h1>" in response.get_data(as_text=True)
    assert client.get(f"/c/{conference.slug}/agenda/999").status_code == 404
    assert client.get(f"/c/{conference.slug}/agenda").status_code == 200  # no redirect for the missing slash
