"""Conferences and their pages: the lookups the public site makes."""

from __future__ import annotations

from datetime import date
from urllib.parse import urlsplit

from sqlalchemy import select

from conference.events.models import Conference, ConferenceStatus, Page
from conference.extensions import db

PUBLIC_STATUSES = (ConferenceStatus.PUBLISHED, ConferenceStatus.ARCHIVED)

# Pages below which the conference's people are introduced (the welcome messages' authors and others).
PEOPLE_PAGE_SLUGS = ("welcome", "about")


def conference_by_slug(slug: str) -> Conference | None:
    return db.session.scalar(select(Conference).where(Conference.slug == slug))


def visible_conference(slug: str, viewer) -> Conference | None:
    """A conference the viewer may see: published/archived for everyone, drafts for its organisers."""
    conference = conference_by_slug(slug)
    if conference is None:
        return None
    if conference.is_public:
        return conference
    if viewer is not None and viewer.is_authenticated and viewer.can_manage(conference.id):
        return conference
    return None


def listed_conferences(today: date) -> tuple[list[Conference], list[Conference]]:
    """Public conferences split into (upcoming or running, soonest first) and (past, latest first)."""
    public = db.session.scalars(select(Conference).where(Conference.status.in_(PUBLIC_STATUSES))).all()
    upcoming = sorted(
        (c for c in public if c.end_date >= today), key=lambda c: (c.start_date, c.end_date, c.title)
    )
    past = sorted(
        (c for c in public if c.end_date < today),
        key=lambda c: (c.end_date, c.start_date, c.title),
        reverse=True,
    )
    return upcoming, past


def page_by_slug(conference: Conference, slug: str) -> Page | None:
    return db.session.scalar(select(Page).where(Page.conference_id == conference.id, Page.slug == slug))


def menu_pages(conference: Conference) -> list[Page]:
    return [page for page in conference.pages if page.in_menu]


def introduces_people(page: Page) -> bool:
    """Whether the page is followed by cards of the conference's people (welcome and about pages)."""
    return page.slug in PEOPLE_PAGE_SLUGS


def is_web_url(url: object) -> bool:
    """True for an absolute http(s) address: the only kind a public page turns into a link."""
    if not isinstance(url, str) or not url.strip():
        return False
    parts = urlsplit(url.strip())
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc)


def venue_map_link(conference: Conference) -> str | None:
    """The venue's map address when it is a web address, else None (never a javascript: link)."""
    return conference.venue_map_url.strip() if is_web_url(conference.venue_map_url) else None


INK = "#1b2430"  # the site's text colour (plenary.css --ink)
WHITE = "#ffffff"


def _luminance(colour: str) -> float | None:
    """WCAG relative luminance of a #rrggbb colour, or None if it is not one."""
    try:
        channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    except (TypeError, ValueError, IndexError):
        return None
    if len(colour) != 7 or not colour.startswith("#"):
        return None
    red, green, blue = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast_ratio(first: str, second: str) -> float:
    """WCAG contrast ratio between two #rrggbb colours (1 to 21); 1 if either is not a colour."""
    a, b = _luminance(first), _luminance(second)
    if a is None or b is None:
        return 1.0
    return (max(a, b) + 0.05) / (min(a, b) + 0.05)


def text_colour_on(background: str) -> str:
    """White or the site's ink, whichever reads better on the given #rrggbb background."""
    if _luminance(background) is None:
        return WHITE
    return WHITE if contrast_ratio(WHITE, background) >= contrast_ratio(INK, background) else INK


def link_colour(brand: str) -> str:
    """The brand colour for links on white when it meets WCAG AA (4.5:1), else the site's ink."""
    return brand if contrast_ratio(brand, WHITE) >= 4.5 else INK
