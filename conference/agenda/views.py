from __future__ import annotations

from datetime import date

from flask import Blueprint, abort, render_template, request

from conference.agenda import services
from conference.agenda.labels import ROLE_GROUP_LABELS, ROLE_LABELS, SESSION_TYPE_LABELS, STATUS_LABELS
from conference.events.views import load_conference

bp = Blueprint("agenda", __name__)


@bp.get("/c/<slug>/agenda/")
def agenda(slug: str):
    conference = load_conference(slug)
    days = services.conference_days(conference)
    requested = request.args.get("day")
    if requested:
        try:
            day = date.fromisoformat(requested)
        except ValueError:
            abort(404)
        if day not in days:
            abort(404)
    else:
        day = services.default_day(conference, date.today())
    return render_template(
        "agenda/agenda.html",
        days=days,
        day=day,
        slots=services.day_slots(conference, day),
        type_labels=SESSION_TYPE_LABELS,
        role_labels=ROLE_LABELS,
    )


@bp.get("/c/<slug>/agenda/sessions/<int:session_id>")
def session(slug: str, session_id: int):
    conference = load_conference(slug)
    item = services.public_session(conference, session_id)
    if item is None:
        abort(404)
    return render_template(
        "agenda/session.html",
        item=item,
        type_labels=SESSION_TYPE_LABELS,
        role_groups=ROLE_GROUP_LABELS,
        status_labels=STATUS_LABELS,
    )
