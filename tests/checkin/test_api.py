"""The check-in JSON API: staff only, idempotent scans, the offline list with delta sync, undo, search."""

from __future__ import annotations

import gzip
import json
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from conference.audit.models import AuditEntry
from conference.badges.codes import badge_code
from conference.checkin import services as checkin_services
from conference.checkin import tokens
from conference.checkin.models import CheckIn, Scan
from conference.db_types import utcnow
from conference.extensions import db
from tests import factories
from tests.checkin.conftest import register
from tests.conftest import count_queries, csrf_token, submit

API = "/api/checkin/v1/c/aplc-2026"


def post_scan(client, headers, code, client_id="scan-1", point="entrance", **extra):
    body = {"id": client_id, "code": code, "point": point, "scanned_at": "2025-12-10T00:30:00Z", **extra}
    return client.post(f"{API}/scans", json=body, headers=headers)


def test_a_paired_device_scans_green_then_amber(client, bearer, delegate, code):
    first = post_scan(client, bearer, code, "one")
    assert first.status_code == 200
    body = first.get_json()
    assert body["result"] == "ok" and body["colour"] == "green" and body["duplicate"] is False
    assert body["message"] == "Welcome, Mina Park."
    assert body["registration"]["name"] == "Mina Park"
    assert body["registration"]["category"] == "Member-city delegate"
    assert body["registration"]["notes"] == "Dietary: Vegetarian"
    assert body["registration"]["checked_in"]["entrance"]["by"] == "Gate A phone"
    assert body["checked_in_at"] == "2025-12-10T00:30:00Z"
    second = post_scan(client, bearer, code, "two").get_json()
    assert second["result"] == "already_checked_in" and second["colour"] == "amber"
    assert second["checked_in_by"] == "Gate A phone"
    assert "Already checked in at" in second["message"] and "by Gate A phone" in second["message"]


def test_sending_a_scan_twice_answers_the_first_time_and_counts_once(client, bearer, delegate, code):
    first = post_scan(client, bearer, code, "same").get_json()
    again = post_scan(client, bearer, code, "same").get_json()
    assert again["duplicate"] is True
    assert {k: v for k, v in again.items() if k != "duplicate"} == {
        k: v for k, v in first.items() if k != "duplicate"
    }
    assert db.session.scalar(select(func.count(Scan.id))) == 1
    assert db.session.scalar(select(func.count(CheckIn.id))) == 1


def test_red_results_are_answers_not_errors(client, bearer, delegate, code):
    body = post_scan(client, bearer, code[:-1] + ("A" if code[-1] != "A" else "B")).get_json()
    assert (body["result"], body["colour"], body["registration"]) == ("forged_code", "red", None)
    assert "Forged" in body["message"]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"code": "P1-1-1-1-AAAAAAAAAAAAAAAA"}, "id"),
        ({"id": "x" * 65, "code": "c"}, "id"),
        ({"id": "has space", "code": "c"}, "id"),
        ({"id": "ok-id"}, "code"),
        ({"id": "ok-id", "code": 12}, "code"),
        ({"id": "ok-id", "code": "c", "scanned_at": "yesterday"}, "scanned_at"),
        ({"id": "ok-id", "code": "c", "point": "session:999"}, "point"),
        ({"id": "ok-id", "code": "c", "point": "bar"}, "point"),
    ],
)
def test_a_bad_body_is_a_400_json_error(client, bearer, body, field):
    response = client.post(f"{API}/scans", json=body, headers=bearer)
    assert response.status_code == 400
    assert response.get_json()["error"]["field"] == field
    assert response.get_json()["error"]["message"]


def test_not_json_is_a_400(client, bearer):
    response = client.post(f"{API}/scans", data="id=1", headers=bearer)
    assert response.status_code == 400
    assert response.get_json()["error"]["message"] == "Send the scan as a JSON object."


def test_the_registration_list_for_offline_use(client, bearer, conference, delegate, code):
    session = factories.make_session(
        conference, "Workshop A", room=factories.make_room(conference, capacity=40)
    )
    body = client.get(f"{API}/registrations", headers=bearer).get_json()
    assert body["key"] == conference.badge_key
    assert [r["id"] for r in body["registrations"]] == [delegate.id]
    card = body["registrations"][0]
    assert set(card) == {
        "id", "badge_version", "status", "name", "local_name", "organisation", "country", "category",
        "colour", "notes", "in_person", "paid", "checked_in",
    }  # fmt: skip
    assert (card["status"], card["in_person"], card["paid"], card["checked_in"]) == (
        "confirmed",
        True,
        True,
        {},
    )
    assert body["points"][0] == {"id": "entrance", "label": "Main entrance", "count": 0}
    assert body["points"][1]["id"] == f"session:{session.id}"
    assert body["points"][1]["capacity"] == 40
    assert "Workshop A" in body["points"][1]["label"]
    datetime.fromisoformat(body["server_time"])


