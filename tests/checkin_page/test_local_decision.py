"""The check-in page decides offline what the server would: static/js/checkin/decide.js (run with Node, on
the registration list the API gives the page) against conference.checkin.services.judge, badge by badge."""

from __future__ import annotations

import json
import shutil
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest

from conference.badges.codes import badge_code, make_badge_code
from conference.badges.services import reissue_badge
from conference.checkin import services
from conference.checkin.points import resolve_point
from conference.extensions import db
from conference.registration import services as registration_services
from conference.registration.models import Attendance, RegistrationStatus
from tests import factories

SCRIPTS = Path(__file__).resolve().parents[2] / "static" / "js" / "checkin"
NOW = datetime(2026, 12, 10, 0, 30, tzinfo=UTC)

RUNNER = """
globalThis.window = globalThis;
const { importBadgeKey } = await import(%(codes)s);
const { decideLocally } = await import(%(decide)s);
const input = JSON.parse(%(input)s);
const key = await importBadgeKey(input.list.key);
const registrations = new Map(input.list.registrations.map((r) => [r.id, r]));
const answers = [];
for (const scan of input.scans) {
  const point = input.list.points.find((p) => p.id === scan.point);
  const cache = { conferenceId: input.conferenceId, key, registrations, point };
  const answer = await decideLocally(scan.code, cache);
  answers.push([answer.result, answer.colour]);
}
console.log(JSON.stringify(answers));
"""


def decide_in_javascript(conference_id: int, listing: dict, scans: list[tuple[str, str]], tmp_path: Path):
    data = json.dumps(
        {"conferenceId": conference_id, "list": listing, "scans": [{"code": c, "point": p} for c, p in scans]}
    )
    script = tmp_path / "decide.mjs"
    script.write_text(
        RUNNER
        % {
            "codes": json.dumps((SCRIPTS / "codes.js").as_uri()),
            "decide": json.dumps((SCRIPTS / "decide.js").as_uri()),
            "input": json.dumps(data),
        }
    )
    run = subprocess.run(["node", str(script)], capture_output=True, text=True, timeout=30, check=False)
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout)


@pytest.fixture
def door(conference, organiser):
    """Badges of every kind, and the registration list as the API gives it to the page."""
    ticket = factories.make_ticket(conference, name="Delegate")
    online = factories.make_ticket(conference, name="Online", attendance=Attendance.ONLINE)
    full_room = factories.make_session(conference, "Workshop", capacity=1)
    open_room = factories.make_session(conference, "Plenary")

    def person(name: str, ticket=ticket, status: RegistrationStatus | None = None, **values):
        registration = registration_services.register(
            conference, ticket, factories.delegate(f"{name}@example.org", given_name=name.title())
        )
        for field, value in values.items():
            setattr(registration, field, value)
        if status is not None:
            registration.status = status
        db.session.commit()
        return registration

    welcome = person("welcome")
    inside = person("inside")
    room_taker = person("roomtaker")
    for registration, point in ((inside, "entrance"), (room_taker, f"session:{full_room.id}")):
        code = badge_code(registration)
        services.record_scan(
            conference, client_id=f"seed-{registration.id}", code=code, point=point, scanned_at=NOW, now=NOW
        )
    lost = person("lost")
    old_code = badge_code(lost)
    reissue_badge(lost, organiser.id)
    unpaid = person("unpaid", amount_due_minor=50000)
    other = factories.make_conference("other-2026")
    stranger = registration_services.register(
        other, factories.make_ticket(other), factories.delegate("s@example.org")
    )
    forged = badge_code(welcome)[:-3] + "AAA"
    scans = [
        (badge_code(welcome), "entrance"),
        (badge_code(inside), "entrance"),
        (badge_code(welcome), f"session:{full_room.id}"),
        (badge_code(welcome), f"session:{open_room.id}"),
        (forged, "entrance"),
        (badge_code(welcome)[:-1], "entrance"),
        ("HELLO WORLD", "entrance"),
        (badge_code(stranger), "entrance"),
        (old_code, "entrance"),
        (badge_code(lost), "entrance"),
        (badge_code(person("cancelled", status=RegistrationStatus.CANCELLED)), "entrance"),
        (badge_code(person("refunded", status=RegistrationStatus.REFUNDED)), "entrance"),
        (badge_code(person("payer", status=RegistrationStatus.PENDING_PAYMENT)), "entrance"),
        (badge_code(unpaid), "entrance"),
        (badge_code(person("waiting", status=RegistrationStatus.WAITLISTED)), "entrance"),
        (badge_code(person("approval", status=RegistrationStatus.PENDING_APPROVAL)), "entrance"),
        (badge_code(person("online", ticket=online)), "entrance"),
        (make_badge_code(conference.badge_key, conference.id, 999_999, 1), "entrance"),
    ]
    factories.grant(factories.make_user("door@example.org"), conference, "staff")
    return scans


def test_the_page_decides_every_badge_as_the_server_does(client, auth, conference, door, tmp_path):
    if shutil.which("node") is None:
        pytest.skip("Node.js is not installed (make install needs it for the front-end packages)")
    auth.login("door@example.org")
    listing = client.get(f"/api/checkin/v1/c/{conference.slug}/registrations").get_json()
    local = decide_in_javascript(conference.id, listing, door, tmp_path)
    server = []
    for code, point in door:
        result = services.judge(conference, code, resolve_point(conference, point)).result
        server.append([result.value, result.colour.value])
    assert [colour for _, colour in local] == [colour for _, colour in server]
    assert [result for result, _ in local] == [result for result, _ in server]
    assert {result for result, _ in server} == {
        "ok",
        "already_checked_in",
        "room_full",
        "forged_code",
        "unknown_code",
        "other_conference",
        "revoked_badge",
        "cancelled",
        "unpaid",
        "not_confirmed",
        "no_in_person_access",
    }


def test_a_badge_of_an_unknown_conference_is_red_here_too(conference, tmp_path):
    """Without the other conference's key the page cannot tell forged from foreign: red either way."""
    if shutil.which("node") is None:
        pytest.skip("Node.js is not installed")
    code = make_badge_code("00" * 32, conference.id + 7, 1, 1)
    listing = {"key": conference.badge_key, "registrations": [], "points": [{"id": "entrance", "label": "E"}]}
    ((result, colour),) = decide_in_javascript(conference.id, listing, [(code, "entrance")], tmp_path)
    assert (
        services.judge(conference, code, resolve_point(conference, "entrance")).result.value == "forged_code"
    )
    assert (result, colour) == ("other_conference", "red")
