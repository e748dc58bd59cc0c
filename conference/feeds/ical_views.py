"""Public iCalendar feeds to subscribe to: the whole conference, one track, one room."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, make_response
from flask_babel import _

from conference.agenda.calendar import CONTENT_TYPE
from conference.agenda.models import Room, Track
from conference.agenda.published import PublishedSession, latest_version, published_sessions
from conference.events.models import Conference
from conference.events.views import load_conference
from conference.extensions import db
from conference.feeds.ical import build_calendar

bp = Blueprint("ical", __name__)


def _public_conference(slug: str) -> Conference:
    conference = load_conference(slug)
    # Calendar apps fetch anonymously; a draft has no feed even for its organisers, so a subscription
    # made by mistake before publication cannot leak the working programme.
    if not conference.is_public:
        abort(404)
    return conference


def _feed(conference: Conference, sessions: list[PublishedSession], name: str, filename: str):
    body = build_calendar(
        conference,
        sessions,
        latest_version(conference.id),
        name,
        current_app.config["BASE_URL"],
    )
    response = make_response(body)
    response.headers["Content-Type"] = CONTENT_TYPE
    # inline: a browser following the link offers to open it in the calendar app rather than save it.
    response.headers["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@bp.get("/c/<slug>/calendar.ics")
def conference_feed(slug: str):
    conference = _public_conference(slug)
    sessions = list(published_sessions(conference.id))
    return _feed(conference, sessions, conference.short_name, f"{conference.slug}.ics")


@bp.get("/c/<slug>/tracks/<int(max=2147483647):track_id>/calendar.ics")
def track_feed(slug: str, track_id: int):
    conference = _public_conference(slug)
    track = db.session.get(Track, track_id)
    if track is None or track.conference_id != conference.id:
        abort(404)
    sessions = [s for s in published_sessions(conference.id) if s.track_id == track.id]
    name = _("%(conference)s · %(track)s", conference=conference.short_name, track=track.name)
    return _feed(conference, sessions, name, f"{conference.slug}-track-{track.id}.ics")


@bp.get("/c/<slug>/rooms/<int(max=2147483647):room_id>/calendar.ics")
def room_feed(slug: str, room_id: int):
    conference = _public_conference(slug)
    room = db.session.get(Room, room_id)
    if room is None or room.conference_id != conference.id:
        abort(404)
    sessions = [s for s in published_sessions(conference.id) if s.room_id == room.id]
    name = _("%(conference)s · %(room)s", conference=conference.short_name, room=room.name)
    return _feed(conference, sessions, name, f"{conference.slug}-room-{room.id}.ics")
