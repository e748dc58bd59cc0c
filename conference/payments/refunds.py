"""Refunds: of one payment (through Stripe or recorded), across a registration's payments, on cancelling."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

from conference.core.changes import audited
from conference.db_types import utcnow
from conference.extensions import db
from conference.payments import stripe_gateway as gateway
from conference.payments.models import Payment, PaymentProvider, PaymentStatus, Refund
from conference.payments.services import (
    AmountTooLarge,
    InvalidAmount,
    PaymentError,
    cancel_open_payments,
    lock_payment,
)
from conference.registration import emails
from conference.registration import services as registrations
from conference.registration.models import Registration, RegistrationPolicy, RegistrationStatus
from conference.registration.policy import policy_for

log = logging.getLogger(__name__)


class RefundFailed(PaymentError):
    """Stripe did not make the refund."""

    field = "amount"


def refundable_minor(registration: Registration) -> int:
    """What is left to refund across the registration's succeeded payments."""
    return sum(
        p.amount_minor - p.amount_refunded_minor
        for p in registration.payments
        if p.status == PaymentStatus.SUCCEEDED
    )


def refund_payment(
    payment: Payment, amount_minor: int, *, actor_id: int | None, reason: str, now: datetime
) -> Refund:
    """Refund part of one payment: through Stripe for card payments, recorded only for manual ones."""
    lock_payment(payment)
    left = payment.amount_minor - payment.amount_refunded_minor
    if amount_minor > left:
        db.session.rollback()
        raise AmountTooLarge(left)
    reference, status = None, "succeeded"
    if payment.provider == PaymentProvider.STRIPE:
        try:
            answer = gateway.create_refund(
                payment.provider_reference,
                amount_minor,
                metadata={"reason": reason[:500], "registration": payment.registration.reference},
                idempotency_key=f"plenary-refund-{payment.id}-{payment.amount_refunded_minor}-{amount_minor}",
            )
        except gateway.GatewayError as exc:
            db.session.rollback()
            raise RefundFailed(exc.message) from exc
        reference, status = answer["id"], answer.get("status") or "succeeded"
    refund = add_refund(payment, amount_minor, reference, status, reason, actor_id, now)
    db.session.commit()
    return refund


def add_refund(
    payment: Payment,
    amount_minor: int,
    reference: str | None,
    status: str,
    reason: str,
    actor_id: int | None,
    now: datetime,
) -> Refund:
    """Record a refund made (by Stripe or by hand) against the payment; the caller commits."""
    refund = Refund(
        payment_id=payment.id,
        provider_reference=reference,
        amount_minor=amount_minor,
        status=status,
        reason=reason[:500],
        created_by_id=actor_id,
        created_at=now,
    )
    conference_id = payment.registration.conference_id
    with audited(refund, "payment.refunded", user_id=actor_id, conference_id=conference_id, commit=False):
        payment.amount_refunded_minor += amount_minor
        payment.registration.amount_refunded_minor += amount_minor
    return refund


def after_refund(registration: Registration, refund: Refund, actor_id: int | None, now: datetime) -> None:
    emails.send(registration, "refund", refund=refund)
    db.session.refresh(registration)
    if refundable_minor(registration) == 0 and registration.status != RegistrationStatus.REFUNDED:
        registrations.mark_refunded(registration, actor_id=actor_id, now=now)


def refund(
    registration: Registration,
    amount_minor: int,
    *,
    actor_id: int | None,
    reason: str = "",
    now: datetime | None = None,
) -> Refund:
    """Refund part or all of what was paid, newest payment first; a full refund ends the registration.

    An amount spread over several payments makes one Refund each; the first is returned.
    """
    now = now or utcnow()
    if amount_minor <= 0:
        raise InvalidAmount()
    available = refundable_minor(registration)
    if amount_minor > available:
        raise AmountTooLarge(available)
    made: list[Refund] = []
    remaining = amount_minor
    payments = [p for p in registration.payments if p.status == PaymentStatus.SUCCEEDED]
    for payment in reversed(payments):
        share = min(remaining, payment.amount_minor - payment.amount_refunded_minor)
        if share > 0:
            made.append(refund_payment(payment, share, actor_id=actor_id, reason=reason, now=now))
            remaining -= share
        if remaining == 0:
            break
    after_refund(registration, made[0], actor_id, now)
    return made[0]


@dataclass(frozen=True)
class CancellationRefund:
    """What cancelling at a moment gives back under the conference's policy."""

    policy: RegistrationPolicy
    paid: int  # what is left to refund, in minor units
    in_time: bool  # on or before the refund deadline (a date in the conference's zone), or no deadline
    amount: int  # refund_percent of `paid` when in time, else 0


def cancellation_refund(registration: Registration, now: datetime) -> CancellationRefund:
    policy = policy_for(registration.conference)
    paid = refundable_minor(registration)
    today = now.astimezone(registration.conference.tz).date()
    in_time = policy.refund_deadline is None or today <= policy.refund_deadline
    return CancellationRefund(policy, paid, in_time, paid * policy.refund_percent // 100 if in_time else 0)


def refund_on_cancellation(
    registration: Registration, *, actor_id: int | None, now: datetime | None = None
) -> Refund | None:
    """After a cancellation: stop unfinished card payments and refund what the conference's policy allows.

    The amount is `cancellation_refund`'s (the same the cancel page announces). A refund Stripe refuses is
    logged and left for the organisers to make from the registration page.
    """
    now = now or utcnow()
    cancel_open_payments(registration)
    terms = cancellation_refund(registration, now)
    if terms.amount <= 0:
        return None
    reason = f"Cancelled: {terms.policy.refund_percent}% refunded under the conference's policy"
    try:
        return refund(registration, terms.amount, actor_id=actor_id, reason=reason, now=now)
    except RefundFailed as exc:
        log.error("Refund on cancelling %s failed: %s", registration.reference, exc)
        return None
