"""The check-in page: who gets the scanner, who gets only "pair this device or log in", and that its HTML
never holds a delegate's data (the script fetches that from the check-in API)."""

from __future__ import annotations

import json
import re

import pytest

from conference.registration import services as registration_services
from tests import factories

CONFIG = re.compile(r'<script type="application/json" id="checkin-config">(.*?)</script>', re.S)
MESSAGES = re.compile(r'<script type="application/json" id="checkin-messages">(.*?)</script>', re.S)


@pytest.fixture
def delegate(conference):
    ticket = factories.make_ticket(conference, name="Member-city delegate")
    details = factories.delegate("mina@example.org", given_name="Mina", family_name="Parkinson")
    return registration_services.register(conference, ticket, details)


@pytest.fixture
def staff(conference):
    user = factories.make_user("door@example.org", name="Door Staff")
    factories.grant(user, conference, "staff")
    return user


def page_config(response) -> dict:
    match = CONFIG.search(response.get_data(as_text=True))
    assert match, "no check-in configuration on the page"
    return json.loads(match.group(1))


def test_staff_get_the_scanner_with_a_csrf_token_and_no_delegate_data(
    client, auth, conference, staff, delegate
):
    auth.login("door@example.org")
    response = client.get(f"/c/{conference.slug}/checkin/")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "Where are you scanning?" in html
    assert "Scanning as Door Staff" in html
    config = page_config(response)
    assert config["auth"] == "session"
    assert config["csrfToken"]
    assert config["api"] == f"/api/checkin/v1/c/{conference.slug}"
    assert config["tokenKey"] == f"plenary.checkin.token.{conference.slug}"
    assert config["conferenceId"] == conference.id
    assert config["timezone"] == "Asia/Seoul"
    for private in ("Parkinson", "mina@example.org", conference.badge_key):
        assert private not in html
    assert "/static/vendor/jsQR.js" in html
    assert "/static/js/checkin/main.js" in html
    assert response.headers["Cache-Control"] == "private, no-cache"


def test_organisers_get_the_scanner_too(client, auth, conference, organiser):
    auth.login("organiser@example.org")
    response = client.get(f"/c/{conference.slug}/checkin/")
    assert response.status_code == 200
    assert page_config(response)["auth"] == "session"


def test_an_anonymous_visitor_gets_the_pairing_shell_without_data(client, conference, delegate):
    response = client.get(f"/c/{conference.slug}/checkin/")
    assert response.status_code == 200  # a paired phone has no account: its token is in localStorage
    html = response.get_data(as_text=True)
    assert "Pair this device or log in" in html
    assert f"/login?next=/c/{conference.slug}/checkin/" in html
    config = page_config(response)
    assert config["auth"] == "device"
    assert config["csrfToken"] is None
    assert config["operator"] is None
    for private in ("Parkinson", "mina@example.org", conference.badge_key, "csrf_token"):
        assert private not in html


def test_another_conferences_staff_are_refused(client, auth, conference, delegate):
    other = factories.make_conference("other-2026", title="Another Forum")
    user = factories.make_user("elsewhere@example.org", name="Elsewhere Staff")
    factories.grant(user, other, "staff")
    auth.login("elsewhere@example.org")
    response = client.get(f"/c/{conference.slug}/checkin/")
    assert response.status_code == 403
    html = response.get_data(as_text=True)
    assert "Your account (Elsewhere Staff) is not check-in staff for this conference." in html
    assert page_config(response)["csrfToken"] is None
    assert "Parkinson" not in html
    # Their own conference's page works.
    assert client.get("/c/other-2026/checkin/").status_code == 200


@pytest.mark.parametrize("role", ["speaker", None])
def test_delegates_and_speakers_are_refused(client, auth, conference, role):
    user = factories.make_user("someone@example.org")
    if role:
        factories.grant(user, conference, role)
    auth.login("someone@example.org")
    assert client.get(f"/c/{conference.slug}/checkin/").status_code == 403


def test_an_unknown_conference_is_not_found(client):
    assert client.get("/c/nowhere/checkin/").status_code == 404
    assert client.get("/c/nowhere/checkin/sw.js").status_code == 404


def test_the_service_worker_is_served_with_the_page_as_its_scope(client, conference):
    response = client.get(f"/c/{conference.slug}/checkin/sw.js")
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/javascript")
    assert response.headers["Cache-Control"] == "no-cache"
    assert 'addEventListener("fetch"' in response.get_data(as_text=True)
    config = page_config(client.get(f"/c/{conference.slug}/checkin/"))
    assert config["serviceWorker"] == f"/c/{conference.slug}/checkin/sw.js"
    assert config["scope"] == f"/c/{conference.slug}/checkin/"


def test_every_text_of_the_script_comes_translated_from_the_page(client, auth, conference, staff):
    auth.login("door@example.org")
    html = client.get(f"/c/{conference.slug}/checkin/").get_data(as_text=True)
    messages = json.loads(MESSAGES.search(html).group(1))
    results = {"ok", "already_checked_in", "room_full", "unknown_code", "forged_code", "other_conference"}
    results |= {"revoked_badge", "cancelled", "unpaid", "not_confirmed", "no_in_person_access", "pending"}
    assert set(messages["results"]) == results
    assert messages["results"]["already_checked_in"]["title"] == "Already checked in"
    assert "{time}" in messages["checkedInBy"] and "{by}" in messages["checkedInBy"]
    used = set()
    for path in ("desk", "main", "result", "search", "ui"):
        source = client.application.static_folder + f"/js/checkin/{path}.js"
        with open(source, encoding="utf-8") as script:
            used |= set(re.findall(r"\b(?:m|messages|this\.m)\.([a-zA-Z]+)", script.read()))
    missing = used - set(messages)
    assert not missing, f"texts the script uses but the page does not give: {missing}"
