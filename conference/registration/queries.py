"""What the organiser pages read about registrations: the filtered list, one registration, the dashboard.

Filtering, counting and paging happen in SQL so that a conference with ten thousand delegates lists as
fast as one with ten.
"""

from __future__ import annotations

import enum
from collections import Counter, defaultdict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sqlalchemy import Select, and_, case, func, or_, select
from sqlalchemy.orm import joinedload, selectinload

from conference.accounts.models import User
from conference.audit.models import AuditEntry
from conference.events.activity import Activity
from conference.events.models import Conference
from conference.extensions import db
from conference.payments.models import Payment
from conference.registration.capacity import holds_place
from conference.registration.models import (
    ENDED_STATUSES,
    HOLDING_STATUSES,
    DelegateCategory,
    Registration,
    RegistrationStatus,
    TicketType,
)

PER_PAGE = 50
MAX_SEARCH = 200


class PaidFilter(enum.StrEnum):
    PAID = "yes"
    UNPAID = "no"
    FREE = "free"


def _enum_or_none(enum_cls, value: str | None):
    try:
        return enum_cls(value) if value else None
    except ValueError:
        return None


@dataclass(frozen=True)
class RegistrationFilters:
    """The search and filters of the registrations list, read forgivingly from the query string."""

    search: str = ""
    ticket_id: int | None = None
    status: RegistrationStatus | None = None
    category: DelegateCategory | None = None
    country: str = ""
    paid: PaidFilter | None = None

    @classmethod
    def from_args(cls, args: Mapping[str, str]) -> RegistrationFilters:
        """Unknown or malformed values are ignored, never an error: the list shows without that filter."""
        ticket = args.get("ticket", "")
        country = args.get("country", "").strip().upper()
        return cls(
            search=" ".join(args.get("q", "").split())[:MAX_SEARCH],
            ticket_id=int(ticket) if ticket.isdigit() and len(ticket) < 10 else None,
            status=_enum_or_none(RegistrationStatus, args.get("status")),
            category=_enum_or_none(DelegateCategory, args.get("category")),
            country=country if len(country) == 2 and country.isalpha() else "",
            paid=_enum_or_none(PaidFilter, args.get("paid")),
        )

    def args(self) -> dict[str, str]:
        """The query-string arguments that give these filters back (for paging and export links)."""
        values = {
            "q": self.search,
            "ticket": str(self.ticket_id) if self.ticket_id else "",
            "status": self.status.value if self.status else "",
            "category": self.category.value if self.category else "",
            "country": self.country,
            "paid": self.paid.value if self.paid else "",
        }
        return {key: value for key, value in values.items() if value}

    @property
    def active(self) -> bool:
        return bool(self.args())

    def conditions(self, conference: Conference) -> list:
        conditions = [Registration.conference_id == conference.id]
        for term in self.search.split():
            columns = (
                Registration.given_name,
                Registration.family_name,
                Registration.local_name,
                Registration.email,
                Registration.organisation,
                Registration.reference,
            )
            conditions.append(or_(*(column.icontains(term, autoescape=True) for column in columns)))
        if self.ticket_id:
            conditions.append(Registration.ticket_type_id == self.ticket_id)
        if self.status:
            conditions.append(Registration.status == self.status)
        if self.category:
            conditions.append(Registration.category == self.category)
        if self.country:
            conditions.append(Registration.country == self.country)
        if self.paid == PaidFilter.PAID:
            conditions.append(
                and_(
                    Registration.amount_due_minor > 0,
                    Registration.amount_paid_minor >= Registration.amount_due_minor,
                )
            )
        elif self.paid == PaidFilter.UNPAID:
            conditions.append(Registration.amount_paid_minor < Registration.amount_due_minor)
        elif self.paid == PaidFilter.FREE:
            conditions.append(Registration.amount_due_minor == 0)
        return conditions


