"""The scan decision, in pretix's order, and recording it: once per client id, one check-in per point."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from conference.badges.codes import badge_code, make_badge_code
from conference.checkin import services
from conference.checkin.models import CheckIn, CheckInResult, Colour, Scan
from conference.checkin.points import InvalidPoint
from conference.db_types import utcnow
from conference.extensions import db
from conference.registration import services as registration_services
from conference.registration.models import RegistrationStatus
from tests import factories
from tests.checkin.conftest import NOW, register

R = CheckInResult


def scan(conference, code: str, client_id: str = "c-1", point: str = "entrance", **kwargs):
    kwargs.setdefault("scanned_at", NOW)
    kwargs.setdefault("now", NOW)
    kwargs.setdefault("by_device", "Gate A phone")
    return services.record_scan(conference, client_id=client_id, code=code, point=point, **kwargs)


def checkins() -> int:
    return db.session.scalar(select(func.count(CheckIn.id)))


def test_a_valid_badge_is_green_with_the_delegates_card(conference, delegate, code):
    outcome = scan(conference, code)
    assert outcome.result is R.OK and outcome.colour is Colour.GREEN
    card = outcome.registration
    assert (card.name, card.category, card.colour, card.dietary_needs) == (
        "Mina Park",
        "Member-city delegate",
        "#0b6e99",
        "Vegetarian",
    )
    assert card.in_person and card.paid
    assert outcome.checked_in_at == NOW and outcome.checked_in_by == "Gate A phone"
    assert card.checked_in == {"entrance": (NOW, "Gate A phone")}
    assert checkins() == 1


def test_the_second_scan_is_amber_with_when_and_by_whom(conference, delegate, code):
    scan(conference, code, "first")
    later = NOW + timedelta(minutes=5)
    outcome = scan(conference, code, "second", scanned_at=later, now=later, by_device="Gate B phone")
    assert outcome.result is R.ALREADY_CHECKED_IN and outcome.colour is Colour.AMBER
    assert (outcome.checked_in_at, outcome.checked_in_by) == (NOW, "Gate A phone")
    assert checkins() == 1
    assert db.session.scalar(select(func.count(Scan.id))) == 2


def test_sending_the_same_scan_again_answers_the_same_and_records_nothing(conference, delegate, code):
    first = scan(conference, code, "same-id")
    again = scan(conference, code, "same-id", now=NOW + timedelta(minutes=1))
    assert first.result is R.OK and not first.duplicate
    assert again.result is R.OK and again.duplicate
    assert again.checked_in_at == first.checked_in_at
    assert db.session.scalar(select(func.count(Scan.id))) == 1
    assert checkins() == 1


def test_forged_truncated_and_garbage_codes_are_red(conference, delegate, code):
    forged = code[:-4] + ("AAAA" if not code.endswith("AAAA") else "BBBB")
    assert scan(conference, forged, "f").result is R.FORGED_CODE
    assert scan(conference, code[:-3], "t").result is R.UNKNOWN_CODE
    assert scan(conference, "https://example.org/", "g").result is R.UNKNOWN_CODE
    assert all(o.colour is Colour.RED for o in (scan(conference, "x", "x"),))
    assert checkins() == 0
    assert db.session.scalar(select(func.count(Scan.id))) == 4  # every scan is kept


def test_a_revoked_badge_is_red_and_the_new_one_green(conference, delegate):
    old = badge_code(delegate)
    delegate.badge_version += 1
    db.session.commit()
    assert scan(conference, old, "old").result is R.REVOKED_BADGE
    assert scan(conference, badge_code(delegate), "new").result is R.OK


def test_a_badge_of_another_conference(conference, ticket):
    other = factories.make_conference("aplc-forum")
    other_ticket = factories.make_ticket(other)
    theirs = register(other, other_ticket)
    assert scan(conference, badge_code(theirs)).result is R.OTHER_CONFERENCE
    # The same numbers signed with our own key: not theirs, not ours.
    forged = make_badge_code(conference.badge_key, other.id, theirs.id, 1)
    assert scan(conference, forged, "c-2").result is R.FORGED_CODE


def test_an_unknown_registration_with_a_good_signature(conference):
    code = make_badge_code(conference.badge_key, conference.id, 999, 1)
    assert scan(conference, code).result is R.UNKNOWN_CODE


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        (RegistrationStatus.CANCELLED, R.CANCELLED),
        (RegistrationStatus.REFUNDED, R.CANCELLED),
        (RegistrationStatus.PENDING_APPROVAL, R.NOT_CONFIRMED),
        (RegistrationStatus.WAITLISTED, R.NOT_CONFIRMED),
        (RegistrationStatus.PENDING_PAYMENT, R.UNPAID),
    ],
)
def test_registrations_not_confirmed_are_red(conference, delegate, code, status, expected):
    delegate.status = status
    db.session.commit()
    outcome = scan(conference, code)
    assert outcome.result is expected and outcome.colour is Colour.RED
    assert checkins() == 0


def test_a_confirmed_registration_with_money_owed_is_unpaid(conference, delegate, code):
    delegate.amount_due_minor = 50000
    db.session.commit()
    assert scan(conference, code).result is R.UNPAID


def test_an_online_ticket_has_no_in_person_access(conference, online_ticket):
    remote = register(conference, online_ticket, "remote@example.org")
    assert scan(conference, badge_code(remote)).result is R.NO_IN_PERSON_ACCESS


def test_cancelled_is_told_before_unpaid(conference, delegate, code):
    delegate.status = RegistrationStatus.CANCELLED
    delegate.amount_due_minor = 50000
    db.session.commit()
    assert scan(conference, code).result is R.CANCELLED


def test_a_session_point_records_attendance_apart_from_the_entrance(conference, delegate, code):
    session = factories.make_session(conference, room=factories.make_room(conference))
    assert scan(conference, code, "e").result is R.OK
    outcome = scan(conference, code, "s", point=f"session:{session.id}")
    assert outcome.result is R.OK
    assert set(outcome.registration.checked_in) == {"entrance", f"session:{session.id}"}
    assert checkins() == 2


def test_a_full_room_warns_amber_but_still_records(conference, ticket):
    room = factories.make_room(conference, "Workshop room", capacity=1)
    session = factories.make_session(conference, room=room)
    first = register(conference, ticket, "a@example.org")
    second = register(conference, ticket, "b@example.org")
    point = f"session:{session.id}"
    assert scan(conference, badge_code(first), "1", point=point).result is R.OK
    outcome = scan(conference, badge_code(second), "2", point=point)
    assert outcome.result is R.ROOM_FULL and outcome.colour is Colour.AMBER
    assert (outcome.count, outcome.capacity) == (1, 1)
    assert checkins() == 2


def test_the_sessions_own_capacity_wins_over_the_rooms(conference, ticket, delegate, code):
    session = factories.make_session(conference, room=factories.make_room(conference), capacity=0)
    assert scan(conference, code, point=f"session:{session.id}").result is R.ROOM_FULL


def test_points_must_be_this_conferences(conference, delegate, code):
    other = factories.make_conference("aplc-forum")
    elsewhere = factories.make_session(other)
    for point in ("exit", "session:", "session:abc", f"session:{elsewhere.id}", "session:99999999999"):
        with pytest.raises(InvalidPoint):
            scan(conference, code, point=point)
    assert db.session.scalar(select(func.count(Scan.id))) == 0


def test_a_device_clock_ahead_is_not_believed_for_the_arrival_time(conference, delegate, code):
    outcome = scan(conference, code, scanned_at=NOW + timedelta(hours=3))
    assert outcome.checked_in_at == NOW


def test_undo_removes_the_check_in_and_is_audited(conference, delegate, code, organiser):
    scan(conference, code, "to-undo")
    undone = services.undo_scan(conference, "to-undo", by_user_id=organiser.id, now=NOW)
    assert undone.undone_at == NOW
    assert checkins() == 0
    from conference.audit.models import AuditEntry

    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "checkin.undone"))
    assert entry.user_id == organiser.id
    assert entry.after["removed_checkin"]["point"] == "entrance"
    # Undoing again changes nothing; the badge can be scanned in again.
    services.undo_scan(conference, "to-undo", by_user_id=organiser.id, now=NOW)
    assert scan(conference, code, "again").result is R.OK


def test_undoing_a_repeat_scan_keeps_the_check_in(conference, delegate, code):
    scan(conference, code, "first")
    scan(conference, code, "repeat")
    services.undo_scan(conference, "repeat", by_user_id=None, now=NOW)
    assert checkins() == 1


def test_undo_of_an_unknown_scan(conference):
    with pytest.raises(services.ScanNotFound):
        services.undo_scan(conference, "nope", by_user_id=None, now=utcnow())


def test_a_registration_cancelled_after_check_in_is_red_at_the_next_door(conference, delegate, code):
    scan(conference, code, "in")
    registration_services.cancel(delegate, actor_id=None)
    assert scan(conference, code, "out").result is R.CANCELLED
