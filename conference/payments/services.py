"""Paying for registrations: online through a Stripe PaymentIntent, or by invoice marked paid by hand."""

from __future__ import annotations

import enum
import logging
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import update

from conference.core.changes import audited
from conference.db_types import utcnow
from conference.extensions import db
from conference.payments import stripe_gateway as gateway
from conference.payments.models import Payment, PaymentProvider, PaymentStatus
from conference.payments.queries import can_pay_online, open_stripe_payment
from conference.registration import emails
from conference.registration import services as registrations
from conference.registration.models import (
    ENDED_STATUSES,
    Registration,
)

log = logging.getLogger(__name__)

# PaymentIntent states in which the delegate can still pay with the same intent.
OPEN_INTENT_STATUSES = frozenset({"requires_payment_method", "requires_confirmation", "requires_action"})


class PaymentError(Exception):
    """A payment or refund that cannot be made; `field` names the form field to blame."""

    field: str | None = None

    def __init__(self, message: str = "", field: str | None = None) -> None:
        super().__init__(message or self.__doc__ or "")
        if field is not None:
            self.field = field


class NothingToPay(PaymentError):
    """There is nothing to pay on this registration."""


class AlreadyPaying(PaymentError):
    """A card payment for this registration was made and is being confirmed."""


class PaymentUnavailable(PaymentError):
    """Online payment is not available at the moment."""


class InvalidAmount(PaymentError):
    """Enter an amount greater than zero."""

    field = "amount"


class AmountTooLarge(PaymentError):
    """The amount is more than is allowed."""

    field = "amount"

    def __init__(self, limit_minor: int) -> None:
        super().__init__()
        self.limit_minor = limit_minor


class CardOutcome(enum.StrEnum):
    PROCESSING = "processing"  # Stripe took the card; the webhook will confirm
    NEEDS_AUTHENTICATION = "needs_authentication"  # 3-D Secure in the browser, then the webhook
    DECLINED = "declined"


@dataclass
class CardResult:
    outcome: CardOutcome
    client_secret: str | None = None
    message: str | None = None


# Paying online


def start_checkout(registration: Registration) -> tuple[Payment, str]:
    """The PaymentIntent for the balance (the open one reused): returns the payment and its client secret."""
    if not can_pay_online(registration):
        raise NothingToPay()
    amount, currency = registration.balance_minor, registration.currency
    payment = open_stripe_payment(registration)
    if payment is not None:
        client_secret = _reuse_intent(payment, amount, currency)
        if client_secret is not None:
            return payment, client_secret
    return _new_intent(registration, amount, currency)


def _reuse_intent(payment: Payment, amount: int, currency: str) -> str | None:
    """The open payment's client secret if its intent can still pay this amount; else it is cancelled."""
    try:
        intent = gateway.retrieve_payment_intent(payment.provider_reference)
    except gateway.GatewayError as exc:
        raise PaymentUnavailable() from exc
    status = intent.get("status")
    if status in ("succeeded", "processing", "requires_capture"):
        raise AlreadyPaying()
    if status in OPEN_INTENT_STATUSES and payment.amount_minor == amount and payment.currency == currency:
        payment.status = PaymentStatus.PENDING
        db.session.commit()
        return intent["client_secret"]
    _cancel_intent(payment)  # for another amount, or cancelled at Stripe's end
    return None


def _new_intent(registration: Registration, amount: int, currency: str) -> tuple[Payment, str]:
    """A new pending payment and its PaymentIntent at Stripe (keyed by the payment, so never made twice)."""
    payment = Payment(
        registration_id=registration.id,
        provider=PaymentProvider.STRIPE,
        status=PaymentStatus.PENDING,
        amount_minor=amount,
        currency=currency,
    )
    with audited(payment, "payment.started", user_id=None, conference_id=registration.conference_id):
        db.session.add(payment)
        db.session.flush()  # its id keys the intent
        intent = _create_intent(registration, payment)
        payment.provider_reference = intent["id"]
    return payment, intent["client_secret"]


