"""Logging in and out: one answer for any wrong credentials, safe redirects, a rate limit, CSRF."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from tests.accounts.conftest import account
from tests.conftest import submit
from tests.factories import PASSWORD

GENERIC_ANSWER = "That e-mail address and password do not match an account."


def log_in(client, url: str = "/login", query_string: dict | None = None, **fields):
    data = {"email": "mina@example.org", "password": PASSWORD}
    data.update(fields)
    return submit(client, url, data, form_url="/login", query_string=query_string)


def test_the_form_is_labelled_and_links_elsewhere(client):
    html = client.get("/login").get_data(as_text=True)
    assert '<h1 id="page-heading">Log in</h1>' in html
    assert 'autocomplete="email"' in html
    assert 'autocomplete="current-password"' in html
    assert ">Keep me logged in on this device</label>" in html
    assert 'href="/password/forgot"' in html
    assert 'href="/signup"' in html


def test_the_sign_up_link_keeps_the_page_asked_for(client):
    html = client.get("/login?next=/c/aplc-2026/agenda").get_data(as_text=True)
    assert 'href="/signup?next=/c/aplc-2026/agenda"' in html
    html = client.get("/login?next=https://evil.example").get_data(as_text=True)
    assert 'href="/signup">' in html


def test_logging_in_records_the_time_and_goes_home(client, member):
    assert member.last_login_at is None
    response = log_in(client, email="  MINA@example.org ")
    assert response.status_code == 302
    assert response.headers["Location"] == "/"
    assert account("mina@example.org").last_login_at is not None
    html = client.get("/account").get_data(as_text=True)
    assert 'class="who" href="/account">Mina Park</a>' in html


def test_logging_in_goes_back_to_the_page_asked_for(client, member):
    response = client.get("/account")
    assert response.headers["Location"] == "/login?next=%2Faccount"
    response = log_in(client, "/login?next=/account")
    assert response.headers["Location"] == "/account"


@pytest.mark.parametrize(
    "target", ["https://evil.example", "//evil.example", "/\\evil.example", "evil.example"]
)
def test_logging_in_never_redirects_elsewhere(client, member, target):
    response = log_in(client, "/login", query_string={"next": target})
    assert response.status_code == 302
    location = response.headers["Location"]
    assert location.startswith("/") and not location.startswith(("//", "/\\"))
    assert urlsplit(location).netloc == ""


@pytest.mark.parametrize(
    "fields", [{"password": "not the password"}, {"email": "nobody@example.org"}, {"email": "not an address"}]
)
def test_wrong_credentials_get_one_answer_and_keep_the_email(client, member, fields):
    response = log_in(client, **fields)
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert GENERIC_ANSWER in html
    assert f'value="{fields.get("email", "mina@example.org")}"' in html
    assert PASSWORD not in html and "not the password" not in html  # passwords are never echoed
    assert client.get("/account").status_code == 302


def test_empty_and_over_long_input_is_answered_by_field(client, member):
    html = submit(client, "/login", {}).get_data(as_text=True)
    assert html.count("This field is required.") == 2
    assert GENERIC_ANSWER not in html
    html = log_in(client, email="x" * 1000, password="y" * 1000).get_data(as_text=True)
    assert 'id="email-error">Use at most 254 characters.' in html
    assert 'id="password-error">Use at most 128 characters.' in html


def test_remember_me_sets_a_lasting_cookie(client, member):
    log_in(client, remember="y")
    assert client.get_cookie("remember_token") is not None


def test_without_remember_me_there_is_no_lasting_cookie(client, member):
    log_in(client)
    assert client.get_cookie("remember_token") is None


def test_the_eleventh_attempt_in_a_minute_is_refused(client, member):
    for _ in range(10):
        assert log_in(client, password="guess guess guess").status_code == 200
    response = log_in(client)
    assert response.status_code == 429
    html = response.get_data(as_text=True)
    assert "Too many attempts" in html
    assert "Please wait a minute and try again." in html
    assert 'class="site-header"' in html  # the styled page, not a bare error
    assert client.get("/login").status_code == 200  # looking at the form is not limited


def test_the_rate_limit_comes_from_the_configuration(app, client, member):
    app.config["LOGIN_RATE_LIMIT"] = "2 per minute"
    log_in(client, password="guess guess guess")
    log_in(client, password="guess guess guess")
    assert log_in(client).status_code == 429


def test_logging_in_without_csrf_token_is_refused(client, member):
    response = client.post("/login", data={"email": "mina@example.org", "password": PASSWORD})
    assert response.status_code == 400
    assert "This form has expired" in response.get_data(as_text=True)
    assert client.get("/account").status_code == 302


def test_logging_out_needs_a_post(client, auth, member):
    auth.login("mina@example.org")
    assert client.get("/logout").status_code == 405
    assert client.get("/account").status_code == 200


def test_logging_out_without_csrf_token_is_refused(client, auth, member):
    auth.login("mina@example.org")
    assert client.post("/logout").status_code == 400
    assert client.get("/account").status_code == 200


def test_logging_out(client, auth, member):
    auth.login("mina@example.org")
    response = auth.logout()
    assert response.status_code == 302
    assert response.headers["Location"] == "/"
    assert client.get("/account").status_code == 302
    html = client.get("/login").get_data(as_text=True)
    assert "You have logged out." in html
    assert 'href="/login' in html
