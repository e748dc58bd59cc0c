"""Signing up: a new account, logged in at once; every bad input answered next to its field."""

from __future__ import annotations

import pytest

from tests.accounts.conftest import account
from tests.conftest import submit
from tests.factories import PASSWORD


def sign_up(client, url: str = "/signup", **fields):
    data = {
        "display_name": "Mina Park",
        "email": "mina@example.org",
        "password": PASSWORD,
        "confirm": PASSWORD,
    }
    data.update(fields)
    return submit(client, url, data, form_url="/signup")


def test_the_form_is_labelled_and_links_to_log_in(client):
    html = client.get("/signup").get_data(as_text=True)
    assert '<h1 id="page-heading">Create an account</h1>' in html
    labels = {
        "display_name": "Your name",
        "email": "E-mail address",
        "password": "Password",
        "confirm": "Repeat the password",
    }
    for field, label in labels.items():
        assert f'<label for="{field}">{label} ' in html
    assert 'autocomplete="email"' in html
    assert html.count('autocomplete="new-password"') == 2
    assert 'href="/login"' in html


def test_signing_up_creates_the_account_and_logs_in(client):
    response = sign_up(client, email="  Mina@Example.ORG ")
    assert response.status_code == 302
    assert response.headers["Location"] == "/"
    user = account("mina@example.org")
    assert user.display_name == "Mina Park"
    assert user.check_password(PASSWORD)
    assert not user.is_site_admin
    assert user.locale == "en"
    page = client.get("/account")
    assert page.status_code == 200
    assert "Welcome to Plenary, Mina Park." in page.get_data(as_text=True)


def test_signing_up_goes_back_to_the_page_asked_for(client):
    response = sign_up(client, "/signup?next=/c/aplc-2026/agenda")
    assert response.headers["Location"] == "/c/aplc-2026/agenda"


@pytest.mark.parametrize("target", ["https://evil.example", "//evil.example", "javascript:alert(1)"])
def test_signing_up_never_redirects_elsewhere(client, target):
    response = sign_up(client, f"/signup?next={target}")
    assert response.headers["Location"] == "/"


def test_an_address_in_another_letter_case_is_taken(client, member):
    response = sign_up(client, email="MINA@example.org")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert 'id="email-error"' in html
    assert "An account with this e-mail address exists already" in html
    assert 'value="MINA@example.org"' in html  # what was typed is kept
    assert client.get("/account").status_code == 302  # not logged in


def test_empty_form_asks_for_every_field(client):
    response = submit(client, "/signup", {})
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Please correct the fields marked below." in html
    assert html.count("This field is required.") == 4


@pytest.mark.parametrize(
    ("fields", "field_id", "message"),
    [
        ({"display_name": "x" * 1000}, "display_name", "Use at most 120 characters."),
        ({"email": "a" * 1000 + "@example.org"}, "email", "Use at most 254 characters."),
        ({"password": "p" * 1000, "confirm": "p" * 1000}, "password", "Use at most 128 characters."),
        ({"password": "short", "confirm": "short"}, "password", "Use at least 10 characters."),
        ({"confirm": "something else entirely"}, "confirm", "The two passwords are not the same."),
        ({"email": "not-an-address"}, "email", "Enter an e-mail address like name@example.org."),
        ({"email": "mina@"}, "email", "Enter an e-mail address like name@example.org."),
        ({"display_name": "   "}, "display_name", "This field is required."),
    ],
)
def test_bad_input_is_answered_next_to_the_field(client, fields, field_id, message):
    response = sign_up(client, **fields)
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert f'<p class="error" id="{field_id}-error">{message}' in html
    assert account("mina@example.org") is None


def test_html_in_the_name_is_shown_as_text(client):
    sign_up(client, display_name="<script>alert('x')</script>")
    html = client.get("/account").get_data(as_text=True)
    assert "<script>alert('x')</script>" not in html
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in html
    assert account("mina@example.org").display_name == "<script>alert('x')</script>"


def test_signing_up_without_csrf_token_is_refused(client):
    response = client.post(
        "/signup",
        data={"display_name": "Mina", "email": "mina@example.org", "password": PASSWORD, "confirm": PASSWORD},
    )
    assert response.status_code == 400
    assert account("mina@example.org") is None


def test_the_eleventh_signup_in_an_hour_from_one_address_is_refused(client):
    for n in range(10):
        assert sign_up(client, email=f"delegate{n}@example.org").status_code == 302
        submit(client, "/logout", form_url="/")
    response = sign_up(client, email="one-more@example.org")
    assert response.status_code == 429
    assert "Too many attempts" in response.get_data(as_text=True)
    assert account("one-more@example.org") is None
