"""The programme the feed tests read: two rooms, two tracks, a Korean keynote, a cancelled and a draft."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from conference.agenda.models import SessionStatus, SessionType
from tests import factories

STREAM = "https://stream.example.org/live/secret-room"


@pytest.fixture
def programme(conference):
    hall = factories.make_room(conference, "Grand Hall", location="2F, main building")
    small = factories.make_room(conference, "Room 201")
    policy = factories.make_track(conference, "Policy")
    practice = factories.make_track(conference, "Practice")
    speaker = factories.make_person(conference, "Lim Hyun Mook", organisation="Seoul Institute")
    keynote = factories.make_session(
        conference,
        "학습도시의 미래: 서울에서 본 아시아-태평양 평생학습 네트워크의 과제와 전망",
        starts_at=datetime(2026, 12, 10, 1, 0, tzinfo=UTC),
        type=SessionType.KEYNOTE,
        room_id=hall.id,
        track_id=policy.id,
        abstract="Why *cities* learn, R&D included.",
        people=[(speaker, "speaker")],
        materials=[{"title": "Live stream", "url": STREAM}],
    )
    workshop = factories.make_session(
        conference,
        "Workshop on practice",
        starts_at=datetime(2026, 12, 10, 5, 0, tzinfo=UTC),
        type=SessionType.WORKSHOP,
        room_id=small.id,
        track_id=practice.id,
    )
    cancelled = factories.make_session(
        conference, "Cancelled panel", room_id=small.id, track_id=policy.id, status=SessionStatus.CANCELLED
    )
    draft = factories.make_session(conference, "Secret draft", room_id=hall.id, status=SessionStatus.DRAFT)
    version = factories.publish(conference)
    return dict(
        hall=hall, small=small, policy=policy, practice=practice, keynote=keynote, workshop=workshop,
        cancelled=cancelled, draft=draft, version=version,
    )  # fmt: skip
