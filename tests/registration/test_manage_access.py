"""Who may open and post every organiser registration page (read from the URL map, so new routes count)."""

from __future__ import annotations

import pytest

from conference.extensions import db
from conference.registration import services
from conference.registration.models import Question
from tests import factories
from tests.conftest import call_route, manage_routes

PREFIX = "registration_manage."
OUTSIDERS = ("delegate", "staff", "other_organiser")


@pytest.fixture
def world(app, conference, organiser):
    other = factories.make_conference("other-2026", title="Another Forum")
    users = {"organiser": organiser, "admin": factories.make_user("admin@example.org", admin=True)}
    users["delegate"] = factories.make_user("delegate@example.org")
    users["staff"] = factories.make_user("staff@example.org")
    factories.grant(users["staff"], conference, "staff")
    users["other_organiser"] = factories.make_user("other@example.org")
    factories.grant(users["other_organiser"], other, "organiser")
    ticket = factories.make_ticket(conference, requires_approval=True)
    question = Question(conference_id=conference.id, label="Field visit?")
    db.session.add(question)
    db.session.commit()
    registration = services.register(conference, ticket, factories.delegate())
    ids = {
        "slug": conference.slug,
        "ticket_id": ticket.id,
        "question_id": question.id,
        "registration_id": registration.id,
    }
    return {"ids": ids, "users": {kind: user.email for kind, user in users.items()}}


def test_every_route_is_covered(app, world):
    urls = {url for _endpoint, _method, url in manage_routes(app, PREFIX, world["ids"])}
    assert len(urls) >= 18


def test_anonymous_visitors_are_sent_to_log_in(app, client, world):
    for _endpoint, method, url in manage_routes(app, PREFIX, world["ids"]):
        response = call_route(client, method, url)
        assert response.status_code == 302, (method, url)
        assert "/login" in response.headers["Location"]


@pytest.mark.parametrize("kind", OUTSIDERS)
def test_outsiders_are_refused(app, client, auth, world, kind):
    auth.login(world["users"][kind])
    for _endpoint, method, url in manage_routes(app, PREFIX, world["ids"]):
        assert call_route(client, method, url).status_code == 403, (kind, method, url)


@pytest.mark.parametrize("kind", ["organiser", "admin"])
def test_organisers_and_site_admins_open_every_page(app, client, auth, world, kind):
    auth.login(world["users"][kind])
    for _endpoint, method, url in manage_routes(app, PREFIX, world["ids"]):
        if method == "GET":
            assert client.get(url).status_code == 200, (kind, url)


def test_another_conferences_objects_are_not_found(app, client, auth, world):
    other = factories.make_conference("third-2026")
    ticket = factories.make_ticket(other)
    question = Question(conference_id=other.id, label="Elsewhere")
    db.session.add(question)
    db.session.commit()
    registration = services.register(other, ticket, factories.delegate("x@example.org"))
    auth.login(world["users"]["organiser"])
    base = "/c/aplc-2026/manage"
    for url in (
        f"{base}/tickets/{ticket.id}",
        f"{base}/tickets/{ticket.id}/delete",
        f"{base}/questions/{question.id}",
        f"{base}/questions/{question.id}/delete",
        f"{base}/registrations/{registration.id}",
        f"{base}/registrations/{registration.id}/cancel",
    ):
        assert client.get(url).status_code == 404, url
