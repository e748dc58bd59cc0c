"""What the link pages change: the link sent again, a registration cancelled with the refund it is due."""

from __future__ import annotations

from conference.core.changes import note
from conference.db_types import utcnow
from conference.events.models import Conference
from conference.payments import refunds
from conference.registration import emails, errors, queries, services
from conference.registration.models import Registration


def send_link(conference: Conference, email: str) -> None:
    """A visitor asks for their link again: sent when the address has a live registration, else nothing."""
    registration = queries.active_registration(conference.id, email)
    if registration is not None:
        emails.send(registration, "link")


def resend_link(registration: Registration, *, user_id: int) -> None:
    """An organiser e-mails the delegate their "my registration" link again, noted in its history."""
    note(
        "registration.link_sent",
        registration,
        user_id=user_id,
        conference_id=registration.conference_id,
        commit=True,
    )
    emails.send(registration, "link")


def cancel_with_refund(registration: Registration, *, actor_id: int | None) -> bool:
    """The delegate (or their delegation's contact) cancels; False when it had ended already."""
    now = utcnow()
    try:
        services.cancel(registration, actor_id=actor_id, now=now)
    except errors.InvalidTransition:
        return False
    # Cancel first: the place goes back to the waitlist whatever the refund does, and a full refund
    # then ends the registration as refunded.
    refunds.refund_on_cancellation(registration, actor_id=actor_id, now=now)
    return True
