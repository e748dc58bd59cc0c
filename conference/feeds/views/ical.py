"""iCalendar feeds: the whole conference, a track, a room, one session, and a delegate's personal feed.

Every feed is rendered once per published version and language (feeds/caching.py) and answers a
conditional GET with 304 before anything is built.
"""

from __future__ import annotations

from collections.abc import Callable

from flask import Blueprint, abort, current_app, flash, redirect, url_for
from flask_babel import _
from flask_login import current_user

from conference.agenda.calendar import session_location
from conference.agenda.models import AgendaVersion, Room, Track
from conference.agenda.published import (
    PublishedSession,
    latest_version,
    published_session,
    published_sessions,
)
from conference.core.ical import CONTENT_TYPE
from conference.core.lookups import in_conference
from conference.events.access import load_conference
from conference.events.models import Conference
from conference.feeds.caching import cached_response, last_modified
from conference.feeds.ical import build_calendar
from conference.feeds.subscribe import EventLinks, SubscribeLinks, event_links, subscribe_links
from conference.personal import feed as personal
from conference.registration.links.opened import registration_for_link
from conference.registration.models import Registration

bp = Blueprint("ical", __name__)


def _public_conference(slug: str) -> Conference:
    conference = load_conference(slug)
    # Calendar apps fetch anonymously; a draft has no feed even for its organisers, so a subscription
    # made by mistake before publication cannot leak the working programme.
    if not conference.is_public:
        abort(404)
    return conference


def _version_number(version: AgendaVersion | None) -> int:
    return version.number if version is not None else 0


def _feed(
    conference: Conference,
    subject: tuple,
    sessions,
    name: str,
    filename: str,
    *,
    private: bool = False,
    join_url=None,
):
    version = latest_version(conference.id)
    parts = ("ical", conference.id, _version_number(version), conference.updated_at, *subject)

    def render() -> bytes:
        items = sessions() if callable(sessions) else sessions
        base_url = current_app.config["BASE_URL"]
        return build_calendar(conference, items, version, name, base_url, join_url=join_url)

    return cached_response(
        parts,
        last_modified(conference, version),
        render,
        content_type=CONTENT_TYPE,
        filename=filename,
        private=private,
    )


@bp.get("/c/<slug>/calendar.ics")
def conference_feed(slug: str):
    conference = _public_conference(slug)
    return _feed(
        conference,
        ("conference", conference.short_name),
        lambda: published_sessions(conference.id),
        conference.short_name,
        f"{conference.slug}.ics",
    )


def _part_feed(
    conference: Conference, kind: str, part_id: int, name: str, belongs: Callable[[PublishedSession], bool]
):
    """The feed of one track or room: the published sessions that belong to it."""
    return _feed(
        conference,
        (kind, part_id, name),
        lambda: [s for s in published_sessions(conference.id) if belongs(s)],
        name,
        f"{conference.slug}-{kind}-{part_id}.ics",
    )


@bp.get("/c/<slug>/tracks/<id:track_id>/calendar.ics")
def track_feed(slug: str, track_id: int):
    conference = _public_conference(slug)
    track = in_conference(Track, conference, track_id) or abort(404)
    name = _("%(conference)s · %(track)s", conference=conference.short_name, track=track.name)
    return _part_feed(conference, "track", track.id, name, lambda s: s.track_id == track.id)


@bp.get("/c/<slug>/rooms/<id:room_id>/calendar.ics")
def room_feed(slug: str, room_id: int):
    conference = _public_conference(slug)
    room = in_conference(Room, conference, room_id) or abort(404)
    name = _("%(conference)s · %(room)s", conference=conference.short_name, room=room.name)
    return _part_feed(conference, "room", room.id, name, lambda s: s.room_id == room.id)


@bp.get("/c/<slug>/agenda/sessions/<id:session_id>.ics")
def session_feed(slug: str, session_id: int):
    conference = load_conference(slug)
    item: PublishedSession | None = published_session(conference.id, session_id)
    if item is None:
        abort(404)
    name = f"{item.title} · {conference.short_name}"
    return _feed(conference, ("session", item.id), [item], name, f"{conference.slug}-session-{item.id}.ics")


@bp.get("/c/<slug>/my/calendar/<token>.ics")
def personal_feed(slug: str, token: str):
    conference = _public_conference(slug)
    feed = personal.personal_feed(conference, token, base_url=current_app.config["BASE_URL"])
    if feed is None:
        abort(404)  # nothing to learn from the answer
    return _feed(
        conference,
        feed.cache_key,
        feed.sessions,
        _("%(conference)s · my agenda", conference=conference.short_name),
        f"{conference.slug}-my-agenda.ics",
        private=True,
        join_url=feed.join_url,
    )


@bp.post("/c/<slug>/registration/<token>/calendar/reissue")
def reissue_personal_feed(slug: str, token: str):
    conference = load_conference(slug)
    registration = registration_for_link(conference, token)
    user_id = current_user.id if current_user.is_authenticated else None
    personal.reissue_feed_token(registration, user_id=user_id)
    flash(_("Your calendar feed has a new address. Subscribe again with it; the old one no longer works."))
    return redirect(url_for("registration.mine", slug=conference.slug, token=token) + "#calendar-feed")


@bp.app_template_global()
def feed_subscribe_links(endpoint: str, name: str, **values) -> SubscribeLinks:
    """webcal://, Google and Outlook links for one of the feeds above."""
    return subscribe_links(url_for(endpoint, _external=True, **values), name)


@bp.app_template_global()
def personal_feed_links(registration: Registration) -> SubscribeLinks:
    conference = registration.conference
    url = url_for(
        "ical.personal_feed", slug=conference.slug, token=personal.feed_token(registration), _external=True
    )
    return subscribe_links(url, _("%(conference)s · my agenda", conference=conference.short_name))


@bp.app_template_global()
def session_event_links(conference: Conference, item: PublishedSession) -> EventLinks:
    url = url_for("agenda.session", slug=conference.slug, session_id=item.id, _external=True)
    names = ", ".join(person.display_name for person in item.people)
    return event_links(
        title=f"{item.title} · {conference.short_name}",
        starts_at=item.starts_at,
        ends_at=item.ends_at,
        details="\n\n".join(part for part in (names, url) if part),
        location=session_location(conference, item),
        timezone=conference.timezone,
    )
