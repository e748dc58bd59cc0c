"""Demo check-ins: the delegates of a demo conference that is over arrive at plausible times.

Most confirmed in-person delegates come through the main entrance on the first morning (from an hour
before the first session, peaking just before it), a few only on the second day; some of them are
scanned into the sessions held in rooms with a capacity (one workshop a little over it); a few scans
are repeats or refused (unpaid, cancelled, a stray code), as at a real door. A conference that has not
ended gets none. Idempotent: a conference that has any scan is left alone.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import insert, select

from conference.agenda.models import Room, Session, SessionStatus, SessionType
from conference.badges.codes import make_badge_code
from conference.checkin.models import ENTRANCE, CheckIn, CheckInResult, Scan, ScanningToken
from conference.checkin.points import session_point
from conference.events.models import Conference
from conference.extensions import db
from conference.registration.models import Attendance, Registration, RegistrationStatus, TicketType

SEED = 20261126
ARRIVE_ON_DAY_ONE = 0.86
ARRIVE_ON_DAY_TWO = 0.06
DEVICES = ("Main entrance, phone 1", "Main entrance, phone 2", "Room doors")
NOT_SCANNED = (SessionType.BREAK, SessionType.NETWORKING)


@dataclass(frozen=True)
class Delegate:
    id: int
    version: int
    status: RegistrationStatus
    in_person: bool
    paid: bool


def seed_checkins(conference: Conference, today: date) -> list[str]:
    """Check in part of a past demo conference's delegates; returns a sentence per thing added."""
    if conference.end_date >= today or _has_scans(conference):
        return []
    delegates = _delegates(conference)
    expected = [d for d in delegates if d.status == RegistrationStatus.CONFIRMED and d.in_person and d.paid]
    if not expected:
        return []
    rng = random.Random(SEED + conference.id)
    tokens = _devices(conference)
    scans: list[dict] = []
    checkins: list[dict] = []
    door = _Door(conference, tokens, scans, checkins)

    present = _arrive(rng, conference, expected, door)
    _attend_sessions(rng, conference, present, door)
    _refusals(rng, conference, delegates, present, door)

    db.session.execute(insert(Scan), scans)
    db.session.execute(insert(CheckIn), checkins)
    db.session.flush()
    sessions = len({c["point"] for c in checkins if c["point"] != ENTRANCE})
    return [
        f"Checked in {len(present)} of {len(expected)} expected delegates at {conference.slug} "
        f"({len(checkins) - len(present)} session entries in {sessions} sessions, {len(scans)} scans)"
    ]


def _has_scans(conference: Conference) -> bool:
    return db.session.scalar(select(Scan.id).where(Scan.conference_id == conference.id).limit(1)) is not None


def _delegates(conference: Conference) -> list[Delegate]:
    query = (
        select(
            Registration.id,
            Registration.badge_version,
            Registration.status,
            TicketType.attendance,
            Registration.amount_due_minor,
            Registration.amount_paid_minor,
        )
        .join(TicketType, TicketType.id == Registration.ticket_type_id)
        .where(Registration.conference_id == conference.id)
        .order_by(Registration.id)
    )
    return [
        Delegate(rid, version, status, attendance == Attendance.IN_PERSON, due == 0 or paid >= due)
        for rid, version, status, attendance, due, paid in db.session.execute(query)
    ]


def _devices(conference: Conference) -> dict[str, ScanningToken]:
    """The phones the volunteers used, paired the first morning (long expired now)."""
    start = datetime.combine(conference.start_date, time(7, 30), conference.tz)
    tokens = {
        label: ScanningToken(
            conference_id=conference.id,
            label=label,
            created_at=start,
            paired_at=start + timedelta(minutes=5),
            expires_at=start + timedelta(hours=72),
        )
        for label in DEVICES
    }
    db.session.add_all(tokens.values())
    db.session.flush()
    return tokens


class _Door:
    """Collects scan and check-in rows as the scanners would have written them."""

    def __init__(self, conference: Conference, tokens: dict[str, ScanningToken], scans: list, checkins: list):
        self.conference, self.tokens, self.scans, self.checkins = conference, tokens, scans, checkins

    def scan(
        self, delegate: Delegate | None, point: str, at: datetime, device: str, result: CheckInResult
    ) -> None:
        code = (
            make_badge_code(self.conference.badge_key, self.conference.id, delegate.id, delegate.version)
            if delegate
            else "https://example.org/not-a-badge"
        )
        self.scans.append(
            dict(
                conference_id=self.conference.id,
                client_id=f"demo-{len(self.scans) + 1}",
                code=code[:64],
                registration_id=delegate.id if delegate else None,
                point=point,
                result=result,
                reason="demo seed",
                scanned_at=at,
                received_at=at + timedelta(seconds=1),
                by_user_id=None,
                by_device=device,
                scanning_token_id=self.tokens[device].id,
                undone_at=None,
            )
        )
        if result.records_entry:
            self.checkins.append(
                dict(
                    conference_id=self.conference.id,
                    registration_id=delegate.id,
                    point=point,
                    checked_in_at=at,
                    checked_in_by=device,
                    by_user_id=None,
                    created_at=at + timedelta(seconds=1),
                )
            )


