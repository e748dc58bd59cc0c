"""Scanning a badge: the decision, in a fixed order, and recording it (once, whatever the network does);
and the other writes of check-in: undoing a scan, pairing and revoking scanning devices.

The order follows pretix's check-in lists: is the code a badge at all → of this conference → signed by
it → for a registration that exists → the current badge (not revoked) → a live registration (not
cancelled or refunded, confirmed) → paid → with in-person access → not in yet → the room not full.

Every scan is stored as a `Scan` under the client's id for it, so a device that sends a scan twice (a
retry, an offline queue flushed again) gets the first answer back and nothing is counted twice. Two
devices scanning one badge at once are settled by the unique check-in per registration and point: the
first insert wins, the other scan is answered "already checked in", and both scans are kept.
"""

from __future__ import annotations

import hmac
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache

from sqlalchemy import Insert, Table, delete, select, update
from sqlalchemy.dialects import postgresql, sqlite

from conference.audit.services import snapshot
from conference.badges.codes import badge_mac, parse_badge_code, verify_badge_code
from conference.checkin import roster
from conference.checkin.models import CheckIn, CheckInResult, Colour, Scan, ScanConference, ScanningToken
from conference.checkin.points import ScanPoint, count_at, resolve_point
from conference.checkin.roster import RegistrationCard
from conference.checkin.tokens import InvalidToken, TokenProblem, check, pairing_link_ids
from conference.core.changes import audited, note, save
from conference.events.models import Conference
from conference.extensions import db
from conference.registration.models import RegistrationStatus

Result = CheckInResult
CODE_LENGTH = 64  # longer scans (a URL, a pasted paragraph) are stored cut to this length


class ScanNotFound(LookupError):
    """No scan with this client id in this conference."""


@dataclass
class ScanOutcome:
    client_id: str
    point: str
    result: CheckInResult
    registration: RegistrationCard | None = None
    checked_in_at: datetime | None = None
    checked_in_by: str | None = None
    duplicate: bool = False
    # For a room_full warning: how many were in before this scan and the room's capacity.
    count: int | None = None
    capacity: int | None = None

    @property
    def colour(self) -> Colour:
        return self.result.colour


@dataclass
class Verdict:
    result: CheckInResult
    reason: str = ""
    registration: RegistrationCard | None = None
    count: int | None = None
    capacity: int | None = None


def judge(conference: ScanConference, code: str, point: ScanPoint) -> Verdict:
    """The decision for one scan, reading what it needs (one query for a badge of this conference)."""
    parsed = parse_badge_code(code)
    if parsed is None:
        return Verdict(Result.UNKNOWN_CODE, "not a badge code")
    if parsed.conference_id != conference.id:
        other_key = db.session.scalar(
            select(Conference.badge_key).where(Conference.id == parsed.conference_id)
        )
        if other_key and verify_badge_code(code, other_key):
            return Verdict(Result.OTHER_CONFERENCE, f"badge of conference {parsed.conference_id}")
        return Verdict(Result.FORGED_CODE, "signature matches no conference")
    expected = badge_mac(conference.badge_key, parsed.conference_id, parsed.registration_id, parsed.version)
    if not hmac.compare_digest(expected, parsed.mac):
        return Verdict(Result.FORGED_CODE, "signature does not match")
    card = roster.registration_card(conference.id, parsed.registration_id)
    if card is None:
        return Verdict(Result.UNKNOWN_CODE, f"no registration {parsed.registration_id}")
    if parsed.version != card.badge_version:
        reason = f"badge version {parsed.version}, current {card.badge_version}"
        return Verdict(Result.REVOKED_BADGE, reason, card)
    status = card.status
    if status in (RegistrationStatus.CANCELLED, RegistrationStatus.REFUNDED):
        return Verdict(Result.CANCELLED, f"status {status.value}", card)
    if status not in (RegistrationStatus.CONFIRMED, RegistrationStatus.PENDING_PAYMENT):
        return Verdict(Result.NOT_CONFIRMED, f"status {status.value}", card)
    if not card.paid or status == RegistrationStatus.PENDING_PAYMENT:
        return Verdict(Result.UNPAID, f"status {status.value}", card)
    if not card.in_person:
        return Verdict(Result.NO_IN_PERSON_ACCESS, "online ticket", card)
    if point.id in card.checked_in:
        at, by = card.checked_in[point.id]
        return Verdict(Result.ALREADY_CHECKED_IN, f"in since {roster.iso(at)} ({by})"[:200], card)
    if point.capacity is not None:
        count = count_at(conference.id, point.id)
        if count >= point.capacity:
            reason = f"{count + 1} in for {point.capacity} places"
            return Verdict(Result.ROOM_FULL, reason, card, count, point.capacity)
    return Verdict(Result.OK, "", card)


