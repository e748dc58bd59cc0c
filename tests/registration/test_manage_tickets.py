"""Organisers keep the conference's ticket types: price in major units, sales window in local time."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from conference.audit.models import AuditEntry
from conference.extensions import db
from conference.registration import services
from conference.registration.models import Attendance, TicketType
from tests import factories
from tests.conftest import submit

TICKETS = "/c/aplc-2026/manage/tickets/"
GOOD = {
    "name": "Observer",
    "description": "For observers",
    "attendance": "in_person",
    "price": "50000",
    "currency": "KRW",
    "capacity": "20",
    "sales_start": "2026-11-01T09:00",
    "sales_end": "2026-12-01T18:00",
    "access_code": "",
    "badge_colour": "#2A7F62",
    "position": "1",
    "active": "y",
}


def test_create_a_ticket_in_local_time_and_major_units(client, conference, signed_in):
    response = submit(client, f"{TICKETS}new", GOOD | {"includes_streaming": "y"}, follow_redirects=True)
    html = response.get_data(as_text=True)
    assert "The ticket “Observer” was saved." in html
    assert "₩50,000" in html and "0 / 20" in html
    ticket = db.session.scalar(select(TicketType))
    assert (ticket.price_minor, ticket.currency, ticket.capacity) == (50000, "KRW", 20)
    # 09:00 in Seoul is midnight UTC.
    assert ticket.sales_start == datetime(2026, 11, 1, 0, 0, tzinfo=UTC)
    assert ticket.sales_end == datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
    assert ticket.badge_colour == "#2a7f62" and ticket.includes_streaming and ticket.active
    assert ticket.attendance == Attendance.IN_PERSON and ticket.access_code is None


def test_edit_shows_the_stored_values_back_in_local_time(client, conference, signed_in):
    ticket = factories.make_ticket(
        conference,
        price_minor=1250,
        currency="USD",
        sales_start=datetime(2026, 11, 1, 0, 0, tzinfo=UTC),
        access_code="press",
        requires_approval=True,
    )
    html = client.get(f"{TICKETS}{ticket.id}").get_data(as_text=True)
    assert 'value="12.50"' in html and 'value="2026-11-01T09:00"' in html and 'value="press"' in html
    data = GOOD | {"price": "12.5", "currency": "USD", "sales_start": "", "sales_end": "", "capacity": ""}
    submit(client, f"{TICKETS}{ticket.id}", data)
    db.session.expire_all()
    ticket = db.session.get(TicketType, ticket.id)
    assert (ticket.price_minor, ticket.sales_start, ticket.capacity) == (1250, None, None)
    assert ticket.requires_approval is False  # unticked


def test_the_list_shows_places_held_and_formatted_prices(client, conference, signed_in):
    paid = factories.make_ticket(conference, "Observer", price_minor=1250, currency="USD", capacity=5)
    free = factories.make_ticket(conference, "Member city", price_minor=0, position=-1)
    services.register(conference, paid, factories.delegate("a@example.org"))
    services.register(conference, paid, factories.delegate("b@example.org"))
    html = client.get(TICKETS).get_data(as_text=True)
    assert "$12.50" in html and "2 / 5" in html
    assert "0 / unlimited" in html and "Free" in html
    assert html.index(free.name) < html.index(paid.name)


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"name": ""}, "name", "This field is required."),
        ({"price": "12.50", "currency": "KRW"}, "price", "KRW prices have no decimals."),
        ({"price": "12.505", "currency": "USD"}, "price", "USD prices have at most 2 decimals."),
        ({"price": "-5"}, "price", "Give a price of 0 (free) or more."),
        ({"price": "fifty"}, "price", "Give the price as a number"),
        ({"price": "NaN"}, "price", "Give a price of 0 (free) or more."),
        ({"currency": "XXX"}, "currency", "Choose one of the options in the list."),
        ({"capacity": "-1"}, "capacity", "Number must be between 0 and 1000000."),
        ({"capacity": "many"}, "capacity", "Not a valid integer value."),
        ({"sales_end": "2026-10-01T09:00"}, "sales_end", "Sales must close after they open."),
        ({"sales_start": "tomorrow"}, "sales_start", "Not a valid datetime value."),
        ({"badge_colour": "red"}, "badge_colour", "Give a colour as #RRGGBB"),
        ({"attendance": "teleport"}, "attendance", "Choose one of the options in the list."),
        ({"access_code": "x" * 65}, "access_code", "Field cannot be longer than 64 characters."),
        ({"position": "first"}, "position", "Not a valid integer value."),
    ],
)
def test_bad_ticket_input_is_refused_next_to_the_field(
    client, conference, signed_in, changes, field, message
):
    response = submit(client, f"{TICKETS}new", GOOD | changes)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert message in html and f'id="{field}-error"' in html
    if "name" not in changes:
        assert 'value="Observer"' in html  # what was typed is kept
    for value in changes.values():
        if value and field not in ("currency", "attendance"):
            assert value in html
    assert db.session.scalar(select(TicketType)) is None


def test_a_nonexistent_local_time_is_refused(client, signed_in, app):
    factories.make_conference("ny-2026", timezone="America/New_York")
    user = signed_in
    conference = db.session.scalar(select(factories.Conference).where(factories.Conference.slug == "ny-2026"))
    factories.grant(user, conference, "organiser")
    data = GOOD | {"sales_start": "2026-03-08T02:30", "sales_end": ""}
    html = submit(client, "/c/ny-2026/manage/tickets/new", data).get_data(as_text=True)
    assert "This time does not exist in America/New_York" in html


def test_delete_an_unused_ticket_but_deactivate_a_used_one(client, conference, signed_in):
    unused = factories.make_ticket(conference, "Unused")
    used = factories.make_ticket(conference, "Used")
    services.register(conference, used, factories.delegate())
    unused_id = unused.id
    assert "Delete the ticket “Unused”?" in client.get(f"{TICKETS}{unused.id}/delete").get_data(as_text=True)
    confirm = client.get(f"{TICKETS}{used.id}/delete").get_data(as_text=True)
    assert "Deactivate the ticket “Used”?" in confirm and "One registration uses it" in confirm
    html = submit(client, f"{TICKETS}{unused.id}/delete", follow_redirects=True).get_data(as_text=True)
    assert "The ticket “Unused” was deleted." in html
    html = submit(client, f"{TICKETS}{used.id}/delete", follow_redirects=True).get_data(as_text=True)
    assert "The ticket “Used” was deactivated." in html and "Inactive" in html
    db.session.expire_all()
    assert db.session.get(TicketType, unused_id) is None
    assert db.session.get(TicketType, used.id).active is False
    actions = list(
        db.session.scalars(select(AuditEntry.action).where(AuditEntry.object_type == "TicketType"))
    )
    assert actions == ["ticket_type.deleted", "ticket_type.deactivated"]


def test_another_conferences_ticket_is_not_found(client, conference, signed_in):
    other = factories.make_conference("other-2026")
    ticket = factories.make_ticket(other)
    assert client.get(f"{TICKETS}{ticket.id}").status_code == 404
    assert client.get(f"{TICKETS}{ticket.id}/delete").status_code == 404
