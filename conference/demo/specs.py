"""The shapes of demo content: plain descriptions that `seed.py` turns into model rows."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from conference.agenda.models import PersonRole, SessionType

LIST_ITEM = re.compile(r"^(?:[-*] |\d+\. )")


@dataclass(frozen=True)
class PersonSpec:
    full_name: str
    honorific: str = ""
    local_name: str = ""
    position: str = ""
    organisation: str = ""
    city: str = ""
    country: str = ""
    bio: str = ""


@dataclass(frozen=True)
class PageSpec:
    slug: str
    title: str
    body: str
    in_menu: bool = True


@dataclass(frozen=True)
class RoomSpec:
    name: str
    capacity: int | None
    location: str = ""
    online: bool = False


@dataclass(frozen=True)
class TrackSpec:
    name: str
    colour: str


@dataclass(frozen=True)
class SessionSpec:
    """A session on day `day` (0 = the first day), from `start` to `end` in the conference's local time."""

    title: str
    type: SessionType
    day: int
    start: str  # "HH:MM", local
    end: str
    room: str | None = None  # RoomSpec.name
    track: str | None = None  # TrackSpec.name
    abstract: str = ""
    languages: str = "en"
    people: tuple[tuple[str, PersonRole], ...] = ()  # (PersonSpec.full_name, role), in display order


@dataclass(frozen=True)
class ConferenceSpec:
    """A whole conference: its own columns (`values`, including `slug`) and everything in it."""

    values: dict
    people: tuple[PersonSpec, ...] = ()
    pages: tuple[PageSpec, ...] = ()
    rooms: tuple[RoomSpec, ...] = ()
    tracks: tuple[TrackSpec, ...] = ()
    sessions: tuple[SessionSpec, ...] = ()

    @property
    def slug(self) -> str:
        return self.values["slug"]


def local_instant(first_day: date, day: int, clock: str, timezone: str) -> datetime:
    """The aware UTC instant of a local wall-clock time ("09:30") on a day of a conference."""
    hours, minutes = (int(part) for part in clock.split(":"))
    local = datetime.combine(first_day + timedelta(days=day), time(hours, minutes), ZoneInfo(timezone))
    return local.astimezone(UTC)


def unwrap(text: str) -> str:
    """Markdown written wrapped in the source, with each paragraph and list item back on one line."""
    blocks = []
    for paragraph in text.strip().split("\n\n"):
        lines: list[str] = []
        for line in paragraph.splitlines():
            if not lines or LIST_ITEM.match(line) or line.startswith("#"):
                lines.append(line)
            else:
                lines[-1] = f"{lines[-1]} {line.strip()}"
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + "\n"
