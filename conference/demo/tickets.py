"""Demo registration set-up: the ticket types and the registration policy of both demo conferences."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from sqlalchemy import func, select

from conference.events.models import Conference
from conference.extensions import db
from conference.registration.models import Attendance, RegistrationPolicy, TicketType

OBSERVER_PRICE_KRW = 150_000
SPONSORED_CAPACITY = 20


@dataclass(frozen=True)
class TicketSpec:
    key: str
    name: str
    description: str
    attendance: Attendance = Attendance.IN_PERSON
    includes_streaming: bool = True
    price_minor: int = 0
    capacity: int | None = None
    requires_approval: bool = False
    access_code: str | None = None
    badge_colour: str = "#1f5f8b"


def ticket_specs(conference: Conference) -> list[TicketSpec]:
    code = f"{conference.slug.split('-')[-1].upper()}-VIP-{conference.start_date.year}"
    return [
        TicketSpec(
            "member",
            "Member-city delegate",
            "For delegates named by an APLC member city. The organisers confirm each registration.",
            requires_approval=True,
            badge_colour="#0b6e99",
        ),
        TicketSpec(
            "observer",
            "Observer",
            "For researchers, partners and anyone interested in learning cities. Includes lunch.",
            price_minor=OBSERVER_PRICE_KRW,
            capacity=80,
            badge_colour="#6b4fa0",
        ),
        TicketSpec(
            "online",
            "Online participant",
            "Follow the plenary sessions and the online exchange from anywhere, with interpretation.",
            attendance=Attendance.ONLINE,
            badge_colour="#2a7f62",
        ),
        TicketSpec(
            "sponsored",
            "Young professional (sponsored)",
            "A limited number of sponsored places for learning-city staff under 35.",
            capacity=SPONSORED_CAPACITY,
            badge_colour="#c28a00",
        ),
        TicketSpec(
            "speaker",
            "Speaker / VIP",
            "For speakers, moderators and invited guests: use the access code in your invitation.",
            access_code=code,
            badge_colour="#b5462b",
        ),
    ]


PRIVACY_NOTICE = """\
The APLC Secretariat collects your name, contact details, organisation and the answers you give here
to run the conference: your badge, the list of participants shown to the organisers, catering and
interpretation. We keep them for one year after the conference and never sell or share them with
third parties other than the venue and our interpretation provider.

You can see, correct or delete your details at any time from your registration page, or by writing
to the secretariat."""

INVOICE_INSTRUCTIONS = """\
Pay by bank transfer to: Demo Bank (fictional), account 000-000000-00-000, account holder APLC
Secretariat. Quote your registration reference. You can also pay in cash (KRW) or by card at the
registration desk on the first day."""


def access_codes(conferences: list[Conference]) -> list[tuple[str, str, str]]:
    """(conference slug, ticket name, code) of every demo ticket hidden behind an access code."""
    query = (
        select(Conference.slug, TicketType.name, TicketType.access_code)
        .join(TicketType, TicketType.conference_id == Conference.id)
        .where(Conference.id.in_([c.id for c in conferences]), TicketType.access_code.is_not(None))
        .order_by(Conference.start_date, TicketType.position)
    )
    return [tuple(row) for row in db.session.execute(query)]


def ensure_tickets(conference: Conference) -> list[TicketType]:
    if db.session.scalar(select(func.count(TicketType.id)).where(TicketType.conference_id == conference.id)):
        return []
    sales_end = datetime.combine(conference.start_date, time(0), conference.tz)
    tickets = [
        TicketType(
            conference_id=conference.id,
            name=spec.name,
            description=spec.description,
            attendance=spec.attendance,
            includes_streaming=spec.includes_streaming,
            price_minor=spec.price_minor,
            currency="KRW",
            capacity=spec.capacity,
            sales_end=sales_end,
            requires_approval=spec.requires_approval,
            access_code=spec.access_code,
            badge_colour=spec.badge_colour,
            position=position,
        )
        for position, spec in enumerate(ticket_specs(conference), 1)
    ]
    db.session.add_all(tickets)
    db.session.flush()
    return tickets


def ensure_policy(conference: Conference, *, open_: bool) -> bool:
    if db.session.get(RegistrationPolicy, conference.id) is not None:
        return False
    db.session.add(
        RegistrationPolicy(
            conference_id=conference.id,
            open=open_,
            privacy_notice=PRIVACY_NOTICE,
            privacy_notice_version=f"{conference.start_date.year}-1",
            refund_percent=80,
            refund_deadline=conference.start_date - timedelta(days=14),
            payment_hold_minutes=30,
            offer_hours=48,
            invoice_instructions=INVOICE_INSTRUCTIONS,
        )
    )
    db.session.flush()
    return True


def tickets_by_key(conference: Conference) -> dict[str, TicketType]:
    by_name = {
        t.name: t
        for t in db.session.scalars(select(TicketType).where(TicketType.conference_id == conference.id))
    }
    return {spec.key: by_name[spec.name] for spec in ticket_specs(conference) if spec.name in by_name}
