"""The public site's conference pages: the list of conferences, a conference's home, its content pages."""

from __future__ import annotations

from datetime import date

from flask import Blueprint, abort, g, render_template
from flask_login import current_user

from conference.events import services
from conference.events.labels import FORMAT_LABELS
from conference.events.models import Conference
from conference.speakers.queries import featured_people, people_with_bio

bp = Blueprint("events", __name__)


@bp.app_template_filter("text_colour_on")
def text_colour_on(colour: str) -> str:
    return services.text_colour_on(colour)


@bp.app_template_filter("link_colour")
def link_colour(colour: str) -> str:
    return services.link_colour(colour)


def load_conference(slug: str) -> Conference:
    """The conference for a public page, or a 404 (drafts only for their organisers and site admins)."""
    conference = services.visible_conference(slug, current_user)
    if conference is None:
        abort(404)
    g.conference = conference
    return conference


@bp.get("/")
def index():
    today = date.today()
    upcoming, past = services.listed_conferences(today)
    return render_template(
        "events/index.html", upcoming=upcoming, past=past, today=today, format_labels=FORMAT_LABELS
    )


@bp.get("/c/<slug>/")
def home(slug: str):
    conference = load_conference(slug)
    return render_template(
        "events/home.html",
        featured=featured_people(conference),
        menu_pages=services.menu_pages(conference),
        map_link=services.venue_map_link(conference),
        format_labels=FORMAT_LABELS,
    )


@bp.get("/c/<slug>/p/<page_slug>")
def page(slug: str, page_slug: str):
    conference = load_conference(slug)
    content = services.page_by_slug(conference, page_slug) or abort(404)
    return render_template(
        "events/page.html",
        page=content,
        menu_pages=services.menu_pages(conference),
        people=people_with_bio(conference) if services.introduces_people(content) else [],
    )
