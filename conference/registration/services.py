"""Registering delegates and moving registrations through their states.

pending payment → confirmed; pending approval → (approved →) pending payment or confirmed / rejected;
waitlisted → offered (until an expiry) → accepted / expired; cancelled; refunded.

Every function takes plain values, commits its own transaction (with its audit entry, through
`core.changes`) and then queues the e-mails the change calls for; what can go wrong is in `errors.py`.
Decisions about places are taken under `capacity.lock_ticket`, where `waitlist.expire_and_offer` also ends
lapsed holds and offers the places that came free.
"""

from __future__ import annotations

import enum
import secrets
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy.exc import IntegrityError

from conference.accounts.models import normalise_email
from conference.core.changes import audited
from conference.core.lookups import in_conference
from conference.db_types import utcnow
from conference.events.models import Conference
from conference.extensions import db
from conference.registration import emails, queries
from conference.registration.capacity import lock_ticket, places_left, release_place
from conference.registration.details import DelegateDetails
from conference.registration.errors import (
    AlreadyRegistered,
    ConsentRequired,
    InvalidTransition,
    RegistrationClosed,
    RegistrationError,
    SalesNotOpen,
    WrongAccessCode,
)
from conference.registration.models import (
    ENDED_STATUSES,
    Answer,
    Delegation,
    PaymentMethod,
    Registration,
    RegistrationPolicy,
    RegistrationStatus,
    TicketType,
)
from conference.registration.policy import access_code_matches, policy_for, registration_open, ticket_on_sale
from conference.registration.waitlist import expire_and_offer, has_waitlist, release_and_offer

REFERENCE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I: read aloud at the desk


def new_reference() -> str:
    chars = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(8))
    return f"{chars[:4]}-{chars[4:]}"


def check_on_sale(conference: Conference, ticket: TicketType, access_code: str, now: datetime) -> None:
    """Raise why a visitor cannot take this ticket now: registration closed, not on sale, wrong code."""
    if not registration_open(conference):
        raise RegistrationClosed()
    if not ticket_on_sale(ticket, now):
        raise SalesNotOpen()
    if not access_code_matches(ticket, access_code):
        raise WrongAccessCode()


def register(
    conference: Conference,
    ticket: TicketType,
    details: DelegateDetails,
    *,
    access_code: str = "",
    language: str = "en",
    online_payments: bool = False,
    user_id: int | None = None,
    delegation: Delegation | None = None,
    actor_id: int | None = None,
    by_organiser: bool = False,
    now: datetime | None = None,
) -> Registration:
    """Register one delegate: a place if there is one (or the waitlist), then the e-mail it calls for.

    `by_organiser` (walk-ins added by hand) skips the sales window and access code, never capacity.
    """
    now = now or utcnow()
    if ticket.conference_id != conference.id:
        raise SalesNotOpen()
    if not by_organiser:
        check_on_sale(conference, ticket, access_code, now)
        if not details.privacy_consent:
            raise ConsentRequired()
    policy = policy_for(conference)
    email = normalise_email(details.email)
    existing = queries.active_registration(conference.id, email)
    if existing is not None:
        raise AlreadyRegistered(existing)

    lock_ticket(ticket.id)
    outgoing = expire_and_offer(ticket, policy, now)
    registration = _new_registration(
        ticket,
        details,
        policy,
        now,
        delegation_id=delegation.id if delegation else None,
        user_id=user_id,
        language=language,
        payment_method=_payment_method(ticket, online_payments),
    )
    _place_or_waitlist(registration, ticket, policy, now)
    who = actor_id if actor_id is not None else user_id
    with audited(registration, "registration.created", user_id=who, conference_id=conference.id):
        _insert(registration)
        for question_id, value in details.answers.items():
            db.session.add(Answer(registration_id=registration.id, question_id=question_id, value=value))
    emails.send_all([*outgoing, (registration.id, _created_mail(registration))])
    return registration


def _new_registration(
    ticket: TicketType, details: DelegateDetails, policy: RegistrationPolicy, now: datetime, **columns
) -> Registration:
    """The delegate's details, what the ticket costs and their consent, not yet stored."""
    registration = Registration(
        conference_id=ticket.conference_id,
        ticket_type_id=ticket.id,
        reference=new_reference(),
        active_email=normalise_email(details.email),
        amount_due_minor=ticket.price_minor,
        amount_paid_minor=0,
        amount_refunded_minor=0,
        currency=ticket.currency,
        **columns,
        **details.columns(),
    )
    if details.privacy_consent:
        registration.privacy_consent_at = now
        registration.privacy_notice_version = policy.privacy_notice_version
    return registration


