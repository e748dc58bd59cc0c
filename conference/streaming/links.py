"""The browser's memory of join links; the links themselves are signed in `registration.links.tokens`.

A join link names the registration and its link version, signed with its own salt: it opens the streams
and nothing else (unlike the "my registration" link, it cannot change or cancel anything), so it can
sit in calendar feeds and mails. Opening one remembers it in the signed session cookie and redirects to
the same page without it, so the token leaves no trace in history or Referer headers.
"""

from __future__ import annotations

from flask import session

from conference.events.models import Conference
from conference.registration.links.tokens import live_now_link as live_now_link
from conference.registration.links.tokens import registration_for_join_token
from conference.registration.models import Registration

REMEMBERED = "stream_links"  # {conference id: token} in the session cookie


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
