"""The public JSON API's contract: the arguments it takes (filters, paging), the bodies it answers
(serialisers over the published programme) and its errors; `openapi.py` describes the same.

Private fields (e-mail, invitation data) and streaming links are never serialised.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from flask_babel import gettext as _

from conference.agenda.published import PublishedSession
from conference.core.pagination import list_page
from conference.events.models import Conference
from conference.speakers.models import Person

DEFAULT_PER_PAGE = 50
MAX_PER_PAGE = 200


class ApiError(Exception):
    """A client mistake or an unknown thing, turned into a JSON error body by the view layer."""

    def __init__(self, message: str, field: str | None = None, status: int = 400) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
        self.status = status

    def body(self) -> dict:
        return {"error": {"message": self.message, "field": self.field}}


# Filters and paging


@dataclass(frozen=True)
class SessionFilters:
    day: date | None = None
    track_id: int | None = None
    room_id: int | None = None
    changed_since: datetime | None = None


@dataclass(frozen=True)
class Paging:
    page: int = 1
    per_page: int = DEFAULT_PER_PAGE


def _integer(args: Mapping[str, str], name: str, minimum: int = 1) -> int | None:
    raw = args.get(name)
    if raw is None or raw == "":
        return None
    try:
        value = int(raw)
    except ValueError:
        raise ApiError(_("'%(name)s' must be an integer.", name=name), name) from None
    if value < minimum:
        raise ApiError(_("'%(name)s' must be at least %(minimum)d.", name=name, minimum=minimum), name)
    return value


def parse_session_filters(args: Mapping[str, str]) -> SessionFilters:
    day = None
    if args.get("day"):
        try:
            day = date.fromisoformat(args["day"])
        except ValueError:
            raise ApiError(_("'day' must be a date as YYYY-MM-DD."), "day") from None
    changed_since = None
    if args.get("changed_since"):
        try:
            changed_since = datetime.fromisoformat(args["changed_since"])
        except ValueError:
            raise ApiError(_("'changed_since' must be an ISO 8601 date and time."), "changed_since") from None
        # A moment without a zone is ambiguous across the conference and the client's zones.
        if changed_since.tzinfo is None:
            raise ApiError(_("'changed_since' must include a time zone (Z or +09:00)."), "changed_since")
    return SessionFilters(
        day=day,
        track_id=_integer(args, "track"),
        room_id=_integer(args, "room"),
        changed_since=changed_since,
    )


def parse_paging(args: Mapping[str, str]) -> Paging:
    page = _integer(args, "page") or 1
    per_page = _integer(args, "per_page")
    if per_page is None:
        per_page = DEFAULT_PER_PAGE
    if per_page > MAX_PER_PAGE:
        raise ApiError(_("'per_page' must be between 1 and %(maximum)d.", maximum=MAX_PER_PAGE), "per_page")
    return Paging(page=page, per_page=per_page)


def paginate(items: Sequence, paging: Paging, url_for_page: Callable[[int], str]) -> dict:
    """One page of `items` with the `meta` and `links` blocks every list endpoint returns."""
    page = list_page(items, paging.page, paging.per_page)
    links = {
        "self": url_for_page(page.page),
        "first": url_for_page(1),
        "last": url_for_page(page.pages),
        "prev": url_for_page(page.page - 1) if 1 < page.page <= page.pages + 1 else None,
        "next": url_for_page(page.page + 1) if page.has_next else None,
    }
    meta = {"page": page.page, "per_page": page.per_page, "total": page.total, "pages": page.pages}
    return {"items": page.items, "meta": meta, "links": links}


# Serialisers


def _room(session: PublishedSession) -> dict:
    return {
        "id": session.room_id,
        "name": session.room_name,
        "location": session.room_location,
        "online": session.room_online,
    }


def _track(session: PublishedSession) -> dict:
    return {"id": session.track_id, "name": session.track_name, "colour": session.track_colour}


def published_rooms(sessions: Iterable[PublishedSession]) -> list[dict]:
    rooms: dict[int, dict] = {}
    for s in sessions:
        if s.room_id is not None and s.room_id not in rooms:
            rooms[s.room_id] = _room(s)
    return sorted(rooms.values(), key=lambda r: (r["name"].casefold(), r["id"]))


def published_tracks(sessions: Iterable[PublishedSession]) -> list[dict]:
    tracks: dict[int, dict] = {}
    for s in sessions:
        if s.track_id is not None and s.track_id not in tracks:
            tracks[s.track_id] = _track(s)
    return sorted(tracks.values(), key=lambda t: (t["name"].casefold(), t["id"]))


def conference_json(conference: Conference) -> dict:
    return {
        "slug": conference.slug,
        "title": conference.title,
        "short_name": conference.short_name,
        "theme": conference.theme,
        "description": conference.description,
        "timezone": conference.timezone,
        "start_date": conference.start_date.isoformat(),
        "end_date": conference.end_date.isoformat(),
        "status": conference.status.value,
        "venue": {
            "name": conference.venue_name,
            "address": conference.venue_address,
            "city": conference.venue_city,
            "country": conference.venue_country,
            "map_url": conference.venue_map_url,
        },
    }


def session_json(session: PublishedSession, conference: Conference) -> dict:
    tz = conference.tz
    return {
        "id": session.id,
        "title": session.title,
        "abstract": session.abstract,
        "type": session.type,
        "status": session.status,
        "starts_at": session.starts_at.isoformat(),
        "ends_at": session.ends_at.isoformat(),
        # The conference's own clock and day, so clients need no time-zone database to group by day.
        "local_starts_at": session.starts_at.astimezone(tz).isoformat(),
        "local_ends_at": session.ends_at.astimezone(tz).isoformat(),
        "day": session.starts_at.astimezone(tz).date().isoformat(),
        "languages": list(session.languages),
        "track": _track(session) if session.track_id is not None else None,
        "room": _room(session) if session.room_id is not None else None,
        "people": [{"id": p.person_id, "name": p.display_name, "role": p.role} for p in session.people],
        "materials": [
            {"label": str(m.get("label", "")), "url": str(m.get("url", ""))} for m in session.materials
        ],
    }


def person_json(person: Person, photo_url: Callable[[str], str]) -> dict:
    # Only the fields the public speaker page shows; e-mail and invitation data stay private.
    return {
        "id": person.id,
        "name": person.display_name,
        "local_name": person.local_name,
        "position": person.position,
        "organisation": person.organisation,
        "city": person.city,
        "country": person.country,
        "bio": person.bio,
        "photo_url": photo_url(person.photo) if person.photo else None,
    }
