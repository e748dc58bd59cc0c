"""The public speakers list and a speaker's own page."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from conference.agenda.models import AgendaVersion, SessionStatus, SessionType
from conference.agenda.published import build_snapshot, latest_version
from conference.extensions import db
from conference.speakers.queries import initials
from tests import factories
from tests.events.test_public_home import HOSTILE_MARKDOWN, assert_inert


def publish(conference) -> None:
    """Publish the working programme as the next version (factories.publish once the agenda has it)."""
    if hasattr(factories, "publish"):
        factories.publish(conference)
        return
    latest = latest_version(conference.id)
    number = latest.number + 1 if latest else 1
    db.session.add(
        AgendaVersion(conference_id=conference.id, number=number, snapshot=build_snapshot(conference.id))
    )
    db.session.commit()


@pytest.fixture
def mun(conference):
    return factories.make_person(
        conference,
        "Mun Seok-jin",
        honorific="Mr",
        local_name="문석진",
        position="Chairperson",
        organisation="APLC Founding Committee",
        city="Seoul",
        country="KR",
        bio="Chair of the **founding committee**.",
        links=[
            {"label": "APLC", "url": "https://aplc.example"},
            {"label": "Evil", "url": "javascript:alert(1)"},
            {"label": "", "url": "http://plain.example/page"},
            {"label": "No address"},
            "not even a dict",
        ],
    )


@pytest.fixture
def programme(conference, mun):
    room = factories.make_room(conference, "Grand Hall")
    sessions = {
        "opening": factories.make_session(
            conference, "Opening ceremony", room_id=room.id, people=[(mun, "chair"), (mun, "speaker")]
        ),
        "cancelled": factories.make_session(
            conference,
            "Cancelled panel",
            starts_at=datetime(2026, 12, 11, 5, 30, tzinfo=UTC),
            type=SessionType.PANEL,
            status=SessionStatus.CANCELLED,
            people=[(mun, "panelist")],
        ),
        "draft": factories.make_session(
            conference,
            "Secret draft",
            starts_at=datetime(2026, 12, 11, 1, tzinfo=UTC),
            status=SessionStatus.DRAFT,
            people=[(mun, "speaker")],
        ),
    }
    publish(conference)
    return sessions


def test_list_shows_people_in_public_sessions_or_with_a_bio_by_name(client, conference, mun):
    in_session = factories.make_person(conference, "Ahn Speaker")
    in_draft_only = factories.make_person(conference, "Choi Draftonly")
    factories.make_person(conference, "Nobody Withoutbio")
    factories.make_session(conference, "Talk", people=[(in_session, "speaker")])
    factories.make_session(
        conference, "Draft", status=SessionStatus.DRAFT, people=[(in_draft_only, "speaker")]
    )
    cancelled_only = factories.make_person(conference, "Baek Cancelled")
    factories.make_session(
        conference, "Gone", status=SessionStatus.CANCELLED, people=[(cancelled_only, "speaker")]
    )
    publish(conference)
    html = client.get(f"/c/{conference.slug}/speakers/").get_data(as_text=True)
    assert html.index("Ahn Speaker") < html.index("Baek Cancelled") < html.index("Mun Seok-jin")
    assert "Nobody Withoutbio" not in html and "Choi Draftonly" not in html


def test_list_cards_show_name_local_name_position_organisation_and_place(client, conference, mun):
    html = client.get(f"/c/{conference.slug}/speakers/").get_data(as_text=True)
    assert "Mr Mun Seok-jin" in html and "문석진" in html
    assert "Chairperson" in html and "APLC Founding Committee" in html
    assert "Seoul, South Korea" in html
    assert "MS</span>" in html  # initials avatar in the conference colour
    assert f'href="/c/{conference.slug}/speakers/{mun.id}"' in html


def test_list_shows_a_photo_when_there_is_one(client, conference):
    factories.make_person(conference, "Kim Photo", bio="Bio.", photo="abc123.jpg")
    html = client.get(f"/c/{conference.slug}/speakers/").get_data(as_text=True)
    assert 'src="/media/abc123.jpg"' in html and "KP</span>" not in html


def test_empty_speakers_page(client, conference):
    html = client.get(f"/c/{conference.slug}/speakers/").get_data(as_text=True)
    assert "Speakers will be announced soon" in html


def test_speaker_page_shows_the_person(client, conference, mun):
    response = client.get(f"/c/{conference.slug}/speakers/{mun.id}")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "<h1>Mr Mun Seok-jin</h1>" in html
    assert "문석진" in html and "Chairperson" in html and "APLC Founding Committee" in html
    assert "Seoul, South Korea" in html
    assert "Chair of the <strong>founding committee</strong>." in html


def test_speaker_links_are_only_web_addresses(client, conference, mun):
    html = client.get(f"/c/{conference.slug}/speakers/{mun.id}").get_data(as_text=True)
    assert '<a href="https://aplc.example" rel="noopener noreferrer nofollow">APLC</a>' in html
    assert (
        '<a href="http://plain.example/page" rel="noopener noreferrer nofollow">http://plain.example/page</a>'
        in html
    )
    assert "javascript:" not in html and "Evil" not in html and "No address" not in html


def test_speaker_sessions_public_only_in_seoul_time_with_roles(client, conference, mun, programme):
    html = client.get(f"/c/{conference.slug}/speakers/{mun.id}").get_data(as_text=True)
    assert "Opening ceremony" in html and "Secret draft" not in html
    assert "Thursday, December 10, 2026" in html
    assert "9:00\u202fAM – 10:00\u202fAM" in html  # 00:00 UTC is 9:00 in Seoul
    assert "Chair, Speaker" in html  # both roles in one session, listed once
    assert html.count("Opening ceremony") == 1
    assert "Grand Hall" in html
    assert "Friday, December 11, 2026" in html and "2:30\u202fPM – 3:30\u202fPM" in html
    cancelled = html[html.index("Cancelled panel") - 600 : html.index("Cancelled panel") + 300]
    assert "is-cancelled" in cancelled and "Cancelled</span>" in cancelled and "Panelist" in cancelled
    assert html.index("Opening ceremony") < html.index("Cancelled panel")


def test_speaker_without_sessions(client, conference, mun):
    factories.make_session(conference, "Not yet published", people=[(mun, "speaker")])
    html = client.get(f"/c/{conference.slug}/speakers/{mun.id}").get_data(as_text=True)
    assert "No sessions have been announced yet." in html


def test_speaker_times_follow_the_visitor_language(client, conference, mun, programme):
    client.get("/lang/ko")
    html = client.get(f"/c/{conference.slug}/speakers/{mun.id}").get_data(as_text=True)
    assert "2026년 12월 10일 목요일" in html and factories.ko_time(9, 0) in html


def test_hostile_bio_comes_out_inert(client, conference):
    eve = factories.make_person(conference, "Eve", bio=HOSTILE_MARKDOWN)
    assert_inert(client.get(f"/c/{conference.slug}/speakers/{eve.id}").get_data(as_text=True))
    assert_inert(client.get(f"/c/{conference.slug}/speakers/").get_data(as_text=True))


def test_person_of_another_conference_is_not_found(client, conference):
    other = factories.make_conference("other")
    stranger = factories.make_person(other, "Stranger", bio="x")
    response = client.get(f"/c/{conference.slug}/speakers/{stranger.id}")
    assert response.status_code == 404
    assert "We could not find that page" in response.get_data(as_text=True)
    assert client.get(f"/c/other/speakers/{stranger.id}").status_code == 200


@pytest.mark.parametrize("path", ["999", "abc", "-1"])
def test_unknown_speaker_is_not_found(client, conference, path):
    response = client.get(f"/c/{conference.slug}/speakers/{path}")
    assert response.status_code == 404
    assert "We could not find that page" in response.get_data(as_text=True)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Mun Seok-jin", "MS"),
        ("David Atchoarena", "DA"),
        ("Kwak Sang Wook", "KW"),
        ("Plato", "P"),
        ("문석진", "문"),
        ("  ", "?"),
        ("Rahman, Ayesha", "RA"),
    ],
)
def test_initials(name, expected):
    assert initials(name) == expected


def test_speaker_page_shows_the_published_programme_not_the_working_copy(client, conference, mun, programme):
    opening = programme["opening"]
    opening.title = "Renamed but not published"
    db.session.commit()
    factories.make_session(conference, "Added after publishing", people=[(mun, "speaker")])
    html = client.get(f"/c/{conference.slug}/speakers/{mun.id}").get_data(as_text=True)
    assert "Opening ceremony" in html
    assert "Renamed but not published" not in html and "Added after publishing" not in html
    publish(conference)
    html = client.get(f"/c/{conference.slug}/speakers/{mun.id}").get_data(as_text=True)
    assert "Renamed but not published" in html and "Added after publishing" in html
