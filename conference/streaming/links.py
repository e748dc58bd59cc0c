"""Signed links to the join pages, and the browser's memory of them.

A join link names the registration and its link version, signed with its own salt: it opens the streams
and nothing else (unlike the "my registration" link, it cannot change or cancel anything), so it can
sit in calendar feeds and mails. Opening one remembers it in the signed session cookie and redirects to
the same page without it, so the token leaves no trace in history or Referer headers.
"""

from __future__ import annotations

from flask import session, url_for

from conference.core.signing import VersionedToken
from conference.core.urls import absolute_url
from conference.events.models import Conference
from conference.extensions import db
from conference.registration.models import Registration

_TOKENS = VersionedToken("plenary.stream-link")
REMEMBERED = "stream_links"  # {conference id: token} in the session cookie


def join_token(registration: Registration) -> str:
    return _TOKENS.dumps(registration.id, registration.link_version)


def registration_for_join_token(conference: Conference, token: str) -> Registration | None:
    value = _TOKENS.loads(token)
    registration = db.session.get(Registration, value[0]) if value else None
    if registration is None or registration.conference_id != conference.id:
        return None
    return registration if registration.link_version == value[1] else None


def remember(conference: Conference, token: str) -> None:
    links = dict(session.get(REMEMBERED) or {})
    links[str(conference.id)] = token
    session[REMEMBERED] = links
    session.permanent = True


def remembered(conference: Conference) -> Registration | None:
    token = (session.get(REMEMBERED) or {}).get(str(conference.id))
    if not isinstance(token, str):
        return None
    return registration_for_join_token(conference, token)


def live_now_link(registration: Registration) -> str:
    """Where mails and "my registration" send an online delegate: Live now, signed in by the link."""
    # absolute_url: mails are written in jobs, outside any request.
    return absolute_url("streaming.live_now", slug=registration.conference.slug, k=join_token(registration))


def join_link(registration: Registration, session_id: int, *, base_url: str | None = None) -> str:
    conference = registration.conference
    token = join_token(registration)
    if base_url is not None:  # outside a request (feeds rendered for the cache use the configured base)
        return f"{base_url.rstrip('/')}/c/{conference.slug}/live/{session_id}?k={token}"
    return url_for("streaming.join", slug=conference.slug, session_id=session_id, k=token, _external=True)
