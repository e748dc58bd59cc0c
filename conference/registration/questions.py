"""The organiser's own questions on the registration form: WTForms fields in, JSON answers out."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, Field, RadioField, StringField, TextAreaField
from wtforms.fields import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from conference.core.forms import CHOOSE_FROM_LIST, checkboxes, strip
from conference.registration.models import Question, QuestionKind, Registration

SHORT_ANSWER_MAX = 500
LONG_ANSWER_MAX = 5_000
ANSWER_REQUIRED = _l("Please answer this question.")
TOO_LONG = _l("Use at most %(max)d characters.")


def field_name(question: Question) -> str:
    return f"question_{question.id}"


def question_field(question: Question, *, enforce_required: bool = True):
    """The unbound form field for one question (organisers adding walk-ins may skip required ones)."""
    required = question.required and enforce_required
    label, hint = question.label, question.help_text
    options = [SelectChoice(option, option) for option in question.options or []]
    if question.kind == QuestionKind.CHECKBOX:
        # A required checkbox is a statement the delegate must tick ("I will attend the field visit").
        return BooleanField(
            label, description=hint, validators=[DataRequired(ANSWER_REQUIRED)] if required else []
        )
    if question.kind == QuestionKind.SINGLE_CHOICE:
        return RadioField(
            label,
            description=hint,
            choices=options,
            validators=[InputRequired(ANSWER_REQUIRED)] if required else [Optional()],
            invalid_choice_message=CHOOSE_FROM_LIST,
        )
    if question.kind == QuestionKind.MULTIPLE_CHOICE:
        return checkboxes(
            label,
            description=hint,
            choices=options,
            validators=[DataRequired(ANSWER_REQUIRED)] if required else [],
        )
    longest = LONG_ANSWER_MAX if question.kind == QuestionKind.LONG_TEXT else SHORT_ANSWER_MAX
    validators = [DataRequired(ANSWER_REQUIRED)] if required else []
    validators.append(Length(max=longest, message=TOO_LONG))
    field_class = TextAreaField if question.kind == QuestionKind.LONG_TEXT else StringField
    return field_class(label, description=hint, filters=[strip], validators=validators)


def question_fields(questions: list[Question], *, enforce_required: bool = True) -> dict[str, Any]:
    """Field name → unbound field, to add to a form class with `type(...)`."""
    return {field_name(q): question_field(q, enforce_required=enforce_required) for q in questions}


def answers_from(form, questions: list[Question]) -> dict[int, Any]:
    """Question id → JSON value (text, list of options, bool); unanswered questions are left out."""
    answers: dict[int, Any] = {}
    for question in questions:
        field: Field = form[field_name(question)]
        value = field.data
        if question.kind == QuestionKind.CHECKBOX:
            answers[question.id] = bool(value)
        elif question.kind == QuestionKind.MULTIPLE_CHOICE:
            if value:
                answers[question.id] = [option for option in question.options if option in value]
        elif value:
            answers[question.id] = value
    return answers


def form_data_from(registration: Registration) -> dict[str, Any]:
    """The stored answers as form data, to fill the fields when a delegate edits them."""
    return {field_name(answer.question): answer.value for answer in registration.answers}


def answer_text(question: Question, value: Any) -> str:
    """An answer as a delegate reads it back."""
    if question.kind == QuestionKind.CHECKBOX:
        return str(_l("Yes")) if value else str(_l("No"))
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return "" if value is None else str(value)
