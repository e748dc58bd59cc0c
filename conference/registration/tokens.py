"""Signed "my registration" links: no password, valid for a long while, revoked by bumping link_version."""

from __future__ import annotations

import enum

from flask import current_app
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from conference.extensions import db
from conference.registration.models import Registration

SALT = "registration-link"


class LinkProblem(enum.StrEnum):
    EXPIRED = "expired"
    BROKEN = "broken"  # tampered with, mistyped, revoked or for a registration that is gone


class InvalidLink(Exception):
    def __init__(self, problem: LinkProblem) -> None:
        super().__init__(problem.value)
        self.problem = problem


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=SALT)


def make_token(registration: Registration) -> str:
    return _serializer().dumps([registration.id, registration.link_version])


def registration_from_token(token: str, max_age: int | None = None) -> Registration:
    """The registration a link opens; raises InvalidLink."""
    if max_age is None:
        max_age = current_app.config["REGISTRATION_LINK_MAX_AGE"]
    try:
        data = _serializer().loads(token, max_age=max_age)
    except SignatureExpired:
        raise InvalidLink(LinkProblem.EXPIRED) from None
    except BadSignature:
        raise InvalidLink(LinkProblem.BROKEN) from None
    if not (isinstance(data, list) and len(data) == 2 and all(isinstance(x, int) for x in data)):
        raise InvalidLink(LinkProblem.BROKEN)
    registration = db.session.get(Registration, data[0])
    if registration is None or registration.link_version != data[1]:
        raise InvalidLink(LinkProblem.BROKEN)
    return registration
