"""Saving sessions to "my agenda": logged in or through the registration link, as a form or in place."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from conference.agenda.models import SessionStatus
from conference.extensions import db
from conference.personal.models import Bookmark
from conference.registration import services as registrations
from conference.registration.links.tokens import make_token
from tests import factories
from tests.conftest import count_queries, csrf_token

START = datetime(2026, 12, 10, 0, 0, tzinfo=UTC)  # 09:00 in Seoul


@pytest.fixture
def opening(conference):
    session = factories.make_session(conference, "Opening ceremony", starts_at=START)
    factories.publish(conference)
    return session


def bookmark_url(conference, session) -> str:
    return f"/c/{conference.slug}/agenda/sessions/{session.id}/bookmark"


def saved(**owner) -> list[int]:
    return list(db.session.scalars(select(Bookmark.session_id).filter_by(**owner).order_by(Bookmark.id)))


def test_a_logged_in_user_saves_a_session_and_comes_back_to_the_agenda(client, conference, opening, mina):
    agenda = f"/c/{conference.slug}/agenda/"
    html = client.get(agenda).get_data(as_text=True)
    assert 'aria-pressed="false"' in html and ">Save<" in html
    back = f"{agenda}?day=2026-12-10#session-{opening.id}"

    response = client.post(
        bookmark_url(conference, opening),
        data={"csrf_token": csrf_token(client, agenda), "bookmarked": "1", "next": back},
    )

    assert response.status_code == 303 and response.headers["Location"] == back
    assert saved(user_id=mina.id) == [opening.id]
    html = client.get(agenda).get_data(as_text=True)
    assert 'aria-pressed="true"' in html and ">Saved<" in html
    assert 'name="bookmarked" value="0"' in html  # the next press removes it

    client.post(
        bookmark_url(conference, opening), data={"csrf_token": csrf_token(client, agenda), "bookmarked": "0"}
    )
    assert saved(user_id=mina.id) == []


def test_the_script_toggles_in_place_with_the_csrf_header(client, conference, opening, mina):
    token = csrf_token(client, f"/c/{conference.slug}/agenda/")
    headers = {"Accept": "application/json", "X-CSRFToken": token}
    response = client.post(bookmark_url(conference, opening), data={"bookmarked": "1"}, headers=headers)
    assert response.status_code == 200
    assert response.get_json() == {"session_id": opening.id, "bookmarked": True}
    again = client.post(bookmark_url(conference, opening), data={"bookmarked": "1"}, headers=headers)
    assert again.get_json()["bookmarked"] is True and saved(user_id=mina.id) == [opening.id]
    response = client.post(bookmark_url(conference, opening), data={"bookmarked": "0"}, headers=headers)
    assert response.get_json() == {"session_id": opening.id, "bookmarked": False}
    assert saved(user_id=mina.id) == []


def test_only_published_sessions_of_this_conference_can_be_saved(client, conference, opening, mina):
    draft = factories.make_session(conference, "Draft session", status=SessionStatus.DRAFT)
    unpublished = factories.make_session(conference, "Published after the last publish")
    other = factories.make_conference("other-2027")
    elsewhere = factories.make_session(other, "Elsewhere")
    factories.publish(other)
    token = csrf_token(client, f"/c/{conference.slug}/agenda/")
    json = {"Accept": "application/json"}

    for session in (draft, unpublished, elsewhere):
        response = client.post(
            bookmark_url(conference, session), data={"csrf_token": token, "bookmarked": "1"}, headers=json
        )
        assert response.status_code == 404, session.title
        assert response.get_json()["status"] == 404
    missing = f"/c/{conference.slug}/agenda/sessions/999999/bookmark"
    assert client.post(missing, data={"csrf_token": token, "bookmarked": "1"}).status_code == 404
    huge = f"/c/{conference.slug}/agenda/sessions/99999999999/bookmark"
    assert client.post(huge, data={"csrf_token": token, "bookmarked": "1"}).status_code == 404
    assert (
        client.post(
            f"/c/nowhere/agenda/sessions/{opening.id}/bookmark", data={"csrf_token": token}
        ).status_code
        == 404
    )
    assert saved(user_id=mina.id) == []


def test_bad_input_is_refused_without_saving(client, conference, opening, mina):
    url = bookmark_url(conference, opening)
    token = csrf_token(client, f"/c/{conference.slug}/agenda/")
    assert client.post(url, data={"bookmarked": "1"}).status_code == 400  # no CSRF token
    assert client.post(url, data={"bookmarked": "1"}, headers={"X-CSRFToken": "forged"}).status_code == 400
    for value in ("", "yes", "2", "1; drop table bookmark"):
        assert client.post(url, data={"csrf_token": token, "bookmarked": value}).status_code == 400
    assert client.post(url, data={"csrf_token": token}).status_code == 400
    # A "next" that leaves the site is ignored: back to the session page.
    response = client.post(
        url, data={"csrf_token": token, "bookmarked": "1", "next": "https://evil.example/"}
    )
    assert response.headers["Location"] == f"/c/{conference.slug}/agenda/sessions/{opening.id}"
    assert client.get(url).status_code == 405
    assert saved(user_id=mina.id) == [opening.id]


def test_anonymous_visitors_are_asked_to_log_in_or_use_their_link(client, conference, opening):
    agenda = client.get(f"/c/{conference.slug}/agenda/").get_data(as_text=True)
    assert "Log in or use your registration link to save sessions" in agenda
    assert "aria-pressed" not in agenda
    page = client.get(f"/c/{conference.slug}/agenda/sessions/{opening.id}").get_data(as_text=True)
    assert "or use your registration link to save sessions." in page and ">Log in</a>" in page

    token = csrf_token(client, "/login")
    response = client.post(bookmark_url(conference, opening), data={"csrf_token": token, "bookmarked": "1"})
    assert response.status_code == 303 and response.headers["Location"].startswith("/login?next=")
    response = client.post(
        bookmark_url(conference, opening),
        data={"bookmarked": "1"},
        headers={"Accept": "application/json", "X-CSRFToken": token},
    )
    assert response.status_code == 401
    assert response.get_json()["error"] == "Log in or use your registration link to save sessions."
    assert db.session.scalar(select(Bookmark.id)) is None


def registered(conference, email: str = "delegate@example.org"):
    ticket = factories.make_ticket(conference)
    return registrations.register(conference, ticket, factories.delegate(email))


def test_a_delegate_saves_through_their_registration_link(client, conference, opening):
    registration = registered(conference)
    token = make_token(registration)
    agenda = f"/c/{conference.slug}/registration/{token}/agenda"
    client.get(agenda)
    url = f"/c/{conference.slug}/registration/{token}/agenda/sessions/{opening.id}/bookmark"
    form = csrf_token(client, f"/c/{conference.slug}/agenda/sessions/{opening.id}")

    response = client.post(url, data={"csrf_token": form, "bookmarked": "1", "next": agenda})

    assert response.status_code == 303 and response.headers["Location"] == agenda
    assert saved(registration_id=registration.id) == [opening.id]
    assert "Opening ceremony" in client.get(agenda).get_data(as_text=True)


def test_a_broken_or_foreign_link_saves_nothing(client, conference, opening):
    registration = registered(conference)
    token = make_token(registration)
    other = factories.make_conference("other-2027")
    foreign = make_token(registered(other, "someone@example.org"))
    form = csrf_token(client, "/login")
    base = f"/c/{conference.slug}/registration"
    for bad in (token[:-3] + "abc", "not-a-token", foreign):
        url = f"{base}/{bad}/agenda/sessions/{opening.id}/bookmark"
        response = client.post(url, data={"csrf_token": form, "bookmarked": "1"})
        assert response.status_code == 404, bad
        assert "This link is broken" in response.get_data(as_text=True)
    registration.link_version += 1  # revoked
    db.session.commit()
    url = f"{base}/{token}/agenda/sessions/{opening.id}/bookmark"
    assert client.post(url, data={"csrf_token": form, "bookmarked": "1"}).status_code == 404
    assert db.session.scalar(select(Bookmark.id)) is None


def test_opening_the_link_lets_the_public_agenda_save_sessions_until_forgotten(client, conference, opening):
    registration = registered(conference)
    token = make_token(registration)
    client.get(f"/c/{conference.slug}/registration/{token}/agenda")
    agenda = f"/c/{conference.slug}/agenda/"
    html = client.get(agenda).get_data(as_text=True)
    assert 'aria-pressed="false"' in html
    assert f'href="/c/{conference.slug}/my-agenda"' in html  # "My agenda" in the conference menu

    client.post(
        bookmark_url(conference, opening), data={"csrf_token": csrf_token(client, agenda), "bookmarked": "1"}
    )
    assert saved(registration_id=registration.id) == [opening.id]
    my_agenda = client.get(f"/c/{conference.slug}/my-agenda").get_data(as_text=True)
    assert "Opening ceremony" in my_agenda and "Not you? Forget my registration on this device" in my_agenda

    response = client.post(
        f"/c/{conference.slug}/my-agenda/forget", data={"csrf_token": csrf_token(client, agenda)}
    )
    assert response.status_code == 303
    assert "aria-pressed" not in client.get(agenda).get_data(as_text=True)


def test_a_revoked_link_is_no_longer_remembered(client, conference, opening):
    registration = registered(conference)
    client.get(f"/c/{conference.slug}/registration/{make_token(registration)}/agenda")
    registration.link_version += 1
    db.session.commit()
    html = client.get(f"/c/{conference.slug}/agenda/").get_data(as_text=True)
    assert "aria-pressed" not in html and "Log in or use your registration link" in html


def test_the_remembered_link_is_signed(app, client, conference, opening):
    """Only a link the server signed, inside a session cookie the server signed, is accepted."""
    registered(conference)
    with client.session_transaction() as session:
        session["agenda_links"] = {str(conference.id): "WzEsMV0.forged.signature"}
    html = client.get(f"/c/{conference.slug}/agenda/").get_data(as_text=True)
    assert "aria-pressed" not in html
    client.set_cookie("session", "eyJhZ2VuZGFfbGlua3MiOnsiMSI6IngifX0.forged.x")
    assert "aria-pressed" not in client.get(f"/c/{conference.slug}/agenda/").get_data(as_text=True)


def test_the_buttons_cost_the_same_few_queries_however_many_sessions(client, conference, mina):
    workshop = dict(seat_booking=True, capacity=20)
    for n in range(3):
        factories.make_session(conference, f"Early {n}", starts_at=START + timedelta(hours=n), **workshop)
    factories.publish(conference)
    url = f"/c/{conference.slug}/agenda/?day=2026-12-10"
    with count_queries() as few:
        assert client.get(url).status_code == 200
    for n in range(3, 30):
        factories.make_session(
            conference, f"Later {n}", starts_at=START + timedelta(minutes=20 * n), **workshop
        )
    factories.publish(conference)
    with count_queries() as many:
        assert client.get(url).status_code == 200
    assert len(many) == len(few)
