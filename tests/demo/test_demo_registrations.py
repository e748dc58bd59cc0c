"""`flask seed-demo` adds tickets, a policy and ~300 consistent sample delegates, once."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date

import pytest
from sqlalchemy import delete, func, select

from conference.audit.models import AuditEntry
from conference.db_types import utcnow
from conference.demo.registrations import SAMPLE_SIZE, seed_registrations
from conference.demo.seed import seed_demo
from conference.demo.tickets import OBSERVER_PRICE_KRW
from conference.events.queries import conference_by_slug
from conference.extensions import db
from conference.mail.models import OutboxMessage
from conference.payments.models import Payment, PaymentProvider, PaymentStatus, Refund
from conference.registration import services
from conference.registration.capacity import places_held
from conference.registration.models import (
    ENDED_STATUSES,
    Attendance,
    Delegation,
    PaymentMethod,
    Registration,
    RegistrationPolicy,
    RegistrationStatus,
    TicketType,
)
from conference.registration.policy import tickets_offered
from conference.registration.waitlist import sweep
from tests import factories

TODAY = date(2026, 11, 25)
SCRIPTS = {
    "KR": r"[\uac00-\ud7a3]",  # Hangul
    "JP": r"[\u4e00-\u9fff]",  # Kanji
    "CN": r"[\u4e00-\u9fff]",  # Hanzi
    "TH": r"[\u0e00-\u0e7f]",  # Thai
}


@pytest.fixture
def forum(app):
    seed_demo(TODAY)
    return conference_by_slug("aplc-forum")


def registrations(conference) -> list[Registration]:
    query = select(Registration).where(Registration.conference_id == conference.id).order_by(Registration.id)
    return list(db.session.scalars(query))


def tickets(conference) -> dict[str, TicketType]:
    query = select(TicketType).where(TicketType.conference_id == conference.id)
    return {ticket.name: ticket for ticket in db.session.scalars(query)}


def test_both_conferences_get_the_four_kinds_of_ticket_and_a_policy(forum):
    assembly = conference_by_slug("aplc-founding-assembly")
    for conference in (assembly, forum):
        offered = tickets(conference)
        member = offered["Member-city delegate"]
        assert member.is_free and member.requires_approval
        observer = offered["Observer"]
        assert (observer.price_minor, observer.currency) == (OBSERVER_PRICE_KRW, "KRW")
        online = offered["Online participant"]
        assert online.attendance == Attendance.ONLINE and online.includes_streaming and online.is_free
        assert offered["Speaker / VIP"].access_code
        assert all(t.sales_end is not None for t in offered.values())
        policy = db.session.get(RegistrationPolicy, conference.id)
        assert "privacy" in policy.privacy_notice.lower() or "details" in policy.privacy_notice
        assert policy.invoice_instructions
    assert db.session.get(RegistrationPolicy, forum.id).open
    assert not db.session.get(RegistrationPolicy, assembly.id).open  # it took place in 2021
    # The past assembly's sample registered three weeks before it opened, and is settled.
    assert registrations(assembly)
    assert max(r.created_at for r in registrations(assembly)).date() < assembly.start_date


def test_the_access_code_unlocks_the_speaker_ticket_and_is_printed_with_the_log_ins(app, runner):
    result = runner.invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output
    forum = conference_by_slug("aplc-forum")
    vip = tickets(forum)["Speaker / VIP"]
    assert re.search(rf"aplc-forum\s+{re.escape(vip.access_code)}\s+Speaker / VIP", result.output)
    assert "aplc-founding-assembly" in result.output.split("Access codes")[1]
    now = utcnow()
    assert vip not in tickets_offered(forum, now)
    assert vip in tickets_offered(forum, now, access_code=vip.access_code.lower())


def test_about_300_delegates_in_every_state_from_many_countries(forum):
    people = registrations(forum)
    assert len(people) == SAMPLE_SIZE == 300
    assert set(Counter(r.status for r in people)) == set(RegistrationStatus)
    countries = Counter(r.country for r in people)
    assert len(countries) >= 15 and countries["KR"] > countries["JP"] > 0
    for country, script in SCRIPTS.items():
        local = [r.local_name for r in people if r.country == country and r.local_name]
        assert local and all(re.search(script, name) for name in local), country
    assert len({r.email for r in people}) == len(people)
    assert all(r.email.endswith(".example") for r in people)
    assert all(r.privacy_consent_at and r.privacy_notice_version for r in people)
    assert {r.language for r in people if r.country == "KR"} == {"ko"}
    assert all(r.created_at < utcnow() for r in people)


def test_the_sample_is_consistent_with_what_the_services_would_do(forum):
    now = utcnow()
    for ticket in tickets(forum).values():
        if ticket.capacity is not None:
            assert places_held(ticket.id, now) <= ticket.capacity, ticket.name
    sponsored = next(t for t in tickets(forum).values() if t.capacity == 20)
    assert places_held(sponsored.id, now) == 20
    people = registrations(forum)
    for r in people:
        assert (r.active_email is None) == (r.status in ENDED_STATUSES), r.reference
        assert r.active_email in (None, r.email)
    waiting = [r for r in people if r.status == RegistrationStatus.WAITLISTED]
    assert waiting and all(r.ticket_type_id == sponsored.id for r in waiting)
    offered = [r for r in people if r.status == RegistrationStatus.OFFERED]
    assert offered and all(r.hold_expires_at > now for r in offered)
    assert max(r.created_at for r in offered) < min(r.created_at for r in waiting)  # the queue's order
    assert sweep() == 0  # nothing lapsed, nothing to offer: the sample is a settled state
    assert db.session.scalar(select(func.count(OutboxMessage.id))) == 0  # and no e-mail was sent


def test_money_adds_up_invoices_payments_and_refunds(forum):
    observer = tickets(forum)["Observer"]
    people = [r for r in registrations(forum) if r.ticket_type_id == observer.id]
    assert all(r.payment_method == PaymentMethod.INVOICE for r in people)
    by_status = Counter(r.status for r in people)
    assert by_status[RegistrationStatus.PENDING_PAYMENT] and by_status[RegistrationStatus.REFUNDED]
    for r in people:
        succeeded = [p for p in r.payments if p.status == PaymentStatus.SUCCEEDED]
        if r.status == RegistrationStatus.CONFIRMED:
            assert [p.amount_minor for p in succeeded] == [OBSERVER_PRICE_KRW] and r.is_paid
            assert succeeded[0].provider == PaymentProvider.MANUAL and succeeded[0].receipt_number
        elif r.status == RegistrationStatus.REFUNDED:
            [payment] = succeeded
            assert sum(refund.amount_minor for refund in payment.refunds) == OBSERVER_PRICE_KRW
            assert r.amount_refunded_minor == r.amount_paid_minor == OBSERVER_PRICE_KRW
        else:
            assert succeeded == [] and r.amount_paid_minor == 0 and r.hold_expires_at is None
    free = [r for r in registrations(forum) if r.ticket_type_id != observer.id]
    assert all(r.payment_method == PaymentMethod.FREE and not r.payments for r in free)


def test_some_delegates_come_in_delegations_of_one_city(forum):
    delegations = list(db.session.scalars(select(Delegation).where(Delegation.conference_id == forum.id)))
    assert len(delegations) == 10
    for delegation in delegations:
        members = delegation.registrations
        assert len(members) >= 3
        assert {(m.city, m.country, m.organisation) for m in members} == {
            (members[0].city, delegation.country, delegation.name)
        }
        assert delegation.contact_email in {m.email for m in members}


def test_a_sample_delegate_registering_again_is_told_they_already_are(forum):
    live = next(r for r in registrations(forum) if r.status == RegistrationStatus.CONFIRMED)
    online = tickets(forum)["Online participant"]
    with pytest.raises(services.AlreadyRegistered):
        services.register(forum, online, factories.delegate(live.email))


def test_seeding_again_changes_nothing(forum):
    before = {
        t.name: db.session.scalar(select(func.count()).select_from(t)) for t in db.metadata.sorted_tables
    }
    report = seed_demo(TODAY)
    after = {
        t.name: db.session.scalar(select(func.count()).select_from(t)) for t in db.metadata.sorted_tables
    }
    assert after == before
    assert report.created == []


def test_the_sample_is_the_same_every_time(forum):
    first = [(r.reference, r.email, r.local_name, r.status) for r in registrations(forum)]
    for model in (Refund, Payment, Registration, Delegation, AuditEntry):
        db.session.execute(delete(model))
    db.session.commit()
    assert seed_registrations(forum, sample_delegates=True) == [
        "Added 300 sample registrations (10 delegations) to aplc-forum"
    ]
    db.session.commit()
    assert [(r.reference, r.email, r.local_name, r.status) for r in registrations(forum)] == first
