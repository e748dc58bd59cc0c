"""The account page: a name and a preferred language, and a password change that needs the old one."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from conference.audit.models import AuditEntry
from conference.extensions import db
from tests.accounts.conftest import account
from tests.conftest import submit
from tests.factories import PASSWORD

NEW_PASSWORD = "a brand new passphrase"


@pytest.fixture
def logged_in(client, auth, member):
    auth.login("mina@example.org")
    return member


def save_details(client, **fields):
    data = {"display_name": "Mina Park", "locale": ""}
    data.update(fields)
    return submit(client, "/account", data)


def change_password(client, **fields):
    data = {"current_password": PASSWORD, "new_password": NEW_PASSWORD, "confirm_new_password": NEW_PASSWORD}
    data.update(fields)
    return submit(client, "/account/password", data, form_url="/account")


def test_anonymous_visitors_are_sent_to_log_in(client):
    assert client.get("/account").headers["Location"] == "/login?next=%2Faccount"
    assert client.post("/account").status_code in (302, 400)
    response = client.post("/account/password")
    assert response.status_code in (302, 400)
    assert not response.headers.get("Location", "").startswith("/account")


def test_the_page_shows_both_forms(client, logged_in):
    response = client.get("/account")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "<h1>Your account</h1>" in html
    assert "You log in as mina@example.org." in html
    assert 'value="Mina Park"' in html
    assert '<option selected value="">The language of my browser</option>' in html
    assert '<option lang="ko" value="ko">한국어</option>' in html
    assert 'autocomplete="current-password"' in html
    assert html.count('autocomplete="new-password"') == 2
    assert 'id="csrf_token"' not in html  # two forms on one page: no duplicate ids


def test_saving_the_name_and_language(client, logged_in):
    response = save_details(client, display_name="  Park Mina ", locale="ko")
    assert response.headers["Location"] == "/account"
    user = account("mina@example.org")
    assert (user.display_name, user.locale) == ("Park Mina", "ko")
    html = client.get("/account").get_data(as_text=True)
    assert '<html lang="ko">' in html  # the page follows the new preference at once
    assert 'class="who" href="/account">Park Mina</a>' in html
    assert '<option lang="ko" selected value="ko">' in html
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "user.updated"))
    assert entry.before == {"display_name": "Mina Park", "locale": None}
    assert entry.after == {"display_name": "Park Mina", "locale": "ko"}


def test_following_the_browser_again(client, logged_in):
    save_details(client, locale="ko")
    save_details(client, locale="")
    assert account("mina@example.org").locale is None
    assert '<html lang="en">' in client.get("/account").get_data(as_text=True)


def test_a_new_password_logs_out_every_other_browser(app, client, auth, logged_in):
    laptop = app.test_client()  # logged in a while ago, with "remember me"
    submit(laptop, "/login", {"email": "mina@example.org", "password": PASSWORD, "remember": "y"})
    assert laptop.get("/account").status_code == 200
    change_password(client)
    assert client.get("/account").status_code == 200  # the browser that changed it stays in
    response = laptop.get("/account")
    assert response.status_code == 302 and response.headers["Location"].startswith("/login")
    # Its remember-me cookie does not bring it back either.
    laptop.delete_cookie("session")
    assert laptop.get("/account").status_code == 302


def test_a_remembered_browser_stays_remembered_after_its_own_change(app, client, member):
    submit(client, "/login", {"email": "mina@example.org", "password": PASSWORD, "remember": "y"})
    change_password(client)
    client.delete_cookie("session")  # the browser was closed
    assert client.get("/account").status_code == 200


@pytest.mark.parametrize(
    ("fields", "field_id", "message"),
    [
        ({"display_name": ""}, "display_name", "This field is required."),
        ({"display_name": "x" * 1000}, "display_name", "Use at most 120 characters."),
        ({"locale": "xx"}, "locale", "Choose one of the languages in the list."),
        ({"locale": "<script>alert('x')</script>"}, "locale", "Choose one of the languages in the list."),
    ],
)
def test_bad_details_are_answered_by_field(client, logged_in, fields, field_id, message):
    response = save_details(client, **fields)
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert f'id="{field_id}-error">{message}' in html
    assert "<script>alert('x')</script>" not in html
    user = account("mina@example.org")
    assert (user.display_name, user.locale) == ("Mina Park", None)


def test_html_in_the_name_is_shown_as_text(client, logged_in):
    save_details(client, display_name='"><img src=x onerror=alert(1)>')
    html = client.get("/account").get_data(as_text=True)
    assert "<img src=x" not in html
    assert "&#34;&gt;&lt;img src=x onerror=alert(1)&gt;" in html


def test_changing_the_password(client, auth, logged_in):
    response = change_password(client)
    assert response.headers["Location"] == "/account"
    html = client.get("/account").get_data(as_text=True)
    assert "Your new password is saved and every other device is logged out." in html
    assert account("mina@example.org").check_password(NEW_PASSWORD)
    actions = db.session.scalars(select(AuditEntry.action)).all()
    assert "user.password_changed" in actions
    auth.logout()
    assert auth.login("mina@example.org", NEW_PASSWORD).status_code == 302


@pytest.mark.parametrize(
    ("fields", "field_id", "message"),
    [
        ({"current_password": "not my password"}, "current_password", "This is not your current password."),
        ({"current_password": ""}, "current_password", "This field is required."),
        ({"current_password": "x" * 1000}, "current_password", "Use at most 128 characters."),
        (
            {"new_password": "short", "confirm_new_password": "short"},
            "new_password",
            "Use at least 10 characters.",
        ),
        ({"new_password": "p" * 1000, "confirm_new_password": "p" * 1000}, "new_password", "Use at most 128"),
        (
            {"confirm_new_password": "something else"},
            "confirm_new_password",
            "The two passwords are not the same.",
        ),
    ],
)
def test_bad_password_changes_are_answered_by_field(client, logged_in, fields, field_id, message):
    response = change_password(client, **fields)
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert f'id="{field_id}-error">{message}' in html
    assert 'value="Mina Park"' in html  # the details form still shows the account
    assert account("mina@example.org").check_password(PASSWORD)


def test_changing_the_password_needs_a_post_with_csrf_token(client, logged_in):
    assert client.get("/account/password").status_code == 405
    response = client.post(
        "/account/password", data={"current_password": PASSWORD, "new_password": NEW_PASSWORD}
    )
    assert response.status_code == 400
    assert account("mina@example.org").check_password(PASSWORD)


def test_saving_details_needs_a_csrf_token(client, logged_in):
    assert client.post("/account", data={"display_name": "Someone Else"}).status_code == 400
    assert account("mina@example.org").display_name == "Mina Park"


def test_the_audit_log_never_holds_a_password_hash(client, logged_in):
    change_password(client)
    save_details(client, display_name="Park Mina")
    for entry in db.session.scalars(select(AuditEntry)):
        assert "password_hash" not in (entry.before or {})
        assert "password_hash" not in (entry.after or {})
