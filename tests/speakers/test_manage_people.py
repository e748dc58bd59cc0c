"""Organisers keep the conference's people: speakers, chairs, moderators and dignitaries."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

import pytest
from sqlalchemy import select

from conference.agenda.models import SessionPerson
from conference.audit.models import AuditEntry
from conference.extensions import db
from conference.speakers.models import Person
from tests import factories
from tests.conftest import submit

PEOPLE = "/c/aplc-2026/manage/people/"
NEW = "/c/aplc-2026/manage/people/new"


def person_data(**changes) -> dict:
    return {
        "honorific": "Mayor",
        "full_name": "Mun Seok-jin",
        "local_name": "문석진",
        "position": "Chairperson",
        "organisation": "Seodaemun-gu",
        "city": "Seoul",
        "country": "KR",
        "bio": "Mayor of **Seodaemun-gu**.",
        "links_text": "Website | https://www.sdm.go.kr\nProfile | http://example.org/mun",
    } | changes


def the_person() -> Person:
    db.session.expire_all()
    return db.session.scalar(select(Person))


def test_people_are_listed_by_name(client, conference, signed_in):
    factories.make_person(conference, "Zhang Wei", organisation="UNESCO")
    factories.make_person(conference, "ahn Jung-ho")
    factories.make_person(factories.make_conference("other"), "Not Here")
    html = client.get(PEOPLE).get_data(as_text=True)
    assert html.index("ahn Jung-ho") < html.index("Zhang Wei")
    assert "UNESCO" in html and "Not Here" not in html


def test_create_edit_and_delete_a_person(client, conference, signed_in):
    response = submit(client, NEW, person_data(), follow_redirects=True)
    html = response.get_data(as_text=True)
    assert "Mun Seok-jin was saved." in html
    assert "Mayor Mun Seok-jin" in html and "문석진" in html and "South Korea" in html
    person = the_person()
    assert (person.honorific, person.local_name, person.position, person.city, person.country) == (
        "Mayor",
        "문석진",
        "Chairperson",
        "Seoul",
        "KR",
    )
    assert person.links == [
        {"label": "Website", "url": "https://www.sdm.go.kr"},
        {"label": "Profile", "url": "http://example.org/mun"},
    ]
    assert client.get("/c/aplc-2026/speakers/").status_code == 200

    edit = f"/c/aplc-2026/manage/people/{person.id}"
    form = client.get(edit).get_data(as_text=True)
    assert "Website | https://www.sdm.go.kr\nProfile | http://example.org/mun" in form
    submit(client, edit, person_data(organisation="APLC", country="", links_text=""))
    person = the_person()
    assert (person.organisation, person.country, person.links) == ("APLC", "", [])

    assert "Delete Mayor Mun Seok-jin?" in client.get(f"{edit}/delete").get_data(as_text=True)
    response = submit(client, f"{edit}/delete", follow_redirects=True)
    assert "Mayor Mun Seok-jin was deleted." in response.get_data(as_text=True)
    assert the_person() is None
    actions = list(db.session.scalars(select(AuditEntry.action).order_by(AuditEntry.id)))
    assert actions == ["person.created", "person.updated", "person.deleted"]


def test_deleting_a_person_takes_them_out_of_their_sessions(client, conference, signed_in):
    person = factories.make_person(conference)
    session = factories.make_session(conference, people=[(person, "speaker"), (person, "chair")])
    confirm = client.get(f"/c/aplc-2026/manage/people/{person.id}/delete").get_data(as_text=True)
    assert "They will be removed from the session they appear in." in confirm
    submit(client, f"/c/aplc-2026/manage/people/{person.id}/delete")
    assert db.session.scalars(select(SessionPerson)).all() == []
    assert db.session.get(type(session), session.id) is not None


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("full_name", "", "This field is required."),
        ("full_name", "   ", "This field is required."),
        ("full_name", "x" * 5000, "Field cannot be longer than 200 characters."),
        ("honorific", "x" * 41, "Field cannot be longer than 40 characters."),
        ("local_name", "문" * 201, "Field cannot be longer than 200 characters."),
        ("position", "x" * 5000, "Field cannot be longer than 200 characters."),
        ("organisation", "x" * 201, "Field cannot be longer than 200 characters."),
        ("city", "x" * 101, "Field cannot be longer than 100 characters."),
        ("country", "XX", "Choose a country from the list."),
        ("country", "Korea", "Choose a country from the list."),
        ("bio", "x" * 10_001, "Field cannot be longer than 10000 characters."),
        ("links_text", "https://example.org", "Line 1: write “Label | https://…”."),
        (
            "links_text",
            "Site | javascript:alert(1)",
            "Line 1: the address must start with https:// or http://.",
        ),
        ("links_text", "Site | https://ok.org\nBad | ftp://example.org", "Line 2: the address must start"),
        ("links_text", "Site | example.org", "Line 1: the address must start with https:// or http://."),
        ("links_text", " | https://example.org", "Line 1: write “Label | https://…”."),
        ("links_text", "x" * 61 + " | https://example.org", "Line 1: keep the label under 60 characters."),
        ("links_text", "\n".join(f"L{n} | https://e.org/{n}" for n in range(11)), "Give at most 10 links."),
        ("links_text", "x" * 6001, "Field cannot be longer than 6000 characters."),
    ],
)
def test_bad_input_is_refused(client, conference, signed_in, field, value, message):
    response = submit(client, NEW, person_data(**{field: value}))
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert message in html
    assert f'id="{field}-error"' in html
    if value.strip() and field != "country":
        assert value.split("\n")[0].replace("'", "&#39;") in html  # what was typed is kept
    assert the_person() is None


def test_html_is_shown_escaped(client, conference, signed_in):
    submit(
        client,
        NEW,
        person_data(full_name="<script>alert('x')</script>", organisation='"><img src=x onerror=alert(1)>'),
    )
    html = client.get(PEOPLE).get_data(as_text=True)
    assert "<script>alert('x')</script>" not in html and "<img src=x" not in html
    assert "&lt;script&gt;" in html


def test_a_photo_is_uploaded_shown_and_removed(app, client, conference, signed_in, png):
    response = submit(
        client, NEW, person_data() | {"photo_file": png("mun.png")}, content_type="multipart/form-data"
    )
    assert response.status_code == 302
    person = the_person()
    assert person.photo and (Path(app.config["UPLOAD_FOLDER"]) / person.photo).exists()
    assert f'src="/media/{person.photo}"' in client.get(PEOPLE).get_data(as_text=True)
    edit = f"/c/aplc-2026/manage/people/{person.id}"
    assert f'src="/media/{person.photo}"' in client.get(edit).get_data(as_text=True)

    submit(client, edit, person_data(bio="New bio"))  # no new file: the photo stays
    assert the_person().photo == person.photo
    submit(client, edit, person_data(remove_photo="y"))
    assert the_person().photo is None


def test_a_text_file_named_photo_jpg_is_refused(client, conference, signed_in):
    response = submit(
        client,
        NEW,
        person_data() | {"photo_file": (BytesIO(b"<html>not a photo</html>"), "photo.jpg")},
        content_type="multipart/form-data",
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "This file is not an image we can read (use JPEG, PNG or WebP)." in html
    assert 'id="photo_file-error"' in html
    assert 'value="Mun Seok-jin"' in html
    assert the_person() is None


def test_an_oversized_photo_is_refused(client, conference, signed_in):
    big = BytesIO(b"\xff\xd8\xff" + b"0" * (5 * 1024 * 1024 + 10))
    response = submit(
        client, NEW, person_data() | {"photo_file": (big, "big.jpg")}, content_type="multipart/form-data"
    )
    assert "The image is larger than 5 MB." in response.get_data(as_text=True)
    assert the_person() is None


def test_unknown_or_foreign_people_are_not_found(client, conference, signed_in):
    stranger = factories.make_person(factories.make_conference("other"))
    assert client.get(f"/c/aplc-2026/manage/people/{stranger.id}").status_code == 404
    assert client.get("/c/aplc-2026/manage/people/12345/delete").status_code == 404
