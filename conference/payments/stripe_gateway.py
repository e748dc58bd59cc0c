"""The one place that talks to Stripe: a thin wrapper over `stripe.StripeClient`.

Everything here takes and returns plain values (ids, amounts in minor units, dicts), so the services
never handle stripe objects, and every Stripe failure becomes a `GatewayError` with a message fit to show.
"""

from __future__ import annotations

from typing import Any

import stripe
from flask import current_app


class GatewayError(Exception):
    """Stripe refused a request or could not be reached."""

    def __init__(self, message: str, code: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.code = code


class InvalidWebhook(Exception):
    """A webhook whose signature does not verify, whose timestamp is too old, or that is not an event."""


def stripe_enabled() -> bool:
    """Online payments are on when a secret key is configured; otherwise paid tickets are invoiced."""
    return bool(current_app.config.get("STRIPE_SECRET_KEY"))


def client() -> stripe.StripeClient:
    base = current_app.config.get("STRIPE_API_BASE")
    return stripe.StripeClient(
        current_app.config["STRIPE_SECRET_KEY"],
        base_addresses={"api": base} if base else None,
        max_network_retries=2,  # with idempotency keys, so a retried create is never a second charge
    )


def _plain(obj: Any) -> dict[str, Any]:
    return obj.to_dict() if hasattr(obj, "to_dict") else dict(obj)


def _call(method, *args, **kwargs) -> dict[str, Any]:
    try:
        return _plain(method(*args, **kwargs))
    except stripe.StripeError as exc:
        error = exc.error
        message = (error.message if error is not None else None) or exc.user_message or str(exc)
        raise GatewayError(message, getattr(exc, "code", None)) from exc


def create_payment_intent(
    amount_minor: int, currency: str, *, metadata: dict[str, str], idempotency_key: str
) -> dict[str, Any]:
    params = {
        "amount": amount_minor,
        "currency": currency.lower(),  # Stripe's currency codes are lower case
        "payment_method_types": ["card"],
        "metadata": metadata,
    }
    return _call(
        client().v1.payment_intents.create, params=params, options={"idempotency_key": idempotency_key}
    )


def retrieve_payment_intent(intent_id: str) -> dict[str, Any]:
    return _call(client().v1.payment_intents.retrieve, intent_id)


def cancel_payment_intent(intent_id: str) -> dict[str, Any]:
    return _call(client().v1.payment_intents.cancel, intent_id)


def pay_with(intent_id: str, payment_method_id: str) -> dict[str, Any]:
    """Attach the card the browser collected and confirm on the server.

    The payment method is set first and confirm is called without arguments: the order Stripe and
    localstripe both accept. The answer's status tells the browser whether 3-D Secure is still needed.
    """
    stripe_client = client()
    _call(stripe_client.v1.payment_intents.update, intent_id, params={"payment_method": payment_method_id})
    return _call(stripe_client.v1.payment_intents.confirm, intent_id)


def create_refund(
    intent_id: str, amount_minor: int, *, metadata: dict[str, str], idempotency_key: str
) -> dict[str, Any]:
    # No `reason` parameter: Stripe only takes three fixed codes (and localstripe none); ours stays local.
    params = {"payment_intent": intent_id, "amount": amount_minor, "metadata": metadata}
    return _call(client().v1.refunds.create, params=params, options={"idempotency_key": idempotency_key})


def construct_event(payload: bytes, signature: str | None) -> dict[str, Any]:
    """Verify a webhook's signature and age and parse it; raises InvalidWebhook."""
    secret = current_app.config.get("STRIPE_WEBHOOK_SECRET")
    if not secret:  # an empty secret would make every signature trivially forgeable
        raise InvalidWebhook("no webhook secret is configured")
    try:
        event = _plain(
            stripe.Webhook.construct_event(
                payload, signature, secret, tolerance=current_app.config["STRIPE_WEBHOOK_TOLERANCE"]
            )
        )
    except stripe.SignatureVerificationError as exc:
        raise InvalidWebhook(exc.user_message or str(exc)) from exc
    except ValueError as exc:  # not JSON
        raise InvalidWebhook("the payload is not a JSON event") from exc
    if not isinstance(event.get("id"), str) or not event["id"]:
        raise InvalidWebhook("the payload is not a JSON event")
    return event


def object_id(value: Any) -> str | None:
    """An expandable field's id: localstripe expands `latest_charge` where Stripe gives the id."""
    if isinstance(value, dict):
        return value.get("id")
    return value if isinstance(value, str) else None
