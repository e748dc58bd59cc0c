"""Changes made on the timetable: move, resize, create and edit in place, each validated on the server."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from conference.agenda.models import Session, SessionStatus, SessionType
from conference.audit.models import AuditEntry
from conference.extensions import db
from tests import factories
from tests.agenda.builder_helpers import GRID, builder_token, post_json
from tests.conftest import csrf_token


@pytest.fixture
def hall(conference):
    return factories.make_room(conference, "Grand Hall", position=0, capacity=300)


@pytest.fixture
def studio(conference):
    return factories.make_room(conference, "Online Studio", position=1, capacity=None)


@pytest.fixture
def opening(conference, hall):
    return factories.make_session(conference, "Opening ceremony", room=hall)  # 09:00–10:00 in Seoul


def fresh(session: Session) -> Session:
    db.session.expire_all()
    return db.session.get(Session, session.id)


def last_entry() -> AuditEntry:
    return db.session.scalar(select(AuditEntry).order_by(AuditEntry.id.desc()))


# Moving and resizing


def test_a_session_moved_to_another_room_and_time_is_saved_and_audited(
    client, conference, signed_in, opening, studio
):
    body = {"room_id": studio.id, "starts_at": "2026-12-10T11:05", "ends_at": "2026-12-10T12:05"}
    response = post_json(client, f"sessions/{opening.id}/move", body)
    assert response.status_code == 200, response.json
    moved = fresh(opening)
    assert moved.room_id == studio.id
    assert moved.starts_at == datetime(2026, 12, 10, 2, 5, tzinfo=UTC)  # 11:05 in Seoul
    assert moved.ends_at == datetime(2026, 12, 10, 3, 5, tzinfo=UTC)

    answer = response.json
    assert answer["session"]["room_id"] == studio.id
    assert answer["session"]["start_minute"] == 665 and answer["session"]["end_minute"] == 725
    assert f'id="session-{opening.id}"' in answer["session"]["html"]
    assert answer["conflicts"] == []
    assert "Moved “Opening ceremony” to Online Studio" in answer["message"]
    assert answer["undo"] == {"label": "Undo moving “Opening ceremony”"}

    entry = last_entry()
    assert (entry.action, entry.object_id, entry.user_id) == ("session.moved", opening.id, signed_in.id)
    assert entry.before["room_id"] != entry.after["room_id"] == studio.id
    assert entry.before["starts_at"].startswith("2026-12-10T00:00")
    assert entry.after["starts_at"].startswith("2026-12-10T02:05")


def test_resizing_changes_only_the_end(client, conference, signed_in, opening):
    response = post_json(client, f"sessions/{opening.id}/resize", {"ends_at": "2026-12-10T10:25"})
    assert response.status_code == 200
    resized = fresh(opening)
    assert resized.starts_at == datetime(2026, 12, 10, 0, 0, tzinfo=UTC)
    assert resized.ends_at == datetime(2026, 12, 10, 1, 25, tzinfo=UTC)
    assert response.json["session"]["end_minute"] == 625
    assert last_entry().action == "session.resized"
    assert set(last_entry().after) == {"ends_at", "updated_at"}


def test_an_overlapping_move_is_saved_and_reported_as_a_conflict(
    client, conference, signed_in, opening, hall
):
    other = factories.make_session(
        conference, "Keynote", datetime(2026, 12, 10, 2, 0, tzinfo=UTC), room=hall
    )  # 11:00–12:00
    body = {"room_id": hall.id, "starts_at": "2026-12-10T11:30", "ends_at": "2026-12-10T12:30"}
    response = post_json(client, f"sessions/{opening.id}/move", body)
    assert response.status_code == 200
    assert fresh(opening).starts_at == datetime(2026, 12, 10, 2, 30, tzinfo=UTC)
    conflicts = response.json["conflicts"]
    assert [c["kind"] for c in conflicts] == ["room"]
    assert set(conflicts[0]["session_ids"]) == {opening.id, other.id}
    assert "“Keynote” and “Opening ceremony” are both in Grand Hall" in conflicts[0]["message"]
    assert "has-conflict" in response.json["session"]["html"]
    assert "1 conflict" in response.json["conflicts_html"]
    # The grid shows it too.
    page = client.get(GRID).get_data(as_text=True)
    assert "--lane: 0; --lanes: 2;" in page and "--lane: 1; --lanes: 2;" in page  # side by side
    assert (
        "are both in Grand Hall at the same time." in page
        and page.count("tt-block status-published has-conflict") == 2
    )


def test_a_person_in_two_places_is_a_conflict(client, conference, signed_in, opening, hall, studio):
    mun = factories.make_person(conference, "Mun Seok-jin")
    first = factories.make_session(
        conference,
        "Panel",
        people=[(mun, "chair")],
        room=hall,
        starts_at=datetime(2026, 12, 10, 3, 0, tzinfo=UTC),
    )
    second = factories.make_session(
        conference,
        "Workshop",
        people=[(mun, "speaker")],
        room=studio,
        starts_at=datetime(2026, 12, 10, 5, 0, tzinfo=UTC),
    )
    body = {"room_id": studio.id, "starts_at": "2026-12-10T12:30", "ends_at": "2026-12-10T13:30"}
    response = post_json(client, f"sessions/{second.id}/move", body)
    assert response.status_code == 200
    [conflict] = response.json["conflicts"]
    assert conflict["kind"] == "person" and set(conflict["session_ids"]) == {first.id, second.id}
    assert conflict["message"].startswith("Mun Seok-jin is in")


# Refused changes: a JSON error, the block's true place, nothing saved


def test_an_end_before_the_start_is_refused(client, conference, signed_in, opening, hall):
    body = {"room_id": hall.id, "starts_at": "2026-12-10T11:00", "ends_at": "2026-12-10T10:00"}
    response = post_json(client, f"sessions/{opening.id}/move", body)
    assert response.status_code == 400
    assert response.json["errors"] == {"ends_at": "The session must end after it starts."}
    assert response.json["session"]["start_minute"] == 540  # where the block goes back to
    assert fresh(opening).starts_at == datetime(2026, 12, 10, 0, 0, tzinfo=UTC)

    shrink = post_json(client, f"sessions/{opening.id}/resize", {"ends_at": "2026-12-10T09:00"})
    assert shrink.status_code == 400 and "ends_at" in shrink.json["errors"]
    assert db.session.scalar(select(AuditEntry).where(AuditEntry.action.like("session.%"))) is None


def test_a_room_of_another_conference_is_refused(client, conference, signed_in, opening):
    elsewhere = factories.make_room(factories.make_conference("other-2026"), "Their hall")
    body = {"room_id": elsewhere.id, "starts_at": "2026-12-10T09:00", "ends_at": "2026-12-10T10:00"}
    response = post_json(client, f"sessions/{opening.id}/move", body)
    assert response.status_code == 400
    assert response.json["errors"] == {"room_id": "Choose a room of this conference."}
    assert fresh(opening).room_id != elsewhere.id


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"starts_at": "2026-12-10T09:00", "ends_at": "2026-12-10T10:00"}, "room_id"),
        ({"room_id": True, "starts_at": "2026-12-10T09:00", "ends_at": "2026-12-10T10:00"}, "room_id"),
        ({"room_id": 99999999999, "starts_at": "2026-12-10T09:00", "ends_at": "2026-12-10T10:00"}, "room_id"),
        ({"room_id": "ROOM", "starts_at": "2026-12-10T09:00", "ends_at": "2026-12-10T10:00"}, "room_id"),
        ({"room_id": "HALL", "starts_at": "10 Dec, 9 am", "ends_at": "2026-12-10T10:00"}, "starts_at"),
        ({"room_id": "HALL", "starts_at": ["x"], "ends_at": "2026-12-10T10:00"}, "starts_at"),
        ({"room_id": "HALL", "starts_at": "2026-12-10T09:00", "ends_at": None}, "ends_at"),
        ({"room_id": "HALL", "starts_at": "2029-12-10T09:00", "ends_at": "2029-12-10T10:00"}, "starts_at"),
        ({"room_id": "HALL", "starts_at": "2026-12-10T09:00", "ends_at": "2026-12-12T10:00"}, "ends_at"),
        ({"room_id": "HALL", "starts_at": "2026-12-10T25:00", "ends_at": "2026-12-10T26:00"}, "starts_at"),
    ],
)
def test_bad_moves_get_a_message_for_the_field(client, conference, signed_in, opening, hall, body, field):
    body = {key: (hall.id if value == "HALL" else value) for key, value in body.items()}
    response = post_json(client, f"sessions/{opening.id}/move", body)
    assert response.status_code == 400
    assert field in response.json["errors"] and response.json["error"]
    assert fresh(opening).starts_at == datetime(2026, 12, 10, 0, 0, tzinfo=UTC)


def test_a_time_the_clocks_skip_is_refused(client, auth):
    conference = factories.make_conference(
        "berlin-2026",
        timezone="Europe/Berlin",
        start_date=datetime(2026, 3, 29).date(),
        end_date=datetime(2026, 3, 29).date(),
    )
    organiser = factories.make_user("berlin@example.org")
    factories.grant(organiser, conference, "organiser")
    hall = factories.make_room(conference)
    session = factories.make_session(
        conference, "Night watch", datetime(2026, 3, 29, 0, 0, tzinfo=UTC), room=hall
    )
    auth.login(organiser.email)
    url = "/c/berlin-2026/manage/agenda/"
    token = builder_token(client, url)
    body = {"room_id": hall.id, "starts_at": "2026-03-29T02:30", "ends_at": "2026-03-29T03:30"}
    response = client.post(f"{url}sessions/{session.id}/move", json=body, headers={"X-CSRFToken": token})
    assert response.status_code == 400
    assert "does not exist in Europe/Berlin" in response.json["errors"]["starts_at"]
    # Across the change is fine: 01:30 CET to 03:30 CEST is one real hour.
    body = {"room_id": hall.id, "starts_at": "2026-03-29T01:30", "ends_at": "2026-03-29T03:30"}
    response = client.post(f"{url}sessions/{session.id}/move", json=body, headers={"X-CSRFToken": token})
    assert response.status_code == 200
    moved = fresh(session)
    assert moved.ends_at - moved.starts_at == datetime(2026, 1, 1, 1) - datetime(2026, 1, 1)
    assert response.json["session"]["start_minute"] == 90 and response.json["session"]["end_minute"] == 210


def test_an_unknown_session_or_one_of_another_conference_is_a_404_in_json(
    client, conference, signed_in, hall
):
    theirs = factories.make_session(factories.make_conference("other-2026"), "Their talk")
    body = {"room_id": hall.id, "starts_at": "2026-12-10T09:00", "ends_at": "2026-12-10T10:00"}
    token = builder_token(client)
    for session_id in (987654, theirs.id):
        for path in (
            f"sessions/{session_id}/move",
            f"sessions/{session_id}/resize",
            f"sessions/{session_id}",
        ):
            response = post_json(client, path, body, token)
            assert response.status_code == 404, path
            assert response.json["error"] == "There is no such session in this conference."
    assert fresh(theirs).title == "Their talk"


@pytest.mark.parametrize("payload", ["not json", "[1, 2]", '"text"', "null"])
def test_a_body_that_is_not_a_json_object_is_refused(client, conference, signed_in, opening, payload):
    token = builder_token(client)
    for path in (
        f"sessions/{opening.id}/move",
        f"sessions/{opening.id}/resize",
        "sessions",
        f"sessions/{opening.id}",
    ):
        response = client.post(
            GRID + path, data=payload, content_type="application/json", headers={"X-CSRFToken": token}
        )
        assert response.status_code == 400, path
        assert response.json["error"] == "Send the change as a JSON object."


def test_a_change_without_the_csrf_header_is_refused(client, conference, signed_in, opening, studio):
    body = {"room_id": studio.id, "starts_at": "2026-12-10T09:00", "ends_at": "2026-12-10T10:00"}
    response = client.post(f"{GRID}sessions/{opening.id}/move", json=body)
    assert response.status_code == 400
    assert fresh(opening).room_id != studio.id


# Creating and editing in place


def new_session(**changes) -> dict:
    return {
        "title": "Youth forum",
        "type": "panel",
        "status": "draft",
        "track_id": None,
        "room_id": None,
        "starts_at": "2026-12-10T14:00",
        "ends_at": "2026-12-10T15:30",
    } | changes


def test_a_session_is_created_in_place(client, conference, signed_in, hall):
    track = factories.make_track(conference, "Policy")
    response = post_json(client, "sessions", new_session(room_id=hall.id, track_id=str(track.id)))
    assert response.status_code == 201, response.json
    created = db.session.scalar(select(Session).where(Session.title == "Youth forum"))
    assert created.conference_id == conference.id
    assert (created.type, created.status, created.room_id, created.track_id) == (
        SessionType.PANEL,
        SessionStatus.DRAFT,
        hall.id,
        track.id,
    )
    assert created.starts_at == datetime(2026, 12, 10, 5, 0, tzinfo=UTC)
    assert created.languages == conference.default_language
    assert response.json["session"]["id"] == created.id
    assert "status-draft" in response.json["session"]["html"]
    assert response.json["undo"]["label"] == "Undo creating “Youth forum”"
    entry = last_entry()
    assert entry.action == "session.created" and entry.after["title"] == "Youth forum"


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"title": "  "}, "title", "Enter a title."),
        ({"title": "x" * 301}, "title", "Keep the title to 300 characters."),
        ({"title": 42}, "title", "Enter a title."),
        ({"type": "lecture"}, "type", "Choose a type from the list."),
        ({"status": ["draft"]}, "status", "Choose a status from the list."),
        ({"track_id": 4242}, "track_id", "Choose a track of this conference."),
        ({"room_id": "abc"}, "room_id", "Choose a room of this conference."),
        ({"ends_at": "2026-12-10T13:00"}, "ends_at", "The session must end after it starts."),
        ({"starts_at": ""}, "starts_at", "Enter a date and time."),
    ],
)
def test_bad_new_sessions_are_refused_with_a_message_per_field(
    client, conference, signed_in, changes, field, message
):
    response = post_json(client, "sessions", new_session(**changes))
    assert response.status_code == 400
    assert response.json["errors"][field] == message
    assert db.session.scalar(select(Session)) is None


def test_a_track_of_another_conference_is_refused(client, conference, signed_in):
    theirs = factories.make_track(factories.make_conference("other-2026"), "Theirs")
    response = post_json(client, "sessions", new_session(track_id=theirs.id))
    assert response.status_code == 400 and "track_id" in response.json["errors"]


def test_a_session_is_edited_in_place(client, conference, signed_in, opening, hall, studio):
    body = new_session(title="Opening and welcome", status="published", room_id=studio.id, type="opening")
    body |= {"starts_at": "2026-12-10T09:00", "ends_at": "2026-12-10T10:15"}
    response = post_json(client, f"sessions/{opening.id}", body)
    assert response.status_code == 200, response.json
    edited = fresh(opening)
    assert (edited.title, edited.room_id, edited.status) == (
        "Opening and welcome",
        studio.id,
        SessionStatus.PUBLISHED,
    )
    assert edited.ends_at == datetime(2026, 12, 10, 1, 15, tzinfo=UTC)
    assert response.json["message"] == "Saved “Opening and welcome”."
    entry = last_entry()
    assert entry.action == "session.updated"
    assert entry.before == {
        "title": "Opening ceremony",
        "room_id": hall.id,
        "ends_at": entry.before["ends_at"],
        "updated_at": entry.before["updated_at"],
    }


def test_an_edit_that_leaves_out_fields_keeps_them(client, conference, signed_in, opening):
    response = post_json(client, f"sessions/{opening.id}", {"status": "cancelled"})
    assert response.status_code == 200
    edited = fresh(opening)
    assert (edited.title, edited.status, edited.room_id) == (
        "Opening ceremony",
        SessionStatus.CANCELLED,
        opening.room_id,
    )
    assert "status-cancelled" in response.json["session"]["html"]


def test_a_bad_edit_is_refused_and_nothing_changes(client, conference, signed_in, opening):
    response = post_json(client, f"sessions/{opening.id}", {"title": "", "type": "nonsense"})
    assert response.status_code == 400
    assert set(response.json["errors"]) == {"title", "type"}
    assert fresh(opening).title == "Opening ceremony"


# Who may change the programme


def test_only_the_conference_s_organisers_may_change_it(client, auth, conference, opening, studio):
    body = {"room_id": studio.id, "starts_at": "2026-12-10T11:00", "ends_at": "2026-12-10T12:00"}
    # Anonymous: sent to log in (the CSRF token comes from any page with a form).
    anonymous = client.post(
        f"{GRID}sessions/{opening.id}/move", json=body, headers={"X-CSRFToken": csrf_token(client, "/login")}
    )
    assert anonymous.status_code == 302 and "/login" in anonymous.headers["Location"]

    other = factories.make_conference("other-2026")
    people = {
        "delegate": None,
        "staff": (conference, "staff"),
        "speaker": (conference, "speaker"),
        "elsewhere": (other, "organiser"),
    }
    for name, role in people.items():
        user = factories.make_user(f"{name}@example.org")
        if role:
            factories.grant(user, *role)
        auth.login(user.email)
        token = csrf_token(client, "/")
        for path, payload in (
            (f"sessions/{opening.id}/move", body),
            (f"sessions/{opening.id}/resize", {"ends_at": "2026-12-10T11:00"}),
            ("sessions", new_session()),
            (f"sessions/{opening.id}", new_session()),
            ("undo", {}),
        ):
            response = client.post(
                GRID + path, json=payload, headers={"X-CSRFToken": token, "Accept": "application/json"}
            )
            assert response.status_code == 403, (name, path)
            assert response.json["status"] == 403
        auth.logout()
    unchanged = fresh(opening)
    assert (unchanged.room_id, unchanged.title) == (opening.room_id, "Opening ceremony")
    assert db.session.scalar(select(Session).where(Session.title == "Youth forum")) is None
