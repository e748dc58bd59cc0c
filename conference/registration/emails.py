"""The e-mails a registration's life calls for: in the delegate's language, as text and HTML, via the outbox.

`email_content.compose()` decides what a message says; `templates/registration/email/message.txt` and
`message.html` lay the same content out twice. The confirmation carries the conference as an .ics file.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from flask import current_app, render_template
from flask_babel import force_locale
from flask_babel import gettext as _

from conference.extensions import db
from conference.mail.models import OutboxMessage
from conference.mail.services import send_mail
from conference.registration import calendar
from conference.registration.email_content import (
    KINDS,
    compose,
    conference_url,
    my_registration_url,
    pay_url,
    subject_for,
)
from conference.registration.models import Registration

__all__ = ["KINDS", "my_registration_url", "pay_url", "render", "send", "send_all", "subject_for"]


@dataclass
class RenderedEmail:
    subject: str
    text: str
    html: str
    language: str
    attachments: list[dict] = field(default_factory=list)


def email_language(registration: Registration) -> str:
    """The delegate's language when we have it, else the conference's, else English."""
    languages = current_app.config["LANGUAGES"]
    for code in (registration.language, registration.conference.default_language):
        if code in languages:
            return code
    return "en"


def send(registration: Registration, kind: str, **context) -> OutboxMessage:
    """Queue one e-mail of `kind` to the delegate (`payment=` for a receipt, `refund=` for a refund)."""
    email = render(registration, kind, **context)
    return send_mail(
        registration.email,
        email.subject,
        email.text,
        email.html,
        attachments=email.attachments,
        language=email.language,
    )


def send_all(messages: Iterable[tuple[int, str]]) -> None:
    """Send each (registration id, kind); called after the change that calls for them is committed."""
    for registration_id, kind in messages:
        registration = db.session.get(Registration, registration_id)
        if registration is not None:
            send(registration, kind)


def render(registration: Registration, kind: str, **context) -> RenderedEmail:
    """The subject, text, HTML and attachments of one e-mail, in the delegate's language."""
    if kind not in KINDS:
        raise ValueError(f"unknown registration e-mail {kind!r}")
    language = email_language(registration)
    conference = registration.conference
    link = my_registration_url(registration)
    home = conference_url(conference)
    with force_locale(language):
        content = compose(registration, kind, link=link, **context)
        values = dict(
            content=content,
            conference=conference,
            registration=registration,
            link=link,
            home=home,
            language=language,
        )
        text = render_template("registration/email/message.txt", **values)
        html = render_template("registration/email/message.html", **values)
        attachments = []
        if content.calendar:
            description = _("Your registration: %(link)s", link=link)
            attachments.append(
                {
                    "filename": f"{conference.slug}.ics",
                    "content_type": calendar.CONTENT_TYPE,
                    "content": calendar.conference_ics(conference, url=home, description=description),
                }
            )
    return RenderedEmail(content.subject, text, html, language, attachments)
