"""Badge codes: short, QR-alphanumeric-safe and signed with the conference's key, so scanners verify offline.

    P1-<conference id>-<registration id>-<badge version>-<MAC>

The three numbers are written in base 32 with the digits 0-9A-V (Python `int(s, 32)`, JavaScript
`parseInt(s, 32)`). The MAC is the first 10 bytes of HMAC-SHA256 with key `bytes.fromhex(badge_key)` over
the text "<conference id>.<registration id>.<version>" (decimal), in RFC 4648 base32 without padding
(16 characters). Bumping `Registration.badge_version` revokes every earlier code.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from conference.registration.models import Registration

PREFIX = "P1"
MAC_BYTES = 10
_DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUV"
_CODE = re.compile(r"P1-([0-9A-V]{1,8})-([0-9A-V]{1,8})-([0-9A-V]{1,8})-([A-Z2-7]{16})")


@dataclass(frozen=True)
class BadgeCode:
    conference_id: int
    registration_id: int
    version: int
    mac: str


def _base32_number(value: int) -> str:
    if value < 0:
        raise ValueError("badge code numbers are never negative")
    digits = ""
    while True:
        value, rest = divmod(value, 32)
        digits = _DIGITS[rest] + digits
        if value == 0:
            return digits


def badge_mac(key_hex: str, conference_id: int, registration_id: int, version: int) -> str:
    message = f"{conference_id}.{registration_id}.{version}".encode()
    digest = hmac.new(bytes.fromhex(key_hex), message, hashlib.sha256).digest()[:MAC_BYTES]
    return base64.b32encode(digest).decode("ascii")  # 10 bytes: 16 characters, no padding


def make_badge_code(key_hex: str, conference_id: int, registration_id: int, version: int) -> str:
    numbers = "-".join(_base32_number(n) for n in (conference_id, registration_id, version))
    return f"{PREFIX}-{numbers}-{badge_mac(key_hex, conference_id, registration_id, version)}"


def badge_code(registration: Registration) -> str:
    """The code printed on the registration's current badge."""
    return make_badge_code(
        registration.conference.badge_key,
        registration.conference_id,
        registration.id,
        registration.badge_version,
    )


def parse_badge_code(code: str) -> BadgeCode | None:
    """Split a code into its parts without checking the MAC; None when it is malformed or truncated."""
    match = _CODE.fullmatch(code.strip().upper())
    if match is None:
        return None
    numbers = tuple(int(part, 32) for part in match.groups()[:3])
    # One spelling per code: leading zeros would give a second, different string for the same badge.
    if any(_base32_number(n) != part for n, part in zip(numbers, match.groups()[:3], strict=True)):
        return None
    if min(numbers) < 1:
        return None
    return BadgeCode(*numbers, mac=match.group(4))


def verify_badge_code(code: str, key_hex: str) -> BadgeCode | None:
    """The parsed code when its MAC is right for this key; None when malformed or forged."""
    parsed = parse_badge_code(code)
    if parsed is None:
        return None
    expected = badge_mac(key_hex, parsed.conference_id, parsed.registration_id, parsed.version)
    if not hmac.compare_digest(expected, parsed.mac):
        return None
    return parsed
