"""Links that put a feed or a session into the calendar apps people use.

Apple Calendar and Thunderbird subscribe through webcal://; Google Calendar and Outlook.com take the
feed's address in their own "add by URL" pages. A single session goes to Google and Outlook as an event
template with UTC times (their compose pages take no zone-less local times reliably).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urlencode, urlsplit, urlunsplit

GOOGLE_RENDER = "https://calendar.google.com/calendar/render"
OUTLOOK_SUBSCRIBE = "https://outlook.live.com/calendar/0/addfromweb"
OUTLOOK_COMPOSE = "https://outlook.live.com/calendar/0/deeplink/compose"
DETAILS_LIMIT = 1500  # both services put the text in the URL; browsers and proxies cap its length


def webcal(url: str) -> str:
    """The feed's address with the webcal scheme, which calendar apps register for."""
    parts = urlsplit(url)
    return urlunsplit(("webcal", *parts[1:]))


@dataclass(frozen=True)
class SubscribeLinks:
    feed: str  # the https:// address, to copy or download
    webcal: str
    google: str
    outlook: str


def subscribe_links(feed_url: str, name: str) -> SubscribeLinks:
    return SubscribeLinks(
        feed=feed_url,
        webcal=webcal(feed_url),
        google=f"{GOOGLE_RENDER}?{urlencode({'cid': webcal(feed_url)})}",
        outlook=f"{OUTLOOK_SUBSCRIBE}?{urlencode({'url': feed_url, 'name': name})}",
    )


@dataclass(frozen=True)
class EventLinks:
    google: str
    outlook: str


def _utc(moment: datetime) -> datetime:
    return moment.astimezone(UTC)


def event_links(
    *, title: str, starts_at: datetime, ends_at: datetime, details: str, location: str, timezone: str
) -> EventLinks:
    details = details[:DETAILS_LIMIT]
    dates = f"{_utc(starts_at):%Y%m%dT%H%M%SZ}/{_utc(ends_at):%Y%m%dT%H%M%SZ}"
    google = {
        "action": "TEMPLATE",
        "text": title,
        "dates": dates,
        "details": details,
        "location": location,
        "ctz": timezone,
    }
    outlook = {
        "path": "/calendar/action/compose",
        "rru": "addevent",
        "subject": title,
        "startdt": _utc(starts_at).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "enddt": _utc(ends_at).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "body": details,
        "location": location,
    }
    return EventLinks(
        google=f"{GOOGLE_RENDER}?{urlencode(google)}", outlook=f"{OUTLOOK_COMPOSE}?{urlencode(outlook)}"
    )
