"""Undo on the timetable: the last change of this organiser is put back, once, and never over later work."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select

from conference.agenda.models import Session
from conference.audit.models import AuditEntry
from conference.extensions import db
from tests import factories
from tests.agenda.builder_helpers import GRID, builder_token, post_json
from tests.conftest import submit


def fresh(session_id: int) -> Session | None:
    db.session.expire_all()
    return db.session.get(Session, session_id)


def move(client, session, room, start: str, end: str, token=None):
    body = {"room_id": room.id, "starts_at": f"2026-12-10T{start}", "ends_at": f"2026-12-10T{end}"}
    return post_json(client, f"sessions/{session.id}/move", body, token)


def test_undo_puts_back_the_last_moves_one_by_one(client, conference, signed_in):
    hall = factories.make_room(conference, "Grand Hall")
    studio = factories.make_room(conference, "Online Studio")
    opening = factories.make_session(conference, "Opening ceremony", room=hall)
    token = builder_token(client)
    assert move(client, opening, studio, "11:00", "12:00", token).status_code == 200
    assert (
        post_json(client, f"sessions/{opening.id}/resize", {"ends_at": "2026-12-10T12:30"}, token).status_code
        == 200
    )

    page = client.get(GRID).get_data(as_text=True)
    assert (
        "Undo resizing “Opening ceremony”" in page and 'id="undo-form" class="inline-form" hidden' not in page
    )

    first = post_json(client, "undo", {}, token)
    assert first.status_code == 200
    assert first.json["message"] == "“Opening ceremony” has its earlier times again."
    assert fresh(opening.id).ends_at == datetime(2026, 12, 10, 3, 0, tzinfo=UTC)
    assert first.json["undo"] == {"label": "Undo moving “Opening ceremony”"}

    second = post_json(client, "undo", {}, token)
    assert second.status_code == 200
    back = fresh(opening.id)
    assert (back.room_id, back.starts_at) == (hall.id, datetime(2026, 12, 10, 0, 0, tzinfo=UTC))
    assert second.json["session"]["room_id"] == hall.id and second.json["undo"] is None
    assert (
        db.session.scalar(select(AuditEntry).order_by(AuditEntry.id.desc())).action == "session.change_undone"
    )

    nothing = post_json(client, "undo", {}, token)
    assert nothing.status_code == 409 and nothing.json["error"] == "There is nothing to undo."
    assert 'id="undo-form" class="inline-form" hidden' in client.get(GRID).get_data(as_text=True)


def test_undoing_a_creation_deletes_the_session(client, conference, signed_in):
    hall = factories.make_room(conference)
    body = {
        "title": "Youth forum",
        "room_id": hall.id,
        "starts_at": "2026-12-10T14:00",
        "ends_at": "2026-12-10T15:00",
    }
    created = post_json(client, "sessions", body).json["session"]["id"]
    response = post_json(client, "undo", {})
    assert response.status_code == 200
    assert response.json["removed"] == created and response.json["session"] is None
    assert fresh(created) is None


def test_undo_refuses_when_the_session_changed_again_since(client, conference, signed_in):
    hall = factories.make_room(conference, "Grand Hall")
    studio = factories.make_room(conference, "Online Studio")
    opening = factories.make_session(conference, "Opening ceremony", room=hall)
    move(client, opening, studio, "11:00", "12:00")
    # Someone else moves it again (through the full form here).
    later = fresh(opening.id)
    later.starts_at = datetime(2026, 12, 10, 2, 30, tzinfo=UTC)
    db.session.commit()

    response = post_json(client, "undo", {})
    assert response.status_code == 409
    assert response.json["error"] == "“Opening ceremony” was changed again since, so this cannot be undone."
    assert fresh(opening.id).starts_at == datetime(2026, 12, 10, 2, 30, tzinfo=UTC)


def test_undo_of_a_deleted_session_is_refused(client, conference, signed_in):
    hall = factories.make_room(conference)
    studio = factories.make_room(conference, "Studio")
    opening = factories.make_session(conference, room=hall)
    move(client, opening, studio, "11:00", "12:00")
    db.session.delete(fresh(opening.id))
    db.session.commit()
    response = post_json(client, "undo", {})
    assert response.status_code == 409 and "no longer exists" in response.json["error"]


def test_undo_is_per_organiser(client, auth, conference, signed_in):
    hall = factories.make_room(conference)
    studio = factories.make_room(conference, "Studio")
    opening = factories.make_session(conference, room=hall)
    move(client, opening, studio, "11:00", "12:00")
    auth.logout()
    colleague = factories.make_user("colleague@example.org")
    factories.grant(colleague, conference, "organiser")
    auth.login(colleague.email)
    assert post_json(client, "undo", {}).status_code == 409
    assert fresh(opening.id).room_id == studio.id


def test_undo_works_without_javascript(client, conference, signed_in):
    hall = factories.make_room(conference)
    studio = factories.make_room(conference, "Studio")
    opening = factories.make_session(conference, room=hall)
    move(client, opening, studio, "11:00", "12:00")
    response = submit(client, GRID + "undo", form_url=GRID, follow_redirects=True)
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "“Opening ceremony” is back where it was." in page
    assert fresh(opening.id).room_id == hall.id

    again = submit(client, GRID + "undo", form_url=GRID, follow_redirects=True)
    assert "There is nothing to undo." in again.get_data(as_text=True)
