"""Only the conference's organisers (and site admins) open or post the streaming pages.

The routes are read from the URL map, so a streaming page added later is covered without touching this file.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select

from conference.audit.models import AuditEntry
from conference.extensions import db
from conference.streaming.models import StreamChannel
from tests import factories
from tests.conftest import call_route, manage_routes

PREFIX = "streaming_manage."
OUTSIDERS = ("delegate", "staff", "speaker", "other_organiser")
FLOOR = "https://www.youtube.com/watch?v=aaaaaaaaaaa"


def add_channel(conference, **where) -> StreamChannel:
    channel = StreamChannel(
        conference_id=conference.id, label="Floor", url=FLOOR, passcode="secret-1", **where
    )
    db.session.add(channel)
    db.session.commit()
    return channel


@pytest.fixture
def world(app, conference, organiser):
    other = factories.make_conference("other-2026", title="Another Forum")
    users = {"organiser": organiser, "admin": factories.make_user("admin@example.org", admin=True)}
    users["delegate"] = factories.make_user("delegate@example.org")
    for kind in ("staff", "speaker"):
        users[kind] = factories.make_user(f"{kind}@example.org")
        factories.grant(users[kind], conference, kind)
    users["other_organiser"] = factories.make_user("other@example.org")
    factories.grant(users["other_organiser"], other, "organiser")
    room = factories.make_room(conference)
    starts_at = datetime(2025, 12, 10, 1, tzinfo=UTC)  # over: it is listed for its recordings
    session = factories.make_session(conference, starts_at=starts_at, room_id=room.id)
    channel = add_channel(conference, room_id=room.id)
    ids = {"slug": conference.slug, "room_id": room.id, "session_id": session.id, "channel_id": channel.id}
    return {"ids": ids, "users": {kind: user.email for kind, user in users.items()}}


def audit_count() -> int:
    return db.session.scalar(select(func.count()).select_from(AuditEntry))


def test_every_streaming_page_is_enumerated(app, world):
    endpoints = {endpoint for endpoint, _method, _url in manage_routes(app, PREFIX, world["ids"])}
    assert {
        "streaming_manage.channels",
        "streaming_manage.settings",
        "streaming_manage.bulk",
        "streaming_manage.new_room_channel",
        "streaming_manage.new_session_channel",
        "streaming_manage.edit_channel",
        "streaming_manage.delete_channel",
        "streaming_manage.sessions",
        "streaming_manage.session_channels",
        "streaming_manage.copy_room_channels",
        "streaming_manage.recordings",
        "streaming_manage.save_recordings",
        "streaming_manage.board",
        "streaming_manage.board_json",
    } <= endpoints


def test_anonymous_visitors_are_sent_to_log_in(app, client, world):
    for endpoint, method, url in manage_routes(app, PREFIX, world["ids"]):
        response = call_route(client, method, url)
        assert response.status_code == 302, (endpoint, method, response.status_code)
        assert response.headers["Location"].startswith("/login"), endpoint
        assert FLOOR not in response.get_data(as_text=True)
    assert audit_count() == 0


@pytest.mark.parametrize("kind", OUTSIDERS)
def test_outsiders_are_refused_and_never_see_a_stream_address(app, client, auth, world, kind):
    auth.login(world["users"][kind])
    for endpoint, method, url in manage_routes(app, PREFIX, world["ids"]):
        response = call_route(client, method, url)
        assert response.status_code == 403, (kind, endpoint, method, response.status_code)
        html = response.get_data(as_text=True)
        assert "You do not have access to this page" in html
        assert FLOOR not in html and "secret-1" not in html
    assert audit_count() == 0
    assert db.session.scalar(select(func.count()).select_from(StreamChannel)) == 1


@pytest.mark.parametrize("kind", ["organiser", "admin"])
def test_organiser_and_site_admin_open_every_page_uncached(app, client, auth, world, kind):
    auth.login(world["users"][kind])
    for endpoint, method, url in manage_routes(app, PREFIX, world["ids"]):
        if method == "GET":
            response = client.get(url)
            assert response.status_code == 200, (kind, endpoint, response.status_code)
            assert response.headers["Cache-Control"] == "no-store", endpoint


@pytest.mark.parametrize("kind", ["organiser", "admin"])
def test_organiser_and_site_admin_may_post_every_form(app, client, auth, world, kind):
    auth.login(world["users"][kind])
    for endpoint, method, url in manage_routes(app, PREFIX, world["ids"]):
        if method == "POST":
            response = call_route(client, method, url)
            assert response.status_code in (200, 302), (kind, endpoint, response.status_code)
            assert not response.headers.get("Location", "").startswith("/login"), endpoint


def test_a_post_without_its_csrf_token_is_refused(client, auth, world):
    auth.login(world["users"]["organiser"])
    slug, channel_id = world["ids"]["slug"], world["ids"]["channel_id"]
    response = client.post(f"/c/{slug}/manage/streaming/channels/{channel_id}/delete")
    assert response.status_code == 400
    response = client.post(f"/c/{slug}/manage/streaming/settings", data={"stream_open_minutes": "30"})
    assert response.status_code == 400
    assert db.session.get(StreamChannel, channel_id) is not None
    assert audit_count() == 0


def test_things_of_another_conference_are_not_found(app, client, auth, world):
    other = factories.make_conference("third-2026")
    room = factories.make_room(other)
    foreign = {
        "room_id": room.id,
        "session_id": factories.make_session(other, room_id=room.id).id,
        "channel_id": add_channel(other, room_id=room.id).id,
    }
    auth.login(world["users"]["organiser"])
    checked = 0
    for rule in app.url_map.iter_rules():
        if not rule.endpoint.startswith(PREFIX) or not set(rule.arguments) & set(foreign):
            continue
        url = rule.build(world["ids"] | foreign, append_unknown=False)[1]
        if "GET" in rule.methods:
            assert client.get(url).status_code == 404, rule.endpoint
        assert call_route(client, "POST", url).status_code in (404, 405), rule.endpoint
        checked += 1
    assert checked >= 7
    assert audit_count() == 0
    assert db.session.scalar(select(func.count()).select_from(StreamChannel)) == 2


def test_every_page_opens_in_korean_too(client, auth, world):
    auth.login(world["users"]["admin"])
    client.get("/lang/ko")
    for endpoint, method, url in manage_routes(client.application, PREFIX, world["ids"]):
        if method == "GET" and not url.endswith(".json"):
            response = client.get(url)
            assert response.status_code == 200, endpoint
            assert '<html lang="ko">' in response.get_data(as_text=True), endpoint


def test_the_organiser_menu_links_to_streaming(client, auth, world):
    auth.login(world["users"]["organiser"])
    html = client.get(f"/c/{world['ids']['slug']}/manage/").get_data(as_text=True)
    assert f'href="/c/{world["ids"]["slug"]}/manage/streaming/"' in html
