"""The registration policy and what it puts on sale: open or not, tickets on sale, access codes."""

from __future__ import annotations

import secrets
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from conference.events.models import Conference, ConferenceStatus
from conference.extensions import db
from conference.registration.models import RegistrationPolicy, TicketType


def policy_for(conference: Conference) -> RegistrationPolicy:
    """The conference's registration policy, created with the defaults on first use."""
    policy = db.session.get(RegistrationPolicy, conference.id)
    if policy is None:
        policy = RegistrationPolicy(conference_id=conference.id)
        db.session.add(policy)
        try:
            db.session.flush()
        except IntegrityError:  # created meanwhile by a concurrent request
            db.session.rollback()
            policy = db.session.get(RegistrationPolicy, conference.id)
    return policy


def registration_open(conference: Conference) -> bool:
    if conference.status != ConferenceStatus.PUBLISHED:
        return False
    return policy_for(conference).open


def ticket_on_sale(ticket: TicketType, now: datetime) -> bool:
    if not ticket.active:
        return False
    if ticket.sales_start is not None and now < ticket.sales_start:
        return False
    return ticket.sales_end is None or now < ticket.sales_end


def access_code_matches(ticket: TicketType, code: str | None) -> bool:
    if not ticket.access_code:
        return True
    return secrets.compare_digest((code or "").strip().casefold(), ticket.access_code.strip().casefold())


def tickets_offered(conference: Conference, now: datetime, access_code: str = "") -> list[TicketType]:
    """The ticket types a visitor may choose: on sale, and unlocked by the code when they need one."""
    query = (
        select(TicketType)
        .where(TicketType.conference_id == conference.id, TicketType.active.is_(True))
        .order_by(TicketType.position, TicketType.id)
    )
    return [
        t
        for t in db.session.scalars(query)
        if ticket_on_sale(t, now) and (not t.access_code or access_code_matches(t, access_code))
    ]
