"""Every form in the app, sent malformed and hostile input by a signed-in site admin: never a 500.

The routes are read from the URL map, so a form added later is covered without touching this file.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest

from conference.extensions import db
from conference.registration import services as registrations
from conference.registration.links.tokens import make_token
from conference.registration.models import Question
from tests import factories
from tests.conftest import CSRF_INPUT

HOSTILE_VALUES = [
    "",
    "x" * 5000,
    "<script>alert('x')</script>",
    '"><img src=x onerror=alert(1)>',
    "javascript:alert(1)",
    "-1",
    "99999999999999999999",
    "2026-13-45",
    "25:99",
    "Mars/Olympus_Mons",
    "' OR 1=1 --",
    "nul\x00byte",
    "🙂" * 300,
]
FIELD_NAME = re.compile(r'<(?:input|select|textarea)\b[^>]*\bname="([^"]+)"', re.I)
SKIPPED_ENDPOINTS = {"accounts.logout"}


@pytest.fixture
def world(app):
    """One of everything, so each route with an id in its URL has something to act on."""
    conference = factories.make_conference()
    admin = factories.make_user("admin@example.org", admin=True)
    factories.grant(admin, conference, "organiser")
    person = factories.make_person(conference)
    room = factories.make_room(conference)
    track = factories.make_track(conference)
    session = factories.make_session(
        conference,
        starts_at=datetime(2026, 12, 10, 1, tzinfo=UTC),
        room_id=room.id,
        track_id=track.id,
        people=[(person, "speaker")],
    )
    page = factories.make_page(conference)
    role = admin.roles[0]
    ticket = factories.make_ticket(conference, price_minor=50000, capacity=10)
    question = _save(Question(conference_id=conference.id, label="Which workshop?", options=["A", "B"]))
    registration = registrations.register(conference, ticket, factories.delegate())
    return {
        "ticket_id": ticket.id,
        "question_id": question.id,
        "registration_id": registration.id,
        "token": make_token(registration),
        "slug": conference.slug,
        "person_id": person.id,
        "room_id": room.id,
        "track_id": track.id,
        "session_id": session.id,
        "page_id": page.id,
        "role_id": role.id,
        "user_id": admin.id,
        "conference_id": conference.id,
    }


def _save(obj):
    db.session.add(obj)
    db.session.commit()
    return obj


def _form_urls(app, world) -> list[tuple[str, str]]:
    urls = []
    for rule in app.url_map.iter_rules():
        if "POST" not in rule.methods or rule.endpoint in SKIPPED_ENDPOINTS:
            continue
        values = {}
        for arg in rule.arguments:
            if arg in world:
                values[arg] = world[arg]
            elif arg.endswith("_id") or arg == "id":
                values[arg] = next(iter(v for k, v in world.items() if k.endswith("_id")))
            else:
                values[arg] = "token-that-does-not-exist"
        urls.append((rule.endpoint, rule.build(values, append_unknown=False)[1]))
    return sorted(urls)


def test_every_form_survives_hostile_input(app, client, auth, world):
    auth.login("admin@example.org")
    urls = _form_urls(app, world)
    assert len(urls) >= 5, urls
    for endpoint, url in urls:
        page = client.get(url)
        html = page.get_data(as_text=True) if page.status_code == 200 else ""
        names = sorted(set(FIELD_NAME.findall(html)) - {"csrf_token"}) or ["q"]
        token = CSRF_INPUT.search(html)
        for value in HOSTILE_VALUES:
            data = {name: value for name in names}
            if token:
                data["csrf_token"] = token.group(1)
            response = client.post(url, data=data)
            assert response.status_code < 500, f"{endpoint} {url} with {value[:30]!r}: {response.status_code}"
            if response.status_code == 200:
                assert "<script>alert('x')</script>" not in response.get_data(as_text=True), endpoint
        # Re-login if a hostile post happened to change or end the session.
        if client.get("/account").status_code != 200:
            auth.login("admin@example.org")
