"""Demo registration: ticket types and a policy for both demo conferences (`tickets.py`), ~300 delegates.

Idempotent like the rest of the demo: ticket types are added to a conference that has none, a policy
to one that has none, and sample delegates to a conference while it has no registration at all. The
delegates are inserted in bulk, not through `services.register` (no e-mails, one round trip), but in
states the services could have produced: capacity respected, `active_email` only on live ones, a
manual payment behind every paid registration and a refund behind every refunded one.
"""

from __future__ import annotations

import random
from datetime import UTC, datetime, time, timedelta
from typing import Any

from sqlalchemy import insert, select

from conference.audit.models import AuditEntry
from conference.db_types import utcnow
from conference.demo.sample_delegates import SampleDelegate, sample_delegate
from conference.demo.tickets import SPONSORED_CAPACITY, ensure_policy, ensure_tickets, tickets_by_key
from conference.events.models import Conference
from conference.extensions import db
from conference.payments.models import Payment, PaymentProvider, PaymentStatus, Refund
from conference.registration.models import (
    ENDED_STATUSES,
    DelegateCategory,
    Delegation,
    PaymentMethod,
    Registration,
    RegistrationPolicy,
    RegistrationStatus,
    TicketType,
)
from conference.registration.services import REFERENCE_ALPHABET

S = RegistrationStatus
SEED = 20261125  # the same delegates on every machine
DELEGATIONS = 10


# How many forum delegates hold each ticket in each state (300 in all).
PLAN: list[tuple[str, RegistrationStatus, int]] = [
    ("member", S.CONFIRMED, 112),
    ("member", S.PENDING_APPROVAL, 24),
    ("member", S.REJECTED, 6),
    ("member", S.CANCELLED, 8),
    ("observer", S.CONFIRMED, 30),
    ("observer", S.PENDING_PAYMENT, 12),
    ("observer", S.REFUNDED, 4),
    ("observer", S.CANCELLED, 2),
    ("online", S.CONFIRMED, 58),
    ("online", S.CANCELLED, 4),
    ("sponsored", S.CONFIRMED, 17),
    ("sponsored", S.OFFERED, 3),
    ("sponsored", S.EXPIRED, 2),
    ("sponsored", S.WAITLISTED, 8),
    ("speaker", S.CONFIRMED, 10),
]
SAMPLE_SIZE = sum(count for _, _, count in PLAN)
# A conference that is over has no open questions left: unpaid, unanswered and waiting ones lapsed.
PAST_OUTCOME = {
    S.PENDING_PAYMENT: S.EXPIRED,
    S.OFFERED: S.EXPIRED,
    S.WAITLISTED: S.EXPIRED,
    S.PENDING_APPROVAL: S.REJECTED,
}

CATEGORIES = {
    "member": [DelegateCategory.MEMBER_CITY],
    "observer": [DelegateCategory.OBSERVER] * 3 + [DelegateCategory.PARTNER, DelegateCategory.MEDIA],
    "online": [DelegateCategory.MEMBER_CITY, DelegateCategory.OBSERVER, DelegateCategory.OTHER],
    "sponsored": [DelegateCategory.MEMBER_CITY],
    "speaker": [DelegateCategory.SPEAKER, DelegateCategory.SPEAKER, DelegateCategory.GOVERNMENT],
}
# Days before the seeding that the sponsored places' registrations came in: places first, then the
# offers that lapsed, the open offers and the waitlist, in that order, as the services would have.
SPONSORED_DAYS = {S.CONFIRMED: (50, 31), S.EXPIRED: (30, 26), S.OFFERED: (25, 21), S.WAITLISTED: (20, 1)}


