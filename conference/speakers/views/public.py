"""The public speakers pages: everyone listed, and one person with their sessions."""

from __future__ import annotations

from flask import Blueprint, abort, render_template

from conference.agenda.labels import ROLE_LABELS
from conference.core.lookups import in_conference
from conference.events.access import load_conference
from conference.speakers import queries
from conference.speakers.models import Person

bp = Blueprint("speakers", __name__)


@bp.get("/c/<slug>/speakers/")
def speakers(slug: str):
    conference = load_conference(slug)
    return render_template("speakers/list.html", people=queries.listed_people(conference))


@bp.get("/c/<slug>/speakers/<id:person_id>")
def speaker(slug: str, person_id: int):
    conference = load_conference(slug)
    person = in_conference(Person, conference, person_id) or abort(404)
    return render_template(
        "speakers/speaker.html",
        person=person,
        links=queries.web_links(person),
        appearances=queries.public_appearances(person),
        role_labels=ROLE_LABELS,
    )