def test_delta_sync_sends_only_what_changed(client, bearer, conference, ticket, delegate, code):
    other = register(conference, ticket, "other@example.org")
    past = (utcnow() - timedelta(minutes=30)).isoformat()
    # Both registrations are older than the overlap window only if we move their clocks back.
    for registration in (delegate, other):
        registration.updated_at = utcnow() - timedelta(hours=1)
    db.session.commit()
    assert (
        client.get(f"{API}/registrations", query_string={"changed_since": past}, headers=bearer).get_json()[
            "registrations"
        ]
        == []
    )
    post_scan(client, bearer, code, "in")
    delta = client.get(
        f"{API}/registrations", query_string={"changed_since": past}, headers=bearer
    ).get_json()
    assert [r["id"] for r in delta["registrations"]] == [delegate.id]
    assert "entrance" in delta["registrations"][0]["checked_in"]
    # An undone check-in comes back too, now without the point.
    client.post(f"{API}/scans/in/undo", headers=bearer)
    delta = client.get(
        f"{API}/registrations", query_string={"changed_since": past}, headers=bearer
    ).get_json()
    assert [(r["id"], r["checked_in"]) for r in delta["registrations"]] == [(delegate.id, {})]
    # A re-issued badge (new version) is a change as well.
    other.badge_version = 2
    db.session.commit()
    delta = client.get(
        f"{API}/registrations", query_string={"changed_since": past}, headers=bearer
    ).get_json()
    assert {r["id"] for r in delta["registrations"]} == {delegate.id, other.id}


def test_delta_sync_sends_a_renamed_or_recoloured_ticket_s_registrations(
    client, auth, organiser, bearer, conference, ticket, delegate
):
    delegate.updated_at = utcnow() - timedelta(hours=1)
    db.session.commit()
    past = (utcnow() - timedelta(minutes=30)).isoformat()

    def delta() -> list[tuple[int, str, str]]:
        body = client.get(f"{API}/registrations", query_string={"changed_since": past}, headers=bearer)
        return [(r["id"], r["category"], r["colour"]) for r in body.get_json()["registrations"]]

    auth.login(organiser.email)
    edit = f"/c/aplc-2026/manage/tickets/{ticket.id}"
    form = {"name": ticket.name, "attendance": "in_person", "price": "0", "currency": "USD", "active": "y"}
    # Changing what no badge shows (the description) sends nothing again ...
    assert submit(client, edit, form | {"badge_colour": "#0b6e99", "description": "New"}).status_code == 302
    assert delta() == []
    # ... the name on the band and its colour do.
    submit(client, edit, form | {"name": "City delegate", "badge_colour": "#aa3300"})
    assert delta() == [(delegate.id, "City delegate", "#aa3300")]


def test_the_list_travels_compressed_over_the_venue_wi_fi(client, bearer, conference, ticket, delegate):
    for n in range(30):
        register(conference, ticket, f"delegate{n}@example.org")
    plain = client.get(f"{API}/registrations", headers=bearer)
    packed = client.get(f"{API}/registrations", headers=bearer | {"Accept-Encoding": "gzip"})
    assert packed.headers["Content-Encoding"] == "gzip"
    assert json.loads(gzip.decompress(packed.data))["registrations"] == plain.get_json()["registrations"]
    assert len(packed.data) * 4 < len(plain.data)


def test_changed_since_must_be_a_date(client, bearer):
    response = client.get(f"{API}/registrations?changed_since=soon", headers=bearer)
    assert response.status_code == 400
    assert response.get_json()["error"]["field"] == "changed_since"


def test_undo_the_last_check_in(client, bearer, delegate, code):
    post_scan(client, bearer, code, "to-undo")
    response = client.post(f"{API}/scans/to-undo/undo", headers=bearer)
    assert response.status_code == 200 and response.get_json() == {"undone": True}
    assert db.session.scalar(select(func.count(CheckIn.id))) == 0
    assert db.session.scalar(select(Scan.undone_at)) is not None
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "checkin.undone"))
    assert entry.after["undone_by_device"] == "Gate A phone"
    assert post_scan(client, bearer, code, "back-in").get_json()["result"] == "ok"


def test_undo_of_an_unknown_scan_is_a_404_json(client, bearer):
    response = client.post(f"{API}/scans/nope/undo", headers=bearer)
    assert response.status_code == 404
    assert response.get_json()["error"]["message"] == "There is no such scan."


def test_search_by_name_email_or_reference(client, bearer, conference, ticket, delegate):
    register(conference, ticket, "jun@example.org", given_name="Jun", family_name="Tanaka")
    for query in ("mina", "PARK", "mina park", "mina@example", delegate.reference):
        found = client.get(f"{API}/search", query_string={"q": query}, headers=bearer).get_json()
        assert [r["name"] for r in found["registrations"]] == ["Mina Park"], query
    found = client.get(f"{API}/search?q=mina", headers=bearer).get_json()["registrations"][0]
    assert found["code"] == badge_code(delegate)
    assert client.get(f"{API}/search?q=", headers=bearer).get_json() == {"registrations": []}
    assert client.get(f"{API}/search?q=%25", headers=bearer).get_json() == {"registrations": []}


