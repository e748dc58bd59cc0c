"""Payments, refunds and every Stripe event received."""

from __future__ import annotations

import enum
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import JSON, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from conference.db_enum import enum_column_type
from conference.db_types import UTCDateTime, utcnow
from conference.extensions import db

if TYPE_CHECKING:
    from conference.registration.models import Registration


class PaymentProvider(enum.StrEnum):
    STRIPE = "stripe"
    MANUAL = "manual"  # invoice, bank transfer or cash on site, marked paid by an organiser


class PaymentStatus(enum.StrEnum):
    PENDING = "pending"
    SUCCEEDED = "succeeded"
    FAILED = "failed"
    CANCELLED = "cancelled"


class Payment(db.Model):
    __tablename__ = "payment"
    __table_args__ = (UniqueConstraint("provider_reference", name="uq_payment_provider_reference"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    registration_id: Mapped[int] = mapped_column(
        ForeignKey("registration.id", ondelete="CASCADE"), index=True
    )
    provider: Mapped[PaymentProvider] = mapped_column(enum_column_type(PaymentProvider, "payment_provider"))
    # The Stripe PaymentIntent id ("pi_…"); NULL for manual payments.
    provider_reference: Mapped[str | None] = mapped_column(String(255))
    status: Mapped[PaymentStatus] = mapped_column(
        enum_column_type(PaymentStatus, "payment_status"), default=PaymentStatus.PENDING
    )
    amount_minor: Mapped[int] = mapped_column(Integer)
    currency: Mapped[str] = mapped_column(String(3))
    amount_refunded_minor: Mapped[int] = mapped_column(Integer, default=0)
    receipt_number: Mapped[str | None] = mapped_column(String(32))
    note: Mapped[str] = mapped_column(String(500), default="")  # e.g. the invoice number
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    failure_message: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    succeeded_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    registration: Mapped[Registration] = relationship(back_populates="payments")
    refunds: Mapped[list[Refund]] = relationship(back_populates="payment", order_by="Refund.id")


class Refund(db.Model):
    __tablename__ = "refund"
    __table_args__ = (UniqueConstraint("provider_reference", name="uq_refund_provider_reference"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    payment_id: Mapped[int] = mapped_column(ForeignKey("payment.id", ondelete="CASCADE"), index=True)
    provider_reference: Mapped[str | None] = mapped_column(String(255))  # Stripe "re_…"
    amount_minor: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(32), default="succeeded")
    reason: Mapped[str] = mapped_column(String(500), default="")
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    payment: Mapped[Payment] = relationship(back_populates="refunds")


class StripeEvent(db.Model):
    """Every webhook event received, verified or not, and what handling it did."""

    __tablename__ = "stripe_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[str | None] = mapped_column(String(255), unique=True)
    type: Mapped[str] = mapped_column(String(100), default="")
    payload: Mapped[Any] = mapped_column(JSON)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    processed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    outcome: Mapped[str] = mapped_column(String(500), default="")
