"""Registration: ticket types, delegates' registrations, delegations, custom questions and the policy."""

from __future__ import annotations

import enum
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from conference.db_enum import enum_column_type
from conference.db_types import UTCDateTime, utcnow
from conference.extensions import db

if TYPE_CHECKING:
    from conference.events.models import Conference
    from conference.payments.models import Payment


class Attendance(enum.StrEnum):
    IN_PERSON = "in_person"
    ONLINE = "online"


class RegistrationStatus(enum.StrEnum):
    PENDING_PAYMENT = "pending_payment"
    PENDING_APPROVAL = "pending_approval"
    CONFIRMED = "confirmed"
    WAITLISTED = "waitlisted"
    OFFERED = "offered"
    REJECTED = "rejected"
    EXPIRED = "expired"
    CANCELLED = "cancelled"
    REFUNDED = "refunded"


# States that hold a place against the ticket's capacity (pending payment and offers only until
# their hold expires).
HOLDING_STATUSES = frozenset(
    {
        RegistrationStatus.CONFIRMED,
        RegistrationStatus.PENDING_APPROVAL,
        RegistrationStatus.PENDING_PAYMENT,
        RegistrationStatus.OFFERED,
    }
)
EXPIRING_STATUSES = frozenset({RegistrationStatus.PENDING_PAYMENT, RegistrationStatus.OFFERED})
# States after which the e-mail address may register again.
ENDED_STATUSES = frozenset(
    {
        RegistrationStatus.REJECTED,
        RegistrationStatus.EXPIRED,
        RegistrationStatus.CANCELLED,
        RegistrationStatus.REFUNDED,
    }
)


class DelegateCategory(enum.StrEnum):
    MEMBER_CITY = "member_city"  # delegate of a member city
    PARTNER = "partner"  # partner organisation (UIL, APCEIU, …)
    GOVERNMENT = "government"
    SPEAKER = "speaker"
    OBSERVER = "observer"
    MEDIA = "media"
    STAFF = "staff"
    OTHER = "other"


class PaymentMethod(enum.StrEnum):
    FREE = "free"
    STRIPE = "stripe"
    INVOICE = "invoice"  # pay by invoice / on site; the organiser marks it paid


class QuestionKind(enum.StrEnum):
    SHORT_TEXT = "short_text"
    LONG_TEXT = "long_text"
    SINGLE_CHOICE = "single_choice"
    MULTIPLE_CHOICE = "multiple_choice"
    CHECKBOX = "checkbox"


