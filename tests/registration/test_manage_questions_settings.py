"""Organisers add their own questions to the registration form and set the registration policy."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from conference.extensions import db
from conference.registration import services
from conference.registration.models import Question, QuestionKind, RegistrationPolicy
from tests import factories
from tests.conftest import submit

QUESTIONS = "/c/aplc-2026/manage/questions/"
SETTINGS = "/c/aplc-2026/manage/registration-settings"
QUESTION = {"label": "Which field visits?", "help_text": "", "kind": "multiple_choice", "position": "0"}
POLICY = {
    "open": "y",
    "privacy_notice": "We keep your data **safe**.",
    "privacy_notice_version": "2026-1",
    "refund_percent": "50",
    "refund_deadline": "2026-11-30",
    "payment_hold_minutes": "45",
    "offer_hours": "24",
    "invoice_instructions": "Pay to account 123.",
}


def test_create_and_edit_a_choice_question(client, conference, signed_in):
    data = QUESTION | {
        "options_text": "Museum\r\n\r\n Library \r\nMuseum\r\nPark",
        "required": "y",
        "active": "y",
    }
    html = submit(client, f"{QUESTIONS}new", data, follow_redirects=True).get_data(as_text=True)
    assert "The question “Which field visits?” was saved." in html
    assert "Museum · Library · Park" in html and "Multiple choice" in html
    question = db.session.scalar(select(Question))
    assert question.options == ["Museum", "Library", "Park"]
    assert (question.kind, question.required, question.active) == (QuestionKind.MULTIPLE_CHOICE, True, True)

    edit = f"{QUESTIONS}{question.id}"
    assert "Museum\nLibrary\nPark" in client.get(edit).get_data(as_text=True)
    submit(
        client,
        edit,
        QUESTION | {"kind": "short_text", "options_text": "ignored\nlines", "label": "Your hotel"},
    )
    db.session.expire_all()
    question = db.session.get(Question, question.id)
    assert (question.label, question.kind, question.options, question.required) == (
        "Your hotel",
        QuestionKind.SHORT_TEXT,
        [],
        False,
    )


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"label": ""}, "label", "This field is required."),
        ({"label": "x" * 301}, "label", "Field cannot be longer than 300 characters."),
        ({"kind": "single_choice", "options_text": ""}, "options_text", "Give at least two options"),
        (
            {"kind": "multiple_choice", "options_text": "Only one"},
            "options_text",
            "Give at least two options",
        ),
        ({"options_text": "\n".join(f"o{n}" for n in range(51))}, "options_text", "Give at most 50 options."),
        ({"options_text": "a\n" + "b" * 201}, "options_text", "at most 200 characters"),
        ({"kind": "essay"}, "kind", "Choose one of the options in the list."),
        ({"position": "-3"}, "position", "Number must be between 0 and 10000."),
    ],
)
def test_bad_question_input_is_refused(client, conference, signed_in, changes, field, message):
    data = QUESTION | {"options_text": "Museum\nLibrary"} | changes
    response = submit(client, f"{QUESTIONS}new", data)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert message in html and f'id="{field}-error"' in html
    if "label" not in changes:
        assert 'value="Which field visits?"' in html
    assert db.session.scalar(select(Question)) is None


def test_an_answered_question_is_deactivated_not_deleted(client, conference, signed_in):
    ticket = factories.make_ticket(conference)
    answered = Question(conference_id=conference.id, label="Hotel", kind=QuestionKind.SHORT_TEXT)
    unanswered = Question(conference_id=conference.id, label="Shirt size", kind=QuestionKind.SHORT_TEXT)
    db.session.add_all([answered, unanswered])
    db.session.commit()
    answered_id, unanswered_id = answered.id, unanswered.id
    services.register(conference, ticket, factories.delegate(answers={answered_id: "Lotte"}))
    confirm = client.get(f"{QUESTIONS}{answered_id}/delete").get_data(as_text=True)
    assert "Deactivate the question “Hotel”?" in confirm and "One delegate answered it" in confirm
    html = submit(client, f"{QUESTIONS}{answered_id}/delete", follow_redirects=True).get_data(as_text=True)
    assert "The question “Hotel” was deactivated." in html
    html = submit(client, f"{QUESTIONS}{unanswered_id}/delete", follow_redirects=True).get_data(as_text=True)
    assert "The question “Shirt size” was deleted." in html
    db.session.expire_all()
    assert db.session.get(Question, answered_id).active is False
    assert db.session.get(Question, unanswered_id) is None


def test_the_settings_form_saves_the_policy(client, conference, signed_in):
    page = client.get(SETTINGS).get_data(as_text=True)
    assert 'value="30"' in page and 'value="48"' in page  # the defaults
    html = submit(client, SETTINGS, POLICY, follow_redirects=True).get_data(as_text=True)
    assert "The registration settings were saved." in html
    policy = db.session.get(RegistrationPolicy, conference.id)
    assert policy.open is True and policy.privacy_notice_version == "2026-1"
    assert (policy.refund_percent, policy.refund_deadline) == (50, date(2026, 11, 30))
    assert (policy.payment_hold_minutes, policy.offer_hours) == (45, 24)
    assert policy.invoice_instructions == "Pay to account 123."
    unticked = {k: v for k, v in POLICY.items() if k != "open"}  # a browser sends no unticked box
    submit(client, SETTINGS, unticked | {"refund_deadline": ""})
    db.session.expire_all()
    policy = db.session.get(RegistrationPolicy, conference.id)
    assert policy.open is False and policy.refund_deadline is None


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"refund_percent": "101"}, "refund_percent", "Number must be between 0 and 100."),
        ({"refund_percent": "-1"}, "refund_percent", "Number must be between 0 and 100."),
        ({"refund_percent": ""}, "refund_percent", "This field is required."),
        ({"refund_deadline": "30/11/2026"}, "refund_deadline", "Not a valid date value."),
        ({"payment_hold_minutes": "2"}, "payment_hold_minutes", "Number must be between 5 and 10080."),
        ({"offer_hours": "lots"}, "offer_hours", "Not a valid integer value."),
        ({"privacy_notice_version": ""}, "privacy_notice_version", "This field is required."),
        ({"privacy_notice_version": "v" * 33}, "privacy_notice_version", "cannot be longer than 32"),
    ],
)
def test_bad_settings_are_refused(client, conference, signed_in, changes, field, message):
    response = submit(client, SETTINGS, POLICY | changes)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert message in html and f'id="{field}-error"' in html
    assert "Pay to account 123." in html  # what was typed is kept
    for value in changes.values():
        if value:
            assert value in html
    policy = db.session.get(RegistrationPolicy, conference.id)
    assert policy is None or policy.refund_percent == 100
