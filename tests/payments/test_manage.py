"""Organiser payment actions: refunds (through Stripe or recorded), invoice payments marked paid, access."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select

from conference.extensions import db
from conference.payments import refunds
from conference.payments.models import Payment, PaymentProvider, PaymentStatus, Refund
from conference.registration import services as registrations
from conference.registration.models import RegistrationStatus
from conference.registration.policy import policy_for
from tests import factories
from tests.conftest import submit
from tests.payments.conftest import mails, pay_url


def refund_url(registration) -> str:
    return f"/c/{registration.conference.slug}/manage/registrations/{registration.id}/refund"


def mark_paid_url(registration) -> str:
    return f"/c/{registration.conference.slug}/manage/registrations/{registration.id}/mark-paid"


def _charge_refunded(stripe_client, payment: Payment) -> int:
    intent = stripe_client.v1.payment_intents.retrieve(payment.provider_reference)
    charge = intent.latest_charge
    return stripe_client.v1.charges.retrieve(charge if isinstance(charge, str) else charge.id).amount_refunded


def test_the_refund_form_offers_the_full_amount(client, signed_in, register, paid_by_card):
    registration = register()
    paid_by_card(registration)

    page = client.get(refund_url(registration)).get_data(as_text=True)

    assert 'value="50000"' in page
    assert "₩50,000" in page and registration.reference in page


def test_a_full_refund_goes_through_stripe_and_ends_the_registration(
    client, signed_in, register, paid_by_card, stripe_client
):
    registration = register()
    payment = paid_by_card(registration)

    answer = submit(client, refund_url(registration), {"amount": "50,000", "reason": "Visa refused"})

    assert answer.status_code == 302
    db.session.refresh(registration)
    assert registration.status == RegistrationStatus.REFUNDED
    assert registration.amount_refunded_minor == 50000
    [refund] = db.session.scalars(select(Refund)).all()
    assert refund.provider_reference.startswith("re_")
    assert (refund.reason, refund.created_by_id) == ("Visa refused", signed_in.id)
    assert _charge_refunded(stripe_client, payment) == 50000
    assert mails("mina@example.org", "Refund")
    page = client.get(answer.headers["Location"]).get_data(as_text=True)
    assert "₩50,000 was refunded." in page


def test_a_partial_refund_keeps_the_registration(client, signed_in, register, paid_by_card, stripe_client):
    registration = register()
    payment = paid_by_card(registration)

    submit(client, refund_url(registration), {"amount": "20000"})

    db.session.refresh(registration)
    db.session.refresh(payment)
    assert registration.status == RegistrationStatus.CONFIRMED
    assert (registration.amount_refunded_minor, payment.amount_refunded_minor) == (20000, 20000)
    assert refunds.refundable_minor(registration) == 30000
    assert _charge_refunded(stripe_client, payment) == 20000


def test_a_partial_refund_in_dollars_is_sent_in_cents(
    client, signed_in, register, paid_by_card, stripe_client
):
    registration = register(price_minor=1250, currency="USD")
    payment = paid_by_card(registration)

    submit(client, refund_url(registration), {"amount": "2.50"})

    assert _charge_refunded(stripe_client, payment) == 250


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("60000", "At most ₩50,000."),
        ("abc", "Enter an amount in KRW"),
        ("12.5", "KRW amounts have no decimals."),
        ("0", "Enter an amount greater than zero."),
        ("-5", "Enter an amount greater than zero."),
        ("", "Enter an amount."),
    ],
)
def test_a_bad_refund_amount_is_explained_next_to_the_field(
    client, signed_in, register, paid_by_card, typed, message
):
    registration = register()
    paid_by_card(registration)

    answer = submit(client, refund_url(registration), {"amount": typed, "reason": "Because"})

    assert answer.status_code == 200
    page = answer.get_data(as_text=True)
    assert 'id="amount-error"' in page and message in page
    assert f'value="{typed}"' in page and "Because" in page
    assert db.session.scalars(select(Refund)).all() == []


def test_an_invoice_payment_is_marked_paid_and_confirms(app, client, signed_in, register):
    app.config["STRIPE_SECRET_KEY"] = None
    registration = register(online=False)
    assert client.get(mark_paid_url(registration)).status_code == 200

    answer = submit(client, mark_paid_url(registration), {"amount": "50000", "note": "INV-2026-014"})

    assert answer.status_code == 302
    db.session.refresh(registration)
    assert registration.status == RegistrationStatus.CONFIRMED
    [payment] = registration.payments
    assert (payment.provider, payment.status) == (PaymentProvider.MANUAL, PaymentStatus.SUCCEEDED)
    assert (payment.note, payment.recorded_by_id, payment.amount_minor) == (
        "INV-2026-014",
        signed_in.id,
        50000,
    )
    assert mails("mina@example.org", "Payment receipt")
    assert "INV-2026-014" in client.get(mark_paid_url(registration)).get_data(as_text=True)


def test_a_part_payment_leaves_the_rest_owed(app, client, signed_in, register):
    app.config["STRIPE_SECRET_KEY"] = None
    registration = register(online=False)

    submit(client, mark_paid_url(registration), {"amount": "20000"})
    too_much = submit(client, mark_paid_url(registration), {"amount": "40000"})

    assert "At most ₩30,000." in too_much.get_data(as_text=True)
    db.session.refresh(registration)
    assert registration.status == RegistrationStatus.PENDING_PAYMENT
    assert registration.balance_minor == 30000
    submit(client, mark_paid_url(registration), {"amount": "30000"})
    db.session.refresh(registration)
    assert registration.status == RegistrationStatus.CONFIRMED


def test_an_invoice_payment_is_refunded_without_stripe(app, client, signed_in, register):
    app.config["STRIPE_SECRET_KEY"] = None
    registration = register(online=False)
    submit(client, mark_paid_url(registration), {"amount": "50000"})

    submit(client, refund_url(registration), {"amount": "50000"})

    db.session.refresh(registration)
    assert registration.status == RegistrationStatus.REFUNDED
    [refund] = db.session.scalars(select(Refund)).all()
    assert refund.provider_reference is None and refund.amount_minor == 50000


def test_next_takes_the_organiser_back_but_only_within_the_site(app, client, signed_in, register):
    app.config["STRIPE_SECRET_KEY"] = None
    registration = register(online=False)
    back = "/c/aplc-2026/manage/"
    url = mark_paid_url(registration)

    inside = submit(client, url + f"?next={back}", {"amount": "100"}, form_url=url)
    outside = submit(client, url + "?next=https://evil.example/", {"amount": "100"}, form_url=url)
    script = client.get(url + "?next=javascript:alert(1)").get_data(as_text=True)

    assert inside.headers["Location"] == back
    assert outside.headers["Location"] == url
    assert 'href="javascript:' not in script


@pytest.mark.parametrize("make_url", [refund_url, mark_paid_url])
def test_only_the_conference_organisers_reach_the_payment_actions(
    client, auth, conference, register, make_url
):
    registration = register(online=False)
    url = make_url(registration)
    assert client.get(url).status_code == 302 and "/login" in client.get(url).headers["Location"]
    assert client.post(url, data={"amount": "1"}).status_code in (302, 400)

    factories.make_user("delegate@example.org")
    auth.login("delegate@example.org")
    assert client.get(url).status_code == 403

    other = factories.make_conference("other-2026")
    elsewhere = factories.make_user("elsewhere@example.org")
    factories.grant(elsewhere, other, "organiser")
    auth.logout()
    auth.login("elsewhere@example.org")
    assert client.get(url).status_code == 403
    assert (
        client.get(url.replace("aplc-2026", "other-2026")).status_code == 404
    )  # not that one's registration


def test_a_cancellation_refunds_by_the_policy(client, conference, register, paid_by_card):
    registration = register()
    paid_by_card(registration)
    policy = policy_for(conference)
    policy.refund_percent, policy.refund_deadline = 50, date(2026, 12, 1)
    db.session.commit()
    registrations.cancel(registration, actor_id=None)

    # 1 December, 23:30 in Seoul is still the deadline day there.
    refund = refunds.refund_on_cancellation(
        registration, actor_id=None, now=datetime(2026, 12, 1, 14, 30, tzinfo=UTC)
    )

    assert refund.amount_minor == 25000
    db.session.refresh(registration)
    assert registration.status == RegistrationStatus.CANCELLED
    assert registration.amount_refunded_minor == 25000


def test_after_the_deadline_a_cancellation_refunds_nothing(client, conference, register, paid_by_card):
    registration = register()
    paid_by_card(registration)
    policy = policy_for(conference)
    policy.refund_deadline = date(2026, 12, 1)
    db.session.commit()
    registrations.cancel(registration, actor_id=None)

    late = datetime(2026, 12, 1, 15, 30, tzinfo=UTC)  # 2 December, 00:30 in Seoul
    assert refunds.refund_on_cancellation(registration, actor_id=None, now=late) is None
    assert db.session.scalars(select(Refund)).all() == []


def test_with_no_deadline_a_cancellation_refunds_in_full(client, conference, register, paid_by_card):
    registration = register()
    paid_by_card(registration)
    registrations.cancel(registration, actor_id=None)

    refund = refunds.refund_on_cancellation(registration, actor_id=None)

    assert refund.amount_minor == 50000
    db.session.refresh(registration)
    assert registration.status == RegistrationStatus.REFUNDED


def test_cancelling_an_unpaid_registration_stops_its_payment_intent(client, register, stripe_client):
    registration = register()
    client.get(pay_url(registration))
    registrations.cancel(registration, actor_id=None)

    assert refunds.refund_on_cancellation(registration, actor_id=None) is None

    [payment] = registration.payments
    assert payment.status == PaymentStatus.CANCELLED
    assert stripe_client.v1.payment_intents.retrieve(payment.provider_reference).status == "canceled"
