"""Which service a streaming URL belongs to, whether it is well-formed, and how to embed it."""

from __future__ import annotations

import enum
import re
from urllib.parse import parse_qs, urlsplit

from flask_babel import lazy_gettext as _l


class Provider(enum.StrEnum):
    YOUTUBE = "youtube"
    VIMEO = "vimeo"
    ZOOM = "zoom"
    TEAMS = "teams"
    WEBEX = "webex"
    OTHER = "other"  # any other HTTPS address: opened in a new tab


PROVIDER_LABELS = {
    Provider.YOUTUBE: "YouTube",
    Provider.VIMEO: "Vimeo",
    Provider.ZOOM: "Zoom",
    Provider.TEAMS: "Microsoft Teams",
    Provider.WEBEX: "Webex",
    Provider.OTHER: _l("Other"),
}

_HOSTS = (
    (Provider.YOUTUBE, ("youtube.com", "youtu.be", "youtube-nocookie.com")),
    (Provider.VIMEO, ("vimeo.com",)),
    (Provider.ZOOM, ("zoom.us", "zoom.com", "zoomgov.com")),
    (Provider.TEAMS, ("teams.microsoft.com", "teams.live.com")),
    (Provider.WEBEX, ("webex.com",)),
)
_YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{11}$")
_DIGITS = re.compile(r"^\d+$")


def _host(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()


def _on(host: str, domain: str) -> bool:
    return host == domain or host.endswith("." + domain)


def provider_of(url: str) -> Provider:
    host = _host(url)
    for provider, domains in _HOSTS:
        if any(_on(host, domain) for domain in domains):
            return provider
    return Provider.OTHER


def url_problem(url: str) -> str | None:
    """Why a streaming or recording URL cannot be used, or None when it can."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port  # raises on a malformed port
    except ValueError:
        return str(_l("This is not a valid web address."))
    if parts.scheme != "https":
        return str(_l("Use an https:// address."))
    if not parts.hostname or "." not in parts.hostname or port == 0:
        return str(_l("This is not a valid web address."))
    if any(ch.isspace() for ch in url.strip()):
        return str(_l("A web address cannot contain spaces."))
    return None


def youtube_id(url: str) -> str | None:
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    candidate = None
    if _on(host, "youtu.be"):
        candidate = parts.path.strip("/").split("/")[0]
    elif _on(host, "youtube.com") or _on(host, "youtube-nocookie.com"):
        path = parts.path.strip("/").split("/")
        if path[0] == "watch":
            candidate = (parse_qs(parts.query).get("v") or [""])[0]
        elif path[0] in ("live", "embed", "shorts") and len(path) > 1:
            candidate = path[1]
    return candidate if candidate and _YOUTUBE_ID.match(candidate) else None


def embed_url(url: str) -> str | None:
    """A player address for the page to embed (YouTube, Vimeo), or None: the join URL opens directly."""
    provider = provider_of(url)
    if provider == Provider.YOUTUBE:
        video = youtube_id(url)
        return f"https://www.youtube-nocookie.com/embed/{video}" if video else None
    if provider == Provider.VIMEO:
        path = urlsplit(url).path.strip("/").split("/")
        if len(path) >= 2 and path[0] == "event" and _DIGITS.match(path[1]):
            return f"https://vimeo.com/event/{path[1]}/embed"
        if path and _DIGITS.match(path[-1]):
            return f"https://player.vimeo.com/video/{path[-1]}"
    return None
