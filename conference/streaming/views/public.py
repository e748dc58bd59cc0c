"""The delegate's side of streaming: Live now, a session's join page, and the player page of a channel.

Who is watching: the logged-in user's confirmed registration, or a registration whose join link was
opened in this browser (`links.py`). Streaming URLs appear only on the player page, and only for a
delegate with online access while the session's join window is open; recordings after the end.
"""

from __future__ import annotations

from flask import Blueprint, Response, abort, redirect, render_template, request, url_for
from flask_login import current_user

from conference.agenda.labels import SESSION_TYPE_LABELS
from conference.agenda.published import PublishedSession, published_session, published_sessions
from conference.agenda.time_zone import TZ_COOKIE, viewer_zone
from conference.db_types import utcnow
from conference.events.access import load_conference
from conference.events.models import Conference
from conference.registration.models import Registration
from conference.registration.queries import registration_for_user
from conference.streaming import links
from conference.streaming import live_now as live_now_service
from conference.streaming.access import StreamAccess, WindowState, join_window, stream_access
from conference.streaming.models import StreamChannel
from conference.streaming.providers import PROVIDER_LABELS, embed_url, provider_of
from conference.streaming.queries import channels_for
from conference.streaming.services import record_join

bp = Blueprint("streaming", __name__, url_prefix="/c/<slug>/live")
SESSION_ID = "<id:session_id>"


@bp.after_request
def never_cached(response: Response) -> Response:
    # These pages may hold streaming URLs: no shared cache, no browser back-button copy for the next user.
    response.headers["Cache-Control"] = "private, no-store"
    response.headers["Referrer-Policy"] = "same-origin"
    return response


@bp.app_template_global()
def conference_is_running(conference: Conference) -> bool:
    """The conference home links to Live now on the conference's own days."""
    return live_now_service.is_running(conference, utcnow())


@bp.app_template_global()
def stream_live_now_link(registration: Registration) -> str:
    return links.live_now_link(registration)


def _viewer(conference: Conference) -> Registration | None:
    """The registration to watch with: one with online access first, whichever way it was recognised."""
    candidates = []
    if current_user.is_authenticated:
        candidates.append(registration_for_user(conference.id, current_user))
    candidates.append(links.remembered(conference))
    found = [r for r in candidates if r is not None]
    allowed = [r for r in found if stream_access(r, conference) == StreamAccess.ALLOWED]
    return (allowed or found or [None])[0]


def _take_link(conference: Conference) -> Response | None:
    """A join link (?k=…) is remembered, then the same page is shown without it."""
    token = request.args.get("k")
    if token is None:
        return None
    if links.registration_for_join_token(conference, token) is None:
        abort(404)
    links.remember(conference, token)
    args = {key: value for key, value in request.args.items() if key != "k"}
    return redirect(url_for(request.endpoint, **(request.view_args or {}), **args))


def _zone(conference: Conference):
    return viewer_zone(request.args.get("tz"), request.cookies.get(TZ_COOKIE)) or conference.tz


def _session_or_404(conference: Conference, session_id: int) -> PublishedSession:
    item = published_session(conference.id, session_id)
    if item is None:
        abort(404)
    return item


@bp.get("/")
def live_now(slug: str):
    conference = load_conference(slug)
    if (response := _take_link(conference)) is not None:
        return response
    viewer = _viewer(conference)
    now = utcnow()
    rooms = live_now_service.rooms_now_and_next(conference, published_sessions(conference.id), now)
    return render_template(
        "streaming/live_now.html",
        rooms=rooms,
        access=stream_access(viewer, conference),
        viewer=viewer,
        zone=_zone(conference),
        now=now,
        type_labels=SESSION_TYPE_LABELS,
        running=live_now_service.is_running(conference, now),
    )


@bp.get(f"/{SESSION_ID}")
def join(slug: str, session_id: int):
    conference = load_conference(slug)
    if (response := _take_link(conference)) is not None:
        return response
    item = _session_or_404(conference, session_id)
    viewer = _viewer(conference)
    access = stream_access(viewer, conference)
    window = join_window(conference, item)
    state = window.state(utcnow())
    channels = channels_for(conference, item) if access == StreamAccess.ALLOWED else []
    html = render_template(
        "streaming/join.html",
        item=item,
        viewer=viewer,
        access=access,
        window=window,
        state=state,
        channels=channels,
        recordings=[c for c in channels if c.recording_url] if state == WindowState.ENDED else [],
        zone=_zone(conference),
        type_labels=SESSION_TYPE_LABELS,
    )
    status = 403 if access in (StreamAccess.NOT_CONFIRMED, StreamAccess.NO_ONLINE_ACCESS) else 200
    return html, status


def _playable(
    conference: Conference, item: PublishedSession, viewer: Registration | None, channel_id: int
) -> tuple[StreamChannel, list[StreamChannel]] | None:
    """The channel to play and the session's channels; None sends the viewer back to the join page (not
    registered, or the session cancelled or outside its window). Aborts 403 without access, 404."""
    access = stream_access(viewer, conference)
    if access == StreamAccess.NO_REGISTRATION:
        return None
    if access != StreamAccess.ALLOWED:
        abort(403)
    channels = channels_for(conference, item)
    channel = next((c for c in channels if c.id == channel_id), None)
    if channel is None:
        abort(404)
    if item.cancelled or join_window(conference, item).state(utcnow()) != WindowState.OPEN:
        return None
    return channel, channels


@bp.get(f"/{SESSION_ID}/<id:channel_id>")
def watch(slug: str, session_id: int, channel_id: int):
    conference = load_conference(slug)
    item = _session_or_404(conference, session_id)
    viewer = _viewer(conference)
    playable = _playable(conference, item, viewer, channel_id)
    if playable is None:
        return redirect(url_for("streaming.join", slug=conference.slug, session_id=item.id))
    channel, channels = playable
    record_join(viewer, item.id, channel)
    return render_template(
        "streaming/watch.html",
        item=item,
        channel=channel,
        channels=channels,
        embed=embed_url(channel.url),
        provider=PROVIDER_LABELS[provider_of(channel.url)],
        zone=_zone(conference),
    )
