"""Badge codes: signed, short, QR-alphanumeric; forged, truncated and re-issued codes do not verify."""

from __future__ import annotations

import base64
import hashlib
import hmac
import re

from sqlalchemy import select

from conference.audit.models import AuditEntry
from conference.badges.codes import (
    BadgeCode,
    badge_code,
    make_badge_code,
    parse_badge_code,
    verify_badge_code,
)
from conference.badges.services import reissue_badge
from conference.events.models import Conference
from conference.extensions import db
from conference.registration import services as registration_services
from tests import factories

KEY = "11" * 32
QR_ALPHANUMERIC = re.compile(r"[0-9A-Z $%*+\-./:]+")


def confirmed(conference, email="mina@example.org", **details):
    ticket = factories.make_ticket(conference, name="Delegate")
    return registration_services.register(conference, ticket, factories.delegate(email, **details))


def test_the_code_is_short_alphanumeric_and_carries_the_ids(conference):
    registration = confirmed(conference)
    code = badge_code(registration)
    assert len(code) <= 32 and QR_ALPHANUMERIC.fullmatch(code)
    parsed = verify_badge_code(code, conference.badge_key)
    assert parsed == BadgeCode(conference.id, registration.id, 1, code.rsplit("-", 1)[1])


def test_the_mac_is_the_documented_hmac_so_a_browser_can_check_it():
    code = make_badge_code(KEY, 7, 1234567, 3)
    digest = hmac.new(bytes.fromhex(KEY), b"7.1234567.3", hashlib.sha256).digest()[:10]
    assert code == f"P1-7-{int_base32(1234567)}-3-{base64.b32encode(digest).decode()}"
    assert len(code) <= 32


def int_base32(n: int) -> str:
    digits = "0123456789ABCDEFGHIJKLMNOPQRSTUV"
    out = ""
    while n:
        n, rest = divmod(n, 32)
        out = digits[rest] + out
    return out


def test_large_ids_stay_within_32_characters():
    # A thousand conferences, 33 million registrations, 31 re-issues: still 30 characters.
    assert len(make_badge_code(KEY, 32**2 - 1, 32**5 - 1, 31)) == 30


def test_every_conference_gets_its_own_random_key(app):
    one, two = factories.make_conference("one"), factories.make_conference("two")
    assert re.fullmatch(r"[0-9a-f]{64}", one.badge_key)
    assert one.badge_key != two.badge_key


def test_a_forged_mac_fails():
    code = make_badge_code(KEY, 1, 2, 1)
    other_mac = make_badge_code("22" * 32, 1, 2, 1).rsplit("-", 1)[1]
    forged = code.rsplit("-", 1)[0] + "-" + other_mac
    assert parse_badge_code(forged) is not None
    assert verify_badge_code(forged, KEY) is None


def test_changing_the_registration_id_breaks_the_mac():
    code = make_badge_code(KEY, 1, 2, 1)
    assert verify_badge_code(code.replace("P1-1-2-", "P1-1-3-"), KEY) is None


def test_truncated_and_malformed_codes_are_rejected():
    code = make_badge_code(KEY, 1, 2, 1)
    for bad in (code[:-1], code[:10], "", "P1", "hello", code + "A", "P2" + code[2:], code.replace("-", "")):
        assert parse_badge_code(bad) is None, bad
        assert verify_badge_code(bad, KEY) is None, bad
    assert parse_badge_code(code.replace("P1-1-", "P1-01-")) is None  # one spelling per code


def test_scanner_noise_around_a_code_is_tolerated():
    code = make_badge_code(KEY, 1, 2, 1)
    assert verify_badge_code(f"  {code}\r\n", KEY) is not None
    assert verify_badge_code(code.lower(), KEY) is not None


def test_reissuing_revokes_the_old_code_and_is_audited(conference, organiser):
    registration = confirmed(conference)
    old = badge_code(registration)
    new = reissue_badge(registration, by_user_id=organiser.id)
    assert new != old
    db.session.expire_all()
    assert registration.badge_version == 2
    assert parse_badge_code(old).version == 1 and verify_badge_code(new, conference.badge_key).version == 2
    # The old code still verifies as signed, but its version is behind the registration's: revoked.
    assert verify_badge_code(old, conference.badge_key).version < registration.badge_version
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "registration.badge_reissued"))
    assert entry.user_id == organiser.id and entry.after == {"badge_version": 2}


def test_another_conferences_key_does_not_verify(conference):
    registration = confirmed(conference)
    other = factories.make_conference("other")
    assert verify_badge_code(badge_code(registration), other.badge_key) is None
    assert isinstance(db.session.get(Conference, other.id).badge_key, str)
