"""The e-mails a registration's life calls for, in the delegate's language, through the outbox."""

from __future__ import annotations

from collections.abc import Iterable

from flask import render_template
from flask_babel import force_locale
from flask_babel import gettext as _

from conference.core.urls import absolute_url
from conference.extensions import db
from conference.mail.services import send_mail
from conference.registration.models import Registration
from conference.registration.tokens import make_token


def subject_for(kind: str, registration: Registration) -> str:
    name = registration.conference.short_name or registration.conference.title
    subjects = {
        "confirmed": _("Your registration for %(name)s is confirmed", name=name),
        "received": _("We received your registration for %(name)s", name=name),
        "payment_due": _("Complete your payment for %(name)s", name=name),
        "waitlisted": _("You are on the waiting list for %(name)s", name=name),
        "offer": _("A place is free for you at %(name)s", name=name),
        "expired": _("Your place at %(name)s was released", name=name),
        "approved": _("Your registration for %(name)s was approved", name=name),
        "rejected": _("Your registration for %(name)s", name=name),
        "cancelled": _("Your registration for %(name)s is cancelled", name=name),
        "receipt": _("Payment receipt for %(name)s", name=name),
        "refund": _("Refund for your registration at %(name)s", name=name),
        "link": _("Your registration for %(name)s", name=name),
    }
    return subjects[kind]


def my_registration_url(registration: Registration) -> str:
    return absolute_url(
        "registration.mine", slug=registration.conference.slug, token=make_token(registration)
    )


def send(registration: Registration, kind: str, **context) -> None:
    with force_locale(registration.language or "en"):
        subject = subject_for(kind, registration)
        values = dict(
            registration=registration,
            conference=registration.conference,
            kind=kind,
            link=my_registration_url(registration),
            **context,
        )
        body = render_template("registration/email/message.txt", **values)
    send_mail(registration.email, subject, body)


def send_all(messages: Iterable[tuple[int, str]]) -> None:
    """Send each (registration id, kind); called after the change that calls for them is committed."""
    for registration_id, kind in messages:
        registration = db.session.get(Registration, registration_id)
        if registration is not None:
            send(registration, kind)
