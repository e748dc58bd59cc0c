"""A forgotten password: the same answer for any address, a mailed link that works once and expires."""

from __future__ import annotations

import time

import itsdangerous.timed
import pytest

from conference.accounts import services
from conference.mail.models import MessageStatus
from tests.accounts.conftest import account, outbox, reset_path
from tests.conftest import submit
from tests.factories import PASSWORD

NEW_PASSWORD = "a brand new passphrase"
SAME_ANSWER = "If an account exists for that address, we have sent it a link to choose a new password."


def ask_for_link(client, email: str = "mina@example.org"):
    return submit(client, "/password/forgot", {"email": email}, follow_redirects=True)


def choose(client, path: str, password: str = NEW_PASSWORD, confirm: str | None = None, form_url=None):
    fields = {"password": password, "confirm": password if confirm is None else confirm}
    return submit(client, path, fields, form_url=form_url)


def test_the_form_is_labelled_and_links_back(client):
    html = client.get("/password/forgot").get_data(as_text=True)
    assert '<h1 id="page-heading">Forgot your password?</h1>' in html
    assert '<label for="email">E-mail address ' in html
    assert 'autocomplete="email"' in html
    assert "for 60 minutes" in html
    assert 'href="/login"' in html


def test_a_known_address_gets_a_link_by_mail(client, member):
    response = ask_for_link(client, "  MINA@example.org")
    assert SAME_ANSWER in response.get_data(as_text=True)
    assert response.request.path == "/login"
    [message] = outbox()
    assert message.recipient == "mina@example.org"
    assert message.subject == "Choose a new password for Plenary"
    assert message.status == MessageStatus.LOGGED  # no SMTP server in tests: delivered to the log at once
    assert message.body_text.startswith("Hello Mina Park,")
    assert "The link works once, for 60 minutes." in message.body_text
    assert reset_path(message).startswith("/password/reset/")


def test_an_unknown_address_gets_the_same_answer_and_no_mail(client, member):
    response = ask_for_link(client, "nobody@example.org")
    assert SAME_ANSWER in response.get_data(as_text=True)
    assert outbox() == []


def test_the_link_starts_with_the_configured_address(app, client, member):
    app.config["BASE_URL"] = "https://plenary.example.org"
    ask_for_link(client)
    assert "https://plenary.example.org/password/reset/" in outbox()[0].body_text


@pytest.mark.parametrize(
    ("email", "message"),
    [
        ("", "This field is required."),
        ("not-an-address", "Enter an e-mail address like name@example.org."),
        ("x" * 1000, "Use at most 254 characters."),
        ("<script>alert('x')</script>", "Enter an e-mail address like name@example.org."),
    ],
)
def test_bad_addresses_are_answered_by_field(client, email, message):
    response = submit(client, "/password/forgot", {"email": email})
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert f'id="email-error">{message}' in html
    assert "<script>alert('x')</script>" not in html
    assert outbox() == []


def test_asking_for_links_is_rate_limited(app, client, member):
    app.config["LOGIN_RATE_LIMIT"] = "3 per minute"
    for _ in range(3):
        assert submit(client, "/password/forgot", {"email": "mina@example.org"}).status_code == 302
    assert submit(client, "/password/forgot", {"email": "mina@example.org"}).status_code == 429
    assert len(outbox()) == 3


def test_reset_end_to_end(client, member):
    ask_for_link(client)
    path = reset_path(outbox()[0])
    page = client.get(path)
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "Choose a new password" in html
    assert html.count('autocomplete="new-password"') == 2
    assert '<meta name="referrer" content="no-referrer">' in html
    response = choose(client, path)
    assert response.status_code == 302
    assert response.headers["Location"] == "/"
    assert "Your new password is saved and you are logged in." in client.get("/account").get_data(
        as_text=True
    )
    user = account("mina@example.org")
    assert user.check_password(NEW_PASSWORD)
    assert not user.check_password(PASSWORD)


def test_the_new_password_logs_in_and_the_old_one_does_not(client, auth, member):
    ask_for_link(client)
    choose(client, reset_path(outbox()[0]))
    auth.logout()
    assert "do not match an account" in auth.login("mina@example.org").get_data(as_text=True)
    assert auth.login("mina@example.org", NEW_PASSWORD).status_code == 302


