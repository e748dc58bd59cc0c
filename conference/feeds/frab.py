"""frab-compatible schedule exports (`schedule.xml` and `schedule.json`) of the published programme.

The format is the one frab, pretalx and the c3voc tooling share (schemas from voc/schedule: the XSD
for XML and `schema.json`, schedule "v1", for JSON — the alpha `schema2.json` is not what frab or
pretalx emit, so apps such as Giggity and EventFahrplan expect v1). Builders are plain functions over
published data so they can be tested without requests; the view supplies the session page URL.

Cancelled sessions are left out: neither schema has a status field (JSON events forbid extra keys),
so a listed cancelled session would look scheduled to every app. frab itself exports only confirmed
and scheduled events; apps notice the removal when they refresh.
Streaming links and materials are never exported: links stay an empty list.
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from flask_babel import gettext as _
from lxml import etree
from sqlalchemy import select

from conference.agenda.models import AgendaVersion, Room
from conference.agenda.published import PublishedSession
from conference.events.models import Conference
from conference.extensions import db

# Fixed forever: changing it would change every GUID, and apps would see a brand-new programme.
GUID_NAMESPACE = uuid.UUID("3e71d9cb-f522-40ab-897d-50904194e3cb")
GENERATOR = "Plenary"
JSON_SCHEMA_URL = "https://c3voc.de/schedule/schema.json"
# Plenary has no planning grid; 5 minutes is the finest step apps need to place our sessions.
TIMESLOT = "00:05"

_HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
# Copied verbatim from the JSON schema, so only names it accepts are sent (the field is optional).
_TZ_NAME = re.compile(r"^([A-Z][a-z]+/[A-Z][a-z]+)|UTC$")

SessionUrl = Callable[[int], str]


def session_guid(conference: Conference, session_id: int) -> str:
    return str(uuid.uuid5(GUID_NAMESPACE, f"{conference.slug}/session/{session_id}"))


def room_guid(conference: Conference, room_id: int | None) -> str:
    return str(uuid.uuid5(GUID_NAMESPACE, f"{conference.slug}/room/{room_id or 'none'}"))


def acronym(conference: Conference) -> str:
    """The slug in the JSON schema's acronym alphabet (it rejects most hyphens), at least 4 characters."""
    value = conference.slug.lower()
    value = value[:1] + re.sub(r"[^a-z0-9_]", "_", value[1:])
    return value.ljust(4, "_")


def room_order(conference_id: int) -> list[int]:
    """Room ids in the organisers' order, so feeds list rooms the way the agenda does."""
    query = (
        select(Room.id).where(Room.conference_id == conference_id).order_by(Room.position, Room.name, Room.id)
    )
    return list(db.session.scalars(query))


@dataclass(frozen=True)
class _Day:
    index: int
    date: date
    start: datetime
    end: datetime
    rooms: dict[str, list[PublishedSession]]


def _hhmm(delta: timedelta) -> str:
    minutes = int(delta.total_seconds()) // 60
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _room_label(item: PublishedSession) -> str:
    return item.room_name or _("Room to be announced")


def _public(sessions: Iterable[PublishedSession]) -> list[PublishedSession]:
    return sorted((s for s in sessions if not s.cancelled), key=lambda s: (s.starts_at, s.id))


def _rooms(sessions: Sequence[PublishedSession], order: Sequence[int]) -> list[tuple[int | None, str]]:
    """(room id, label) of every room name used, in room order; unordered rooms and 'no room' last.

    Both formats key rooms by name, so two rooms sharing a name become one column (first id wins).
    """
    rank = {room_id: position for position, room_id in enumerate(order)}
    seen: dict[int | None, str] = {}
    for item in sessions:
        seen.setdefault(item.room_id, _room_label(item))
    ordered = sorted(seen.items(), key=lambda pair: (rank.get(pair[0], len(rank)), pair[0] is None, pair[1]))
    labels: set[str] = set()
    return [(room_id, label) for room_id, label in ordered if not (label in labels or labels.add(label))]


def _days(conference: Conference, sessions: Sequence[PublishedSession], order: Sequence[int]) -> list[_Day]:
    """Every conference day (and any day a session falls on), by the conference's local date."""
    tz = conference.tz
    by_date: dict[date, list[PublishedSession]] = {}
    day = conference.start_date
    while day <= conference.end_date:
        by_date[day] = []
        day += timedelta(days=1)
    for item in sessions:
        by_date.setdefault(item.starts_at.astimezone(tz).date(), []).append(item)
    rooms = _rooms(sessions, order)
    days = []
    for index, (day, items) in enumerate(sorted(by_date.items()), start=1):
        midnight = datetime.combine(day, time(), tz)
        start = min((s.starts_at for s in items), default=midnight).astimezone(tz)
        end = max((s.ends_at for s in items), default=midnight + timedelta(days=1)).astimezone(tz)
        # Keyed by name as both formats are; two rooms sharing a name become one column.
        grouped = {label: [s for s in items if _room_label(s) == label] for _room_id, label in rooms}
        days.append(_Day(index, day, start, end, {label: found for label, found in grouped.items() if found}))
    return days


