from __future__ import annotations

from flask import Blueprint, abort, render_template

from conference.agenda.labels import ROLE_LABELS
from conference.events.views import load_conference
from conference.speakers import services

bp = Blueprint("speakers", __name__)


@bp.get("/c/<slug>/speakers/")
def speakers(slug: str):
    conference = load_conference(slug)
    return render_template("speakers/list.html", people=services.listed_people(conference))


@bp.get("/c/<slug>/speakers/<int:person_id>")
def speaker(slug: str, person_id: int):
    conference = load_conference(slug)
    person = services.person_in(conference, person_id)
    if person is None:
        abort(404)
    return render_template(
        "speakers/speaker.html",
        person=person,
        appearances=services.public_sessions_of(person),
        role_labels=ROLE_LABELS,
    )
