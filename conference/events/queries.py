"""Conferences and their pages as the public site and the organiser pages read them (no writes)."""

from __future__ import annotations

from datetime import date
from urllib.parse import urlsplit

from sqlalchemy import select

from conference.accounts.models import ConferenceRole, Role, User
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


def all_conferences() -> list[Conference]:
    """Every conference, whatever its status, latest first (the site admin's list)."""
    return list(
        db.session.scalars(select(Conference).order_by(Conference.start_date.desc(), Conference.id.desc()))
    )


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


def team_roles(conference: Conference) -> list[ConferenceRole]:
    """Everyone with a role on the conference, by role then name."""
    roles = db.session.scalars(
        select(ConferenceRole).join(User).where(ConferenceRole.conference_id == conference.id)
    ).all()
    order = list(Role)
    return sorted(roles, key=lambda r: (order.index(r.role), r.user.display_name.lower()))
