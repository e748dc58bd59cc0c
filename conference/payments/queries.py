"""What payments read: a payment by its PaymentIntent, a registration's open or latest payment, and
whether it can pay online now."""

from __future__ import annotations

from sqlalchemy import select

from conference.extensions import db
from conference.payments.models import Payment, PaymentProvider, PaymentStatus
from conference.payments.stripe_gateway import stripe_enabled
from conference.registration.models import PaymentMethod, Registration, RegistrationStatus


def payment_for_intent(intent_id: str | None) -> Payment | None:
    if not intent_id:
        return None
    return db.session.scalar(select(Payment).where(Payment.provider_reference == intent_id))


def can_pay_online(registration: Registration) -> bool:
    return (
        stripe_enabled()
        and registration.payment_method == PaymentMethod.STRIPE
        and registration.status == RegistrationStatus.PENDING_PAYMENT
        and registration.balance_minor > 0
    )


def latest_payment(registration: Registration) -> Payment | None:
    return registration.payments[-1] if registration.payments else None


def open_stripe_payment(registration: Registration) -> Payment | None:
    """The registration's newest card payment that may still be paid (pending, or failed and retried)."""
    query = (
        select(Payment)
        .where(
            Payment.registration_id == registration.id,
            Payment.provider == PaymentProvider.STRIPE,
            Payment.status.in_([PaymentStatus.PENDING, PaymentStatus.FAILED]),
            Payment.provider_reference.is_not(None),
        )
        .order_by(Payment.id.desc())
    )
    return db.session.scalar(query.limit(1))
