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

from conference.accounts.models import normalise_email
from conference.core.changes import save
from conference.db_types import utcnow
from conference.events.models import Conference
from conference.mail.services import send_mail
from conference.registration import errors, queries, services
from conference.registration.delegations.queries import members
from conference.registration.details import DelegateDetails
from conference.registration.links.tokens import delegation_url
from conference.registration.models import Delegation, Registration, TicketType


class DelegatesInvalid(errors.RegistrationError):
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
        elif queries.active_registration(conference.id, email) is not None:
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
        raise errors.SalesNotOpen()
    services.check_on_sale(conference, ticket, access_code, now)
    if not delegates or not all(d.privacy_consent for d in delegates):
        raise errors.ConsentRequired()
    problems = problems_with(conference, delegates)
    if problems:
        raise DelegatesInvalid(problems)
    delegation = _new_delegation(conference, contact, language, user_id)
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
        except errors.AlreadyRegistered:  # registered by someone else since the check
            result.skipped.append(details)
        else:
            result.registrations.append(registration)
    send_contact_link(delegation)
    return result


def _new_delegation(
    conference: Conference, contact: DelegationContact, language: str, user_id: int | None
) -> Delegation:
    values = dict(
        name=contact.name,
        country=contact.country,
        contact_name=contact.contact_name,
        contact_email=normalise_email(contact.contact_email),
        language=language,
    )
    return save(
        Delegation(conference_id=conference.id),
        values,
        action="delegation.created",
        user_id=user_id,
        conference_id=conference.id,
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
