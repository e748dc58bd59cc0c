"""The public agenda: one day at a time, and a session's own page."""

from __future__ import annotations

from datetime import UTC, date, datetime

from babel.dates import format_skeleton
from flask import Blueprint, abort, render_template, request
from flask_babel import get_locale

from conference.agenda import services
from conference.agenda.labels import ROLE_GROUP_LABELS, ROLE_LABELS, SESSION_TYPE_LABELS, STATUS_LABELS
from conference.events.views import load_conference

bp = Blueprint("agenda", __name__)


@bp.app_template_filter("short_day")
def short_day(value: date) -> str:
    """'Thu, Dec 10' / '12월 10일 (목)': a day tab's label in the visitor's language."""
    return format_skeleton("MMMEd", value, locale=get_locale() or "en")


@bp.get("/c/<slug>/agenda/")
def agenda(slug: str):
    conference = load_conference(slug)
    try:
        day = services.agenda_day(conference, request.args.get("day"), datetime.now(UTC))
    except services.UnknownDay:
        abort(404)
    return render_template(
        "agenda/agenda.html",
        days=services.conference_days(conference),
        day=day,
        slots=services.published_agenda(conference, day),
        type_labels=SESSION_TYPE_LABELS,
        role_labels=ROLE_LABELS,
        status_labels=STATUS_LABELS,
    )


@bp.get("/c/<slug>/agenda/sessions/<int:session_id>")
def session(slug: str, session_id: int):
    conference = load_conference(slug)
    item = services.public_session(conference, session_id) or abort(404)
    return render_template(
        "agenda/session.html",
        item=item,
        day=services.local_day(conference, item.starts_at),
        type_labels=SESSION_TYPE_LABELS,
        role_groups=ROLE_GROUP_LABELS,
        status_labels=STATUS_LABELS,
    )
