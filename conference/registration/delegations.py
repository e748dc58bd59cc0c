"""Group registration: a contact registers several delegates of one city or organisation in one go.

Every delegate is checked before any is registered; each then gets their own registration and e-mails,
and the contact gets a signed link to a page listing the group.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from flask import render_template
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import select

from conference.accounts.models import normalise_email
from conference.audit.services import record, snapshot
from conference.core.signing import InvalidLink, LinkProblem, Signer
from conference.core.urls import absolute_url
from conference.db_types import utcnow
from conference.events.models import Conference
from conference.extensions import db
from conference.mail.services import send_mail
from conference.registration import services
from conference.registration.details import DelegateDetails
from conference.registration.models import Delegation, Registration, TicketType
from conference.registration.policy import access_code_matches, registration_open, ticket_on_sale
from conference.registration.services import RegistrationError

SALT = "delegation-link"


class DelegatesInvalid(RegistrationError):
    """Some delegates cannot be registered; nobody was."""

    def __init__(self, problems: dict[int, str]) -> None:
        super().__init__()
        self.problems = problems  # index in the list given → what is wrong with that delegate


@dataclass
class DelegationContact:
    name: str  # the city or organisation
    contact_name: str
    contact_email: str
    country: str = ""


@dataclass
class DelegationResult:
    delegation: Delegation
    registrations: list[Registration]
    # Delegates whose address was registered by someone else between the check and their turn.
    skipped: list[DelegateDetails] = field(default_factory=list)


def problems_with(conference: Conference, delegates: list[DelegateDetails]) -> dict[int, str]:
    """Index → message for each delegate who cannot be registered: repeated in the group or registered."""
    problems: dict[int, str] = {}
    seen: set[str] = set()
    for index, details in enumerate(delegates):
        email = normalise_email(details.email)
        if email in seen:
            problems[index] = _("This e-mail address appears twice in the group.")
        elif services.active_registration(conference.id, email) is not None:
            problems[index] = _("This e-mail address is already registered for the conference.")
        seen.add(email)
    return problems


def register_delegation(
    conference: Conference,
    ticket: TicketType,
    contact: DelegationContact,
    delegates: list[DelegateDetails],
    *,
    access_code: str = "",
    language: str = "en",
    online_payments: bool = False,
    user_id: int | None = None,
    now: datetime | None = None,
) -> DelegationResult:
    """Check every delegate, then register each (their own registration and e-mails) and write to the contact.

    Raises the service's errors for the ticket (closed, not on sale, wrong code), ConsentRequired,
    and DelegatesInvalid with a message per delegate; in every case nobody is registered.
    """
    now = now or utcnow()
    if ticket.conference_id != conference.id:
        raise services.SalesNotOpen()
    if not registration_open(conference):
        raise services.RegistrationClosed()
    if not ticket_on_sale(ticket, now):
        raise services.SalesNotOpen()
    if not access_code_matches(ticket, access_code):
        raise services.WrongAccessCode()
    if not delegates or not all(d.privacy_consent for d in delegates):
        raise services.ConsentRequired()
    problems = problems_with(conference, delegates)
    if problems:
        raise DelegatesInvalid(problems)

    delegation = Delegation(
        conference_id=conference.id,
        name=contact.name,
        country=contact.country,
        contact_name=contact.contact_name,
        contact_email=normalise_email(contact.contact_email),
        language=language,
    )
    db.session.add(delegation)
    db.session.flush()
    record(
        "delegation.created",
        delegation,
        user_id=user_id,
        conference_id=conference.id,
        after=snapshot(delegation),
    )
    db.session.commit()

    result = DelegationResult(delegation=delegation, registrations=[])
    for details in delegates:
        try:
            registration = services.register(
                conference,
                ticket,
                details,
                access_code=access_code,
                language=language,
                online_payments=online_payments,
                delegation=delegation,
                actor_id=user_id,
                now=now,
            )
        except services.AlreadyRegistered:
            result.skipped.append(details)
        else:
            result.registrations.append(registration)
    send_contact_link(delegation)
    return result


def members(delegation: Delegation) -> list[Registration]:
    query = select(Registration).where(Registration.delegation_id == delegation.id).order_by(Registration.id)
    return list(db.session.scalars(query))


def member(delegation: Delegation, registration_id: int) -> Registration | None:
    registration = db.session.get(Registration, registration_id)
    if registration is None or registration.delegation_id != delegation.id:
        return None
    return registration


LINKS = Signer(SALT, max_age="REGISTRATION_LINK_MAX_AGE")


def make_token(delegation: Delegation) -> str:
    return LINKS.dumps(delegation.id)


def delegation_from_token(token: str) -> Delegation:
    """The delegation a contact's link opens; raises InvalidLink."""
    delegation_id = LINKS.loads(token)
    delegation = db.session.get(Delegation, delegation_id) if isinstance(delegation_id, int) else None
    if delegation is None:
        raise InvalidLink(LinkProblem.BROKEN)
    return delegation


def delegation_url(delegation: Delegation) -> str:
    return absolute_url(
        "registration.delegation", slug=delegation.conference.slug, token=make_token(delegation)
    )


def send_contact_link(delegation: Delegation) -> None:
    """E-mail the contact the link to the group's page, in the language they registered in."""
    conference = delegation.conference
    with force_locale(delegation.language or "en"):
        subject = _("Your delegation to %(name)s", name=conference.short_name or conference.title)
        body = render_template(
            "registration/delegation_email.txt",
            delegation=delegation,
            conference=conference,
            members=members(delegation),
            link=delegation_url(delegation),
        )
    send_mail(delegation.contact_email, subject, body, language=delegation.language or "en")
