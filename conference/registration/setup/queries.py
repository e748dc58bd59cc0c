"""What the setup pages count before they delete: a ticket's registrations, a question's answers."""

from __future__ import annotations

from sqlalchemy import func, select

from conference.extensions import db
from conference.registration.models import Answer, Question, Registration, TicketType


def registrations_for_ticket(ticket: TicketType) -> int:
    return db.session.scalar(
        select(func.count()).select_from(Registration).where(Registration.ticket_type_id == ticket.id)
    )


def answers_to(question: Question) -> int:
    return db.session.scalar(
        select(func.count()).select_from(Answer).where(Answer.question_id == question.id)
    )
