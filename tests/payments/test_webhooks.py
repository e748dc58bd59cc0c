"""The Stripe webhook: verified, stored, idempotent, tolerant of order and of objects it does not know."""

from __future__ import annotations

import time
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from conference.db_types import utcnow
from conference.extensions import db
from conference.payments.models import Payment, PaymentStatus, Refund, StripeEvent
from conference.registration import services as registrations
from conference.registration.models import RegistrationStatus
from tests import factories
from tests.payments.conftest import intent_object, mails, make_event, pay_url, post_card


@pytest.fixture
def pending(client, register):
    """A registration with the PaymentIntent its pay page made."""
    registration = register()
    assert client.get(pay_url(registration)).status_code == 200
    payment = db.session.scalar(select(Payment).where(Payment.registration_id == registration.id))
    return registration, payment


def _events() -> list[StripeEvent]:
    return list(db.session.scalars(select(StripeEvent).order_by(StripeEvent.id)))


def test_a_succeeded_event_confirms_and_sends_the_receipt(pending, post_event):
    registration, payment = pending

    answer = post_event(make_event("payment_intent.succeeded", intent_object(payment), "evt_ok"))

    assert answer.status_code == 200
    assert answer.get_json()["outcome"] == "succeeded"
    db.session.refresh(registration)
    db.session.refresh(payment)
    assert registration.status == RegistrationStatus.CONFIRMED
    assert registration.amount_paid_minor == 50000 and registration.paid_at is not None
    assert payment.status == PaymentStatus.SUCCEEDED
    assert payment.receipt_number == f"{registration.reference}-{payment.id}"
    [event] = _events()
    assert (event.event_id, event.type, event.outcome) == ("evt_ok", "payment_intent.succeeded", "succeeded")
    assert event.payload["data"]["object"]["id"] == payment.provider_reference
    assert len(mails("mina@example.org", "Payment receipt")) == 1
    assert len(mails("mina@example.org", "is confirmed")) == 1


def test_the_same_event_twice_is_handled_once(pending, post_event):
    registration, payment = pending
    event = make_event("payment_intent.succeeded", intent_object(payment), "evt_twice")

    first = post_event(event)
    second = post_event(event)

    assert first.status_code == second.status_code == 200
    assert second.get_json()["duplicate"] is True
    db.session.refresh(registration)
    assert registration.amount_paid_minor == 50000
    assert len(_events()) == 1
    assert len(mails("mina@example.org", "Payment receipt")) == 1


def test_a_late_failure_does_not_undo_a_success(pending, post_event):
    registration, payment = pending
    post_event(make_event("payment_intent.succeeded", intent_object(payment)))

    late = post_event(
        make_event("payment_intent.payment_failed", intent_object(payment, "requires_payment_method"))
    )

    assert late.status_code == 200
    assert late.get_json()["outcome"].startswith("ignored")
    db.session.refresh(registration)
    db.session.refresh(payment)
    assert payment.status == PaymentStatus.SUCCEEDED
    assert registration.status == RegistrationStatus.CONFIRMED


def test_a_failure_then_a_success_ends_paid(pending, post_event):
    registration, payment = pending
    failed = intent_object(payment, "requires_payment_method", last_payment_error={"message": "Declined"})

    post_event(make_event("payment_intent.payment_failed", failed))
    db.session.refresh(payment)
    assert (payment.status, payment.failure_message) == (PaymentStatus.FAILED, "Declined")
    post_event(make_event("payment_intent.succeeded", intent_object(payment)))

    db.session.refresh(payment)
    db.session.refresh(registration)
    assert payment.status == PaymentStatus.SUCCEEDED
    assert registration.status == RegistrationStatus.CONFIRMED


def test_an_event_for_an_unknown_object_is_stored_and_answered(app, post_event):
    obj = {"id": "pi_nobody", "object": "payment_intent", "amount": 100, "currency": "usd"}

    answer = post_event(make_event("payment_intent.succeeded", obj, "evt_unknown"))
    other = post_event(make_event("customer.created", {"id": "cus_1", "object": "customer"}))

    assert answer.status_code == other.status_code == 200
    stored = _events()
    assert [e.outcome for e in stored] == ["unknown object", "ignored: not a type Plenary handles"]
    assert all(e.processed_at for e in stored)


