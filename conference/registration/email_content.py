"""What each registration e-mail says, in the current locale: paragraphs, details, the next step.

`registration/emails.py` renders this content as text and HTML and sends it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from flask_babel import get_locale
from flask_babel import gettext as _
from werkzeug.routing import BuildError

from conference.core.urls import absolute_url
from conference.events.models import Conference
from conference.extensions import db
from conference.i18n.formatting import date_range, local_moment
from conference.payments.models import Payment, PaymentProvider, PaymentStatus, Refund
from conference.payments.money import format_money
from conference.registration import calendar
from conference.registration.links.tokens import live_now_link, make_token
from conference.registration.models import (
    Attendance,
    PaymentMethod,
    Registration,
    RegistrationPolicy,
    RegistrationStatus,
)

KINDS = (
    "confirmed",
    "received",
    "payment_due",
    "waitlisted",
    "offer",
    "expired",
    "approved",
    "rejected",
    "cancelled",
    "receipt",
    "refund",
    "link",
)


@dataclass
class EmailContent:
    """What one e-mail says, independent of its text or HTML layout."""

    subject: str
    greeting: str
    paragraphs: list[str] = field(default_factory=list)
    details: list[tuple[str, str]] = field(default_factory=list)
    instructions: str = ""  # the organisers' own words (invoice instructions), kept as written
    after_instructions: list[str] = field(default_factory=list)
    action: tuple[str, str] | None = None  # (label, url): the one thing to do next
    calendar: bool = False  # attach the conference as an .ics
    links: list[tuple[str, str]] = field(default_factory=list)  # (label, url) under the action


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


def badge_url(registration: Registration) -> str:
    return absolute_url("badges.my_badge", slug=registration.conference.slug, token=make_token(registration))


def conference_url(conference: Conference) -> str:
    return absolute_url("events.home", slug=conference.slug)


def pay_url(registration: Registration) -> str | None:
    """The online payment page, for a registration that pays by card and still owes something."""
    if registration.payment_method != PaymentMethod.STRIPE or registration.is_paid:
        return None
    try:
        return absolute_url("payments.pay", slug=registration.conference.slug, token=make_token(registration))
    except BuildError:  # payments not mounted (no online payments in this deployment)
        return None


def compose(registration: Registration, kind: str, *, link: str, **context) -> EmailContent:
    """The content of one e-mail; call inside `force_locale`."""
    content = EmailContent(
        subject=subject_for(kind, registration),
        greeting=_("Dear %(name)s,", name=_greeting_name(registration)),
    )
    COMPOSERS[kind](content, registration, link=link, **context)
    return content


def _greeting_name(registration: Registration) -> str:
    """Korean readers are addressed by the name in their own script (family name first) when given."""
    if str(get_locale() or "en") == "ko" and registration.local_name:
        return registration.local_name
    return registration.display_name


def _money(minor: int, currency: str) -> str:
    return format_money(minor, currency, str(get_locale() or "en"))


def _when(moment: datetime, conference: Conference) -> str:
    return local_moment(moment, conference.tz)


def _basic_details(registration: Registration) -> list[tuple[str, str]]:
    conference = registration.conference
    details = [
        (_("Conference"), conference.title),
        (_("Dates"), date_range(conference.start_date, conference.end_date)),
    ]
    if registration.ticket_type.attendance == Attendance.ONLINE:
        details.append((_("Attendance"), _("Online")))
    else:
        venue = calendar.venue_line(conference)
        if venue:
            details.append((_("Venue"), venue))
    details += [
        (_("Ticket"), registration.ticket_type.name),
        (_("Reference"), registration.reference),
    ]
    return details


def _price(registration: Registration) -> list[tuple[str, str]]:
    if registration.amount_due_minor == 0:
        return []
    return [(_("Price"), _money(registration.amount_due_minor, registration.currency))]


def _payment_steps(content: EmailContent, registration: Registration) -> None:
    """How to pay what is still owed: the card payment page, or the organisers' invoice instructions."""
    conference = registration.conference
    balance = _money(registration.balance_minor, registration.currency)
    content.details.append((_("Amount due"), balance))
    url = pay_url(registration)
    if url is not None:
        content.action = (_("Pay %(amount)s now", amount=balance), url)
        if registration.hold_expires_at is not None:
            content.paragraphs.append(
                _(
                    "Your place is held for you until %(when)s. If the payment has not arrived by "
                    "then, the place is released.",
                    when=_when(registration.hold_expires_at, conference),
                )
            )
        return
    policy = db.session.get(RegistrationPolicy, conference.id)
    instructions = (policy.invoice_instructions if policy else "").strip()
    if instructions:
        content.paragraphs.append(_("Please pay by invoice or on site, as the organisers describe here:"))
        content.instructions = instructions
    else:
        content.paragraphs.append(_("The organisers will send you an invoice, or you can pay on site."))
    content.after_instructions.append(
        _("Please quote your reference %(reference)s with your payment.", reference=registration.reference)
    )