def seed_registrations(
    conference: Conference, *, sample_delegates: bool, now: datetime | None = None
) -> list[str]:
    """Add what is missing of the demo registration set-up; returns a sentence per thing added."""
    now = now or utcnow()
    created = []
    tickets = ensure_tickets(conference)
    if tickets:
        created.append(f"Added {len(tickets)} ticket types to “{conference.title}” ({conference.slug})")
    if ensure_policy(conference, open_=conference.end_date >= now.date()):
        created.append(f"Added the registration policy of {conference.slug}")
    if sample_delegates and not _has_registrations(conference):
        # A conference that is over registered its delegates beforehand: three weeks before it opened.
        registered_at = now
        if conference.end_date < now.date():
            registered_at = datetime.combine(conference.start_date - timedelta(days=21), time(9), tzinfo=UTC)
        count, delegations = add_sample_delegates(conference, registered_at)
        created.append(f"Added {count} sample registrations ({delegations} delegations) to {conference.slug}")
    return created


def _has_registrations(conference: Conference) -> bool:
    query = select(Registration.id).where(Registration.conference_id == conference.id).limit(1)
    return db.session.scalar(query) is not None


def add_sample_delegates(conference: Conference, now: datetime) -> tuple[int, int]:
    """Insert the sample delegates (and their delegations, payments, refunds, audit entries)."""
    past = conference.end_date < utcnow().date()
    # Another sequence for a past conference, so its references never collide with the upcoming one's.
    rng = random.Random(SEED + 1 if past else SEED)
    tickets = tickets_by_key(conference)
    policy = db.session.get(RegistrationPolicy, conference.id)
    plan = [
        (key, PAST_OUTCOME.get(status, status) if past else status)
        for key, status, count in PLAN
        if key in tickets
        for _ in range(count)
    ]
    rng.shuffle(plan)
    people, delegation_of = _people(rng, conference, plan)
    references = _references(rng, len(plan))

    rows = [
        _registration_row(
            rng, conference, tickets[key], status, person, ref, delegation_of.get(i), policy, now
        )
        for i, ((key, status), person, ref) in enumerate(zip(plan, people, references, strict=True))
    ]
    ids = list(
        db.session.scalars(
            insert(Registration).returning(Registration.id, sort_by_parameter_order=True), rows
        )
    )
    _add_payments(rng, conference, rows, ids)
    db.session.execute(
        insert(AuditEntry),
        [
            {
                "at": row["created_at"],
                "user_id": None,
                "conference_id": conference.id,
                "action": "registration.created",
                "object_type": "Registration",
                "object_id": registration_id,
                "before": None,
                "after": {
                    "reference": row["reference"],
                    "status": row["status"].value,
                    "source": "demo seed",
                },
            }
            for row, registration_id in zip(rows, ids, strict=True)
        ],
    )
    db.session.flush()
    return len(rows), len(set(delegation_of.values()))


def _people(
    rng: random.Random, conference: Conference, plan: list[tuple[str, RegistrationStatus]]
) -> tuple[list[SampleDelegate], dict[int, int]]:
    """One made-up person per plan entry; some member-city delegates grouped in delegations."""
    taken: set[str] = set()
    people = [sample_delegate(rng, rng.choice(CATEGORIES[key]), taken) for key, _ in plan]
    members = [i for i, (key, _) in enumerate(plan) if key == "member"]
    delegation_of: dict[int, int] = {}
    start = 0
    for _ in range(DELEGATIONS):
        group = members[start : start + rng.randint(3, 6)]
        start += len(group)
        lead = people[group[0]]
        place = (lead.city, lead.country, lead.organisation)
        for i in group[1:]:
            people[i] = sample_delegate(rng, DelegateCategory.MEMBER_CITY, taken, place)
        delegation = Delegation(
            conference_id=conference.id,
            name=lead.organisation,
            country=lead.country,
            contact_name=f"{lead.given_name} {lead.family_name}",
            contact_email=lead.email,
            language=lead.language,
        )
        db.session.add(delegation)
        db.session.flush()
        delegation_of.update({i: delegation.id for i in group})
    return people, delegation_of


def _references(rng: random.Random, count: int) -> list[str]:
    """Distinct references that no registration in the database has yet."""
    while True:
        chars = ["".join(rng.choice(REFERENCE_ALPHABET) for _ in range(8)) for _ in range(count)]
        references = [f"{c[:4]}-{c[4:]}" for c in chars]
        clash = db.session.scalar(
            select(Registration.id).where(Registration.reference.in_(references)).limit(1)
        )
        if len(set(references)) == count and clash is None:
            return references


