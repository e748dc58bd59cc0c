"""A conference's home page, and who may see a draft conference."""

from __future__ import annotations

import pytest

from conference.events.models import ConferenceFormat, ConferenceStatus
from tests import factories

HOSTILE_MARKDOWN = (
    "<script>alert(1)</script>\n\n<img src=x onerror=alert(2)>\n\n[click](javascript:alert(3))\n\n"
    "<iframe src='https://evil.example'></iframe>\n\n<style>body{display:none}</style>"
)


def assert_inert(html: str) -> None:
    # Escaped text is harmless; a live tag, handler or javascript: link is not.
    for needle in ("<script>alert", "<img src=x", 'href="javascript:', "<iframe", "<style>body"):
        assert needle not in html


def test_home_shows_the_conference_at_a_glance(client, app):
    conference = factories.make_conference(
        venue_address="248 Yeonhui-ro",
        venue_map_url="https://maps.example.org/seodaemun",
        format=ConferenceFormat.IN_PERSON,
        description="The **founding** assembly.",
        primary_colour="#aa3300",
    )
    html = client.get("/c/aplc-2026/").get_data(as_text=True)
    assert "<h1" in html and "APLC Founding Assembly</h1>" in html
    assert "One Asia-Pacific Learning Cities" in html
    assert "Dec 10" in html and "11, 2026" in html
    assert "Asia/Seoul (UTC+09:00)" in html
    assert "Seodaemun-gu Office" in html and "248 Yeonhui-ro" in html and "Seoul, South Korea" in html
    assert 'href="https://maps.example.org/seodaemun"' in html
    assert "In person" in html
    assert "The <strong>founding</strong> assembly." in html
    assert f'href="/c/{conference.slug}/agenda/"' in html
    assert "--brand: #aa3300" in html


def test_the_conference_colour_gets_readable_text(client, app):
    factories.make_conference("pale", primary_colour="#ffe066")
    factories.make_conference("deep", primary_colour="#1f5f8b")
    pale = client.get("/c/pale/").get_data(as_text=True)
    deep = client.get("/c/deep/").get_data(as_text=True)
    assert "--on-brand: #1b2430; --brand-link: #1b2430;" in pale
    assert "--on-brand: #ffffff; --brand-link: #1f5f8b;" in deep


def test_a_map_address_that_is_not_a_web_address_is_not_a_link(client, app):
    factories.make_conference(venue_map_url="javascript:alert(1)")
    html = client.get("/c/aplc-2026/").get_data(as_text=True)
    assert "javascript:" not in html
    assert "Open the map" not in html


def test_home_lists_menu_pages_and_featured_speakers(client, conference):
    factories.make_page(conference, "travel", title="Travel & visa", position=2)
    factories.make_page(conference, "hidden", title="Not in the menu", in_menu=False)
    with_photo = factories.make_person(conference, "Kim Photo", photo="kim.png")
    factories.make_person(conference, "Lee Bio", bio="A biography.")
    factories.make_person(conference, "Park Nobody")  # no bio, no session: not featured
    html = client.get(f"/c/{conference.slug}/").get_data(as_text=True)
    assert f'href="/c/{conference.slug}/p/travel"' in html and "Travel &amp; visa" in html
    assert "Not in the menu" not in html
    assert "Lee Bio" in html and "LB</span>" in html  # initials avatar for someone without a photo
    assert "Park Nobody" not in html
    assert "Kim Photo" not in html  # a photo alone does not list someone
    factories.make_session(conference, "Talk", people=[(with_photo, "speaker")])
    from tests.speakers.test_public_speakers import publish  # noqa: PLC0415 - that module imports this one

    publish(conference)  # featured speakers come from the published programme
    html = client.get(f"/c/{conference.slug}/").get_data(as_text=True)
    assert html.index("Kim Photo") < html.index("Lee Bio")  # people with photos first
    assert 'src="/media/kim.png"' in html
    assert f'href="/c/{conference.slug}/speakers/{with_photo.id}"' in html


def test_at_most_six_featured_speakers(client, conference):
    for n in range(8):
        factories.make_person(conference, f"Person Number{n}", bio="Bio.")
    html = client.get(f"/c/{conference.slug}/").get_data(as_text=True)
    assert html.count('class="person-card"') == 6
    assert "All speakers" in html


def test_there_is_no_register_button_yet(client, conference):
    html = client.get(f"/c/{conference.slug}/").get_data(as_text=True)
    assert "Register" not in html and "register" not in html.lower().replace("registration", "")


def test_hostile_description_comes_out_inert(client, app):
    factories.make_conference(description=HOSTILE_MARKDOWN)
    assert_inert(client.get("/c/aplc-2026/").get_data(as_text=True))


def test_unknown_conference_gets_the_styled_404(client, app):
    response = client.get("/c/nope/")
    assert response.status_code == 404
    assert "We could not find that page" in response.get_data(as_text=True)


DRAFT_URLS = [
    "/c/draft-conf/",
    "/c/draft-conf/p/about",
    "/c/draft-conf/speakers/",
    "/c/draft-conf/agenda/",
]


@pytest.fixture
def draft(app):
    conference = factories.make_conference("draft-conf", title="Secret Draft", status=ConferenceStatus.DRAFT)
    factories.make_page(conference, "about")
    return conference


@pytest.mark.parametrize("url", DRAFT_URLS)
def test_a_draft_conference_is_not_found_by_the_public(client, draft, url):
    response = client.get(url)
    assert response.status_code == 404
    assert "Secret Draft" not in response.get_data(as_text=True)


@pytest.mark.parametrize("url", DRAFT_URLS)
def test_a_draft_conference_is_shown_to_its_organiser(client, auth, draft, url):
    factories.grant(factories.make_user("boss@example.org"), draft, "organiser")
    auth.login("boss@example.org")
    response = client.get(url)
    assert response.status_code == 200
    if url == "/c/draft-conf/":
        assert "Draft: only organisers can see this page" in response.get_data(as_text=True)


def test_a_draft_conference_is_shown_to_a_site_admin(client, auth, draft):
    factories.make_user("admin@example.org", admin=True)
    auth.login("admin@example.org")
    assert client.get("/c/draft-conf/").status_code == 200


def test_staff_and_organisers_of_other_conferences_do_not_see_a_draft(client, auth, draft, conference):
    staff = factories.make_user("staff@example.org")
    factories.grant(staff, draft, "staff")
    factories.grant(staff, conference, "organiser")
    auth.login("staff@example.org")
    assert client.get("/c/draft-conf/").status_code == 404


def test_archived_conference_is_public(client, app):
    factories.make_conference("old", status=ConferenceStatus.ARCHIVED)
    assert client.get("/c/old/").status_code == 200
