"""Conferences and their pages: lookups for the public site and the writes organisers make."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from conference.events.models import Conference, ConferenceStatus, Page
from conference.extensions import db


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
    public = db.session.scalars(
        select(Conference).where(
            Conference.status.in_([ConferenceStatus.PUBLISHED, ConferenceStatus.ARCHIVED])
        )
    ).all()
    upcoming = sorted((c for c in public if c.end_date >= today), key=lambda c: c.start_date)
    past = sorted((c for c in public if c.end_date < today), key=lambda c: c.start_date, reverse=True)
    return upcoming, past


def page_by_slug(conference: Conference, slug: str) -> Page | None:
    return db.session.scalar(select(Page).where(Page.conference_id == conference.id, Page.slug == slug))


def menu_pages(conference: Conference) -> list[Page]:
    return [page for page in conference.pages if page.in_menu]
