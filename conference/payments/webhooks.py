"""The Stripe webhook: the only way an online payment becomes succeeded.

Every event received is stored in `StripeEvent`; one with a bad signature or too old a timestamp is
refused (and kept without its id). Handling is idempotent and order-tolerant: an event id is handled
once, a payment that succeeded stays succeeded, refunds are counted from the charge's running total,
and events about objects Plenary does not know are stored and answered as handled.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from conference.core.changes import audited
from conference.db_types import utcnow
from conference.extensions import db
from conference.payments import stripe_gateway as gateway
from conference.payments.models import Payment, PaymentStatus, StripeEvent
from conference.payments.money import format_money
from conference.payments.queries import payment_for_intent
from conference.payments.refunds import RefundFailed, add_refund, after_refund, refund_payment
from conference.payments.services import lock_payment, mark_succeeded
from conference.registration import emails
from conference.registration import services as registrations

log = logging.getLogger(__name__)

REJECTED_PAYLOAD_CHARS = 20_000  # what is kept of a webhook body whose signature failed


class WebhookRejected(Exception):
    """A webhook whose signature or timestamp did not verify."""


@dataclass
class WebhookResult:
    event_id: str
    outcome: str
    duplicate: bool = False


def receive_webhook(payload: bytes, signature: str | None, now: datetime | None = None) -> WebhookResult:
    """Verify, store and handle one Stripe event, at most once however often Stripe sends it."""
    now = now or utcnow()
    try:
        event = gateway.construct_event(payload, signature)
    except gateway.InvalidWebhook as exc:
        _store_rejected(payload, str(exc), now)
        raise WebhookRejected(str(exc)) from exc
    event_id = event["id"]
    stored = StripeEvent(event_id=event_id, type=event.get("type", ""), payload=event, received_at=now)
    db.session.add(stored)
    try:
        db.session.commit()
    except IntegrityError:  # seen before: done already, or a retry of one that failed half-way
        db.session.rollback()
        stored = db.session.scalar(select(StripeEvent).where(StripeEvent.event_id == event_id))
        if stored is None or stored.processed_at is not None:
            return WebhookResult(event_id, stored.outcome if stored else "", duplicate=True)
    outcome = _handle(event.get("type", ""), (event.get("data") or {}).get("object") or {}, now)
    stored = db.session.scalar(select(StripeEvent).where(StripeEvent.event_id == event_id))
    stored.processed_at = now
    stored.outcome = outcome[:500]
    db.session.commit()
    return WebhookResult(event_id, outcome)


def _store_rejected(payload: bytes, reason: str, now: datetime) -> None:
    # Kept without its event id: an unverified body must never claim the id of the genuine event.
    body = payload[:REJECTED_PAYLOAD_CHARS].decode("utf-8", "replace")
    db.session.add(
        StripeEvent(
            event_id=None,
            type="",
            payload={"body": body},
            received_at=now,
            outcome=f"rejected: {reason}"[:500],
        )
    )
    db.session.commit()


def _intent_succeeded(payment: Payment, intent: dict, now: datetime) -> str:
    if payment.status == PaymentStatus.SUCCEEDED:
        db.session.commit()
        return "ignored: already succeeded"
    registration = payment.registration
    paid_already = registration.amount_due_minor > 0 and registration.is_paid
    with audited(payment, "payment.succeeded", user_id=None, conference_id=registration.conference_id):
        mark_succeeded(payment, int(intent.get("amount_received") or intent.get("amount") or 0), now)
    if paid_already:
        return _refund_automatically(payment, "Paid twice: the registration was already paid", now)
    if registration.is_paid and not registrations.payment_settled(registration, actor_id=None, now=now):
        return _refund_automatically(payment, "The place was no longer available when the payment came", now)
    emails.send(registration, "receipt", payment=payment)
    return "succeeded"


def _refund_automatically(payment: Payment, reason: str, now: datetime) -> str:
    try:
        refund = refund_payment(payment, payment.amount_minor, actor_id=None, reason=reason, now=now)
    except RefundFailed as exc:
        log.error("Automatic refund of %s failed: %s", payment.provider_reference, exc)
        return f"succeeded; automatic refund failed: {exc}"
    after_refund(payment.registration, refund, None, now)
    return f"succeeded and refunded: {reason}"


def _intent_failed(payment: Payment, intent: dict, now: datetime) -> str:
    if payment.status in (PaymentStatus.SUCCEEDED, PaymentStatus.CANCELLED):
        db.session.commit()
        return f"ignored: payment already {payment.status}"  # events can arrive out of order
    payment.status = PaymentStatus.FAILED
    payment.failure_message = (intent.get("last_payment_error") or {}).get("message") or ""
    db.session.commit()
    return "failed"


def _intent_canceled(payment: Payment, intent: dict, now: datetime) -> str:
    if payment.status == PaymentStatus.SUCCEEDED:
        db.session.commit()
        return "ignored: payment already succeeded"
    payment.status = PaymentStatus.CANCELLED
    db.session.commit()
    return "cancelled"


def _charge_refunded(payment: Payment, charge: dict, now: datetime) -> str:
    """Refunds made in the Stripe dashboard (ours are recorded when made: this then finds nothing new)."""
    # amount_refunded is the charge's running total, so an older event arriving late adds nothing.
    new_minor = int(charge.get("amount_refunded") or 0) - payment.amount_refunded_minor
    if payment.status != PaymentStatus.SUCCEEDED or new_minor <= 0:
        db.session.commit()
        return "ignored: refunds already recorded"
    known = {r.provider_reference for r in payment.refunds}
    listed = ((charge.get("refunds") or {}).get("data")) or []
    unknown = [r for r in listed if r.get("id") not in known]
    reference = unknown[0]["id"] if len(unknown) == 1 and unknown[0].get("amount") == new_minor else None
    reason = "Refunded in the Stripe dashboard"
    refund = add_refund(payment, new_minor, reference, "succeeded", reason, None, now)
    db.session.commit()
    after_refund(payment.registration, refund, None, now)
    return f"refund of {format_money(new_minor, payment.currency)} recorded"


# Event type → (the field of its object naming the PaymentIntent, the handler of the payment, locked).
HANDLERS: dict[str, tuple[str, Callable[[Payment, dict, datetime], str]]] = {
    "payment_intent.succeeded": ("id", _intent_succeeded),
    "payment_intent.payment_failed": ("id", _intent_failed),
    "payment_intent.canceled": ("id", _intent_canceled),
    "charge.refunded": ("payment_intent", _charge_refunded),
}


def _handle(event_type: str, obj: dict, now: datetime) -> str:
    """What handling the event came to, in words kept with the stored event."""
    if event_type not in HANDLERS:
        return "ignored: not a type Plenary handles"
    intent_field, handler = HANDLERS[event_type]
    payment = payment_for_intent(gateway.object_id(obj.get(intent_field)))
    if payment is None:
        return "unknown object"
    lock_payment(payment)
    return handler(payment, obj, now)