@cache
def _insert_unless_taken_statement(
    dialect_name: str, table: Table, unique_columns: tuple[str, ...]
) -> Insert:
    dialect = postgresql if dialect_name == "postgresql" else sqlite
    insert = dialect.insert(table).on_conflict_do_nothing(index_elements=list(unique_columns))
    return insert.returning(table.c.id)  # rowcount is not reliable here on PostgreSQL


def _insert_unless_taken(model, values: dict, unique_columns: tuple[str, ...]) -> bool:
    """INSERT … ON CONFLICT DO NOTHING: False when the unique key was taken and nothing was inserted.

    The statement is built once per table (the scan path runs it twice a scan) and given the values.
    """
    connection = db.session.connection()  # plain Core execution: the statement maps no ORM objects
    statement = _insert_unless_taken_statement(connection.dialect.name, model.__table__, unique_columns)
    return connection.execute(statement, values).scalar() is not None


def record_scan(
    conference: ScanConference,
    *,
    client_id: str,
    code: str,
    point: str,
    scanned_at: datetime,
    by_user_id: int | None = None,
    by_device: str | None = None,
    by_name: str | None = None,
    scanning_token_id: int | None = None,
    now: datetime,
) -> ScanOutcome:
    """Decide and record one scan; raises InvalidPoint for a point that is not this conference's.

    `by_device` is a paired device's label, `by_name` a signed-in staff member's name: the door shows
    whichever is given as who checked the delegate in.
    """
    scan_point = resolve_point(conference, point)
    verdict = judge(conference, code, scan_point)
    card = verdict.registration
    scan = dict(
        conference_id=conference.id,
        client_id=client_id,
        code=code[:CODE_LENGTH],
        registration_id=card.id if card else None,
        point=scan_point.id,
        result=verdict.result,
        reason=verdict.reason,
        scanned_at=scanned_at,
        received_at=now,
        by_user_id=by_user_id,
        by_device=by_device or "",
        scanning_token_id=scanning_token_id,
    )
    if not _insert_unless_taken(Scan, scan, ("conference_id", "client_id")):
        db.session.rollback()  # this device sent this scan before: answer as the first time
        return replay(conference, client_id)
    outcome = ScanOutcome(
        client_id, scan_point.id, verdict.result, card, count=verdict.count, capacity=verdict.capacity
    )
    if verdict.result.records_entry and card is not None:
        # An arrival is when the device saw the badge, but never later than the server heard of it.
        _check_in(
            conference, outcome, card, min(scanned_at, now), by_device or by_name or "", by_user_id, now
        )
    elif card is not None and outcome.result is Result.ALREADY_CHECKED_IN:
        outcome.checked_in_at, outcome.checked_in_by = card.checked_in[scan_point.id]
    db.session.commit()
    return outcome


def _check_in(
    conference: ScanConference,
    outcome: ScanOutcome,
    card: RegistrationCard,
    at: datetime,
    by: str,
    by_user_id: int | None,
    now: datetime,
) -> None:
    values = dict(
        conference_id=conference.id,
        registration_id=card.id,
        point=outcome.point,
        checked_in_at=at,
        checked_in_by=by,
        by_user_id=by_user_id,
        created_at=now,
    )
    if _insert_unless_taken(CheckIn, values, ("registration_id", "point")):
        card.checked_in[outcome.point] = (at, by)
        outcome.checked_in_at, outcome.checked_in_by = at, by
        return
    # Another device checked them in a moment ago: the first wins, this scan is kept as a repeat.
    winner = db.session.execute(
        select(CheckIn.checked_in_at, CheckIn.checked_in_by).where(
            CheckIn.registration_id == card.id, CheckIn.point == outcome.point
        )
    ).one()
    reason = f"in since {roster.iso(winner[0])} ({winner[1]})"[:200]
    db.session.execute(
        update(Scan)
        .where(Scan.conference_id == conference.id, Scan.client_id == outcome.client_id)
        .values(result=Result.ALREADY_CHECKED_IN, reason=reason)
    )
    card.checked_in[outcome.point] = (winner[0], winner[1])
    outcome.result = Result.ALREADY_CHECKED_IN
    outcome.checked_in_at, outcome.checked_in_by = winner[0], winner[1]