def _sessions(conference: Conference) -> list[tuple[int, datetime, int]]:
    """(id, start, capacity) of the sessions held in a room with a capacity, in programme order."""
    query = (
        select(Session.id, Session.starts_at, Session.capacity, Room.capacity)
        .join(Room, Room.id == Session.room_id)
        .where(
            Session.conference_id == conference.id,
            Session.status == SessionStatus.PUBLISHED,
            Session.type.not_in(NOT_SCANNED),
            Room.capacity.is_not(None),
        )
        .order_by(Session.starts_at, Session.id)
    )
    return [
        (sid, start, own if own is not None else room) for sid, start, own, room in db.session.execute(query)
    ]


def _opening(conference: Conference, day: date) -> datetime:
    sessions = [
        start for _sid, start, _cap in _sessions(conference) if start.astimezone(conference.tz).date() == day
    ]
    return min(sessions) if sessions else datetime.combine(day, time(9, 30), conference.tz)


def _arrive(
    rng: random.Random, conference: Conference, expected: list[Delegate], door: _Door
) -> list[Delegate]:
    """Entrance check-ins: most on the first morning, a few on the second; returns who came."""
    days = [conference.start_date, min(conference.start_date + timedelta(days=1), conference.end_date)]
    present = []
    for delegate in expected:
        roll = rng.random()
        if roll < ARRIVE_ON_DAY_ONE:
            day = days[0]
        elif roll < ARRIVE_ON_DAY_ONE + ARRIVE_ON_DAY_TWO and days[1] != days[0]:
            day = days[1]
        else:
            continue
        opening = _opening(conference, day)
        minutes = rng.triangular(-75, 30, -20)  # an hour early at most, the crowd just before the start
        at = (opening + timedelta(minutes=minutes)).replace(microsecond=0)
        door.scan(delegate, ENTRANCE, at, rng.choice(DEVICES[:2]), CheckInResult.OK)
        present.append(delegate)
    for delegate in rng.sample(present, min(3, len(present))):  # a badge shown twice at the door
        first = next(s for s in door.scans if s["registration_id"] == delegate.id)
        door.scan(
            delegate,
            ENTRANCE,
            first["scanned_at"] + timedelta(minutes=rng.randint(1, 4)),
            DEVICES[1],
            CheckInResult.ALREADY_CHECKED_IN,
        )
    return present


def _attend_sessions(
    rng: random.Random, conference: Conference, present: list[Delegate], door: _Door
) -> None:
    """Room-door scans: part of those in the building, one place each per time slot; one room overfull."""
    arrived_at = {
        s["registration_id"]: s["scanned_at"] for s in door.scans if s["result"] is CheckInResult.OK
    }
    sessions = _sessions(conference)
    inside = {
        sid: [d for d in present if arrived_at[d.id] <= start + timedelta(minutes=5)]
        for sid, start, _ in sessions
    }
    # The smallest room that could overflow gets two more than it holds: the dashboard shows it full.
    could_overflow = [(capacity, sid) for sid, _start, capacity in sessions if capacity < len(inside[sid])]
    crowded = min(could_overflow)[1] if could_overflow else None
    taken: dict[datetime, set[int]] = {}
    for session_id, start, capacity in sessions:
        busy = taken.setdefault(start, set())
        free = [d for d in inside[session_id] if d.id not in busy]
        wanted = (
            capacity + 2 if session_id == crowded else min(capacity, round(len(free) * rng.uniform(0.3, 0.6)))
        )
        for n, delegate in enumerate(rng.sample(free, min(wanted, len(free)))):
            busy.add(delegate.id)
            at = (start + timedelta(minutes=rng.triangular(-12, 8, -3))).replace(microsecond=0)
            result = CheckInResult.ROOM_FULL if n >= capacity else CheckInResult.OK
            door.scan(delegate, session_point(session_id), at, DEVICES[2], result)


def _refusals(
    rng: random.Random,
    conference: Conference,
    delegates: list[Delegate],
    present: list[Delegate],
    door: _Door,
) -> None:
    """What a door also sees: a delegate who has not paid, a cancelled registration, a stray code."""
    opening = _opening(conference, conference.start_date)
    unpaid = [d for d in delegates if d.status == RegistrationStatus.PENDING_PAYMENT][:2]
    cancelled = [d for d in delegates if d.status == RegistrationStatus.CANCELLED][:1]
    refusals = [(d, CheckInResult.UNPAID) for d in unpaid] + [(d, CheckInResult.CANCELLED) for d in cancelled]
    refusals.append((None, CheckInResult.UNKNOWN_CODE))
    for delegate, result in refusals:
        at = (opening - timedelta(minutes=rng.uniform(5, 50))).replace(microsecond=0)
        door.scan(delegate, ENTRANCE, at, DEVICES[0], result)
