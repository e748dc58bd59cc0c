"""The public JSON API: endpoints, filters, errors, CORS, and responses checked against the OpenAPI spec."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from openapi_core import OpenAPI
from openapi_core.contrib.werkzeug import WerkzeugOpenAPIRequest, WerkzeugOpenAPIResponse
from sqlalchemy import update

from conference.agenda.models import AgendaVersion, SessionStatus
from conference.events.models import ConferenceStatus
from conference.extensions import db
from tests import factories
from tests.conftest import count_queries

BASE = "/api/v1/conferences/aplc-2026"


@pytest.fixture
def spec(client) -> OpenAPI:
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    return OpenAPI.from_dict(response.get_json())


@pytest.fixture
def api_get(client, spec):
    """GET a URL and check the response (whatever its status) against the served OpenAPI document."""

    def get(url: str, status: int = 200, **kwargs):
        response = client.get(url, **kwargs)
        assert response.status_code == status, response.get_data(as_text=True)
        assert response.mimetype == "application/json"
        spec.validate_response(WerkzeugOpenAPIRequest(response.request), WerkzeugOpenAPIResponse(response))
        return response.get_json()

    return get


@pytest.fixture
def programme(conference):
    """Two days in Seoul: rooms, tracks, a speaker with private fields, and sessions across midnight UTC."""
    hall = factories.make_room(conference, "Grand Hall", location="Floor 1")
    studio = factories.make_room(conference, "Studio", location="Floor 2")
    policy = factories.make_track(conference, "Policy")
    practice = factories.make_track(conference, "Practice", colour="#aa3300")
    speaker = factories.make_person(
        conference,
        "Mun Seok-jin",
        position="Mayor",
        organisation="Seodaemun-gu",
        city="Seoul",
        country="KR",
        bio="Works on **learning cities**.",
        photo="abc123.jpg",
        email="mun@example.org",
    )
    chair = factories.make_person(conference, "Ana Reyes", country="PH")
    backstage = factories.make_person(conference, "Not On Stage", email="hidden@example.org")
    opening = factories.make_session(
        conference, "Opening", room=hall, track=policy, people=[(speaker, "speaker"), (chair, "chair")]
    )
    # 23:30 UTC on the 10th is 08:30 on the 11th in Seoul: it belongs to the second conference day.
    breakfast = factories.make_session(
        conference, "Breakfast talk", starts_at=datetime(2026, 12, 10, 23, 30, tzinfo=UTC), room=studio
    )
    panel = factories.make_session(
        conference,
        "Panel",
        starts_at=datetime(2026, 12, 11, 1, 0, tzinfo=UTC),
        room=hall,
        track=practice,
        people=[(chair, "panelist")],
    )
    draft = factories.make_session(
        conference, "Secret draft", status=SessionStatus.DRAFT, people=[(backstage, "speaker")]
    )
    factories.publish(conference)
    return {
        "hall": hall,
        "studio": studio,
        "policy": policy,
        "practice": practice,
        "speaker": speaker,
        "chair": chair,
        "backstage": backstage,
        "opening": opening,
        "breakfast": breakfast,
        "panel": panel,
        "draft": draft,
    }


def _ids(body: dict) -> list[int]:
    return [item["id"] for item in body["items"]]


def test_openapi_document_is_served_with_cors(client):
    response = client.get("/api/v1/openapi.json", headers={"Origin": "https://example.com"})
    assert response.status_code == 200
    assert response.get_json()["openapi"].startswith("3.1")
    assert response.headers["Access-Control-Allow-Origin"] == "*"


def test_conferences_lists_public_ones_only(app, api_get, conference):
    factories.make_conference("draft-2027", status=ConferenceStatus.DRAFT)
    body = api_get("/api/v1/conferences")
    assert [c["slug"] for c in body["items"]] == ["aplc-2026"]
    assert body["meta"] == {"page": 1, "per_page": 50, "total": 1, "pages": 1}
    assert body["links"]["next"] is None and body["links"]["prev"] is None
    assert "contact_email" not in body["items"][0]


def test_conference_detail(api_get, conference):
    body = api_get(BASE)
    assert body["slug"] == "aplc-2026"
    assert body["timezone"] == "Asia/Seoul"
    assert body["start_date"] == "2026-12-10"
    assert body["venue"]["city"] == "Seoul"


def test_unknown_and_unpublished_conferences_are_404_json(app, api_get, conference):
    factories.make_conference("draft-2027", status=ConferenceStatus.DRAFT)
    for url in (
        "/api/v1/conferences/nope",
        "/api/v1/conferences/draft-2027",
        "/api/v1/conferences/draft-2027/sessions",
    ):
        body = api_get(url, 404)
        assert body["error"]["field"] == "slug"
        assert body["error"]["message"]


def test_sessions_come_from_the_published_version_in_time_order(api_get, programme):
    factories.make_session(programme["opening"].conference, "Added after publishing")
    body = api_get(f"{BASE}/sessions")
    assert [s["title"] for s in body["items"]] == ["Opening", "Breakfast talk", "Panel"]
    opening = body["items"][0]
    assert opening["room"] == {
        "id": programme["hall"].id,
        "name": "Grand Hall",
        "location": "Floor 1",
        "online": False,
    }
    assert opening["track"]["name"] == "Policy"
    assert opening["local_starts_at"] == "2026-12-10T09:00:00+09:00"
    assert opening["day"] == "2026-12-10"
    assert [p["name"] for p in opening["people"]] == ["Mun Seok-jin", "Ana Reyes"]
    assert body["items"][1]["track"] is None


def test_session_detail_and_unknown_session(api_get, programme):
    body = api_get(f"{BASE}/sessions/{programme['panel'].id}")
    assert body["title"] == "Panel"
    api_get(f"{BASE}/sessions/{programme['draft'].id}", 404)
    assert api_get(f"{BASE}/sessions/abc", 404)["error"]["field"] == "session_id"


def test_day_filter_uses_the_conference_local_date(api_get, programme):
    body = api_get(f"{BASE}/sessions?day=2026-12-11")
    assert [s["title"] for s in body["items"]] == ["Breakfast talk", "Panel"]
    assert api_get(f"{BASE}/sessions?day=2026-12-12")["items"] == []


def test_track_and_room_filters(api_get, programme):
    assert _ids(api_get(f"{BASE}/sessions?track={programme['practice'].id}")) == [programme["panel"].id]
    hall = api_get(f"{BASE}/sessions?room={programme['hall'].id}")
    assert _ids(hall) == [programme["opening"].id, programme["panel"].id]
    both = api_get(f"{BASE}/sessions?room={programme['hall'].id}&track={programme['policy'].id}")
    assert _ids(both) == [programme["opening"].id]


def test_changed_since_lists_sessions_changed_in_later_versions(app, api_get, programme):
    conference = programme["opening"].conference
    # Move the first version an hour back so "since" falls cleanly between the two versions.
    an_hour_ago = datetime.now(UTC) - timedelta(hours=1)
    db.session.execute(
        update(AgendaVersion)
        .where(AgendaVersion.conference_id == conference.id)
        .values(published_at=an_hour_ago)
    )
    db.session.commit()
    programme["panel"].title = "Panel (renamed)"
    db.session.commit()
    assert factories.publish(conference) is not None

    since = (an_hour_ago + timedelta(minutes=30)).isoformat()
    body = api_get(f"{BASE}/sessions", query_string={"changed_since": since})
    assert [s["title"] for s in body["items"]] == ["Panel (renamed)"]
    before_everything = (an_hour_ago - timedelta(minutes=1)).isoformat()
    assert len(api_get(f"{BASE}/sessions", query_string={"changed_since": before_everything})["items"]) == 3
    later = datetime.now(UTC) + timedelta(minutes=1)
    assert api_get(f"{BASE}/sessions", query_string={"changed_since": later.isoformat()})["items"] == []


def test_paging_with_links_and_meta(api_get, programme):
    first = api_get(f"{BASE}/sessions?per_page=2&room={programme['hall'].id}")
    assert first["meta"] == {"page": 1, "per_page": 2, "total": 2, "pages": 1}
    body = api_get(f"{BASE}/sessions?per_page=2")
    assert body["meta"] == {"page": 1, "per_page": 2, "total": 3, "pages": 2}
    assert body["links"]["next"] == f"{BASE}/sessions?per_page=2&page=2"
    assert body["links"]["prev"] is None
    second = api_get(body["links"]["next"])
    assert [s["title"] for s in second["items"]] == ["Panel"]
    assert second["links"]["next"] is None
    assert second["links"]["prev"] == f"{BASE}/sessions?per_page=2&page=1"
    assert api_get(f"{BASE}/sessions?page=9")["items"] == []
    assert api_get(f"{BASE}/sessions?slug=other")["links"]["self"] == f"{BASE}/sessions?page=1"
    assert api_get(f"{BASE}/sessions?per_page=200")["meta"]["per_page"] == 200


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("day=2026-13-01", "day"),
        ("day=tomorrow", "day"),
        ("track=abc", "track"),
        ("room=1.5", "room"),
        ("room=0", "room"),
        ("changed_since=yesterday", "changed_since"),
        ("changed_since=2026-12-01T10:00:00", "changed_since"),
        ("per_page=0", "per_page"),
        ("per_page=201", "per_page"),
        ("per_page=x", "per_page"),
        ("page=0", "page"),
    ],
)
def test_invalid_filters_are_400_json(api_get, programme, query, field):
    body = api_get(f"{BASE}/sessions?{query}", 400)
    assert body["error"]["field"] == field
    assert body["error"]["message"]


def test_people_in_the_published_programme_with_public_fields_only(api_get, programme):
    body = api_get(f"{BASE}/people")
    assert [p["name"] for p in body["items"]] == ["Ana Reyes", "Mun Seok-jin"]
    mun = body["items"][1]
    assert mun["position"] == "Mayor"
    assert mun["city"] == "Seoul" and mun["country"] == "KR"
    assert mun["bio"] == "Works on **learning cities**."
    assert mun["photo_url"] == "http://localhost/media/abc123.jpg"
    assert body["items"][0]["photo_url"] is None
    assert "email" not in mun and "mun@example.org" not in str(body)
    assert api_get(f"{BASE}/people?per_page=1")["meta"]["pages"] == 2


def test_person_detail_and_people_outside_the_programme(api_get, programme):
    body = api_get(f"{BASE}/people/{programme['chair'].id}")
    assert body["name"] == "Ana Reyes"
    assert body["session_ids"] == [programme["opening"].id, programme["panel"].id]
    assert "email" not in body
    assert api_get(f"{BASE}/people/{programme['backstage'].id}", 404)["error"]["field"] == "person_id"
    api_get(f"{BASE}/people/999999", 404)
    api_get(f"{BASE}/people/x", 404)


def test_rooms_and_tracks_used_by_the_published_programme(api_get, programme):
    factories.make_room(programme["opening"].conference, "Unused room")
    rooms = api_get(f"{BASE}/rooms")
    assert [r["name"] for r in rooms["items"]] == ["Grand Hall", "Studio"]
    tracks = api_get(f"{BASE}/tracks")
    assert tracks["items"] == [
        {"id": programme["policy"].id, "name": "Policy", "colour": "#2a7f62"},
        {"id": programme["practice"].id, "name": "Practice", "colour": "#aa3300"},
    ]


def test_empty_programme_before_the_first_publish(api_get, conference):
    assert api_get(f"{BASE}/sessions")["items"] == []
    assert api_get(f"{BASE}/people")["items"] == []
    assert api_get(f"{BASE}/rooms")["items"] == []


def test_cors_header_on_api_responses_and_errors(client, programme):
    for url in (f"{BASE}/sessions", f"{BASE}/sessions?day=bad", "/api/v1/conferences/nope"):
        response = client.get(url, headers={"Origin": "https://example.com"})
        assert response.headers["Access-Control-Allow-Origin"] == "*"


def test_no_cors_outside_the_api(client, conference):
    response = client.get("/", headers={"Origin": "https://example.com"})
    assert "Access-Control-Allow-Origin" not in response.headers


def test_query_count_does_not_grow_with_the_programme(client, programme):
    conference = programme["opening"].conference
    client.get(f"{BASE}/sessions")  # warm the parsed-version cache
    with count_queries() as sessions_before:
        assert client.get(f"{BASE}/sessions").status_code == 200
    with count_queries() as people_before:
        assert client.get(f"{BASE}/people").status_code == 200
    for number in range(20):
        person = factories.make_person(conference, f"Speaker {number}")
        factories.make_session(
            conference, f"Talk {number}", room=programme["studio"], people=[(person, "speaker")]
        )
    factories.publish(conference)
    client.get(f"{BASE}/sessions")
    with count_queries() as sessions_after:
        assert client.get(f"{BASE}/sessions").status_code == 200
    with count_queries() as people_after:
        assert client.get(f"{BASE}/people").status_code == 200
    assert len(sessions_after) == len(sessions_before)
    assert len(people_after) == len(people_before)


def test_unknown_paths_and_methods_answer_in_the_api_error_shape(client):
    missing = client.get("/api/v1/no-such-thing")
    assert missing.status_code == 404
    assert set(missing.get_json()["error"]) == {"message", "field"}
    wrong_method = client.post("/api/v1/conferences")
    assert wrong_method.status_code in (400, 405)
    assert "message" in wrong_method.get_json()["error"]
