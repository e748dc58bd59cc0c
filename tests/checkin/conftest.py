"""Check-in fixtures: a conference with a free in-person ticket, confirmed delegates and their badge codes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from conference.badges.codes import badge_code
from conference.checkin import services as checkin_services
from conference.checkin import tokens
from conference.registration import services as registration_services
from conference.registration.models import Attendance
from tests import factories

NOW = datetime(2026, 12, 10, 0, 30, tzinfo=UTC)  # 09:30 in Seoul on the first day


@pytest.fixture
def ticket(conference):
    return factories.make_ticket(conference, name="Member-city delegate", badge_colour="#0b6e99")


@pytest.fixture
def online_ticket(conference):
    return factories.make_ticket(conference, name="Online participant", attendance=Attendance.ONLINE)


def register(conference, ticket, email: str = "mina@example.org", **values):
    return registration_services.register(conference, ticket, factories.delegate(email, **values))


@pytest.fixture
def delegate(conference, ticket):
    return register(conference, ticket, dietary_needs="Vegetarian", organisation="Suwon City")


@pytest.fixture
def code(delegate):
    return badge_code(delegate)


@pytest.fixture
def staff(conference):
    user = factories.make_user("staff@example.org", name="Door Staff")
    factories.grant(user, conference, "staff")
    return user


@pytest.fixture
def device(conference, organiser):
    return checkin_services.create_token(
        conference,
        label="Gate A phone",
        lifetime=timedelta(hours=24),
        by_user_id=organiser.id,
        now=datetime.now(UTC),
    )


@pytest.fixture
def bearer(device):
    return {"Authorization": f"Bearer {tokens.bearer_token(device)}"}