def test_a_reset_logs_out_the_browser_someone_else_has_open(app, client, auth, member):
    intruder = app.test_client()
    submit(intruder, "/login", {"email": "mina@example.org", "password": PASSWORD})
    assert intruder.get("/account").status_code == 200
    ask_for_link(client)
    choose(client, reset_path(outbox()[0]))
    assert client.get("/account").status_code == 200
    assert intruder.get("/account").headers["Location"].startswith("/login")


def test_a_used_link_is_refused(client, auth, member):
    ask_for_link(client)
    path = reset_path(outbox()[0])
    choose(client, path)
    auth.logout()
    page = client.get(path)
    assert page.status_code == 400
    html = page.get_data(as_text=True)
    assert "This link cannot be used" in html
    assert "The link has been used already" in html
    assert 'href="/password/forgot"' in html
    assert choose(client, path, "yet another passphrase", form_url="/password/forgot").status_code == 400
    assert account("mina@example.org").check_password(NEW_PASSWORD)


def test_a_password_changed_elsewhere_ends_older_links(client, auth, member):
    ask_for_link(client)
    ask_for_link(client)
    first, second = (reset_path(message) for message in outbox())
    assert choose(client, second).status_code == 302
    assert client.get(first).status_code == 400


def test_an_expired_link_is_refused(client, member, monkeypatch):
    ask_for_link(client)
    path = reset_path(outbox()[0])
    two_hours_later = time.time() + 7200
    monkeypatch.setattr(
        itsdangerous.timed, "time", type("Clock", (), {"time": staticmethod(lambda: two_hours_later)})
    )
    page = client.get(path)
    assert page.status_code == 400
    assert "The link has expired: links to choose a new password work for 60 minutes." in page.get_data(
        as_text=True
    )
    assert choose(client, path, form_url="/password/forgot").status_code == 400
    assert account("mina@example.org").check_password(PASSWORD)


def test_the_maximum_age_comes_from_the_configuration(app, client, member):
    ask_for_link(client)
    app.config["PASSWORD_RESET_MAX_AGE"] = -1
    assert client.get(reset_path(outbox()[0])).status_code == 400


@pytest.mark.parametrize("token", ["token-that-does-not-exist", "eyJ1c2VyIjoxfQ.abc.def", "x" * 1000])
def test_a_broken_link_is_refused(client, member, token):
    page = client.get(f"/password/reset/{token}")
    assert page.status_code == 400
    assert "The link is incomplete or not valid." in page.get_data(as_text=True)
    assert client.post(f"/password/reset/{token}", data={}).status_code == 400  # no CSRF token


@pytest.mark.parametrize(
    ("password", "confirm", "field_id", "message"),
    [
        ("", "", "password", "This field is required."),
        ("short", "short", "password", "Use at least 10 characters."),
        ("p" * 1000, "p" * 1000, "password", "Use at most 128 characters."),
        (NEW_PASSWORD, "something different", "confirm", "The two passwords are not the same."),
    ],
)
def test_bad_new_passwords_are_answered_and_the_link_still_works(
    client, member, password, confirm, field_id, message
):
    ask_for_link(client)
    path = reset_path(outbox()[0])
    response = choose(client, path, password, confirm)
    assert response.status_code == 200
    assert f'id="{field_id}-error">{message}' in response.get_data(as_text=True)
    assert account("mina@example.org").check_password(PASSWORD)
    assert choose(client, path).status_code == 302


def test_resetting_without_csrf_token_is_refused(client, member):
    ask_for_link(client)
    path = reset_path(outbox()[0])
    assert client.post(path, data={"password": NEW_PASSWORD, "confirm": NEW_PASSWORD}).status_code == 400
    assert account("mina@example.org").check_password(PASSWORD)


def test_the_mail_is_written_in_the_visitors_language(client, member, monkeypatch):
    sent_in = []
    real = services.send_password_reset

    def spy(email, *, link_for, locale):
        sent_in.append(locale)
        return real(email, link_for=link_for, locale=locale)

    monkeypatch.setattr(services, "send_password_reset", spy)
    client.get("/lang/ko")
    ask_for_link(client)
    assert sent_in == ["ko"]
    assert len(outbox()) == 1