def _scan(conference: ScanConference, client_id: str) -> Scan | None:
    return db.session.scalar(
        select(Scan).where(Scan.conference_id == conference.id, Scan.client_id == client_id)
    )


def replay(conference: ScanConference, client_id: str) -> ScanOutcome:
    """The answer a scan got, sent again with `duplicate` set (its check-in as it stands now)."""
    scan = _scan(conference, client_id)
    if scan is None:
        raise ScanNotFound(client_id)
    card = roster.registration_card(conference.id, scan.registration_id) if scan.registration_id else None
    outcome = ScanOutcome(client_id, scan.point, scan.result, card, duplicate=True)
    if card is not None and scan.point in card.checked_in:
        outcome.checked_in_at, outcome.checked_in_by = card.checked_in[scan.point]
    return outcome


def undo_scan(
    conference: ScanConference,
    client_id: str,
    *,
    by_user_id: int | None,
    by_device: str | None = None,
    now: datetime,
) -> Scan:
    """Take back a scan: the check-in it recorded is removed (audited); undoing twice changes nothing.

    Raises ScanNotFound. A scan that recorded nothing (amber, red) is only marked undone. The audit
    entry names the staff member (`by_user_id`) or the paired device (`by_device`) that undid it.
    """
    scan = _scan(conference, client_id)
    if scan is None:
        raise ScanNotFound(client_id)
    if scan.undone_at is not None:
        return scan
    removed = None
    if scan.result.records_entry and scan.registration_id is not None:
        removed = db.session.scalar(
            select(CheckIn).where(
                CheckIn.registration_id == scan.registration_id, CheckIn.point == scan.point
            )
        )
    after = {
        "client_id": scan.client_id,
        "registration_id": scan.registration_id,
        "point": scan.point,
        "result": scan.result.value,
        "removed_checkin": snapshot(removed) if removed is not None else None,
        "undone_by_device": by_device,
    }
    if removed is not None:
        db.session.execute(delete(CheckIn).where(CheckIn.id == removed.id))
    scan.undone_at = now
    note("checkin.undone", scan, user_id=by_user_id, conference_id=conference.id, after=after, commit=True)
    return scan


# Paired scanning devices


def create_token(
    conference: Conference, *, label: str, lifetime: timedelta, by_user_id: int | None, now: datetime
) -> ScanningToken:
    """A new scanning token for a device (audited)."""
    values = {"label": label, "created_by": by_user_id, "created_at": now, "expires_at": now + lifetime}
    return save(
        ScanningToken(conference_id=conference.id),
        values,
        action="scanning_token.created",
        user_id=by_user_id,
        conference_id=conference.id,
    )


def pair_device(conference: Conference, signed: str, now: datetime) -> ScanningToken:
    """The token a pairing link is for, first marking it paired; raises InvalidToken."""
    token_id, conference_id = pairing_link_ids(signed)
    if conference_id != conference.id:
        raise InvalidToken(TokenProblem.BROKEN)
    token = check(db.session.get(ScanningToken, token_id), now)
    if token.paired_at is None:
        token.paired_at = now
        after = {"paired_at": now.isoformat()}
        note(
            "scanning_token.paired",
            token,
            user_id=None,
            conference_id=conference.id,
            after=after,
            commit=True,
        )
    return token


def revoke_token(token: ScanningToken, *, by_user_id: int | None, now: datetime) -> None:
    """Stop a device scanning at once (audited); revoking twice changes nothing."""
    if token.revoked_at is not None:
        return
    with audited(token, "scanning_token.revoked", user_id=by_user_id, conference_id=token.conference_id):
        token.revoked_at = now
