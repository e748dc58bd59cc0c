"""frab-format schedule.xml / schedule.json: valid against the voc/schedule schemas, published data only."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import jsonschema
import pytest
from flask import url_for
from lxml import etree

from conference.agenda.models import SessionStatus, SessionType
from conference.agenda.published import published_sessions
from conference.events.models import ConferenceStatus
from conference.feeds import frab
from tests import factories

SPECS = Path("/work/shared/specs")
KOREAN = "평생학습도시 서울 선언"


@pytest.fixture
def programme(conference):
    hall = factories.make_room(conference, "Grand Hall", position=1)
    annex = factories.make_room(conference, "Annex", position=0)
    track = factories.make_track(conference, "Policy")
    mun = factories.make_person(conference, "Mun Seok-jin")
    opening = factories.make_session(
        conference, KOREAN, room=hall, track=track, languages="ko,en", people=[(mun, "speaker")]
    )
    workshop = factories.make_session(
        conference,
        "Mapping learning",
        starts_at=datetime(2026, 12, 11, 5, 30, tzinfo=UTC),  # 14:30 in Seoul, second day
        minutes=90,
        room=annex,
        type=SessionType.WORKSHOP,
    )
    cancelled = factories.make_session(
        conference, "Called off", starts_at=datetime(2026, 12, 10, 3, 0, tzinfo=UTC), room=hall
    )
    draft = factories.make_session(conference, "Not yet", status=SessionStatus.DRAFT, room=hall)
    factories.publish(conference)
    cancelled.status = SessionStatus.CANCELLED
    factories.publish(conference)
    return {"opening": opening, "workshop": workshop, "cancelled": cancelled, "draft": draft, "mun": mun}


def _xml(client, slug="aplc-2026"):
    response = client.get(f"/c/{slug}/schedule.xml")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/xml; charset=utf-8"
    return etree.fromstring(response.data)


def _json(client, slug="aplc-2026"):
    response = client.get(f"/c/{slug}/schedule.json")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/json; charset=utf-8"
    return json.loads(response.data.decode("utf-8"))


def test_xml_validates_against_the_xsd(client, programme):
    schema = etree.XMLSchema(etree.parse(str(SPECS / "schedule.xml.xsd")))
    document = _xml(client)
    schema.assertValid(document)


def test_json_validates_against_the_v1_schema(client, programme):
    schema = json.loads((SPECS / "schedule.schema.json").read_text())
    document = _json(client)
    jsonschema.validate(document, schema, format_checker=jsonschema.FormatChecker())


def test_xml_content_is_local_time_grouped_by_day_with_rooms_in_order(app, client, conference, programme):
    document = _xml(client)
    assert document.findtext("version") == "2"
    days = document.findall("day")
    assert [d.get("date") for d in days] == ["2026-12-10", "2026-12-11"]
    assert days[0].get("start") == "2026-12-10T09:00:00+09:00"
    event = days[0].find("room/event")
    assert days[0].find("room").get("name") == "Grand Hall"
    assert event.findtext("title") == KOREAN
    assert event.findtext("date") == "2026-12-10T09:00:00+09:00"
    assert event.findtext("start") == "09:00"
    assert event.findtext("duration") == "01:00"
    assert event.findtext("language") == "ko"
    assert event.findtext("track") == "Policy"
    assert event.findtext("type") == "opening"
    persons = [(p.get("id"), p.text) for p in event.findall("persons/person")]
    assert persons == [(str(programme["mun"].id), "Mun Seok-jin")]
    with app.test_request_context():
        page = url_for("agenda.session", slug="aplc-2026", session_id=programme["opening"].id, _external=True)
    assert event.findtext("url") == page
    assert event.get("guid") == frab.session_guid(conference, programme["opening"].id)
    workshop = days[1].find("room/event")
    assert workshop.findtext("start") == "14:30" and workshop.findtext("duration") == "01:30"


def test_json_rooms_follow_room_order_and_korean_survives(client, programme):
    raw = client.get("/c/aplc-2026/schedule.json").data
    assert KOREAN.encode("utf-8") in raw
    conference = json.loads(raw)["schedule"]["conference"]
    assert [r["name"] for r in conference["rooms"]] == ["Annex", "Grand Hall"]
    event = conference["days"][0]["rooms"]["Grand Hall"][0]
    assert event["title"] == KOREAN
    assert event["persons"][0]["public_name"] == "Mun Seok-jin"
    assert conference["time_zone_name"] == "Asia/Seoul"


def test_cancelled_and_unpublished_sessions_are_left_out(client, conference, programme):
    # The published version does carry the cancelled session (the agenda shows it struck through).
    assert [s.title for s in published_sessions(conference.id) if s.cancelled] == ["Called off"]
    titles = [e.findtext("title") for e in _xml(client).iter("event")]
    assert titles == [KOREAN, "Mapping learning"]
    days = _json(client)["schedule"]["conference"]["days"]
    assert [e["title"] for d in days for events in d["rooms"].values() for e in events] == titles


def test_guids_are_stable_across_versions(client, conference, programme):
    before = [e.get("guid") for e in _xml(client).iter("event")]
    factories.make_session(conference, "Late addition", starts_at=datetime(2026, 12, 11, 8, 0, tzinfo=UTC))
    factories.publish(conference)
    after = [e.get("guid") for e in _xml(client).iter("event")]
    assert after[:2] == before and len(after) == 3


def test_no_streaming_links_leak(client, conference, programme):
    programme["opening"].materials = [{"kind": "stream", "url": "https://stream.example.org/live"}]
    factories.publish(conference)
    assert published_sessions(conference.id)[0].materials  # the link is in the published data
    assert b"stream.example.org" not in client.get("/c/aplc-2026/schedule.xml").data
    assert b"stream.example.org" not in client.get("/c/aplc-2026/schedule.json").data


@pytest.mark.parametrize("path", ["schedule.xml", "schedule.json"])
def test_unknown_draft_or_never_published_conference_is_404(client, app, path):
    assert client.get(f"/c/nope/{path}").status_code == 404
    draft = factories.make_conference("draft-conf", status=ConferenceStatus.DRAFT)
    factories.make_session(draft, "Secret")
    factories.publish(draft)
    assert client.get(f"/c/draft-conf/{path}").status_code == 404
    factories.make_conference("fresh-conf")
    assert client.get(f"/c/fresh-conf/{path}").status_code == 404


def test_session_without_room_and_empty_days_still_validate(client, conference):
    conference.end_date = conference.start_date.replace(day=12)  # a third day with nothing on it
    factories.make_session(conference, "Somewhere")
    factories.publish(conference)
    document = _xml(client)
    etree.XMLSchema(etree.parse(str(SPECS / "schedule.xml.xsd"))).assertValid(document)
    assert [len(d.findall("room")) for d in document.findall("day")] == [1, 0, 0]
    assert document.find("day/room/event/room").text == "Room to be announced"
    schema = json.loads((SPECS / "schedule.schema.json").read_text())
    jsonschema.validate(_json(client), schema, format_checker=jsonschema.FormatChecker())
