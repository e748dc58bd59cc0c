"""The conference list at `/`: upcoming (and running) first, then past; drafts never."""

from __future__ import annotations

from datetime import date, timedelta

from conference.events.models import ConferenceFormat, ConferenceStatus
from tests import factories

TODAY = date.today()


def _days(n: int) -> date:
    return TODAY + timedelta(days=n)


def test_upcoming_soonest_first_then_past_latest_first(client, app):
    factories.make_conference("later", title="Later Summit", start_date=_days(90))
    factories.make_conference("old", title="Old Assembly", start_date=_days(-400))
    factories.make_conference("soon", title="Soon Forum", start_date=_days(30))
    factories.make_conference("recent", title="Recent Congress", start_date=_days(-40))
    factories.make_conference("now", title="Running Meeting", start_date=_days(-1), end_date=_days(1))
    html = client.get("/").get_data(as_text=True)
    order = [
        "Upcoming",
        "Running Meeting",
        "Soon Forum",
        "Later Summit",
        "Past",
        "Recent Congress",
        "Old Assembly",
    ]
    positions = [html.index(text) for text in order]
    assert positions == sorted(positions)
    assert "Happening now" in html


def test_a_conference_ending_today_is_still_upcoming(client, app):
    factories.make_conference("last-day", title="Last Day Forum", start_date=_days(-2), end_date=TODAY)
    factories.make_conference("old", title="Old Assembly", start_date=_days(-400))
    html = client.get("/").get_data(as_text=True)
    assert html.index("Upcoming") < html.index("Last Day Forum") < html.index("Past")


def test_drafts_never_appear_but_archived_ones_do(client, app):
    factories.make_conference("hidden", title="Hidden Draft", status=ConferenceStatus.DRAFT)
    factories.make_conference(
        "archive", title="Archived Assembly", status=ConferenceStatus.ARCHIVED, start_date=_days(-800)
    )
    html = client.get("/").get_data(as_text=True)
    assert "Hidden Draft" not in html and "/c/hidden/" not in html
    assert "Archived Assembly" in html


def test_cards_show_title_theme_dates_place_format_and_link(client, app):
    factories.make_conference(
        "forum",
        title="Learning Cities Forum",
        theme="Cities that learn",
        start_date=date(2031, 1, 9),
        venue_city="Bangkok",
        venue_country="TH",
        format=ConferenceFormat.ONLINE,
    )
    html = client.get("/").get_data(as_text=True)
    assert 'href="/c/forum/"' in html
    assert "Learning Cities Forum" in html and "Cities that learn" in html
    assert "Jan 9" in html and "10, 2031" in html
    assert "Bangkok, Thailand" in html
    assert "Online" in html


def test_logo_and_banner_are_shown_when_there_are_some(client, app):
    factories.make_conference("pictured", start_date=_days(10), logo="logo123.png", banner="banner456.png")
    html = client.get("/").get_data(as_text=True)
    assert 'src="/media/logo123.png"' in html
    assert 'src="/media/banner456.png"' in html


def test_empty_state_when_nothing_is_published(client, app):
    factories.make_conference("hidden", status=ConferenceStatus.DRAFT)
    response = client.get("/")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "No conferences yet" in html
    assert "Upcoming" not in html and "Past" not in html


def test_the_list_is_in_korean_for_a_korean_visitor(client, app):
    factories.make_conference("forum", start_date=date(2031, 1, 9))
    client.get("/lang/ko")
    html = client.get("/").get_data(as_text=True)
    assert '<html lang="ko">' in html
    assert "2031년 1월 9일" in html  # Babel's Korean date range
    assert "대한민국" in html  # the country in Korean
