"""A conference's content pages: Markdown bodies, the menu, and the people under welcome/about pages."""

from __future__ import annotations

import pytest

from tests import factories
from tests.events.test_public_home import HOSTILE_MARKDOWN, assert_inert


def test_page_renders_its_markdown_body(client, conference):
    factories.make_page(
        conference, "travel", title="Travel & visa", body="## Airports\n\nFly to **Incheon**."
    )
    response = client.get(f"/c/{conference.slug}/p/travel")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "<h1>Travel &amp; visa</h1>" in html
    assert "<h2>Airports</h2>" in html and "<strong>Incheon</strong>" in html
    assert "APLC 2026" in html  # the conference header


def test_the_current_page_is_marked_in_the_page_menu(client, conference):
    factories.make_page(conference, "travel", title="Travel", position=1)
    factories.make_page(conference, "venue", title="Venue", position=2)
    html = client.get(f"/c/{conference.slug}/p/venue").get_data(as_text=True)
    assert f'<a href="/c/{conference.slug}/p/venue" aria-current="page">Venue</a>' in html
    assert f'<a href="/c/{conference.slug}/p/travel" aria-current' not in html


def test_a_page_outside_the_menu_is_still_reachable(client, conference):
    factories.make_page(conference, "press", title="Press kit", in_menu=False)
    assert client.get(f"/c/{conference.slug}/p/press").status_code == 200


@pytest.mark.parametrize("slug", ["welcome", "about"])
def test_welcome_and_about_pages_introduce_the_people_with_a_bio(client, conference, slug):
    factories.make_page(conference, slug, title="Welcome messages", body="## From the chair\n\nWelcome.")
    chair = factories.make_person(conference, "Mun Seok-jin", bio="Chair.", photo="mun.png")
    factories.make_person(conference, "Kwak Sang Wook", bio="Mayor.")
    factories.make_person(conference, "Nobody Withoutbio")
    html = client.get(f"/c/{conference.slug}/p/{slug}").get_data(as_text=True)
    assert 'src="/media/mun.png"' in html
    assert f'href="/c/{conference.slug}/speakers/{chair.id}"' in html
    assert "KW</span>" in html  # initials where there is no photo
    assert "Nobody Withoutbio" not in html


def test_other_pages_do_not_list_people(client, conference):
    factories.make_page(conference, "travel", title="Travel")
    factories.make_person(conference, "Mun Seok-jin", bio="Chair.")
    assert "Mun Seok-jin" not in client.get(f"/c/{conference.slug}/p/travel").get_data(as_text=True)


def test_hostile_page_body_comes_out_inert(client, conference):
    factories.make_page(conference, "welcome", title="Welcome", body="## Hello\n\n" + HOSTILE_MARKDOWN)
    html = client.get(f"/c/{conference.slug}/p/welcome").get_data(as_text=True)
    assert "<h2>Hello</h2>" in html
    assert_inert(html)


def test_unknown_page_gets_the_styled_404(client, conference):
    response = client.get(f"/c/{conference.slug}/p/nope")
    assert response.status_code == 404
    assert "We could not find that page" in response.get_data(as_text=True)


def test_a_page_of_another_conference_is_not_found(client, conference):
    other = factories.make_conference("other")
    factories.make_page(other, "secret", title="Other page")
    assert client.get(f"/c/{conference.slug}/p/secret").status_code == 404
