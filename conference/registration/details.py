"""A delegate's details: what the forms hand to the services, and changing them after registering."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from conference.accounts.models import normalise_email
from conference.audit.services import snapshot
from conference.core.changes import note
from conference.extensions import db
from conference.registration.models import Answer, DelegateCategory, Registration


@dataclass
class DelegateDetails:
    given_name: str
    email: str
    family_name: str = ""
    honorific: str = ""
    local_name: str = ""
    organisation: str = ""
    position: str = ""
    city: str = ""
    country: str = ""
    category: DelegateCategory = DelegateCategory.OTHER
    phone: str = ""
    dietary_needs: str = ""
    accessibility_needs: str = ""
    interpretation_language: str = ""
    photo_consent: bool = False
    privacy_consent: bool = False
    answers: dict[int, Any] = field(default_factory=dict)  # question id → value

    def columns(self) -> dict[str, Any]:
        values = {k: v for k, v in self.__dict__.items() if k not in ("privacy_consent", "answers")}
        values["email"] = normalise_email(self.email)
        return values


def update_details(
    registration: Registration, details: DelegateDetails, *, asked: set[int], actor_id: int | None
) -> Registration:
    """A delegate (or organiser) changes the details and the answers to the questions `asked`.

    The e-mail address stays: the registration's links go to it, and it is what makes it unique.
    """

    def answer_values() -> dict[str, Any]:
        return {str(a.question_id): a.value for a in registration.answers}

    before = snapshot(registration) | {"answers": answer_values()}
    for name, value in details.columns().items():
        if name != "email":
            setattr(registration, name, value)
    stored = {answer.question_id: answer for answer in registration.answers}
    for question_id in asked:
        answer = stored.get(question_id)
        if question_id not in details.answers:
            if answer is not None:
                registration.answers.remove(answer)
        elif answer is None:
            registration.answers.append(Answer(question_id=question_id, value=details.answers[question_id]))
        else:
            answer.value = details.answers[question_id]
    db.session.flush()
    # Not `audited`: the answers are kept in the entry beside the columns.
    note(
        "registration.updated",
        registration,
        user_id=actor_id,
        conference_id=registration.conference_id,
        before=before,
        after=snapshot(registration) | {"answers": answer_values()},
        commit=True,
    )
    return registration
