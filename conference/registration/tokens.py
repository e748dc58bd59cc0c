"""Signed "my registration" links: no password, valid for a long while, revoked by bumping link_version."""

from __future__ import annotations

from conference.core.signing import InvalidLink, LinkProblem, Signer
from conference.extensions import db
from conference.registration.models import Registration

LINKS = Signer("registration-link", max_age="REGISTRATION_LINK_MAX_AGE")


def make_token(registration: Registration) -> str:
    return LINKS.dumps([registration.id, registration.link_version])


def registration_from_token(token: str, max_age: int | None = None) -> Registration:
    """The registration a link opens; raises InvalidLink."""
    registration_id, version = LINKS.load_ids(token, max_age=max_age)
    registration = db.session.get(Registration, registration_id)
    if registration is None or registration.link_version != version:
        raise InvalidLink(LinkProblem.BROKEN)
    return registration
