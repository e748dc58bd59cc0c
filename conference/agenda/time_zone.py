"""The zone a visitor reads the programme in: `?tz=` (remembered in a cookie), else the cookie, else the
conference's own zone. Public agenda, session pages, "my agenda" and Live now all follow the same choice."""

from __future__ import annotations

from functools import lru_cache
from zoneinfo import ZoneInfo, available_timezones

from flask import Response, request

from conference.events.models import Conference

TZ_COOKIE = "agenda_tz"
TZ_COOKIE_AGE = 365 * 24 * 3600
CONFERENCE_ZONE = "conference"  # ?tz=conference goes back to the conference's own zone


@lru_cache(maxsize=1)
def _zone_names() -> frozenset[str]:
    return frozenset(available_timezones())


def viewer_zone(*candidates: str | None) -> ZoneInfo | None:
    """The first candidate that names a real time zone (`?tz=`, then the cookie); None for none."""
    for name in candidates:
        if name and len(name) <= 64 and name in _zone_names():
            return ZoneInfo(name)
    return None


def chosen_zone(conference: Conference) -> tuple[ZoneInfo | None, str | None]:
    """The zone the visitor chose (None: the conference's) and what to do with the cookie.

    The second value is a zone name to remember, "" to forget the choice, or None to leave it be.
    """
    requested = request.args.get("tz")
    if requested == CONFERENCE_ZONE:
        return None, ""
    chosen = viewer_zone(requested)
    if chosen is not None:
        remember = chosen.key
    else:
        chosen, remember = viewer_zone(request.cookies.get(TZ_COOKIE)), None
    if chosen is not None and chosen.key == conference.timezone:
        return None, remember
    return chosen, remember


def with_zone_cookie(response: Response, remember: str | None) -> Response:
    """The response, remembering (or forgetting) the visitor's choice as `chosen_zone` said."""
    if remember:
        response.set_cookie(TZ_COOKIE, remember, max_age=TZ_COOKIE_AGE, samesite="Lax", path="/")
    elif remember == "":
        response.delete_cookie(TZ_COOKIE, path="/")
    return response
