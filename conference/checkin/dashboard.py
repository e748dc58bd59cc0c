"""What the organisers' live check-in dashboard shows: arrivals, who is in against who is expected, rooms.

"Expected" are the confirmed registrations with in-person access; "arrived" those of them checked in at
the main entrance. A handful of grouped queries, whatever the number of delegates.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import and_, func, select

from conference.accounts.models import User
from conference.checkin.models import ENTRANCE, CheckIn, CheckInResult, Scan
from conference.checkin.points import PointSummary, point_summaries
from conference.events.models import Conference
from conference.extensions import db
from conference.registration.models import (
    Attendance,
    Registration,
    RegistrationStatus,
    TicketType,
)
from conference.streaming.queries import online_attendance, online_delegates

BUCKET_MINUTES = 15
RECENT_SCANS = 12

RESULT_LABELS = {
    CheckInResult.OK: _l("Checked in"),
    CheckInResult.ALREADY_CHECKED_IN: _l("Already checked in"),
    CheckInResult.ROOM_FULL: _l("Room full (let in)"),
    CheckInResult.UNKNOWN_CODE: _l("Unknown code"),
    CheckInResult.FORGED_CODE: _l("Forged code"),
    CheckInResult.OTHER_CONFERENCE: _l("Other conference"),
    CheckInResult.REVOKED_BADGE: _l("Revoked badge"),
    CheckInResult.CANCELLED: _l("Cancelled"),
    CheckInResult.UNPAID: _l("Unpaid"),
    CheckInResult.NOT_CONFIRMED: _l("Not confirmed"),
    CheckInResult.NO_IN_PERSON_ACCESS: _l("Online ticket"),
}


@dataclass
class Tally:
    """Arrived against expected for one group of delegates (a ticket, a category, a country)."""

    key: str
    label: str
    expected: int = 0
    arrived: int = 0
    colour: str = ""

    @property
    def percent(self) -> int:
        return round(100 * self.arrived / self.expected) if self.expected else 0


@dataclass(frozen=True)
class RecentScan:
    scanned_at: datetime
    name: str
    point: str
    result: CheckInResult
    by: str
    undone: bool


@dataclass
class CheckInBoard:
    expected: int
    arrived: int
    entrance_total: int  # every entrance check-in, also of registrations no longer expected
    by_ticket: list[Tally]
    by_category: list[Tally]
    by_country: list[Tally]
    sessions: list[PointSummary]
    days: list[date]
    day: date
    arrivals: list[tuple[datetime, int]]  # (start of a 15-minute slot, arrivals in it) on `day`
    recent: list[RecentScan] = field(default_factory=list)
    online: int = 0  # delegates who joined at least one stream (streaming counts them as attending)
    online_by_point: dict[str, int] = field(default_factory=dict)  # "session:<id>" -> delegates online

    @property
    def percent(self) -> int:
        return round(100 * self.arrived / self.expected) if self.expected else 0

    @property
    def point_labels(self) -> dict[str, str]:
        return {ENTRANCE: str(_l("Main entrance"))} | {s.id: s.label for s in self.sessions}


def _tallies(conference: Conference) -> tuple[list[Tally], list[Tally], list[Tally]]:
    entrance = and_(CheckIn.registration_id == Registration.id, CheckIn.point == ENTRANCE)
    query = (
        select(
            TicketType.id,
            TicketType.name,
            TicketType.badge_colour,
            Registration.category,
            Registration.country,
            func.count(Registration.id),
            func.count(CheckIn.id),
        )
        .join(TicketType, TicketType.id == Registration.ticket_type_id)
        .outerjoin(CheckIn, entrance)
        .where(
            Registration.conference_id == conference.id,
            Registration.status == RegistrationStatus.CONFIRMED,
            TicketType.attendance == Attendance.IN_PERSON,
        )
        .group_by(
            TicketType.id,
            TicketType.name,
            TicketType.badge_colour,
            Registration.category,
            Registration.country,
        )
    )
    tickets: dict[str, Tally] = {}
    categories: dict[str, Tally] = {}
    countries: dict[str, Tally] = {}
    for ticket_id, ticket, colour, category, country, expected, arrived in db.session.execute(query):
        groups = (
            tickets.setdefault(str(ticket_id), Tally(str(ticket_id), ticket, colour=colour)),
            categories.setdefault(category.value, Tally(category.value, category.value)),
            countries.setdefault(country or "", Tally(country or "", country or "")),
        )
        for tally in groups:
            tally.expected += expected
            tally.arrived += arrived
    by_count = lambda tally: (-tally.expected, tally.label)  # noqa: E731
    return (
        sorted(tickets.values(), key=by_count),
        sorted(categories.values(), key=by_count),
        sorted(countries.values(), key=by_count),
    )


def _entrance_times(conference: Conference) -> list[datetime]:
    query = select(CheckIn.checked_in_at).where(
        CheckIn.conference_id == conference.id, CheckIn.point == ENTRANCE
    )
    return sorted(db.session.scalars(query))


def _days(conference: Conference, times: list[datetime]) -> list[date]:
    span = (conference.end_date - conference.start_date).days
    days = {conference.start_date + timedelta(days=n) for n in range(min(span, 30) + 1)}
    days |= {moment.astimezone(conference.tz).date() for moment in times}
    return sorted(days)


def _default_day(conference: Conference, days: list[date], times: list[datetime], today: date) -> date:
    """Today during the conference; otherwise the day most people arrived (the first day before any)."""
    if conference.start_date <= today <= conference.end_date:
        return today
    per_day = Counter(t.astimezone(conference.tz).date() for t in times)
    if per_day:
        return max(per_day, key=lambda day: (per_day[day], day))
    return conference.start_date


def arrivals_on(conference: Conference, day: date, times: list[datetime]) -> list[tuple[datetime, int]]:
    """Arrivals per 15-minute slot on a day (conference's zone), from the hour of the first to the last."""
    tz = conference.tz
    local = [t.astimezone(tz) for t in times if t.astimezone(tz).date() == day]
    if not local:
        return []
    slot = timedelta(minutes=BUCKET_MINUTES)
    first = local[0].replace(minute=0, second=0, microsecond=0)
    last = local[-1].replace(minute=0, second=0, microsecond=0) + timedelta(hours=1)
    counts = Counter(first + slot * int((t - first) / slot) for t in local)
    slots, moment = [], first
    while moment < last:
        slots.append((moment, counts.get(moment, 0)))
        moment += slot
    return slots


def recent_scans(conference: Conference, limit: int = RECENT_SCANS) -> list[RecentScan]:
    query = (
        select(
            Scan.scanned_at,
            Registration.given_name,
            Registration.family_name,
            Scan.point,
            Scan.result,
            Scan.by_device,
            User.display_name,
            Scan.undone_at,
        )
        .outerjoin(Registration, Registration.id == Scan.registration_id)
        .outerjoin(User, User.id == Scan.by_user_id)
        .where(Scan.conference_id == conference.id)
        .order_by(Scan.id.desc())  # the order they were received in (no index on received_at)
        .limit(limit)
    )
    return [
        RecentScan(
            scanned_at,
            " ".join(part for part in (given, family) if part),
            point,
            result,
            device or user or "",
            undone is not None,
        )
        for scanned_at, given, family, point, result, device, user, undone in db.session.execute(query)
    ]


def checkin_board(conference: Conference, today: date, day: date | None = None) -> CheckInBoard:
    """Everything the dashboard shows, for `day` (default: see `_default_day`)."""
    by_ticket, by_category, by_country = _tallies(conference)
    times = _entrance_times(conference)
    days = _days(conference, times)
    if day not in days:
        day = _default_day(conference, days, times, today)
    return CheckInBoard(
        expected=sum(t.expected for t in by_ticket),
        arrived=sum(t.arrived for t in by_ticket),
        entrance_total=len(times),
        by_ticket=by_ticket,
        by_category=by_category,
        by_country=by_country,
        sessions=[point for point in point_summaries(conference) if point.id != ENTRANCE],
        days=days,
        day=day,
        arrivals=arrivals_on(conference, day, times),
        recent=recent_scans(conference),
        online=online_delegates(conference.id),
        online_by_point={f"session:{sid}": n for sid, n in online_attendance(conference.id).items()},
    )