# Who may use the API


def test_anonymous_visitors_get_401_json(client, delegate, code):
    for response in (
        client.get(f"{API}/registrations"),
        client.post(f"{API}/scans", json={"id": "a", "code": code}),
        client.post(f"{API}/scans/a/undo"),
        client.get(f"{API}/search?q=mina"),
    ):
        assert response.status_code == 401
        assert response.get_json()["error"]["message"]
    assert db.session.scalar(select(func.count(Scan.id))) == 0


def test_a_broken_token_is_401(client):
    response = client.get(f"{API}/registrations", headers={"Authorization": "Bearer not-a-token"})
    assert response.status_code == 401
    assert response.get_json()["error"]["message"] == "This scanning token is not valid."


def test_revoked_and_expired_tokens_are_401(client, conference, device, bearer, organiser):
    checkin_services.revoke_token(device, by_user_id=organiser.id, now=utcnow())
    response = client.get(f"{API}/registrations", headers=bearer)
    assert response.status_code == 401 and "revoked" in response.get_json()["error"]["message"]
    expired = checkin_services.create_token(
        conference,
        label="Old",
        lifetime=timedelta(hours=1),
        by_user_id=None,
        now=utcnow() - timedelta(hours=2),
    )
    response = client.get(
        f"{API}/registrations", headers={"Authorization": f"Bearer {tokens.bearer_token(expired)}"}
    )
    assert response.status_code == 401 and "expired" in response.get_json()["error"]["message"]


def test_another_conferences_token_is_403(client, conference):
    other = factories.make_conference("aplc-forum")
    theirs = checkin_services.create_token(
        other, label="Forum", lifetime=timedelta(hours=1), by_user_id=None, now=utcnow()
    )
    response = client.get(
        f"{API}/registrations", headers={"Authorization": f"Bearer {tokens.bearer_token(theirs)}"}
    )
    assert response.status_code == 403
    assert response.get_json()["error"]["message"] == "This device is paired with another conference."


def test_a_user_without_a_role_here_is_403(client, auth, conference):
    factories.make_user("delegate@example.org")
    auth.login("delegate@example.org")
    response = client.get(f"{API}/registrations")
    assert response.status_code == 403
    assert response.get_json()["error"]["message"]


def test_staff_of_another_conference_is_403(client, auth, conference):
    other = factories.make_conference("aplc-forum")
    user = factories.make_user("elsewhere@example.org")
    factories.grant(user, other, "staff")
    auth.login("elsewhere@example.org")
    assert client.get(f"{API}/registrations").status_code == 403


def test_an_unknown_conference_is_404_for_staff(client, auth, staff):
    auth.login("staff@example.org")
    response = client.get("/api/checkin/v1/c/nowhere/registrations")
    assert response.status_code == 404
    assert response.get_json()["error"]["message"] == "No such conference."


def test_signed_in_staff_scan_with_the_csrf_header(client, auth, staff, delegate, code):
    auth.login("staff@example.org")
    assert client.get(f"{API}/registrations").status_code == 200
    refused = client.post(f"{API}/scans", json={"id": "s1", "code": code})
    assert refused.status_code == 400 and "CSRF" in refused.get_json()["error"]["message"]
    assert db.session.scalar(select(func.count(Scan.id))) == 0
    token = csrf_token(client, "/c/aplc-2026/")  # the log-out form's token: the session's
    body = client.post(
        f"{API}/scans", json={"id": "s1", "code": code}, headers={"X-CSRFToken": token}
    ).get_json()
    assert body["result"] == "ok" and body["checked_in_by"] == "Door Staff"
    stored = db.session.scalar(select(Scan))
    assert (stored.by_user_id, stored.by_device, stored.scanning_token_id) == (staff.id, "", None)
    undone = client.post(f"{API}/scans/s1/undo", headers={"X-CSRFToken": token})
    assert undone.status_code == 200


def test_whoami(client, bearer, device):
    body = client.get(f"{API}/whoami", headers=bearer).get_json()
    assert body["name"] == "Gate A phone" and body["device"] is True
    assert body["conference"]["slug"] == "aplc-2026"


def test_a_scan_without_a_time_is_taken_as_received(client, bearer, delegate, code):
    before = datetime.now(UTC)
    body = client.post(f"{API}/scans", json={"id": "n", "code": code}, headers=bearer).get_json()
    assert datetime.fromisoformat(body["checked_in_at"]) >= before.replace(microsecond=0)
    assert body["point"] == "entrance"


def test_a_scan_costs_four_statements(app, client, bearer, delegate, code):
    """The token with its conference, the card with its check-ins, the scan, the check-in; no audit row."""
    with count_queries() as statements:
        assert post_scan(client, bearer, code, "counted").get_json()["result"] == "ok"
    assert [statement.split()[0] for statement in statements] == ["SELECT", "SELECT", "INSERT", "INSERT"]
