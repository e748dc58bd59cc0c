"""Demo check-ins: a demo conference that is over has arrivals at plausible times; an upcoming one none."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

from sqlalchemy import func, select

from conference.checkin import services
from conference.checkin.dashboard import checkin_board
from conference.checkin.models import ENTRANCE, CheckIn, CheckInResult, Scan, ScanningToken
from conference.db_types import utcnow
from conference.demo.checkins import seed_checkins
from conference.demo.seed import seed_demo
from conference.events.queries import conference_by_slug
from conference.extensions import db
from conference.registration.models import Attendance, Registration, RegistrationStatus, TicketType

TODAY = date(2026, 11, 25)


def count(model) -> int:
    return db.session.scalar(select(func.count(model.id)))


def checked_in(conference) -> int:
    return db.session.scalar(select(func.count(CheckIn.id)).where(CheckIn.conference_id == conference.id))


def test_seed_demo_checks_in_the_past_assembly_and_nobody_at_a_conference_yet_to_come(app):
    report = seed_demo(TODAY)
    assert checked_in(conference_by_slug("aplc-forum")) == 0
    assert checked_in(conference_by_slug("aplc-founding-assembly")) > 50
    assert any("delegates at aplc-founding-assembly" in line for line in report.created)


def test_a_past_conference_has_arrivals_on_the_first_morning(app):
    seed_demo(TODAY)
    forum = conference_by_slug("aplc-forum")
    after = forum.end_date + timedelta(days=1)
    [line] = seed_checkins(forum, after)
    assert line.startswith("Checked in ")

    expected = db.session.scalar(
        select(func.count(Registration.id))
        .join(TicketType)
        .where(
            Registration.conference_id == forum.id,
            Registration.status == RegistrationStatus.CONFIRMED,
            TicketType.attendance == Attendance.IN_PERSON,
        )
    )
    at_the_door = select(CheckIn).where(CheckIn.point == ENTRANCE, CheckIn.conference_id == forum.id)
    entrance = list(db.session.scalars(at_the_door))
    assert 0.8 * expected <= len(entrance) <= 0.98 * expected  # most, not all
    days = Counter(c.checked_in_at.astimezone(forum.tz).date() for c in entrance)
    assert days[forum.start_date] > 0.85 * len(entrance)
    hours = [c.checked_in_at.astimezone(forum.tz).hour for c in entrance]
    assert min(hours) >= 7 and max(hours) <= 11

    # Room doors: entries only for people who came in first; one room a little over its capacity.
    board = checkin_board(forum, forum.start_date)
    assert sum(s.count for s in board.sessions) > 50
    assert any(s.capacity is not None and s.count > s.capacity for s in board.sessions)
    assert board.arrived == len(entrance) and board.expected == expected and board.arrivals
    results = Counter(db.session.scalars(select(Scan.result).where(Scan.conference_id == forum.id)))
    assert results[CheckInResult.ALREADY_CHECKED_IN] == 3
    assert results[CheckInResult.UNPAID] == 2 and results[CheckInResult.UNKNOWN_CODE] == 1
    assert count(ScanningToken) == 6  # three scanners at each conference

    # The rows are what the scanners would have written: scanning a checked-in badge again is amber.
    someone = entrance[0]
    registration = db.session.get(Registration, someone.registration_id)
    from conference.badges.codes import badge_code

    again = services.record_scan(
        forum,
        client_id="after-demo",
        code=badge_code(registration),
        point=ENTRANCE,
        scanned_at=utcnow(),
        now=utcnow(),
    )
    assert again.result is CheckInResult.ALREADY_CHECKED_IN


def test_seeding_check_ins_twice_adds_nothing(app):
    seed_demo(TODAY)
    forum = conference_by_slug("aplc-forum")
    after = forum.end_date + timedelta(days=1)
    seed_checkins(forum, after)
    scans = count(Scan)
    assert seed_checkins(forum, after) == []
    assert count(Scan) == scans
    seed_demo(TODAY)
    assert count(Scan) == scans