@dataclass(frozen=True)
class RegistrationPage:
    items: list[Registration]
    page: int
    pages: int
    total: int
    filters: RegistrationFilters = field(default_factory=RegistrationFilters)

    @property
    def has_previous(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages

    @property
    def first_number(self) -> int:
        return (self.page - 1) * PER_PAGE + 1 if self.total else 0

    @property
    def last_number(self) -> int:
        return (self.page - 1) * PER_PAGE + len(self.items)


def filtered(conference: Conference, filters: RegistrationFilters) -> Select:
    """The conference's registrations matching the filters, newest first."""
    return (
        select(Registration)
        .where(*filters.conditions(conference))
        .order_by(Registration.created_at.desc(), Registration.id.desc())
    )


def registrations_page(conference: Conference, filters: RegistrationFilters, page: int) -> RegistrationPage:
    """One page of the filtered list (a COUNT, then LIMIT/OFFSET); past the end gives the last page."""
    total = db.session.scalar(
        select(func.count()).select_from(Registration).where(*filters.conditions(conference))
    )
    pages = max(1, -(-total // PER_PAGE))
    page = min(max(page, 1), pages)
    query = (
        filtered(conference, filters)
        .options(joinedload(Registration.ticket_type))
        .offset((page - 1) * PER_PAGE)
        .limit(PER_PAGE)
    )
    return RegistrationPage(list(db.session.scalars(query)), page, pages, total, filters)


def for_export(
    conference: Conference, filters: RegistrationFilters, chunk: int = 500
) -> Iterator[Registration]:
    """Every matching registration with its ticket, delegation and answers, read in chunks."""
    query = (
        filtered(conference, filters)
        .options(
            joinedload(Registration.ticket_type),
            joinedload(Registration.delegation),
            selectinload(Registration.answers),
        )
        .execution_options(yield_per=chunk)
    )
    yield from db.session.scalars(query)


def countries_registered(conference: Conference) -> list[str]:
    """The country codes of the conference's registrations (for the filter's options)."""
    query = (
        select(Registration.country)
        .where(Registration.conference_id == conference.id, Registration.country != "")
        .distinct()
    )
    return sorted(db.session.scalars(query))


def registration_detail(conference: Conference, registration_id: int) -> Registration | None:
    """One registration with everything its page shows."""
    query = (
        select(Registration)
        .where(Registration.id == registration_id, Registration.conference_id == conference.id)
        .options(
            joinedload(Registration.ticket_type),
            joinedload(Registration.delegation),
            selectinload(Registration.answers),
            selectinload(Registration.payments).selectinload(Payment.refunds),
        )
    )
    return db.session.scalar(query)


# Columns no organiser needs to read in a registration's history.
HIDDEN_IN_HISTORY = frozenset({"updated_at", "link_version", "active_email", "id", "conference_id"})


def history(registration: Registration) -> list[Activity]:
    """The registration's audit entries, oldest first, with who made each change."""
    query = (
        select(AuditEntry, User.display_name)
        .outerjoin(User, User.id == AuditEntry.user_id)
        .where(
            AuditEntry.object_type == "Registration",
            AuditEntry.object_id == registration.id,
            AuditEntry.conference_id == registration.conference_id,
        )
        .order_by(AuditEntry.at, AuditEntry.id)
    )
    return [Activity(entry, who) for entry, who in db.session.execute(query).all()]


def places_held_by_ticket(conference: Conference, now: datetime) -> dict[int, int]:
    """Ticket type id → places held now, in one query (the same rule as capacity.places_held)."""
    query = (
        select(Registration.ticket_type_id, func.count())
        .where(Registration.conference_id == conference.id, holds_place(now))
        .group_by(Registration.ticket_type_id)
    )
    return dict(db.session.execute(query).all())


@dataclass(frozen=True)
class TicketCount:
    ticket: TicketType
    held: int
    waitlisted: int
    total: int


@dataclass(frozen=True)
class MoneyTotals:
    currency: str
    paid: int = 0
    refunded: int = 0
    outstanding: int = 0


@dataclass
class Dashboard:
    total: int = 0
    live: int = 0
    by_ticket: list[TicketCount] = field(default_factory=list)
    by_status: list[tuple[RegistrationStatus, int]] = field(default_factory=list)
    by_category: list[tuple[DelegateCategory, int]] = field(default_factory=list)
    by_country: list[tuple[str, int]] = field(default_factory=list)
    money: list[MoneyTotals] = field(default_factory=list)
    per_day: list[tuple[date, int]] = field(default_factory=list)


def _grouped(conference: Conference, column, *conditions) -> list[tuple]:
    query = (
        select(column, func.count())
        .where(Registration.conference_id == conference.id, *conditions)
        .group_by(column)
        .order_by(func.count().desc(), column)
    )
    return [tuple(row) for row in db.session.execute(query).all()]


def dashboard(conference: Conference, now: datetime) -> Dashboard:
    """Counts by ticket, status, category and country, money per currency, and registrations per day.

    Category and country count live registrations (not rejected, expired, cancelled or refunded).
    """
    live = Registration.status.not_in(list(ENDED_STATUSES))
    board = Dashboard()
    by_status = dict(_grouped(conference, Registration.status))
    board.by_status = [(status, by_status[status]) for status in RegistrationStatus if status in by_status]
    board.total = sum(by_status.values())
    board.live = sum(count for status, count in by_status.items() if status not in ENDED_STATUSES)
    board.by_category = _grouped(conference, Registration.category, live)
    board.by_country = _grouped(conference, Registration.country, live)

    held = places_held_by_ticket(conference, now)
    per_ticket: dict[int, Counter] = defaultdict(Counter)
    for ticket_id, status, count in db.session.execute(
        select(Registration.ticket_type_id, Registration.status, func.count())
        .where(Registration.conference_id == conference.id)
        .group_by(Registration.ticket_type_id, Registration.status)
    ):
        per_ticket[ticket_id][status] = count
    tickets = db.session.scalars(
        select(TicketType)
        .where(TicketType.conference_id == conference.id)
        .order_by(TicketType.position, TicketType.id)
    )
    board.by_ticket = [
        TicketCount(
            ticket,
            held.get(ticket.id, 0),
            per_ticket[ticket.id][RegistrationStatus.WAITLISTED],
            sum(per_ticket[ticket.id].values()),
        )
        for ticket in tickets
    ]
    board.money = _money(conference)
    board.per_day = per_day(conference)
    return board


def _money(conference: Conference) -> list[MoneyTotals]:
    """Paid, refunded and still due per currency; only registrations holding a place owe anything."""
    due, paid = Registration.amount_due_minor, Registration.amount_paid_minor
    holding = Registration.status.in_(list(HOLDING_STATUSES))
    owed = func.sum(case((and_(holding, due > paid), due - paid), else_=0))
    query = (
        select(
            Registration.currency,
            func.sum(Registration.amount_paid_minor),
            func.sum(Registration.amount_refunded_minor),
            owed,
        )
        .where(Registration.conference_id == conference.id)
        .group_by(Registration.currency)
        .order_by(Registration.currency)
    )
    totals = [
        MoneyTotals(currency, int(paid or 0), int(refunded or 0), int(due or 0))
        for currency, paid, refunded, due in db.session.execute(query)
    ]
    return [t for t in totals if t.paid or t.refunded or t.outstanding]


def per_day(conference: Conference) -> list[tuple[date, int]]:
    """Registrations made each day (in the conference's zone), from the first day to the last, gaps as 0."""
    created = db.session.scalars(
        select(Registration.created_at).where(Registration.conference_id == conference.id)
    )
    counts = Counter(moment.astimezone(conference.tz).date() for moment in created)
    if not counts:
        return []
    first, last = min(counts), max(counts)
    days = (last - first).days + 1
    return [(day, counts.get(day, 0)) for day in (first + timedelta(days=n) for n in range(days))]
