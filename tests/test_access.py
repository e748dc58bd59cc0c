"""Who may open and post every organiser and site-admin page.

The routes are read from the URL map, so a page added to one of these blueprints later is covered
without touching this file.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select

from conference.audit.models import AuditEntry
from conference.extensions import db
from tests import factories
from tests.conftest import call_route, manage_routes

MANAGED = ("events_manage.", "speakers_manage.", "agenda_manage.", "events_admin.")
OUTSIDERS = ("delegate", "staff", "speaker", "other_organiser")


@pytest.fixture
def world(app, conference, organiser):
    """A conference with one of everything, and one user of each kind."""
    other = factories.make_conference("other-2026", title="Another Forum")
    users = {"organiser": organiser}
    users["admin"] = factories.make_user("admin@example.org", admin=True)
    users["delegate"] = factories.make_user("delegate@example.org")
    for kind in ("staff", "speaker"):
        users[kind] = factories.make_user(f"{kind}@example.org")
        factories.grant(users[kind], conference, kind)
    users["other_organiser"] = factories.make_user("other@example.org")
    factories.grant(users["other_organiser"], other, "organiser")
    person = factories.make_person(conference)
    room = factories.make_room(conference)
    track = factories.make_track(conference)
    session = factories.make_session(
        conference, starts_at=datetime(2026, 12, 10, 1, tzinfo=UTC), people=[(person, "speaker")]
    )
    ids = {
        "slug": conference.slug,
        "page_id": factories.make_page(conference).id,
        "person_id": person.id,
        "room_id": room.id,
        "track_id": track.id,
        "session_id": session.id,
        "role_id": users["staff"].roles[0].id,
    }
    return {"ids": ids, "users": {kind: user.email for kind, user in users.items()}}


def audit_count() -> int:
    return db.session.scalar(select(func.count()).select_from(AuditEntry))


def test_every_manage_area_is_enumerated(app, world):
    routes = manage_routes(app, MANAGED, world["ids"])
    endpoints = {endpoint for endpoint, _method, _url in routes}
    assert len(endpoints) >= 25
    for prefix in MANAGED:
        assert any(endpoint.startswith(prefix) for endpoint in endpoints), prefix
    assert any(method == "POST" for _endpoint, method, _url in routes)


def test_anonymous_visitors_are_sent_to_log_in(app, client, world):
    for endpoint, method, url in manage_routes(app, MANAGED, world["ids"]):
        response = call_route(client, method, url)
        assert response.status_code == 302, (endpoint, method, response.status_code)
        assert response.headers["Location"].startswith("/login"), (endpoint, response.headers["Location"])
    assert audit_count() == 0


@pytest.mark.parametrize("kind", OUTSIDERS)
def test_outsiders_are_refused(app, client, auth, world, kind):
    auth.login(world["users"][kind])
    for endpoint, method, url in manage_routes(app, MANAGED, world["ids"]):
        response = call_route(client, method, url)
        assert response.status_code == 403, (kind, endpoint, method, response.status_code)
        assert "You do not have access to this page" in response.get_data(as_text=True)
    assert audit_count() == 0


@pytest.mark.parametrize("kind", ["organiser", "admin"])
def test_organiser_and_site_admin_open_every_page(app, client, auth, world, kind):
    auth.login(world["users"][kind])
    for endpoint, method, url in manage_routes(app, MANAGED, world["ids"]):
        if method != "GET":
            continue
        response = client.get(url)
        expected = 403 if endpoint.startswith("events_admin.") and kind == "organiser" else 200
        assert response.status_code == expected, (kind, endpoint, response.status_code)


@pytest.mark.parametrize("kind", ["organiser", "admin"])
def test_organiser_and_site_admin_may_post_every_form(app, client, auth, world, kind):
    auth.login(world["users"][kind])
    for endpoint, method, url in manage_routes(app, MANAGED, world["ids"]):
        if method != "POST":
            continue
        response = call_route(client, method, url)
        if endpoint.startswith("events_admin.") and kind == "organiser":
            assert response.status_code == 403, endpoint
            continue
        # An empty form comes back with its messages (200); a confirmed delete redirects to its list.
        assert response.status_code in (200, 302), (kind, endpoint, response.status_code)
        assert not response.headers.get("Location", "").startswith("/login"), endpoint


def test_things_of_another_conference_are_not_found(app, client, auth, world):
    other = factories.make_conference("third-2026")
    foreign = {
        "page_id": factories.make_page(other).id,
        "person_id": factories.make_person(other).id,
        "room_id": factories.make_room(other).id,
        "track_id": factories.make_track(other).id,
        "session_id": factories.make_session(other).id,
        "role_id": factories.grant(factories.make_user("x@example.org"), other, "staff").id,
    }
    auth.login(world["users"]["organiser"])
    checked = 0
    for rule in app.url_map.iter_rules():
        if not rule.endpoint.startswith(MANAGED) or not set(rule.arguments) & set(foreign):
            continue
        url = rule.build(world["ids"] | foreign, append_unknown=False)[1]
        assert client.get(url).status_code == 404, rule.endpoint
        assert call_route(client, "POST", url).status_code == 404, rule.endpoint
        checked += 1
    assert checked >= 11
    assert audit_count() == 0


def test_every_page_opens_in_korean_too(app, client, auth, world):
    auth.login(world["users"]["admin"])
    client.get("/lang/ko")
    for endpoint, method, url in manage_routes(app, MANAGED, world["ids"]):
        if method == "GET":
            response = client.get(url)
            assert response.status_code == 200, endpoint
            assert '<html lang="ko">' in response.get_data(as_text=True), endpoint
