"""Signed invitation links: a speaker opens their own profile without an account.

A link carries the person's id and `invitation_version`, signed with the app's secret and a salt of its
own, and stops working after `SPEAKER_INVITATION_MAX_AGE` seconds (30 days unless configured). Revoking
bumps the version, so every link sent before stops working at once.
"""

from __future__ import annotations

from flask import current_app, render_template
from flask_babel import force_locale
from flask_babel import gettext as _

from conference.core.changes import save
from conference.core.signing import InvalidLink, LinkProblem, Signer
from conference.core.urls import absolute_url
from conference.db_types import utcnow
from conference.extensions import db
from conference.mail.models import OutboxMessage
from conference.mail.services import send_mail
from conference.speakers.models import Person

SALT = "speaker-invitation"
DEFAULT_MAX_AGE = 30 * 24 * 3600

__all__ = ["InvalidLink", "LinkProblem", "make_token", "person_from_token", "revoke_links", "send_invitation"]


class NoEmailAddress(ValueError):
    """The person has no e-mail address to send an invitation to."""


def max_age() -> int:
    return int(current_app.config.get("SPEAKER_INVITATION_MAX_AGE", DEFAULT_MAX_AGE))


LINKS = Signer(SALT, max_age=max_age)


def make_token(person: Person) -> str:
    return LINKS.dumps([person.id, person.invitation_version])


def person_from_token(token: str, *, conference_id: int) -> Person:
    """The person a link opens; raises InvalidLink (expired, or broken: tampered, revoked, elsewhere)."""
    person_id, version = LINKS.load_ids(token)
    person = db.session.get(Person, person_id)
    if person is None or person.conference_id != conference_id or person.invitation_version != version:
        raise InvalidLink(LinkProblem.BROKEN)
    return person


def invitation_url(person: Person) -> str:
    return absolute_url("speaker_self.profile", slug=person.conference.slug, token=make_token(person))


def _language(person: Person) -> str:
    code = person.conference.default_language
    return code if code in current_app.config["LANGUAGES"] else "en"


def send_invitation(person: Person, *, user_id: int | None) -> OutboxMessage:
    """E-mail the person a fresh link in the conference's language and note when (audited)."""
    if not person.email:
        raise NoEmailAddress(person.id)
    conference = person.conference
    language = _language(person)
    values = dict(person=person, conference=conference, link=invitation_url(person), days=max_age() // 86400)
    with force_locale(language):
        subject = _("Your speaker page for %(conference)s", conference=conference.short_name)
        text = render_template("speakers/email/invitation.txt", **values)
        html = render_template("speakers/email/invitation.html", **values)
    save(
        person,
        {"invited_at": utcnow()},
        action="person.invited",
        user_id=user_id,
        conference_id=conference.id,
    )
    return send_mail(person.email, subject, text, html, language=language)


def revoke_links(person: Person, *, user_id: int | None) -> None:
    """Stop every link sent so far from working (audited)."""
    version = (person.invitation_version or 1) + 1
    save(
        person,
        {"invitation_version": version},
        action="person.links_revoked",
        user_id=user_id,
        conference_id=person.conference_id,
    )