class TicketType(db.Model):
    __tablename__ = "ticket_type"
    __table_args__ = (
        CheckConstraint("price_minor >= 0", name="price"),
        CheckConstraint("capacity IS NULL OR capacity >= 0", name="capacity"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    conference_id: Mapped[int] = mapped_column(ForeignKey("conference.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    description: Mapped[str] = mapped_column(Text, default="")
    attendance: Mapped[Attendance] = mapped_column(
        enum_column_type(Attendance, "attendance"), default=Attendance.IN_PERSON
    )
    includes_streaming: Mapped[bool] = mapped_column(Boolean, default=False)
    # In the currency's minor units as Stripe counts them (KRW and JPY have none: 50000 = ₩50,000).
    price_minor: Mapped[int] = mapped_column(Integer, default=0)
    currency: Mapped[str] = mapped_column(String(3), default="USD")
    capacity: Mapped[int | None] = mapped_column(Integer)
    sales_start: Mapped[datetime | None] = mapped_column(UTCDateTime)
    sales_end: Mapped[datetime | None] = mapped_column(UTCDateTime)
    requires_approval: Mapped[bool] = mapped_column(Boolean, default=False)
    access_code: Mapped[str | None] = mapped_column(String(64))
    badge_colour: Mapped[str] = mapped_column(String(7), default="#1f5f8b")
    position: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # Bumped by every registration attempt: the UPDATE is what serialises capacity checks
    # (a row lock on PostgreSQL, the write lock on SQLite).
    lock_version: Mapped[int] = mapped_column(Integer, default=0)
    # Set when what scanners show of the ticket (name, colour, attendance) changes: their delta sync then
    # sends its registrations again. Not `onupdate`, which every registration's lock_version bump would fire.
    badge_details_changed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    conference: Mapped[Conference] = relationship()
    registrations: Mapped[list[Registration]] = relationship(back_populates="ticket_type")

    @property
    def is_free(self) -> bool:
        return self.price_minor == 0

    def __repr__(self) -> str:
        return f"<TicketType {self.id} {self.name!r}>"


class RegistrationPolicy(db.Model):
    """Per-conference registration settings (one row per conference, created on first use)."""

    __tablename__ = "registration_policy"

    conference_id: Mapped[int] = mapped_column(
        ForeignKey("conference.id", ondelete="CASCADE"), primary_key=True
    )
    open: Mapped[bool] = mapped_column(Boolean, default=True)
    privacy_notice: Mapped[str] = mapped_column(Text, default="")
    privacy_notice_version: Mapped[str] = mapped_column(String(32), default="1")
    # Cancelling before the deadline refunds this share of what was paid; after it, nothing.
    refund_percent: Mapped[int] = mapped_column(Integer, default=100)
    refund_deadline: Mapped[date | None] = mapped_column(Date)
    payment_hold_minutes: Mapped[int] = mapped_column(Integer, default=30)
    offer_hours: Mapped[int] = mapped_column(Integer, default=48)
    invoice_instructions: Mapped[str] = mapped_column(Text, default="")

    conference: Mapped[Conference] = relationship()


class Delegation(db.Model):
    """A group registered in one go by a contact for a city or organisation."""

    __tablename__ = "delegation"

    id: Mapped[int] = mapped_column(primary_key=True)
    conference_id: Mapped[int] = mapped_column(ForeignKey("conference.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))  # the city or organisation
    country: Mapped[str] = mapped_column(String(2), default="")
    contact_name: Mapped[str] = mapped_column(String(200))
    contact_email: Mapped[str] = mapped_column(String(254), index=True)
    language: Mapped[str] = mapped_column(String(8), default="en")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    conference: Mapped[Conference] = relationship()
    registrations: Mapped[list[Registration]] = relationship(back_populates="delegation")


class Question(db.Model):
    """An organiser's own question on the registration form."""

    __tablename__ = "registration_question"

    id: Mapped[int] = mapped_column(primary_key=True)
    conference_id: Mapped[int] = mapped_column(ForeignKey("conference.id", ondelete="CASCADE"), index=True)
    label: Mapped[str] = mapped_column(String(300))
    help_text: Mapped[str] = mapped_column(String(500), default="")
    kind: Mapped[QuestionKind] = mapped_column(
        enum_column_type(QuestionKind, "question_kind"), default=QuestionKind.SHORT_TEXT
    )
    options: Mapped[list[str]] = mapped_column(JSON, default=list)
    required: Mapped[bool] = mapped_column(Boolean, default=False)
    position: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class Registration(db.Model):
    __tablename__ = "registration"
    __table_args__ = (
        # One live registration per e-mail address and conference; ended ones set it to NULL.
        UniqueConstraint("conference_id", "active_email", name="uq_registration_active_email"),
        UniqueConstraint("reference", name="uq_registration_reference"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    conference_id: Mapped[int] = mapped_column(ForeignKey("conference.id", ondelete="CASCADE"), index=True)
    ticket_type_id: Mapped[int] = mapped_column(ForeignKey("ticket_type.id", ondelete="RESTRICT"), index=True)
    delegation_id: Mapped[int | None] = mapped_column(
        ForeignKey("delegation.id", ondelete="SET NULL"), index=True
    )
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL"), index=True
    )
    reference: Mapped[str] = mapped_column(String(16))  # shown to delegates, e.g. "K7M2-Q9XD"
    status: Mapped[RegistrationStatus] = mapped_column(
        enum_column_type(RegistrationStatus, "registration_status"), index=True
    )

    honorific: Mapped[str] = mapped_column(String(20), default="")
    given_name: Mapped[str] = mapped_column(String(100))
    family_name: Mapped[str] = mapped_column(String(100), default="")
    local_name: Mapped[str] = mapped_column(String(200), default="")
    email: Mapped[str] = mapped_column(String(254), index=True)
    active_email: Mapped[str | None] = mapped_column(String(254))
    organisation: Mapped[str] = mapped_column(String(200), default="")
    position: Mapped[str] = mapped_column(String(200), default="")
    city: Mapped[str] = mapped_column(String(100), default="")
    country: Mapped[str] = mapped_column(String(2), default="", index=True)
    category: Mapped[DelegateCategory] = mapped_column(
        enum_column_type(DelegateCategory, "delegate_category"), default=DelegateCategory.OTHER, index=True
    )
    phone: Mapped[str] = mapped_column(String(32), default="")  # E.164
    dietary_needs: Mapped[str] = mapped_column(String(500), default="")
    accessibility_needs: Mapped[str] = mapped_column(String(500), default="")
    interpretation_language: Mapped[str] = mapped_column(String(8), default="")
    privacy_consent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    privacy_notice_version: Mapped[str] = mapped_column(String(32), default="")
    photo_consent: Mapped[bool] = mapped_column(Boolean, default=False)
    language: Mapped[str] = mapped_column(String(8), default="en")  # for e-mails

    payment_method: Mapped[PaymentMethod] = mapped_column(
        enum_column_type(PaymentMethod, "payment_method"), default=PaymentMethod.FREE
    )
    amount_due_minor: Mapped[int] = mapped_column(Integer, default=0)
    currency: Mapped[str] = mapped_column(String(3), default="USD")
    amount_paid_minor: Mapped[int] = mapped_column(Integer, default=0)
    amount_refunded_minor: Mapped[int] = mapped_column(Integer, default=0)
    paid_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    approved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Pending payments and waitlist offers hold a place until this moment.
    hold_expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    # Bumped to invalidate every "my registration" link sent so far.
    link_version: Mapped[int] = mapped_column(Integer, default=1)
    # Bumped to retire the personal calendar feed's address (feeds/personal.py).
    calendar_feed_version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    # Bumped when a badge is re-issued: every earlier badge code stops verifying.
    badge_version: Mapped[int] = mapped_column(Integer, default=1)
    badge_printed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    cancelled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    conference: Mapped[Conference] = relationship()
    ticket_type: Mapped[TicketType] = relationship(back_populates="registrations")
    delegation: Mapped[Delegation | None] = relationship(back_populates="registrations")
    answers: Mapped[list[Answer]] = relationship(back_populates="registration", cascade="all, delete-orphan")
    payments: Mapped[list[Payment]] = relationship(back_populates="registration", order_by="Payment.id")

    @property
    def full_name(self) -> str:
        return " ".join(part for part in (self.given_name, self.family_name) if part)

    @property
    def display_name(self) -> str:
        return " ".join(part for part in (self.honorific, self.full_name) if part)

    @property
    def balance_minor(self) -> int:
        return self.amount_due_minor - self.amount_paid_minor

    @property
    def is_paid(self) -> bool:
        return self.amount_due_minor == 0 or self.amount_paid_minor >= self.amount_due_minor

    def __repr__(self) -> str:
        return f"<Registration {self.reference} {self.status}>"


class Answer(db.Model):
    __tablename__ = "registration_answer"
    __table_args__ = (UniqueConstraint("registration_id", "question_id", name="uq_answer_question"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    registration_id: Mapped[int] = mapped_column(
        ForeignKey("registration.id", ondelete="CASCADE"), index=True
    )
    question_id: Mapped[int] = mapped_column(
        ForeignKey("registration_question.id", ondelete="CASCADE"), index=True
    )
    # A string for text and single choice, a list for multiple choice, a bool for a checkbox.
    value: Mapped[Any] = mapped_column(JSON)

    registration: Mapped[Registration] = relationship(back_populates="answers")
    question: Mapped[Question] = relationship()
