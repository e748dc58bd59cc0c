"""Two devices scanning one badge at the same moment, over real connections: one check-in, both scans kept."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

from sqlalchemy import func, select

from conference.checkin import services
from conference.checkin.models import CheckIn, CheckInResult, Scan
from conference.events.models import Conference
from conference.extensions import db
from tests.checkin.conftest import NOW


def scan_together(
    app, conference_id: int, code: str, client_ids: list[str], point: str = "entrance"
) -> list[str]:
    ready = threading.Barrier(len(client_ids))

    def scan(client_id: str) -> str:
        with app.app_context():
            conference = db.session.get(Conference, conference_id)
            ready.wait()
            outcome = services.record_scan(
                conference,
                client_id=client_id,
                code=code,
                point=point,
                scanned_at=NOW,
                by_device=client_id,
                now=NOW,
            )
            db.session.remove()
            return outcome.result.value

    with ThreadPoolExecutor(max_workers=len(client_ids)) as pool:
        return list(pool.map(scan, client_ids))


def test_two_concurrent_scans_of_one_badge_record_one_check_in(app, conference, delegate, code):
    for attempt in range(5):  # several rounds: the race has to go both ways at least once
        db.session.execute(CheckIn.__table__.delete())
        db.session.commit()
        results = scan_together(app, conference.id, code, [f"gate-a-{attempt}", f"gate-b-{attempt}"])
        assert sorted(results) == [CheckInResult.ALREADY_CHECKED_IN.value, CheckInResult.OK.value]
        assert db.session.scalar(select(func.count(CheckIn.id))) == 1
    assert db.session.scalar(select(func.count(Scan.id))) == 10  # both scans of every round are kept
    repeats = db.session.scalars(select(Scan.reason).where(Scan.result == CheckInResult.ALREADY_CHECKED_IN))
    assert all(reason.startswith("in since") for reason in repeats)


def test_one_scan_sent_twice_at_once_is_recorded_once(app, conference, delegate, code):
    results = scan_together(app, conference.id, code, ["same-id"] * 4)
    assert results == [CheckInResult.OK.value] * 4
    assert db.session.scalar(select(func.count(Scan.id))) == 1
    assert db.session.scalar(select(func.count(CheckIn.id))) == 1


def test_ten_devices_scanning_one_badge(app, conference, delegate, code):
    results = scan_together(app, conference.id, code, [f"device-{n}" for n in range(10)])
    assert results.count(CheckInResult.OK.value) == 1
    assert results.count(CheckInResult.ALREADY_CHECKED_IN.value) == 9
    assert db.session.scalar(select(func.count(CheckIn.id))) == 1


def test_the_scan_that_loses_the_race_is_answered_amber_with_the_winner(
    app, conference, delegate, code, monkeypatch
):
    """Deterministically: another device's check-in lands between this scan's read and its insert."""
    from conference.checkin import roster

    stale = roster.registration_card(conference.id, delegate.id)  # read before the other device's insert
    services.record_scan(
        conference,
        client_id="winner",
        code=code,
        point="entrance",
        scanned_at=NOW,
        by_device="Gate A",
        now=NOW,
    )
    monkeypatch.setattr(roster, "registration_card", lambda *_args: stale)
    outcome = services.record_scan(
        conference,
        client_id="loser",
        code=code,
        point="entrance",
        scanned_at=NOW,
        by_device="Gate B",
        now=NOW,
    )
    assert outcome.result is CheckInResult.ALREADY_CHECKED_IN
    assert outcome.checked_in_by == "Gate A"
    stored = db.session.scalar(select(Scan).where(Scan.client_id == "loser"))
    assert stored.result is CheckInResult.ALREADY_CHECKED_IN
    assert db.session.scalar(select(func.count(CheckIn.id))) == 1
