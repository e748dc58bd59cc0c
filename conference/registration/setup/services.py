"""What organisers change in the setup: ticket types, custom questions and the registration policy."""

from __future__ import annotations

from conference.audit.services import snapshot
from conference.core.changes import delete, note, save
from conference.db_types import utcnow
from conference.events.models import Conference
from conference.extensions import db
from conference.registration.models import Question, RegistrationPolicy, TicketType
from conference.registration.policy import policy_for
from conference.registration.setup.queries import answers_to, registrations_for_ticket

# What a scanner shows of a ticket type (roster.RegistrationCard's category, colour and in_person).
BADGE_DETAILS = ("name", "badge_colour", "attendance")


def save_ticket(
    conference: Conference, ticket: TicketType | None, values: dict, *, user_id: int
) -> TicketType:
    ticket = ticket or TicketType(conference_id=conference.id)
    action = "ticket_type.updated" if ticket.id else "ticket_type.created"
    if ticket.id and any(key in values and values[key] != getattr(ticket, key) for key in BADGE_DETAILS):
        values = values | {"badge_details_changed_at": utcnow()}
    return save(ticket, values, action=action, user_id=user_id, conference_id=conference.id)


def retire_ticket(ticket: TicketType, *, user_id: int) -> bool:
    """Delete a ticket type nobody registered for; one with registrations is deactivated instead.

    Returns True when it was deleted.
    """
    return _retire(ticket, registrations_for_ticket(ticket), "ticket_type", user_id=user_id)


def save_question(
    conference: Conference, question: Question | None, values: dict, *, user_id: int
) -> Question:
    question = question or Question(conference_id=conference.id)
    action = "question.updated" if question.id else "question.created"
    return save(question, values, action=action, user_id=user_id, conference_id=conference.id)


def retire_question(question: Question, *, user_id: int) -> bool:
    """Delete an unanswered question; an answered one is deactivated so its answers stay in exports.

    Returns True when it was deleted.
    """
    return _retire(question, answers_to(question), "question", user_id=user_id)


def _retire(item: TicketType | Question, uses: int, kind: str, *, user_id: int) -> bool:
    """Delete what nothing uses yet; deactivate (once) what registrations or answers still refer to."""
    if uses:
        if item.active:
            save(
                item,
                {"active": False},
                action=f"{kind}.deactivated",
                user_id=user_id,
                conference_id=item.conference_id,
            )
        return False
    delete(item, action=f"{kind}.deleted", user_id=user_id, conference_id=item.conference_id)
    return True


def save_policy(conference: Conference, values: dict, *, user_id: int) -> RegistrationPolicy:
    """Change the conference's policy, audited with before/after.

    Not `core.changes.save`: the policy's key is its conference, so it has no `id` to tell it is stored.
    """
    policy = policy_for(conference)
    before = snapshot(policy)
    for key, value in values.items():
        setattr(policy, key, value)
    db.session.flush()
    note(
        "registration_policy.updated",
        policy,
        user_id=user_id,
        conference_id=conference.id,
        before=before,
        after=snapshot(policy),
        commit=True,
    )
    return policy
