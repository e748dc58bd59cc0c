"""What registration reads: an address's live registration, a conference's tickets and questions, and the
organisers' list (filtered, paged), one registration with its history, the places each ticket holds.

Filtering, counting and paging happen in SQL so that a conference with ten thousand delegates lists as
fast as one with ten.
"""

from __future__ import annotations

import enum
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Select, and_, func, or_, select
from sqlalchemy.orm import joinedload, selectinload

from conference.accounts.models import User, normalise_email
from conference.audit.models import AuditEntry
from conference.core.pagination import ListPage, sql_page
from conference.events.activity import Activity
from conference.events.models import Conference
from conference.extensions import db
from conference.payments.models import Payment
from conference.registration.capacity import holds_place
from conference.registration.models import (
    DelegateCategory,
    Question,
    Registration,
    RegistrationStatus,
    TicketType,
)

PER_PAGE = 50
MAX_SEARCH = 200


def active_registration(conference_id: int, email: str) -> Registration | None:
    """The address's registration that has not ended (there is at most one per conference)."""
    query = select(Registration).where(
        Registration.conference_id == conference_id,
        Registration.active_email == normalise_email(email),
    )
    return db.session.scalar(query)


def ticket_types(conference: Conference) -> list[TicketType]:
    query = (
        select(TicketType)
        .where(TicketType.conference_id == conference.id)
        .order_by(TicketType.position, TicketType.id)
    )
    return list(db.session.scalars(query))


def questions(conference: Conference, *, active_only: bool = False) -> list[Question]:
    query = select(Question).where(Question.conference_id == conference.id)
    if active_only:
        query = query.where(Question.active.is_(True))
    return list(db.session.scalars(query.order_by(Question.position, Question.id)))


# The organisers' list of registrations


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


def filtered(conference: Conference, filters: RegistrationFilters) -> Select:
    """The conference's registrations matching the filters, newest first."""
    return (
        select(Registration)
        .where(*filters.conditions(conference))
        .order_by(Registration.created_at.desc(), Registration.id.desc())
    )


def registrations_page(
    conference: Conference, filters: RegistrationFilters, page: int
) -> ListPage[Registration]:
    """One page of the filtered list (a COUNT, then LIMIT/OFFSET); past the end gives the last page."""
    total = db.session.scalar(
        select(func.count()).select_from(Registration).where(*filters.conditions(conference))
    )
    query = filtered(conference, filters).options(joinedload(Registration.ticket_type))
    return sql_page(query, _rows, total=total, page=page, per_page=PER_PAGE)


def _rows(query: Select) -> list[Registration]:
    return list(db.session.scalars(query))


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


def registration_for_user(conference_id: int, user: User) -> Registration | None:
    """The user's confirmed registration for the conference: linked to the account, or under its e-mail."""
    query = (
        select(Registration)
        .where(
            Registration.conference_id == conference_id,
            Registration.status == RegistrationStatus.CONFIRMED,
            or_(Registration.user_id == user.id, Registration.active_email == normalise_email(user.email)),
        )
        .order_by(Registration.user_id.is_(None), Registration.id)  # the one linked to the account first
        .limit(1)
    )
    return db.session.scalar(query)
