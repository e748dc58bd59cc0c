"""Payments tests: the app talks to a real localstripe over HTTP; webhooks are signed like Stripe's."""

from __future__ import annotations

import hashlib
import hmac
import json
import re
import secrets
import threading
import time
from collections.abc import Callable, Iterator

import pytest
import stripe
from sqlalchemy import select
from werkzeug.serving import make_server

from conference.extensions import db
from conference.mail.models import OutboxMessage
from conference.payments.models import Payment
from conference.registration import services as registrations
from conference.registration.models import Registration
from conference.registration.tokens import make_token
from tests import factories
from tests.conftest import _empty_tables, make_test_app
from tests.stripe_fake import SECRET_KEY, WEBHOOK_SECRET, localstripe, localstripe_server  # noqa: F401

WEBHOOK_PATH = "/stripe/webhook"


@pytest.fixture
def app(_schema, database_url, tmp_path, localstripe):  # noqa: F811 - the fixture above
    """The suite's app, with Stripe switched on and pointed at localstripe."""
    app = make_test_app(database_url, tmp_path, **localstripe.app_config())
    with app.app_context():
        yield app
        db.session.remove()
        _empty_tables()
        db.engine.dispose()


@pytest.fixture
def stripe_client(localstripe) -> stripe.StripeClient:  # noqa: F811
    """The real stripe library, to look at what localstripe holds."""
    return stripe.StripeClient(SECRET_KEY, base_addresses={"api": localstripe.api_base})


@pytest.fixture
def card(stripe_client) -> Callable[[str], str]:
    """A card as the browser hands it over: tokenised by Stripe.js, its card id sent to our server."""

    def make(number: str = "4242424242424242") -> str:
        card = {"number": number, "exp_month": "12", "exp_year": "2030", "cvc": "123"}
        return stripe_client.v1.tokens.create(params={"card": card}).card.id

    return make


@pytest.fixture
def live_server(app, localstripe) -> Iterator[str]:  # noqa: F811
    """The app served over HTTP on a free port, with localstripe delivering webhooks to it."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{server.server_port}"
    localstripe.register_webhook(url + WEBHOOK_PATH, WEBHOOK_SECRET)
    yield url
    # Later tests have no server here: send their events nowhere rather than to a stranger on this port.
    localstripe.register_webhook(url + WEBHOOK_PATH, WEBHOOK_SECRET, events=["none"])
    server.shutdown()
    thread.join(5)


def _signature(payload: str, timestamp: int, secret: str) -> str:
    digest = hmac.new(secret.encode(), f"{timestamp}.{payload}".encode(), hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={digest}"


def make_event(kind: str, obj: dict, event_id: str | None = None) -> dict:
    return {
        "id": event_id or f"evt_{secrets.token_hex(8)}",
        "object": "event",
        "type": kind,
        "created": int(time.time()),
        "livemode": False,
        "data": {"object": obj},
    }


def intent_object(payment: Payment, status: str = "succeeded", **values) -> dict:
    obj = {
        "id": payment.provider_reference,
        "object": "payment_intent",
        "amount": payment.amount_minor,
        "amount_received": payment.amount_minor if status == "succeeded" else 0,
        "currency": payment.currency.lower(),
        "status": status,
    }
    obj.update(values)
    return obj


@pytest.fixture
def post_event(client):
    """POST an event to the webhook, signed as Stripe signs it (HMAC-SHA256 of "{t}.{payload}")."""

    def post(event: dict, *, secret: str = WEBHOOK_SECRET, timestamp: int | None = None, signature=None):
        payload = json.dumps(event)
        timestamp = int(time.time()) if timestamp is None else timestamp
        header = signature if signature is not None else _signature(payload, timestamp, secret)
        return client.post(
            WEBHOOK_PATH,
            data=payload,
            headers={"Stripe-Signature": header, "Content-Type": "application/json"},
        )

    return post


@pytest.fixture
def register(conference) -> Callable[..., Registration]:
    """A delegate registered for a paid ticket, paying online unless told otherwise."""

    def make(email: str = "mina@example.org", *, price_minor=50000, currency="KRW", online=True, **ticket):
        ticket_type = factories.make_ticket(conference, price_minor=price_minor, currency=currency, **ticket)
        return registrations.register(
            conference, ticket_type, factories.delegate(email), online_payments=online
        )

    return make


def pay_url(registration: Registration, suffix: str = "") -> str:
    return f"/c/{registration.conference.slug}/registration/{make_token(registration)}/pay{suffix}"


def post_card(client, registration: Registration, method_id: str):
    """What pay.js does after Stripe.js: send the card's id with the page's CSRF token."""
    page = client.get(pay_url(registration)).get_data(as_text=True)
    token = re.search(r'data-csrf="([^"]+)"', page).group(1)
    return client.post(
        pay_url(registration, "/card"), json={"payment_method": method_id}, headers={"X-CSRFToken": token}
    )


@pytest.fixture
def paid_by_card(client, card, post_event):
    """A registration paid by card the way it happens live: PaymentIntent, card, signed webhook."""

    def pay(registration: Registration) -> Payment:
        answer = post_card(client, registration, card())
        assert answer.get_json()["outcome"] == "processing"
        payment = db.session.scalar(select(Payment).where(Payment.registration_id == registration.id))
        assert post_event(make_event("payment_intent.succeeded", intent_object(payment))).status_code == 200
        db.session.expire_all()
        return payment

    return pay


def mails(to: str, subject_part: str = "") -> list[OutboxMessage]:
    query = select(OutboxMessage).where(OutboxMessage.recipient == to).order_by(OutboxMessage.id)
    return [m for m in db.session.scalars(query) if subject_part in m.subject]