def _confirmed(content: EmailContent, registration: Registration, **_context) -> None:
    conference = registration.conference
    content.paragraphs.append(_("Your registration for %(title)s is confirmed.", title=conference.title))
    if registration.ticket_type.attendance == Attendance.ONLINE:
        content.paragraphs.append(
            _("You take part online: the link below opens the streams of the sessions.")
        )
    else:
        content.paragraphs.append(
            _("Please bring this e-mail or your reference to the registration desk to collect your badge.")
        )
        content.action = (_("Download your badge"), badge_url(registration))
    if registration.ticket_type.includes_streaming:
        # The join pages, never the providers' URLs: those are shown only inside the join window.
        content.links.append((_("Watch the sessions online"), live_now_link(registration)))
    content.paragraphs.append(_("The attached calendar file adds the conference to your calendar."))
    content.details = _basic_details(registration)
    if registration.amount_paid_minor:
        content.details.append((_("Paid"), _money(registration.amount_paid_minor, registration.currency)))
    content.calendar = True


def _received(content: EmailContent, registration: Registration, **_context) -> None:
    content.paragraphs.append(
        _(
            "We received your registration for %(title)s. The organisers will review it and write to you.",
            title=registration.conference.title,
        )
    )
    if registration.amount_due_minor:
        content.paragraphs.append(
            _(
                "Once it is approved, we will ask you to pay %(amount)s.",
                amount=_money(registration.amount_due_minor, registration.currency),
            )
        )
    content.details = _basic_details(registration) + _price(registration)


def _payment_due(content: EmailContent, registration: Registration, **_context) -> None:
    content.paragraphs.append(
        _(
            "Your place at %(title)s is reserved. Complete your payment to confirm it.",
            title=registration.conference.title,
        )
    )
    content.details = _basic_details(registration)
    _payment_steps(content, registration)


def _waitlisted(content: EmailContent, registration: Registration, **_context) -> None:
    content.paragraphs.append(
        _(
            "%(ticket)s is full at the moment, so you are on the waiting list. We will write as soon "
            "as a place is free.",
            ticket=registration.ticket_type.name,
        )
    )
    content.paragraphs.append(_("You do not need to do anything until then."))
    content.details = _basic_details(registration)


def _offer(content: EmailContent, registration: Registration, *, link: str, **_context) -> None:
    conference = registration.conference
    when = _when(registration.hold_expires_at, conference) if registration.hold_expires_at else ""
    content.paragraphs.append(
        _(
            "A place is free for you. Accept it before %(when)s or it goes to the next person on the list.",
            when=when,
        )
    )
    if registration.amount_due_minor:
        content.paragraphs.append(
            _(
                "Once you accept it, you will be asked to pay %(amount)s.",
                amount=_money(registration.amount_due_minor, registration.currency),
            )
        )
    content.details = _basic_details(registration) + [(_("Accept before"), when)]
    content.action = (_("Accept your place"), link)


def _expired(content: EmailContent, registration: Registration, **_context) -> None:
    content.paragraphs.append(_("The time to take up your place has passed, so the place was released."))
    content.paragraphs.append(
        _("If you still wish to take part, you are welcome to register again while places are available.")
    )
    content.details = _basic_details(registration)
    content.action = (_("Go to the conference website"), conference_url(registration.conference))


def _approved(content: EmailContent, registration: Registration, **context) -> None:
    content.paragraphs.append(_("The organisers approved your registration."))
    if registration.status == RegistrationStatus.CONFIRMED:
        _confirmed(content, registration, **context)
    elif registration.status == RegistrationStatus.PENDING_PAYMENT:
        content.details = _basic_details(registration)
        content.paragraphs.append(_("To confirm your place, please complete your payment."))
        _payment_steps(content, registration)
    else:
        content.details = _basic_details(registration)


