"""What organisers change in registration: ticket types, custom questions, the policy, decisions in bulk."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

from sqlalchemy import func, select

from conference.audit.services import record, snapshot
from conference.core.changes import delete, save
from conference.db_types import utcnow
from conference.events.models import Conference
from conference.extensions import db
from conference.registration import emails, services
from conference.registration.models import (
    Answer,
    Question,
    Registration,
    RegistrationPolicy,
    TicketType,
)
from conference.registration.policy import policy_for


def ticket_in(conference: Conference, ticket_id: int) -> TicketType | None:
    return db.session.scalar(
        select(TicketType).where(TicketType.id == ticket_id, TicketType.conference_id == conference.id)
    )


def question_in(conference: Conference, question_id: int) -> Question | None:
    return db.session.scalar(
        select(Question).where(Question.id == question_id, Question.conference_id == conference.id)
    )


def registration_in(conference: Conference, registration_id: int) -> Registration | None:
    return db.session.scalar(
        select(Registration).where(
            Registration.id == registration_id, Registration.conference_id == conference.id
        )
    )


def ticket_types(conference: Conference) -> list[TicketType]:
    query = (
        select(TicketType)
        .where(TicketType.conference_id == conference.id)
        .order_by(TicketType.position, TicketType.id)
    )
    return list(db.session.scalars(query))


def questions(conference: Conference, *, active_only: bool = False) -> list[Question]:
    query = select(Question).where(Question.conference_id == conference.id)
    if active_only:
        query = query.where(Question.active.is_(True))
    return list(db.session.scalars(query.order_by(Question.position, Question.id)))


def registrations_for_ticket(ticket: TicketType) -> int:
    return db.session.scalar(
        select(func.count()).select_from(Registration).where(Registration.ticket_type_id == ticket.id)
    )


def answers_to(question: Question) -> int:
    return db.session.scalar(
        select(func.count()).select_from(Answer).where(Answer.question_id == question.id)
    )


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
    if registrations_for_ticket(ticket):
        if ticket.active:
            save(
                ticket,
                {"active": False},
                action="ticket_type.deactivated",
                user_id=user_id,
                conference_id=ticket.conference_id,
            )
        return False
    delete(ticket, action="ticket_type.deleted", user_id=user_id, conference_id=ticket.conference_id)
    return True


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
    if answers_to(question):
        if question.active:
            save(
                question,
                {"active": False},
                action="question.deactivated",
                user_id=user_id,
                conference_id=question.conference_id,
            )
        return False
    delete(question, action="question.deleted", user_id=user_id, conference_id=question.conference_id)
    return True


def save_policy(conference: Conference, values: dict, *, user_id: int) -> RegistrationPolicy:
    """Change the conference's policy, audited (`core.operations.save` needs an `id`; this has none)."""
    policy = policy_for(conference)
    before = snapshot(policy)
    for key, value in values.items():
        setattr(policy, key, value)
    db.session.flush()
    record(
        "registration_policy.updated",
        policy,
        user_id=user_id,
        conference_id=conference.id,
        before=before,
        after=snapshot(policy),
    )
    db.session.commit()
    return policy


def resend_link(registration: Registration, *, user_id: int) -> None:
    """E-mail the delegate their "my registration" link again, and note it in the history."""
    record("registration.link_sent", registration, user_id=user_id, conference_id=registration.conference_id)
    db.session.commit()
    emails.send(registration, "link")


class Decision(enum.StrEnum):
    APPROVE = "approve"
    REJECT = "reject"


@dataclass
class BulkOutcome:
    done: list[Registration] = field(default_factory=list)
    failed: list[tuple[Registration | int, str]] = field(default_factory=list)  # row (or unknown id), why


def decide(
    conference: Conference, registration_ids: list[int], decision: Decision, *, actor_id: int
) -> BulkOutcome:
    """Approve or reject each registration in turn; one that cannot be decided does not stop the others."""
    outcome = BulkOutcome()
    action = services.approve if decision == Decision.APPROVE else services.reject
    for registration_id in dict.fromkeys(registration_ids):
        registration = registration_in(conference, registration_id)
        if registration is None:
            outcome.failed.append((registration_id, "not_found"))
            continue
        try:
            action(registration, actor_id=actor_id)
        except services.RegistrationError as exc:
            db.session.rollback()
            outcome.failed.append((registration, str(exc)))
        else:
            outcome.done.append(registration)
    return outcome
