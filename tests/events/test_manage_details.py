"""Organisers edit every field of their conference on the details page."""

from __future__ import annotations

from datetime import date
from io import BytesIO
from pathlib import Path

import pytest
from sqlalchemy import select

from conference.audit.models import AuditEntry
from conference.events.models import Conference, ConferenceFormat, ConferenceStatus
from conference.extensions import db
from tests import factories
from tests.conftest import submit

URL = "/c/aplc-2026/manage/details"


def details(**changes) -> dict:
    """Every field of the details form filled in validly, with some changed."""
    values = {
        "title": "APLC Founding Assembly",
        "short_name": "APLC 2026",
        "slug": "aplc-2026",
        "theme": "One Asia-Pacific",
        "description": "Welcome to **Seoul**.",
        "timezone": "Asia/Seoul",
        "start_date": "2026-12-10",
        "end_date": "2026-12-11",
        "venue_name": "Seodaemun-gu Office",
        "venue_address": "248 Yeonhui-ro",
        "venue_city": "Seoul",
        "venue_country": "KR",
        "venue_map_url": "https://www.openstreetmap.org/",
        "format": "hybrid",
        "status": "published",
        "contact_email": "info@example.org",
        "primary_colour": "#1f5f8b",
        "default_language": "en",
    }
    values.update(changes)
    return values


def reload(conference_id: int) -> Conference:
    db.session.expire_all()
    return db.session.get(Conference, conference_id)


def test_the_form_shows_the_current_details(client, conference, signed_in):
    html = client.get(URL).get_data(as_text=True)
    assert "Conference details" in html
    assert 'value="APLC Founding Assembly"' in html
    assert '<option selected value="Asia/Seoul">' in html or 'value="Asia/Seoul" selected' in html
    assert 'value="2026-12-10"' in html


def test_every_field_is_saved_and_audited(client, conference, signed_in):
    response = submit(
        client,
        URL,
        details(
            title="APLC Forum 2027",
            short_name="Forum 27",
            theme="Learning cities for all",
            description="## Hello\n\nA *new* description.",
            timezone="Asia/Bangkok",
            start_date="2027-03-01",
            end_date="2027-03-03",
            venue_name="Bangkok Convention Centre",
            venue_address="1 Rama IV",
            venue_city="Bangkok",
            venue_country="TH",
            venue_map_url="http://maps.example.org/bkk",
            format="online",
            status="draft",
            contact_email="forum@example.org",
            primary_colour="#2A7F62",
            default_language="ko",
        ),
        follow_redirects=True,
    )
    assert response.status_code == 200
    assert "The conference details were saved." in response.get_data(as_text=True)
    saved = reload(conference.id)
    assert (saved.title, saved.short_name, saved.theme) == (
        "APLC Forum 2027",
        "Forum 27",
        "Learning cities for all",
    )
    assert saved.description.startswith("## Hello")
    assert (saved.timezone, saved.start_date, saved.end_date) == (
        "Asia/Bangkok",
        date(2027, 3, 1),
        date(2027, 3, 3),
    )
    assert (saved.venue_name, saved.venue_address, saved.venue_city) == (
        "Bangkok Convention Centre",
        "1 Rama IV",
        "Bangkok",
    )
    assert (saved.venue_country, saved.venue_map_url) == ("TH", "http://maps.example.org/bkk")
    assert (saved.format, saved.status) == (ConferenceFormat.ONLINE, ConferenceStatus.DRAFT)
    assert (saved.contact_email, saved.primary_colour, saved.default_language) == (
        "forum@example.org",
        "#2a7f62",
        "ko",
    )
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "conference.updated"))
    assert entry.user_id == signed_in.id and entry.conference_id == conference.id
    assert entry.before["title"] == "APLC Founding Assembly" and entry.after["title"] == "APLC Forum 2027"
    assert "slug" not in entry.after  # only the changed fields are recorded


def test_changing_the_slug_moves_the_pages(client, conference, signed_in):
    response = submit(client, URL, details(slug="aplc-forum-2027"))
    assert response.status_code == 302
    assert response.headers["Location"] == "/c/aplc-forum-2027/manage/details"
    assert client.get("/c/aplc-forum-2027/manage/details").status_code == 200
    assert client.get(URL).status_code == 404


