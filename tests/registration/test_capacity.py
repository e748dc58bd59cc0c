"""Capacity is never exceeded: sequentially, and under 50 concurrent registrations over real connections."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

from sqlalchemy import func, select

from conference.db_types import utcnow
from conference.extensions import db
from conference.registration import services
from conference.registration.capacity import places_held
from conference.registration.models import Registration, RegistrationStatus
from conference.registration.waitlist import sweep
from tests import factories


def test_the_place_after_the_last_goes_to_the_waitlist(app, conference):
    ticket = factories.make_ticket(conference, capacity=2)
    first = services.register(conference, ticket, factories.delegate("a@example.org"))
    second = services.register(conference, ticket, factories.delegate("b@example.org"))
    third = services.register(conference, ticket, factories.delegate("c@example.org"))
    assert [first.status, second.status, third.status] == [
        RegistrationStatus.CONFIRMED,
        RegistrationStatus.CONFIRMED,
        RegistrationStatus.WAITLISTED,
    ]


def test_a_cancelled_place_is_offered_to_the_first_on_the_waitlist(app, conference):
    ticket = factories.make_ticket(conference, capacity=1)
    holder = services.register(conference, ticket, factories.delegate("a@example.org"))
    waiting = services.register(conference, ticket, factories.delegate("b@example.org"))
    later = services.register(conference, ticket, factories.delegate("c@example.org"))
    services.cancel(holder, actor_id=None)
    db.session.refresh(waiting)
    db.session.refresh(later)
    assert waiting.status == RegistrationStatus.OFFERED
    assert waiting.hold_expires_at > utcnow()
    assert later.status == RegistrationStatus.WAITLISTED
    services.accept_offer(waiting)
    assert waiting.status == RegistrationStatus.CONFIRMED
    assert places_held(ticket.id, utcnow()) == 1


def test_an_abandoned_payment_releases_its_place(app, conference):
    ticket = factories.make_ticket(conference, capacity=1, price_minor=50000)
    start = utcnow()
    abandoned = services.register(
        conference, ticket, factories.delegate("a@example.org"), online_payments=True, now=start
    )
    assert abandoned.status == RegistrationStatus.PENDING_PAYMENT
    next_one = services.register(
        conference,
        ticket,
        factories.delegate("b@example.org"),
        online_payments=True,
        now=start + timedelta(minutes=5),
    )
    assert next_one.status == RegistrationStatus.WAITLISTED
    assert sweep(now=start + timedelta(hours=1)) == 2  # one expiry, one offer
    db.session.refresh(abandoned)
    db.session.refresh(next_one)
    assert abandoned.status == RegistrationStatus.EXPIRED
    assert next_one.status == RegistrationStatus.OFFERED


def test_fifty_concurrent_registrations_fill_exactly_twenty_places(app, conference):
    ticket = factories.make_ticket(conference, capacity=20)
    conference_id, ticket_id = conference.id, ticket.id

    def register(n: int) -> str:
        with app.app_context():
            from conference.events.models import Conference
            from conference.registration.models import TicketType

            conf = db.session.get(Conference, conference_id)
            tick = db.session.get(TicketType, ticket_id)
            registration = services.register(conf, tick, factories.delegate(f"delegate{n}@example.org"))
            status = registration.status.value
            db.session.remove()
            return status

    with ThreadPoolExecutor(max_workers=25) as pool:
        statuses = list(pool.map(register, range(50)))

    assert statuses.count("confirmed") == 20
    assert statuses.count("waitlisted") == 30
    db.session.expire_all()
    counts = dict(
        db.session.execute(
            select(Registration.status, func.count())
            .where(Registration.ticket_type_id == ticket_id)
            .group_by(Registration.status)
        ).all()
    )
    assert counts == {RegistrationStatus.CONFIRMED: 20, RegistrationStatus.WAITLISTED: 30}