def _event(conference: Conference, item: PublishedSession, session_url: SessionUrl) -> dict:
    """One session as a v1 JSON event; the XML builder reuses the same values."""
    tz = conference.tz
    return {
        "guid": session_guid(conference, item.id),
        "id": item.id,
        "date": item.starts_at.astimezone(tz).isoformat(),
        "start": item.starts_at.astimezone(tz).strftime("%H:%M"),
        "duration": _hhmm(item.ends_at - item.starts_at),
        "room": _room_label(item),
        "slug": f"{acronym(conference)}-{item.id}",
        "url": session_url(item.id),
        "title": item.title,
        "subtitle": "",
        "track": item.track_name or None,
        "type": item.type,
        "language": item.languages[0] if item.languages else None,
        "abstract": item.abstract or "",
        "description": "",
        "persons": [{"id": p.person_id, "public_name": p.display_name} for p in item.people],
        "links": [],
        "attachments": [],
    }


def _tracks(sessions: Sequence[PublishedSession]) -> list[tuple[str, str]]:
    seen: dict[str, str] = {}
    for item in sessions:
        if item.track_name:
            seen.setdefault(item.track_name, item.track_colour)
    return list(seen.items())


def build_json(
    conference: Conference,
    sessions: Iterable[PublishedSession],
    version: AgendaVersion,
    session_url: SessionUrl,
    rooms: Sequence[int] = (),
) -> str:
    items = _public(sessions)
    days = _days(conference, items, rooms)
    conf: dict = {
        "acronym": acronym(conference),
        "title": conference.title,
        "start": conference.start_date.isoformat(),
        "end": conference.end_date.isoformat(),
        "daysCount": len(days),
        "timeslot_duration": TIMESLOT,
        "tracks": [
            {"name": name, **({"color": colour} if _HEX_COLOUR.match(colour or "") else {})}
            for name, colour in _tracks(items)
        ],
        "rooms": [
            {"name": label, "guid": room_guid(conference, room_id)} for room_id, label in _rooms(items, rooms)
        ],
        "days": [
            {
                "index": day.index,
                "date": day.date.isoformat(),
                "day_start": day.start.isoformat(),
                "day_end": day.end.isoformat(),
                "rooms": {
                    label: [_event(conference, s, session_url) for s in found]
                    for label, found in day.rooms.items()
                },
            }
            for day in days
        ],
    }
    if _TZ_NAME.match(conference.timezone):
        conf["time_zone_name"] = conference.timezone
    document = {
        "$schema": JSON_SCHEMA_URL,
        "generator": {"name": GENERATOR},
        "schedule": {"version": str(version.number), "conference": conf},
    }
    return json.dumps(document, ensure_ascii=False, indent=1)


def _text(parent: etree._Element, tag: str, value: str, **attributes: str) -> etree._Element:
    element = etree.SubElement(parent, tag, **attributes)
    element.text = value
    return element


def build_xml(
    conference: Conference,
    sessions: Iterable[PublishedSession],
    version: AgendaVersion,
    session_url: SessionUrl,
    rooms: Sequence[int] = (),
) -> bytes:
    items = _public(sessions)
    days = _days(conference, items, rooms)
    room_guids = {label: room_guid(conference, room_id) for room_id, label in _rooms(items, rooms)}
    root = etree.Element("schedule")
    etree.SubElement(root, "generator", name=GENERATOR)
    _text(root, "version", str(version.number))
    conf = etree.SubElement(root, "conference")
    _text(conf, "title", conference.title)
    _text(conf, "acronym", acronym(conference))
    _text(conf, "start", conference.start_date.isoformat())
    _text(conf, "end", conference.end_date.isoformat())
    _text(conf, "days", str(len(days)))
    _text(conf, "timeslot_duration", TIMESLOT)
    _text(conf, "time_zone_name", conference.timezone)
    for name, colour in _tracks(items):
        _text(
            conf, "track", name, name=name, **({"color": colour} if _HEX_COLOUR.match(colour or "") else {})
        )
    for day in days:
        day_el = etree.SubElement(
            root,
            "day",
            index=str(day.index),
            date=day.date.isoformat(),
            start=day.start.isoformat(),
            end=day.end.isoformat(),
        )
        for label, found in day.rooms.items():
            room_el = etree.SubElement(day_el, "room", name=label, guid=room_guids[label])
            for item in found:
                _xml_event(room_el, _event(conference, item, session_url))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _xml_event(room_el: etree._Element, event: dict) -> None:
    element = etree.SubElement(room_el, "event", id=str(event["id"]), guid=event["guid"])
    for tag in ("date", "start", "duration", "room", "title", "type", "abstract"):
        _text(element, tag, event[tag])
    _text(element, "track", event["track"] or "")
    if event["language"]:
        _text(element, "language", event["language"])
    persons = etree.SubElement(element, "persons")
    for person in event["persons"]:
        _text(persons, "person", person["public_name"], id=str(person["id"]))
    etree.SubElement(element, "links")
    _text(element, "url", event["url"])