def _rejected(content: EmailContent, registration: Registration, **_context) -> None:
    content.paragraphs.append(_("We are sorry: the organisers could not accept your registration."))
    _ask_the_organisers(content, registration)
    content.details = _basic_details(registration)


def _cancelled(content: EmailContent, registration: Registration, **_context) -> None:
    content.paragraphs.append(_("Your registration is cancelled."))
    if registration.amount_paid_minor > registration.amount_refunded_minor:
        content.paragraphs.append(
            _(
                "If a refund is due under the conference's refund policy, you will receive a separate "
                "e-mail when it is made."
            )
        )
    content.paragraphs.append(_("If you did not ask for this, please tell the organisers at once."))
    _ask_the_organisers(content, registration)
    content.details = _basic_details(registration)


def _latest_payment(registration: Registration) -> Payment | None:
    succeeded = [p for p in registration.payments if p.status == PaymentStatus.SUCCEEDED]
    return succeeded[-1] if succeeded else None


def _receipt(
    content: EmailContent, registration: Registration, *, payment: Payment | None = None, **_context
) -> None:
    """For `payment`, or when called without one (from `send_all`), the latest successful payment."""
    conference = registration.conference
    payment = payment or _latest_payment(registration)
    if payment is None:
        raise ValueError(f"no payment to acknowledge for registration {registration.id}")
    content.paragraphs.append(_("Thank you: we received your payment."))
    content.details = _basic_details(registration) + [
        (_("Amount paid"), _money(payment.amount_minor, payment.currency)),
        (
            _("Payment method"),
            _("Card") if payment.provider == PaymentProvider.STRIPE else _("Invoice or on site"),
        ),
    ]
    if payment.succeeded_at is not None:
        content.details.append((_("Paid on"), _when(payment.succeeded_at, conference)))
    if payment.receipt_number:
        content.details.append((_("Receipt number"), payment.receipt_number))
    if payment.note:
        content.details.append((_("Note"), payment.note))
    content.paragraphs.append(_("You can see this receipt at any time on your registration page."))


def _refund(
    content: EmailContent, registration: Registration, *, refund: Refund | None = None, **_context
) -> None:
    """For `refund`, or when called without one (from `send_all`), the latest refund."""
    if refund is None:
        refunds = [r for p in registration.payments for r in p.refunds]
        refund = max(refunds, key=lambda r: r.id) if refunds else None
    if refund is None:
        raise ValueError(f"no refund to report for registration {registration.id}")
    payment = refund.payment
    content.paragraphs.append(_("A refund was made for your registration."))
    content.details = _basic_details(registration) + [
        (_("Refund"), _money(refund.amount_minor, payment.currency)),
        (_("Refunded in total"), _money(registration.amount_refunded_minor, registration.currency)),
        (_("Originally paid"), _money(payment.amount_minor, payment.currency)),
    ]
    if refund.reason:
        content.details.append((_("Reason"), refund.reason))
    if payment.provider == PaymentProvider.STRIPE:
        content.paragraphs.append(
            _("It goes back to the card you paid with; banks usually take 5 to 10 days to show it.")
        )
    else:
        content.paragraphs.append(_("The organisers will return the money as arranged with you."))


def _link(content: EmailContent, registration: Registration, **_context) -> None:
    content.paragraphs.append(_("Here is the link to your registration."))
    content.paragraphs.append(
        _("If you did not ask for it, you can ignore this e-mail: nothing about your registration changed.")
    )
    content.details = _basic_details(registration)


def _ask_the_organisers(content: EmailContent, registration: Registration) -> None:
    contact = registration.conference.contact_email
    if contact:
        content.paragraphs.append(_("If you have questions, write to %(email)s.", email=contact))


COMPOSERS: dict[str, Callable[..., None]] = {
    "confirmed": _confirmed,
    "received": _received,
    "payment_due": _payment_due,
    "waitlisted": _waitlisted,
    "offer": _offer,
    "expired": _expired,
    "approved": _approved,
    "rejected": _rejected,
    "cancelled": _cancelled,
    "receipt": _receipt,
    "refund": _refund,
    "link": _link,
}
