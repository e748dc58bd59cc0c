from __future__ import annotations

from datetime import date

from flask import Blueprint, abort, g, render_template
from flask_login import current_user

from conference.events import services
from conference.events.labels import FORMAT_LABELS
from conference.speakers.services import featured_people

bp = Blueprint("events", __name__)


def load_conference(slug: str):
    """The conference for a public page, or a 404 (drafts only for their organisers)."""
    conference = services.visible_conference(slug, current_user)
    if conference is None:
        abort(404)
    g.conference = conference
    return conference


@bp.get("/")
def index():
    upcoming, past = services.listed_conferences(date.today())
    return render_template("events/index.html", upcoming=upcoming, past=past, format_labels=FORMAT_LABELS)


@bp.get("/c/<slug>/")
def home(slug: str):
    conference = load_conference(slug)
    return render_template(
        "events/home.html",
        featured=featured_people(conference, limit=6),
        format_labels=FORMAT_LABELS,
    )


@bp.get("/c/<slug>/p/<page_slug>")
def page(slug: str, page_slug: str):
    conference = load_conference(slug)
    content = services.page_by_slug(conference, page_slug)
    if content is None:
        abort(404)
    authors = featured_people(conference, limit=None) if page_slug in ("welcome", "about") else []
    return render_template("events/page.html", page=content, authors=authors)
