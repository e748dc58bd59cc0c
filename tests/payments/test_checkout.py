"""The delegate's card payment: PaymentIntents in minor units, the card step, the return page."""

from __future__ import annotations

import time

from sqlalchemy import func, select

from conference.extensions import db
from conference.payments.models import Payment, PaymentStatus, StripeEvent
from conference.registration.models import PaymentMethod, RegistrationStatus
from tests.payments.conftest import mails, pay_url, post_card


def _payments(registration) -> list[Payment]:
    return list(db.session.scalars(select(Payment).where(Payment.registration_id == registration.id)))


def test_a_krw_payment_intent_is_in_whole_won(client, register, stripe_client, localstripe):
    registration = register(price_minor=50000, currency="KRW")
    assert registration.payment_method == PaymentMethod.STRIPE

    page = client.get(pay_url(registration))

    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "₩50,000" in html
    assert f'<script src="{localstripe.js_url}">' in html
    assert "/static/js/pay.js" in html
    [payment] = _payments(registration)
    assert payment.status == PaymentStatus.PENDING
    intent = stripe_client.v1.payment_intents.retrieve(payment.provider_reference)
    assert (intent.amount, intent.currency) == (50000, "krw")
    assert intent.client_secret in html


def test_a_usd_payment_intent_is_in_cents(client, register, stripe_client):
    registration = register(price_minor=1250, currency="USD")

    html = client.get(pay_url(registration)).get_data(as_text=True)

    assert "$12.50" in html
    [payment] = _payments(registration)
    intent = stripe_client.v1.payment_intents.retrieve(payment.provider_reference)
    assert (intent.amount, intent.currency) == (1250, "usd")


def test_opening_the_pay_page_again_reuses_the_open_payment_intent(client, register):
    registration = register()
    client.get(pay_url(registration))
    client.get(pay_url(registration))
    assert len(_payments(registration)) == 1


def test_the_card_step_and_the_return_page_never_confirm(client, register, card):
    registration = register()

    answer = post_card(client, registration, card())
    assert answer.status_code == 200
    assert answer.get_json()["outcome"] == "processing"
    page = client.get(pay_url(registration, "/return"), query_string={"payment_intent": "pi_x"})
    status = client.get(pay_url(registration, "/status")).get_json()

    assert "Payment received, confirming…" in page.get_data(as_text=True)
    assert status == {"status": "pending_payment", "confirmed": False, "paid": False, "payment": "pending"}
    db.session.refresh(registration)
    assert registration.status == RegistrationStatus.PENDING_PAYMENT
    assert registration.amount_paid_minor == 0
    assert _payments(registration)[0].status == PaymentStatus.PENDING


def test_the_webhook_from_stripe_confirms_the_payment(client, register, card, live_server):
    registration = register()
    post_card(client, registration, card())

    deadline = time.monotonic() + 15  # localstripe delivers about a second later; CI machines are slower
    while time.monotonic() < deadline:
        db.session.expire_all()
        if db.session.get(type(registration), registration.id).status == RegistrationStatus.CONFIRMED:
            break
        time.sleep(0.1)

    registration = db.session.get(type(registration), registration.id)
    assert registration.status == RegistrationStatus.CONFIRMED
    assert registration.amount_paid_minor == 50000
    [payment] = _payments(registration)
    assert payment.status == PaymentStatus.SUCCEEDED
    assert payment.receipt_number
    # (Earlier tests' events may land here too, as "unknown object": pick this payment's.) The handler marks
    # the event processed after the registration's own commit, so give it a moment too.
    deadline = time.monotonic() + 15
    while True:
        db.session.expire_all()
        [event] = [
            e
            for e in db.session.scalars(select(StripeEvent))
            if e.payload["data"]["object"]["id"] == payment.provider_reference
        ]
        if event.processed_at is not None or time.monotonic() > deadline:
            break
        time.sleep(0.1)
    assert event.type == "payment_intent.succeeded"
    assert event.processed_at is not None and event.outcome == "succeeded"
    assert client.get(pay_url(registration, "/status")).get_json()["confirmed"] is True
    assert "Your payment is confirmed" in client.get(pay_url(registration, "/return")).get_data(as_text=True)
    assert mails("mina@example.org", "Payment receipt")


def test_a_declined_card_says_so_and_changes_nothing(client, register, card):
    registration = register()

    answer = post_card(client, registration, card("4000000000000341"))

    assert answer.get_json()["outcome"] == "declined"
    assert answer.get_json()["message"]
    db.session.refresh(registration)
    assert registration.status == RegistrationStatus.PENDING_PAYMENT


def test_a_card_that_needs_3d_secure_goes_back_to_stripe_js(client, register, card):
    registration = register()

    answer = post_card(client, registration, card("4000002500003155")).get_json()

    assert answer["outcome"] == "needs_authentication"
    assert answer["client_secret"].startswith(_payments(registration)[0].provider_reference)


def test_the_card_step_refuses_bad_input(client, register):
    registration = register()
    bad = post_card(client, registration, "javascript:alert(1)")
    no_csrf = client.post(pay_url(registration, "/card"), json={"payment_method": "pm_card_visa"})
    not_json = client.post(pay_url(registration, "/card"), data="x", headers={"X-CSRFToken": "nope"})

    assert bad.status_code == 400 and bad.get_json()["outcome"] == "error"
    assert no_csrf.status_code == 400
    assert not_json.status_code == 400


def test_without_stripe_keys_a_paid_ticket_is_paid_by_invoice(app, client, register):
    app.config["STRIPE_SECRET_KEY"] = None
    registration = register(online=False)
    assert registration.payment_method == PaymentMethod.INVOICE

    page = client.get(pay_url(registration))

    assert page.status_code == 200
    assert "paid by invoice or on site" in page.get_data(as_text=True)
    assert _payments(registration) == []


def test_a_paid_registration_has_nothing_to_pay(client, register, paid_by_card):
    registration = register()
    paid_by_card(registration)

    page = client.get(pay_url(registration))

    assert "This registration is paid" in page.get_data(as_text=True)
    assert db.session.scalar(select(func.count(Payment.id))) == 1


def test_a_tampered_link_opens_nothing(client, register):
    registration = register()
    url = pay_url(registration).replace("/pay", "x/pay")
    for suffix in ("", "/return", "/status"):
        assert client.get(url + suffix).status_code == 404
    assert client.get(pay_url(registration).replace("aplc-2026", "other")).status_code == 404


def test_when_stripe_cannot_be_reached_the_page_says_so(app, client, register):
    app.config["STRIPE_API_BASE"] = "http://127.0.0.1:9"  # nothing listens on the discard port
    registration = register()

    page = client.get(pay_url(registration))

    assert page.status_code == 503
    assert "Online payment is not available" in page.get_data(as_text=True)
    assert _payments(registration) == []
