"""The organisers' registrations dashboard: counts by ticket, status, category and country, money per
currency, and registrations per day drawn as the core chart (the page gives the same figures as a table)."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from flask_babel import gettext as _
from markupsafe import Markup
from sqlalchemy import and_, case, func, select

from conference.core.charts import AxisLabel, Bar, bars_and_total
from conference.events.models import Conference
from conference.extensions import db
from conference.i18n.formatting import local_date
from conference.registration.models import (
    ENDED_STATUSES,
    HOLDING_STATUSES,
    DelegateCategory,
    Registration,
    RegistrationStatus,
    TicketType,
)
from conference.registration.queries import places_held_by_ticket, ticket_types


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
    board.by_ticket = _by_ticket(conference, now)
    board.money = _money(conference)
    board.per_day = per_day(conference)
    return board


def _by_ticket(conference: Conference, now: datetime) -> list[TicketCount]:
    """Per ticket type, in the tickets' order: places held now, the waitlist and every registration."""
    held = places_held_by_ticket(conference, now)
    per_ticket: dict[int, Counter] = defaultdict(Counter)
    for ticket_id, status, count in db.session.execute(
        select(Registration.ticket_type_id, Registration.status, func.count())
        .where(Registration.conference_id == conference.id)
        .group_by(Registration.ticket_type_id, Registration.status)
    ):
        per_ticket[ticket_id][status] = count
    return [
        TicketCount(
            ticket,
            held.get(ticket.id, 0),
            per_ticket[ticket.id][RegistrationStatus.WAITLISTED],
            sum(per_ticket[ticket.id].values()),
        )
        for ticket in ticket_types(conference)
    ]


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


def registrations_chart(per_day: list[tuple[date, int]], chart_id: str = "registrations-chart") -> Markup:
    """Daily registrations as bars (left scale) and the running total as a line (right scale)."""
    if not per_day:
        return Markup("")
    first, last = per_day[0][0], per_day[-1][0]
    desc = _(
        "%(total)d registrations from %(first)s to %(last)s; the most in one day was %(peak)d.",
        total=sum(count for _day, count in per_day),
        first=local_date(first, "medium"),
        last=local_date(last, "medium"),
        peak=max(count for _day, count in per_day),
    )
    # Dates under the first and last bars (and the middle one on a long chart).
    days = len(per_day)
    labels = [AxisLabel(0, local_date(first, "medium"), "start")]
    if days > 6:
        labels.append(AxisLabel(days // 2 + 0.5, local_date(per_day[days // 2][0], "medium")))
    if days > 1:
        labels.append(AxisLabel(days, local_date(last, "medium"), "end"))
    return bars_and_total(
        [Bar(count, local_date(day, "medium")) for day, count in per_day],
        chart_id=chart_id,
        title=_("Registrations per day"),
        desc=desc,
        labels=labels,
    )