def _place_or_waitlist(
    registration: Registration, ticket: TicketType, policy: RegistrationPolicy, now: datetime
) -> None:
    """Under the ticket's lock: a free place nobody waits for is taken, else the delegate waits in turn."""
    left = places_left(ticket, now)
    if left == 0 or (left is not None and has_waitlist(ticket.id)):
        registration.status = RegistrationStatus.WAITLISTED
    else:
        _take_place(registration, ticket, policy, now)


def _insert(registration: Registration) -> None:
    """Store it; raises AlreadyRegistered if the address registered a moment ago through another request."""
    conference_id, email = registration.conference_id, registration.active_email
    db.session.add(registration)
    try:
        db.session.flush()
    except IntegrityError:
        db.session.rollback()
        existing = queries.active_registration(conference_id, email)
        if existing is None:
            raise
        raise AlreadyRegistered(existing) from None


def _payment_method(ticket: TicketType, online_payments: bool) -> PaymentMethod:
    if ticket.is_free:
        return PaymentMethod.FREE
    return PaymentMethod.STRIPE if online_payments else PaymentMethod.INVOICE


def _take_place(
    registration: Registration, ticket: TicketType, policy: RegistrationPolicy, now: datetime
) -> None:
    """The state of a registration that has (or was offered and accepted) a place."""
    registration.hold_expires_at = None
    if ticket.requires_approval and registration.approved_at is None:
        registration.status = RegistrationStatus.PENDING_APPROVAL
    elif not registration.is_paid:
        registration.status = RegistrationStatus.PENDING_PAYMENT
        # An online payment holds the place for a short while; an invoice holds it until settled.
        if registration.payment_method == PaymentMethod.STRIPE:
            registration.hold_expires_at = now + timedelta(minutes=policy.payment_hold_minutes)
    else:
        registration.status = RegistrationStatus.CONFIRMED


def _created_mail(registration: Registration) -> str:
    return {
        RegistrationStatus.CONFIRMED: "confirmed",
        RegistrationStatus.PENDING_APPROVAL: "received",
        RegistrationStatus.PENDING_PAYMENT: "payment_due",
        RegistrationStatus.WAITLISTED: "waitlisted",
    }[registration.status]


def _transition(
    registration: Registration,
    allowed: set[RegistrationStatus],
    action: str,
    actor_id: int | None,
    change,
    mail: str | None,
    now: datetime,
) -> Registration:
    """Lock the ticket, check the state, apply `change`, fill freed places, audit, commit, e-mail."""
    ticket = registration.ticket_type
    lock_ticket(ticket.id)
    db.session.refresh(registration)
    if registration.status not in allowed:
        db.session.rollback()
        raise InvalidTransition()
    with audited(
        registration, action, user_id=actor_id, conference_id=registration.conference_id, commit=False
    ):
        change(registration)
    outgoing = expire_and_offer(ticket, policy_for(registration.conference), now)
    db.session.commit()
    emails.send_all(([(registration.id, mail)] if mail else []) + outgoing)
    return registration


def approve(registration: Registration, *, actor_id: int | None, now: datetime | None = None) -> Registration:
    now = now or utcnow()
    policy = policy_for(registration.conference)

    def change(r: Registration) -> None:
        r.approved_at = now
        _take_place(r, r.ticket_type, policy, now)
        if r.status == RegistrationStatus.PENDING_PAYMENT and r.hold_expires_at is not None:
            # Approval can come days later: give the delegate as long to pay as a waitlist offer.
            r.hold_expires_at = now + timedelta(hours=policy.offer_hours)

    return _transition(
        registration,
        {RegistrationStatus.PENDING_APPROVAL},
        "registration.approved",
        actor_id,
        change,
        "approved",
        now,
    )


def reject(registration: Registration, *, actor_id: int | None, now: datetime | None = None) -> Registration:
    now = now or utcnow()
    allowed = {RegistrationStatus.PENDING_APPROVAL, RegistrationStatus.WAITLISTED, RegistrationStatus.OFFERED}
    return _transition(
        registration,
        allowed,
        "registration.rejected",
        actor_id,
        lambda r: release_place(r, RegistrationStatus.REJECTED, now),
        "rejected",
        now,
    )


