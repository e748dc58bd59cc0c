"""The signed links a registration hands out, each with its own salt so that one never opens another.

- "My registration" (`make_token`): no password, valid for a long while, revoked by bumping `link_version`;
  it sees, changes and cancels the registration (and opens its badge, payment and personal agenda).
- A delegation's page, for its contact (`delegation_token`).
- Join links (`join_token`): the registration and its link version, opening the streams and nothing else,
  so they can sit in calendar feeds and mails. Only endpoint names are used here: the pages are streaming's.
"""

from __future__ import annotations

from flask import url_for

from conference.core.signing import InvalidLink, LinkProblem, Signer, VersionedToken
from conference.core.urls import absolute_url
from conference.events.models import Conference
from conference.extensions import db
from conference.registration.models import Delegation, Registration

LINKS = Signer("registration-link", max_age="REGISTRATION_LINK_MAX_AGE")
DELEGATION_LINKS = Signer("delegation-link", max_age="REGISTRATION_LINK_MAX_AGE")
JOIN_LINKS = VersionedToken("plenary.stream-link")


# "My registration"


def make_token(registration: Registration) -> str:
    return LINKS.dumps([registration.id, registration.link_version])


def registration_from_token(token: str, max_age: int | None = None) -> Registration:
    """The registration a link opens; raises InvalidLink."""
    registration_id, version = LINKS.load_ids(token, max_age=max_age)
    registration = db.session.get(Registration, registration_id)
    if registration is None or registration.link_version != version:
        raise InvalidLink(LinkProblem.BROKEN)
    return registration


# A delegation's page


def delegation_token(delegation: Delegation) -> str:
    return DELEGATION_LINKS.dumps(delegation.id)


def delegation_from_token(token: str) -> Delegation:
    """The delegation a contact's link opens; raises InvalidLink."""
    delegation_id = DELEGATION_LINKS.loads(token)
    delegation = db.session.get(Delegation, delegation_id) if isinstance(delegation_id, int) else None
    if delegation is None:
        raise InvalidLink(LinkProblem.BROKEN)
    return delegation


def delegation_url(delegation: Delegation) -> str:
    return absolute_url(
        "registration.delegation", slug=delegation.conference.slug, token=delegation_token(delegation)
    )


# Join links


def join_token(registration: Registration) -> str:
    return JOIN_LINKS.dumps(registration.id, registration.link_version)


def registration_for_join_token(conference: Conference, token: str) -> Registration | None:
    value = JOIN_LINKS.loads(token)
    registration = db.session.get(Registration, value[0]) if value else None
    if registration is None or registration.conference_id != conference.id:
        return None
    return registration if registration.link_version == value[1] else None


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
