"""The public site's conference pages: the list of conferences, a conference's home, its content pages."""

from __future__ import annotations

from datetime import date

from flask import Blueprint, abort, render_template

from conference.events import people, queries
from conference.events.access import load_conference
from conference.events.labels import FORMAT_LABELS

bp = Blueprint("events", __name__)


@bp.get("/")
def index():
    today = date.today()
    upcoming, past = queries.listed_conferences(today)
    return render_template(
        "events/index.html", upcoming=upcoming, past=past, today=today, format_labels=FORMAT_LABELS
    )


@bp.get("/c/<slug>/")
def home(slug: str):
    conference = load_conference(slug)
    return render_template(
        "events/home.html",
        featured=people.featured_people(conference),
        menu_pages=queries.menu_pages(conference),
        map_link=queries.venue_map_link(conference),
        format_labels=FORMAT_LABELS,
    )


@bp.get("/c/<slug>/p/<page_slug>")
def page(slug: str, page_slug: str):
    conference = load_conference(slug)
    content = queries.page_by_slug(conference, page_slug) or abort(404)
    return render_template(
        "events/page.html",
        page=content,
        menu_pages=queries.menu_pages(conference),
        people=people.people_with_bio(conference) if queries.introduces_people(content) else [],
    )