def accept_offer(registration: Registration, *, now: datetime | None = None) -> Registration:
    """The delegate takes the place a waitlist offer holds for them."""
    now = now or utcnow()
    if registration.status == RegistrationStatus.OFFERED and registration.hold_expires_at <= now:
        raise InvalidTransition("This offer has expired.")
    policy = policy_for(registration.conference)

    def change(r: Registration) -> None:
        _take_place(r, r.ticket_type, policy, now)

    registration = _transition(
        registration, {RegistrationStatus.OFFERED}, "registration.offer_accepted", None, change, None, now
    )
    emails.send_all([(registration.id, _created_mail(registration))])  # the mail of the state it is in now
    return registration


def cancel(registration: Registration, *, actor_id: int | None, now: datetime | None = None) -> Registration:
    """Cancel a live registration and pass its place on; refunds are the payments service's job."""
    now = now or utcnow()
    allowed = set(RegistrationStatus) - set(ENDED_STATUSES)
    return _transition(
        registration,
        allowed,
        "registration.cancelled",
        actor_id,
        lambda r: release_place(r, RegistrationStatus.CANCELLED, now),
        "cancelled",
        now,
    )


def payment_settled(registration: Registration, *, actor_id: int | None, now: datetime | None = None) -> bool:
    """Called once the amounts paid cover what is due: confirm, even if the hold lapsed meanwhile.

    Returns False when the registration can no longer be confirmed (its place went to someone else
    or it was cancelled), in which case the caller refunds the payment.
    """
    now = now or utcnow()
    lock_ticket(registration.ticket_type.id)
    db.session.refresh(registration)
    if not _may_confirm(registration, now):
        db.session.commit()
        return registration.status not in ENDED_STATUSES  # True when it is confirmed already
    with audited(
        registration, "registration.confirmed", user_id=actor_id, conference_id=registration.conference_id
    ):
        if registration.status == RegistrationStatus.EXPIRED:
            registration.active_email = registration.email
        else:
            registration.hold_expires_at = None
        registration.status = RegistrationStatus.CONFIRMED
        registration.paid_at = registration.paid_at or now
    emails.send_all([(registration.id, "confirmed")])
    return True


def _may_confirm(registration: Registration, now: datetime) -> bool:
    """Pending payment, or expired while a place is still free and the address has not registered again."""
    if registration.status == RegistrationStatus.PENDING_PAYMENT:
        return True
    if registration.status != RegistrationStatus.EXPIRED:
        return False
    left = places_left(registration.ticket_type, now)
    taken = queries.active_registration(registration.conference_id, registration.email)
    return not ((left is not None and left == 0) or taken is not None)


def mark_refunded(registration: Registration, *, actor_id: int | None, now: datetime | None = None) -> None:
    """A registration whose payments were refunded in full ends as refunded (if not already ended)."""
    now = now or utcnow()
    was_holding = registration.status not in ENDED_STATUSES
    with audited(
        registration, "registration.refunded", user_id=actor_id, conference_id=registration.conference_id
    ):
        release_place(registration, RegistrationStatus.REFUNDED, now)
    if was_holding:
        release_and_offer(registration.ticket_type, now)


# Decisions in bulk, from the organisers' list


class Decision(enum.StrEnum):
    APPROVE = "approve"
    REJECT = "reject"


@dataclass
class BulkOutcome:
    done: list[Registration] = field(default_factory=list)
    failed: list[tuple[Registration | int, str]] = field(default_factory=list)  # row (or unknown id), why


def decide(
    conference: Conference, registration_ids: list[int], decision: Decision, *, actor_id: int
) -> BulkOutcome:
    """Approve or reject each registration in turn; one that cannot be decided does not stop the others."""
    outcome = BulkOutcome()
    action = approve if decision == Decision.APPROVE else reject
    for registration_id in dict.fromkeys(registration_ids):
        registration = in_conference(Registration, conference, registration_id)
        if registration is None:
            outcome.failed.append((registration_id, "not_found"))
            continue
        try:
            action(registration, actor_id=actor_id)
        except RegistrationError as exc:
            db.session.rollback()
            outcome.failed.append((registration, str(exc)))
        else:
            outcome.done.append(registration)
    return outcome