def _registration_row(
    rng: random.Random,
    conference: Conference,
    ticket: TicketType,
    status: RegistrationStatus,
    person: SampleDelegate,
    reference: str,
    delegation_id: int | None,
    policy: RegistrationPolicy | None,
    now: datetime,
) -> dict[str, Any]:
    if ticket.capacity == SPONSORED_CAPACITY:
        days = SPONSORED_DAYS[status]
    else:  # early enough for what followed (payment after 2 days, refund a week later) to be past
        days = (55, 12) if status == S.REFUNDED else (55, 3)
    created = now - timedelta(days=rng.uniform(days[1], days[0]))
    paid = ticket.price_minor if status in (S.CONFIRMED, S.REFUNDED) else 0
    row: dict[str, Any] = dict(vars(person))
    row.update(
        conference_id=conference.id,
        ticket_type_id=ticket.id,
        delegation_id=delegation_id,
        user_id=None,
        reference=reference,
        status=status,
        active_email=None if status in ENDED_STATUSES else person.email,
        privacy_consent_at=created,
        privacy_notice_version=policy.privacy_notice_version if policy else "1",
        payment_method=PaymentMethod.FREE if ticket.is_free else PaymentMethod.INVOICE,
        amount_due_minor=ticket.price_minor,
        currency=ticket.currency,
        amount_paid_minor=paid,
        amount_refunded_minor=paid if status == S.REFUNDED else 0,
        paid_at=created + timedelta(days=2) if paid else None,
        approved_at=created + timedelta(hours=rng.uniform(4, 48))
        if ticket.requires_approval and status in (S.CONFIRMED, S.CANCELLED)
        else None,
        # An open offer holds its place for the policy's hours from when it was made.
        hold_expires_at=now + timedelta(hours=rng.uniform(6, 40)) if status == S.OFFERED else None,
        link_version=1,
        created_at=created,
        updated_at=created,
        cancelled_at=created + timedelta(days=rng.uniform(0.5, 1)) if status == S.CANCELLED else None,
    )
    return row


def _add_payments(rng: random.Random, conference: Conference, rows: list[dict], ids: list[int]) -> None:
    """A manual (invoice) payment behind every paid registration, a full refund behind each refunded one."""
    paid = [(row, rid) for row, rid in zip(rows, ids, strict=True) if row["amount_paid_minor"]]
    payments = [
        {
            "registration_id": rid,
            "provider": PaymentProvider.MANUAL,
            "provider_reference": None,
            "status": PaymentStatus.SUCCEEDED,
            "amount_minor": row["amount_paid_minor"],
            "currency": row["currency"],
            "amount_refunded_minor": row["amount_refunded_minor"],
            "receipt_number": f"{conference.slug.upper()}-{n:04d}",
            "note": f"Invoice {conference.start_date.year}/{n:03d} (demo)",
            "recorded_by_id": None,
            "failure_message": None,
            "created_at": row["paid_at"],
            "succeeded_at": row["paid_at"],
        }
        for n, (row, rid) in enumerate(paid, 1)
    ]
    if not payments:
        return
    payment_ids = list(
        db.session.scalars(insert(Payment).returning(Payment.id, sort_by_parameter_order=True), payments)
    )
    refunds = [
        {
            "payment_id": payment_id,
            "provider_reference": None,
            "amount_minor": payment["amount_refunded_minor"],
            "status": "succeeded",
            "reason": rng.choice(
                ["Travel funding withdrawn", "Visa not granted in time", "Cancelled by the delegate"]
            ),
            "created_by_id": None,
            "created_at": payment["succeeded_at"] + timedelta(days=7),
        }
        for payment, payment_id in zip(payments, payment_ids, strict=True)
        if payment["amount_refunded_minor"]
    ]
    if refunds:
        db.session.execute(insert(Refund), refunds)
