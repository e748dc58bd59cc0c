"""The public site's helpers that need no request: link checks, readable colours, the listing split."""

from __future__ import annotations

from datetime import date

import pytest

from conference.events.colours import contrast_ratio, link_colour, text_colour_on
from conference.events.models import ConferenceStatus
from conference.events.queries import is_web_url, listed_conferences, visible_conference
from tests import factories


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://aplc.example/about", True),
        ("http://aplc.example", True),
        ("  HTTPS://APLC.EXAMPLE  ", True),
        ("javascript:alert(1)", False),
        ("JavaScript:alert(1)", False),
        ("data:text/html,<script>alert(1)</script>", False),
        ("//evil.example", False),
        ("/relative/path", False),
        ("https://", False),
        ("", False),
        (None, False),
        (42, False),
    ],
)
def test_only_absolute_web_addresses_count(url, expected):
    assert is_web_url(url) is expected


@pytest.mark.parametrize(
    ("colour", "text"),
    [
        ("#1f5f8b", "#ffffff"),
        ("#000000", "#ffffff"),
        ("#ffffff", "#1b2430"),
        ("#ffe066", "#1b2430"),
        ("bad", "#ffffff"),
    ],
)
def test_text_colour_reads_on_the_brand_colour(colour, text):
    assert text_colour_on(colour) == text


def test_contrast_ratio_follows_wcag():
    assert round(contrast_ratio("#000000", "#ffffff"), 1) == 21.0
    assert contrast_ratio("#777777", "#777777") == 1.0
    assert contrast_ratio("nonsense", "#ffffff") == 1.0


def test_links_keep_the_brand_colour_only_when_it_is_readable_on_white():
    assert link_colour("#1f5f8b") == "#1f5f8b"
    assert link_colour("#f2c94c") == "#1b2430"


def test_listing_split_uses_the_given_day(app):
    factories.make_conference("a", start_date=date(2030, 5, 1), end_date=date(2030, 5, 3))
    upcoming, past = listed_conferences(date(2030, 5, 3))
    assert [c.slug for c in upcoming] == ["a"] and past == []
    upcoming, past = listed_conferences(date(2030, 5, 4))
    assert upcoming == [] and [c.slug for c in past] == ["a"]


def test_visible_conference_hides_drafts_from_anonymous_viewers(app):
    factories.make_conference("d", status=ConferenceStatus.DRAFT)
    assert visible_conference("d", None) is None
    assert visible_conference("missing", None) is None