@pytest.mark.parametrize(
    ("slug", "message"),
    [
        ("APLC 2026", "Use lower-case letters, digits and single hyphens only."),
        ("aplc--2026", "Use lower-case letters, digits and single hyphens only."),
        ("-aplc", "Use lower-case letters, digits and single hyphens only."),
        ("taken-slug", "Another conference already uses this web address."),
        ("", "This field is required."),
        ("a" * 65, "Field cannot be longer than 64 characters."),
    ],
)
def test_a_bad_or_taken_slug_is_refused(client, conference, signed_in, slug, message):
    factories.make_conference("taken-slug")
    response = submit(client, URL, details(slug=slug))
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert message in html
    assert f'value="{slug}"' in html or slug == ""
    assert reload(conference.id).slug == "aplc-2026"


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("title", "", "This field is required."),
        ("title", "x" * 5000, "Field cannot be longer than 200 characters."),
        ("short_name", "x" * 41, "Field cannot be longer than 40 characters."),
        ("theme", "x" * 5000, "Field cannot be longer than 300 characters."),
        ("description", "x" * 20_001, "Field cannot be longer than 20000 characters."),
        ("timezone", "Mars/Olympus_Mons", "Choose a time zone from the list"),
        ("timezone", "", "This field is required."),
        ("start_date", "2026-13-45", "Not a valid date value."),
        ("end_date", "abc", "Not a valid date value."),
        ("start_date", "", "This field is required."),
        ("end_date", "2026-12-09", "The last day cannot be before the first day."),
        ("venue_country", "XX", "Choose a country from the list."),
        (
            "venue_map_url",
            "javascript:alert(1)",
            "Give a full web address starting with https:// or http://.",
        ),
        ("venue_map_url", "www.example.org", "Give a full web address starting with https:// or http://."),
        ("format", "teleport", "Choose one of the options in the list."),
        ("status", "secret", "Choose one of the options in the list."),
        ("contact_email", "not-an-email", "Invalid email address."),
        ("primary_colour", "red", "Give a colour as #RRGGBB"),
        ("primary_colour", "#12345g", "Give a colour as #RRGGBB"),
        ("default_language", "xx", "Choose one of the options in the list."),
    ],
)
def test_bad_input_is_refused_next_to_its_field(client, conference, signed_in, field, value, message):
    response = submit(client, URL, details(**{field: value}))
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert message in html
    assert f'id="{field}-error"' in html
    assert "Please correct the fields marked below." in html
    if value and field not in ("format", "status", "default_language", "timezone", "venue_country"):
        assert value in html  # what was typed is kept
    assert reload(conference.id).title == "APLC Founding Assembly"


def test_html_is_stored_as_text_and_shown_escaped(client, conference, signed_in):
    script = "<script>alert('x')</script>"
    submit(client, URL, details(title=f"APLC {script}", theme=script), follow_redirects=True)
    assert reload(conference.id).title == f"APLC {script}"
    for url in (URL, "/c/aplc-2026/manage/"):
        html = client.get(url).get_data(as_text=True)
        assert script not in html
        assert "&lt;script&gt;" in html


def test_a_logo_and_banner_are_uploaded_shown_and_removed(app, client, conference, signed_in, png):
    response = submit(
        client,
        URL,
        details() | {"logo_file": png("logo.png"), "banner_file": png("banner.png")},
        content_type="multipart/form-data",
        follow_redirects=True,
    )
    assert "The conference details were saved." in response.get_data(as_text=True)
    saved = reload(conference.id)
    assert saved.logo and saved.banner and saved.logo != saved.banner
    folder = Path(app.config["UPLOAD_FOLDER"])
    assert (folder / saved.logo).exists()
    html = client.get(URL).get_data(as_text=True)
    assert f'src="/media/{saved.logo}"' in html  # in the header and as the preview
    assert 'name="remove_logo"' in html
    assert client.get(f"/media/{saved.logo}").status_code == 200

    submit(client, URL, details(remove_logo="y"), follow_redirects=True)
    saved = reload(conference.id)
    assert saved.logo is None and saved.banner  # the banner stays


def test_a_text_file_named_like_an_image_is_refused(client, conference, signed_in):
    response = submit(
        client,
        URL,
        details(title="Kept title") | {"logo_file": (BytesIO(b"just some text"), "photo.jpg")},
        content_type="multipart/form-data",
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "This file is not an image we can read" in html
    assert 'id="logo_file-error"' in html
    assert 'value="Kept title"' in html
    assert reload(conference.id).logo is None


def test_an_oversized_image_is_refused(client, conference, signed_in):
    big = BytesIO(b"\x89PNG\r\n\x1a\n" + b"0" * (6 * 1024 * 1024))
    response = submit(
        client, URL, details() | {"banner_file": (big, "banner.png")}, content_type="multipart/form-data"
    )
    assert response.status_code == 200
    assert "The image is larger than 5 MB." in response.get_data(as_text=True)
    assert reload(conference.id).banner is None


def test_an_upload_over_the_request_limit_gets_a_page_not_a_crash(client, conference, signed_in):
    huge = BytesIO(b"0" * (9 * 1024 * 1024))
    response = submit(
        client, URL, details() | {"logo_file": (huge, "huge.png")}, content_type="multipart/form-data"
    )
    assert response.status_code == 413
    assert "That upload is too large" in response.get_data(as_text=True)