@pytest.mark.parametrize(
    "how",
    ["old timestamp", "bad signature", "wrong secret", "no header", "not json"],
)
def test_a_webhook_that_does_not_verify_is_refused_and_changes_nothing(pending, client, post_event, how):
    registration, payment = pending
    event = make_event("payment_intent.succeeded", intent_object(payment), "evt_forged")
    if how == "old timestamp":
        answer = post_event(event, timestamp=int(time.time()) - 3600)  # a replay an hour later
    elif how == "bad signature":
        answer = post_event(event, signature=f"t={int(time.time())},v1={'0' * 64}")
    elif how == "wrong secret":
        answer = post_event(event, secret="whsec_someone_else")
    elif how == "no header":
        answer = client.post("/stripe/webhook", json=event)
    else:
        answer = client.post("/stripe/webhook", data="not json", headers={"Stripe-Signature": "t=1,v1=abc"})

    assert answer.status_code == 400
    assert answer.is_json and answer.get_json()["error"] == "invalid webhook"
    db.session.refresh(registration)
    db.session.refresh(payment)
    assert registration.status == RegistrationStatus.PENDING_PAYMENT
    assert payment.status == PaymentStatus.PENDING
    [stored] = _events()
    assert stored.event_id is None and stored.processed_at is None
    assert stored.outcome.startswith("rejected")
    # The genuine event with that id is still handled when it comes.
    assert post_event(event).get_json()["outcome"] == "succeeded"


def test_without_a_webhook_secret_every_event_is_refused(app, pending, post_event):
    registration, payment = pending
    app.config["STRIPE_WEBHOOK_SECRET"] = None

    answer = post_event(make_event("payment_intent.succeeded", intent_object(payment)), secret="")

    assert answer.status_code == 400
    db.session.refresh(registration)
    assert registration.status == RegistrationStatus.PENDING_PAYMENT


def _charge(payment: Payment, refunded_total: int, refunds: list[dict] | None = None) -> dict:
    return {
        "id": "ch_test",
        "object": "charge",
        "amount": payment.amount_minor,
        "amount_refunded": refunded_total,
        "currency": payment.currency.lower(),
        "payment_intent": payment.provider_reference,
        "refunded": refunded_total == payment.amount_minor,
        "refunds": {"object": "list", "data": refunds or []},
    }


def test_refunds_made_in_the_stripe_dashboard_are_recorded_once(pending, post_event):
    registration, payment = pending
    post_event(make_event("payment_intent.succeeded", intent_object(payment)))

    partial = post_event(
        make_event("charge.refunded", _charge(payment, 20000, [{"id": "re_dash1", "amount": 20000}]))
    )
    replay = post_event(make_event("charge.refunded", _charge(payment, 20000)))  # a new event, same total

    assert partial.status_code == replay.status_code == 200
    db.session.refresh(registration)
    [refund] = db.session.scalars(select(Refund)).all()
    assert (refund.amount_minor, refund.provider_reference) == (20000, "re_dash1")
    assert registration.amount_refunded_minor == 20000
    assert registration.status == RegistrationStatus.CONFIRMED
    assert len(mails("mina@example.org", "Refund")) == 1

    full = post_event(make_event("charge.refunded", _charge(payment, 50000)))
    late_older = post_event(make_event("charge.refunded", _charge(payment, 20000)))  # arrives out of order

    assert full.status_code == late_older.status_code == 200
    db.session.refresh(registration)
    assert registration.amount_refunded_minor == 50000
    assert registration.status == RegistrationStatus.REFUNDED
    assert db.session.scalar(select(func.sum(Refund.amount_minor))) == 50000


def test_a_refund_event_for_an_unknown_charge_is_stored(app, post_event):
    charge = {"id": "ch_x", "object": "charge", "amount_refunded": 100, "payment_intent": "pi_unknown"}
    answer = post_event(make_event("charge.refunded", charge))
    assert answer.status_code == 200
    assert _events()[0].outcome == "unknown object"


def test_a_payment_for_a_place_that_is_gone_is_refunded_through_stripe(
    client, conference, card, post_event, stripe_client
):
    ticket = factories.make_ticket(conference, price_minor=50000, capacity=1)
    late = registrations.register(
        conference, ticket, factories.delegate("late@example.org"), online_payments=True
    )
    post_card(client, late, card())
    payment = db.session.scalar(select(Payment).where(Payment.registration_id == late.id))
    # The hold lapses before Stripe's event arrives, and someone else takes the place.
    registrations.register(
        conference,
        ticket,
        factories.delegate("next@example.org"),
        online_payments=True,
        now=utcnow() + timedelta(hours=2),
    )
    db.session.refresh(late)
    assert late.status == RegistrationStatus.EXPIRED

    answer = post_event(make_event("payment_intent.succeeded", intent_object(payment)))

    assert answer.status_code == 200
    assert answer.get_json()["outcome"].startswith("succeeded and refunded")
    db.session.refresh(late)
    assert late.status == RegistrationStatus.REFUNDED
    assert late.amount_refunded_minor == 50000
    [refund] = db.session.scalars(select(Refund)).all()
    assert refund.provider_reference.startswith("re_")
    intent = stripe_client.v1.payment_intents.retrieve(payment.provider_reference)
    charge = stripe_client.v1.charges.retrieve(
        intent.latest_charge if isinstance(intent.latest_charge, str) else intent.latest_charge.id
    )
    assert charge.amount_refunded == 50000
    assert mails("late@example.org", "Refund")