def _create_intent(registration: Registration, payment: Payment) -> dict:
    try:
        return gateway.create_payment_intent(
            payment.amount_minor,
            payment.currency,
            metadata={
                "registration_id": str(registration.id),
                "reference": registration.reference,
                "conference": registration.conference.slug,
            },
            idempotency_key=f"plenary-payment-{payment.id}",
        )
    except gateway.GatewayError as exc:
        db.session.rollback()
        log.warning("Stripe refused a PaymentIntent for %s: %s", registration.reference, exc.message)
        raise PaymentUnavailable() from exc


def pay_with_card(registration: Registration, payment_method_id: str) -> CardResult:
    """Confirm the open PaymentIntent with the card the browser collected. Confirms nothing here.

    Only the verified webhook (`webhooks.receive_webhook`) marks a card payment as succeeded: the
    browser coming back from the card step never does.
    """
    if not can_pay_online(registration):
        raise NothingToPay()
    payment = open_stripe_payment(registration)
    if payment is None:
        raise NothingToPay()
    try:
        intent = gateway.pay_with(payment.provider_reference, payment_method_id)
    except gateway.GatewayError as exc:
        return CardResult(CardOutcome.DECLINED, message=exc.message)
    status = intent.get("status")
    if status == "requires_action":
        return CardResult(CardOutcome.NEEDS_AUTHENTICATION, client_secret=intent.get("client_secret"))
    if status in ("succeeded", "processing", "requires_capture"):
        return CardResult(CardOutcome.PROCESSING)
    error = intent.get("last_payment_error") or {}
    return CardResult(CardOutcome.DECLINED, message=error.get("message"))


def _cancel_intent(payment: Payment) -> None:
    """Stop an open PaymentIntent from being paid (best effort: it may be gone already)."""
    try:
        gateway.cancel_payment_intent(payment.provider_reference)
    except gateway.GatewayError as exc:
        log.info("PaymentIntent %s not cancelled: %s", payment.provider_reference, exc.message)
    payment.status = PaymentStatus.CANCELLED
    db.session.commit()


def cancel_open_payments(registration: Registration) -> None:
    """Cancel the registration's unfinished card payments (after it was cancelled or paid otherwise)."""
    if not gateway.stripe_enabled():
        return
    while (payment := open_stripe_payment(registration)) is not None:
        _cancel_intent(payment)


# Recording what was paid


def lock_payment(payment: Payment) -> None:
    """Serialise changes to one payment until the transaction ends (row lock; SQLite's write lock).

    Every change to a payment takes it first, so a webhook and an organiser's refund never count twice.
    """
    db.session.execute(
        update(Payment)
        .where(Payment.id == payment.id)
        .values(amount_refunded_minor=Payment.amount_refunded_minor)
        .execution_options(synchronize_session=False)
    )
    db.session.refresh(payment)


def mark_succeeded(payment: Payment, amount_minor: int, now: datetime) -> None:
    payment.status = PaymentStatus.SUCCEEDED
    payment.amount_minor = amount_minor
    payment.succeeded_at = now
    payment.failure_message = None
    payment.receipt_number = f"{payment.registration.reference}-{payment.id}"
    payment.registration.amount_paid_minor += amount_minor


def record_manual_payment(
    registration: Registration,
    amount_minor: int,
    *,
    actor_id: int | None,
    note: str = "",
    now: datetime | None = None,
) -> Payment:
    """An invoice, bank transfer or cash payment an organiser marks as received."""
    now = now or utcnow()
    if registration.status in ENDED_STATUSES or registration.balance_minor <= 0:
        raise NothingToPay(field="amount")
    if amount_minor <= 0:
        raise InvalidAmount()
    if amount_minor > registration.balance_minor:
        raise AmountTooLarge(registration.balance_minor)
    payment = Payment(
        registration_id=registration.id,
        provider=PaymentProvider.MANUAL,
        currency=registration.currency,
        amount_minor=amount_minor,
        amount_refunded_minor=0,
        note=note.strip(),
        recorded_by_id=actor_id,
    )
    with audited(payment, "payment.recorded", user_id=actor_id, conference_id=registration.conference_id):
        db.session.add(payment)
        db.session.flush()  # its id is in the receipt number
        mark_succeeded(payment, amount_minor, now)
    if registration.is_paid:
        cancel_open_payments(registration)
        registrations.payment_settled(registration, actor_id=actor_id, now=now)
    emails.send(registration, "receipt", payment=payment)
    return payment
