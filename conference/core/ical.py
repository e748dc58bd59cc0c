"""iCalendar (RFC 5545) primitives shared by every calendar Plenary writes: the programme feeds, a session's
.ics, the conference event attached to the registration mail.

Plain values in, text out: what a calendar file is about (sessions, conferences) is for its capability.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from icalendar import Calendar, vText

METHOD = "PUBLISH"
CONTENT_TYPE = f"text/calendar; charset=utf-8; method={METHOD}"
FOLD_AT = 75  # octets a line may not reach, RFC 5545 §3.1 (excluding CRLF)


def uid(kind: str, object_id: int, slug: str, base_url: str) -> str:
    """A UID that stays across versions and files ("session-3-aplc@host"): calendars update, not add."""
    host = urlsplit(base_url).hostname or "plenary.local"
    return f"{kind}-{object_id}-{slug}@{host}"


def new_calendar(prodid: str, *, gregorian: bool = False) -> Calendar:
    """A VCALENDAR that publishes (its METHOD matches CONTENT_TYPE)."""
    calendar = Calendar()
    calendar.add("prodid", prodid)
    calendar.add("version", "2.0")
    if gregorian:
        calendar.add("calscale", "GREGORIAN")
    calendar.add("method", METHOD)
    return calendar


def location(*parts: str | None) -> str:
    """A LOCATION from its parts (room, building, venue, city…), the empty ones left out."""
    return ", ".join(part for part in parts if part)


def text(value: str) -> str:
    """A TEXT value escaped (backslash, comma, semicolon, newline)."""
    return vText(value).to_ical().decode("utf-8")


def utc_stamp(value: datetime) -> str:
    """A UTC DATE-TIME value: 20261210T010000Z."""
    return f"{value.astimezone(UTC):%Y%m%dT%H%M%SZ}"


def date_time(name: str, value: datetime, zone: ZoneInfo | None) -> str:
    """A DATE-TIME property line: UTC without `zone`, else local with TZID (a VTIMEZONE must go with it)."""
    if zone is None:
        return f"{name}:{utc_stamp(value)}"
    return f"{name};TZID={zone.key}:{value.astimezone(zone):%Y%m%dT%H%M%S}"


def fold(line: str) -> bytes:
    """One content line as UTF-8, folded under 75 octets without splitting a character or an escape."""
    raw = line.encode("utf-8")
    if len(raw) < FOLD_AT:
        return raw
    pieces, start, room = [], 0, FOLD_AT - 1
    while len(raw) - start > room:
        end = start + room
        while raw[end] & 0xC0 == 0x80:  # a UTF-8 continuation byte: step back to the character's start
            end -= 1
        if raw[end - 1] == 0x5C:  # keep a backslash escape on one line (some clients mis-read it split)
            end -= 1
        pieces.append(raw[start:end])
        start, room = end, FOLD_AT - 2  # continuation lines begin with a space
    pieces.append(raw[start:])
    return b"\r\n ".join(pieces)


def content_lines(lines: Iterable[str]) -> bytes:
    """Lines written as a calendar file wants them: folded, each ended by CRLF."""
    return b"".join(fold(line) + b"\r\n" for line in lines)
