"""The public site as a visitor sees it: conference list, home, pages, speakers, agenda, sessions."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from conference.agenda.models import SessionStatus, SessionType
from conference.events.models import ConferenceStatus
from tests import factories
from tests.conftest import count_queries

HOSTILE_MARKDOWN = (
    "<script>alert(1)</script>\n\n<img src=x onerror=alert(2)>\n\n[click](javascript:alert(3))\n\n"
    "<iframe src='https://evil.example'></iframe>\n\n<style>body{display:none}</style>"
)


def _assert_inert(html: str) -> None:
    # Escaped text is fine; a live tag, handler or javascript: link is not.
    for needle in ("<script>alert", "<img src=x", 'href="javascript:', "<iframe", "<style>body"):
        assert needle not in html


@pytest.fixture
def programme(conference):
    room = factories.make_room(conference, "Grand Hall", location="2F")
    track = factories.make_track(conference, "Policy", colour="#aa3300")
    mun = factories.make_person(
        conference,
        "Mun Seok-jin",
        local_name="문석진",
        position="Chair",
        organisation="APLC",
        country="KR",
        bio="Chair of the **founding committee**.",
        links=[{"label": "Site", "url": "https://aplc.example"}],
    )
    opening = factories.make_session(
        conference,
        "Opening ceremony",
        room_id=room.id,
        track_id=track.id,
        languages="en,ko",
        abstract="Welcome *all*.",
        people=[(mun, "chair")],
    )
    cancelled = factories.make_session(
        conference,
        "Cancelled panel",
        starts_at=datetime(2026, 12, 10, 2, tzinfo=UTC),
        type=SessionType.PANEL,
        status=SessionStatus.CANCELLED,
        people=[(mun, "panelist")],
    )
    draft = factories.make_session(
        conference,
        "Secret draft",
        starts_at=datetime(2026, 12, 11, 1, tzinfo=UTC),
        status=SessionStatus.DRAFT,
    )
    factories.publish(conference)  # the public pages show the published programme
    return {
        "room": room,
        "track": track,
        "mun": mun,
        "opening": opening,
        "cancelled": cancelled,
        "draft": draft,
    }


def test_index_lists_upcoming_first_then_past_and_never_drafts(client, app):
    today = date.today()
    factories.make_conference("soon", title="Soon Forum", start_date=today + timedelta(days=30))
    factories.make_conference("later", title="Later Summit", start_date=today + timedelta(days=90))
    factories.make_conference("old", title="Old Assembly", start_date=today - timedelta(days=400))
    factories.make_conference("hidden", title="Hidden Draft", status=ConferenceStatus.DRAFT)
    html = client.get("/").get_data(as_text=True)
    assert html.index("Soon Forum") < html.index("Later Summit") < html.index("Old Assembly")
    assert html.index("Upcoming") < html.index("Past")
    assert "Hidden Draft" not in html


def test_home_shows_theme_dates_zone_and_venue(client, conference):
    html = client.get(f"/c/{conference.slug}/").get_data(as_text=True)
    assert "One Asia-Pacific Learning Cities" in html
    assert "Asia/Seoul (UTC+09:00)" in html
    assert "Seodaemun-gu Office" in html and "South Korea" in html
    assert "Dec 10" in html and "11" in html


def test_draft_conference_is_hidden_from_the_public_but_not_its_organiser(client, auth, app):
    draft = factories.make_conference("draft-conf", status=ConferenceStatus.DRAFT)
    assert client.get("/c/draft-conf/").status_code == 404
    assert client.get("/c/draft-conf/agenda/").status_code == 404
    user = factories.make_user("boss@example.org")
    factories.grant(user, draft, "organiser")
    auth.login("boss@example.org")
    assert client.get("/c/draft-conf/").status_code == 200


@pytest.mark.parametrize(
    "url",
    [
        "/c/nope/",
        "/c/aplc-2026/p/nope",
        "/c/aplc-2026/speakers/999",
        "/c/aplc-2026/agenda/sessions/999",
        "/c/aplc-2026/agenda/?day=not-a-date",
        "/c/aplc-2026/agenda/?day=2030-01-01",
    ],
)
def test_unknown_things_get_a_styled_404(client, conference, url):
    response = client.get(url)
    assert response.status_code == 404
    assert "We could not find that page" in response.get_data(as_text=True)


def test_page_renders_sanitised_markdown(client, conference):
    factories.make_page(
        conference, "welcome", title="Welcome messages", body="## Hello\n\n" + HOSTILE_MARKDOWN
    )
    html = client.get(f"/c/{conference.slug}/p/welcome").get_data(as_text=True)
    assert "<h2>Hello</h2>" in html
    assert 'href="/c/aplc-2026/p/welcome"' in html  # in the conference menu
    _assert_inert(html)


def test_speakers_list_and_page(client, conference, programme):
    mun = programme["mun"]
    factories.make_person(conference, "Nobody Withoutbio")  # no bio, no session: not listed
    html = client.get(f"/c/{conference.slug}/speakers/").get_data(as_text=True)
    assert "Mun Seok-jin" in html and "문석진" in html and "Nobody Withoutbio" not in html
    html = client.get(f"/c/{conference.slug}/speakers/{mun.id}").get_data(as_text=True)
    assert "<strong>founding committee</strong>" in html
    assert 'href="https://aplc.example"' in html
    assert "Opening ceremony" in html and "Cancelled panel" in html and "Secret draft" not in html
    assert "9:00" in html  # 00:00 UTC shown in Seoul time


def test_speaker_of_another_conference_is_not_found(client, conference, app):
    other = factories.make_conference("other")
    stranger = factories.make_person(other, "Stranger", bio="x")
    assert client.get(f"/c/{conference.slug}/speakers/{stranger.id}").status_code == 404


def test_hostile_bio_and_abstract_come_out_inert(client, conference):
    person = factories.make_person(conference, "Eve", bio=HOSTILE_MARKDOWN)
    session = factories.make_session(
        conference, "Talk", abstract=HOSTILE_MARKDOWN, people=[(person, "speaker")]
    )
    factories.publish(conference)
    _assert_inert(client.get(f"/c/{conference.slug}/speakers/{person.id}").get_data(as_text=True))
    _assert_inert(client.get(f"/c/{conference.slug}/agenda/sessions/{session.id}").get_data(as_text=True))


def test_agenda_by_day_in_conference_time(client, conference, programme):
    html = client.get(f"/c/{conference.slug}/agenda/?day=2026-12-10").get_data(as_text=True)
    assert "All times are Asia/Seoul (UTC+09:00)." in html
    assert "Opening ceremony" in html and "Grand Hall" in html and "Policy" in html
    assert "9:00" in html and "10:00" in html
    assert "Cancelled panel" in html and "Cancelled" in html
    assert "Secret draft" not in html
    assert "English, Korean" in html
    day_two = client.get(f"/c/{conference.slug}/agenda/?day=2026-12-11").get_data(as_text=True)
    assert "Secret draft" not in day_two and "No sessions are published for this day yet." in day_two


def test_session_page(client, conference, programme):
    html = client.get(f"/c/{conference.slug}/agenda/sessions/{programme['opening'].id}").get_data(
        as_text=True
    )
    assert "Opening ceremony" in html and "<em>all</em>" in html and "Mun Seok-jin" in html
    assert "2F" in html and "Asia/Seoul" in html
    assert client.get(f"/c/{conference.slug}/agenda/sessions/{programme['draft'].id}").status_code == 404


def test_agenda_query_count_does_not_grow_with_sessions(client, conference, programme):
    url = f"/c/{conference.slug}/agenda/?day=2026-12-10"
    # Warm first: a version's parsed programme is cached, and only the first request loads it.
    assert client.get(url).status_code == 200
    with count_queries() as few:
        assert client.get(url).status_code == 200
    people = [factories.make_person(conference, f"Speaker {n}") for n in range(5)]
    rooms = [factories.make_room(conference, f"Room {n}") for n in range(3)]
    for n in range(40):
        factories.make_session(
            conference,
            f"Extra {n}",
            starts_at=datetime(2026, 12, 10, 3, tzinfo=UTC) + timedelta(minutes=15 * n),
            room_id=rooms[n % 3].id,
            people=[(people[n % 5], "speaker"), (people[(n + 1) % 5], "panelist")],
        )
    factories.publish(conference)
    assert "Extra 39" in client.get(url).get_data(as_text=True)
    assert client.get(url).status_code == 200
    with count_queries() as many:
        assert client.get(url).status_code == 200
    assert len(many) == len(few)
