"""The public agenda (one day at a time, filtered), a session's page with its .ics, and the changelog."""

from __future__ import annotations

from datetime import UTC, datetime

from flask import Blueprint, abort, make_response, render_template, request, url_for

from conference.agenda import publishing, queries
from conference.agenda.labels import ROLE_GROUP_LABELS, ROLE_LABELS, SESSION_TYPE_LABELS, STATUS_LABELS
from conference.agenda.time_zone import chosen_zone, with_zone_cookie
from conference.events.access import load_conference
from conference.i18n.formatting import language_name

bp = Blueprint("agenda", __name__)


def current_time() -> datetime:
    """The clock "now / next" uses (tests replace it)."""
    return datetime.now(UTC)


def _labels() -> dict:
    # Translated once per request, not once per card (a programme has hundreds).
    return dict(
        type_labels={key.value: str(label) for key, label in SESSION_TYPE_LABELS.items()},
        role_labels={key.value: str(label) for key, label in ROLE_LABELS.items()},
        role_groups=ROLE_GROUP_LABELS,
        status_labels={key.value: str(label) for key, label in STATUS_LABELS.items()},
    )


def _link_prefixes(conference) -> dict:
    """Session and speaker addresses without their id: building 3,000 links with url_for costs ~20 ms."""
    session_url = url_for("agenda.session", slug=conference.slug, session_id=0)
    speaker_url = url_for("speakers.speaker", slug=conference.slug, person_id=0)
    return dict(session_link=session_url[:-1], speaker_link=speaker_url[:-1])


@bp.get("/c/<slug>/agenda/", strict_slashes=False)
def agenda(slug: str):
    conference = load_conference(slug)
    now = current_time()
    try:
        day = queries.agenda_day(conference, request.args.get("day"), now)
    except queries.UnknownDay:
        abort(404)
    zone, remember = chosen_zone(conference)
    days = queries.conference_days(conference)
    page = queries.agenda_page(conference, [day] if day else days, queries.parse_filters(request.args), now)
    html = render_template(
        "agenda/agenda.html",
        days=days,
        language_lists=queries.language_lists(page, language_name),
        day=day,
        all_days=queries.ALL_DAYS,
        page=page,
        view_tz=zone or conference.tz,
        viewer_zone=zone,
        **_labels(),
        **_link_prefixes(conference),
    )
    return with_zone_cookie(make_response(html), remember)


# The short form is what people type and share; links use the first (canonical) one.
@bp.get("/c/<slug>/agenda/<id:session_id>")
@bp.get("/c/<slug>/agenda/sessions/<id:session_id>")
def session(slug: str, session_id: int):
    conference = load_conference(slug)
    item = queries.public_session(conference, session_id) or abort(404)
    zone, remember = chosen_zone(conference)
    html = render_template(
        "agenda/session.html",
        item=item,
        day=queries.local_day(conference, item.starts_at),
        viewer_zone=zone,
        **_labels(),
    )
    return with_zone_cookie(make_response(html), remember)


@bp.get("/c/<slug>/agenda/changes")
def changes(slug: str):
    conference = load_conference(slug)
    return render_template(
        "agenda/changes.html",
        versions=publishing.version_history(conference.id),
        describe=publishing.describe,
        agenda_url=url_for(".agenda", slug=conference.slug),
    )
