"""The public registration form: choosing a ticket, the form itself, and every bad input it must survive."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from conference.db_types import utcnow
from conference.events.models import ConferenceStatus
from conference.extensions import db
from conference.mail.models import OutboxMessage
from conference.registration import services
from conference.registration.models import (
    Answer,
    PaymentMethod,
    Question,
    QuestionKind,
    Registration,
    RegistrationPolicy,
    RegistrationStatus,
)
from tests import factories
from tests.conftest import submit

URL = "/c/aplc-2026/register"


def form_data(ticket, **overrides) -> dict:
    data = {
        "ticket_type": str(ticket.id),
        "honorific": "Dr",
        "given_name": "Mina",
        "family_name": "Park",
        "local_name": "박민아",
        "email": "mina@example.org",
        "organisation": "Suwon City",
        "position": "Director of Lifelong Learning",
        "city": "Suwon",
        "country": "KR",
        "category": "member_city",
        "phone": "010-1234-5678",
        "dietary_needs": "Vegetarian",
        "accessibility_needs": "",
        "interpretation_language": "ko",
        "privacy_consent": "y",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def registrations() -> list[Registration]:
    return list(db.session.scalars(select(Registration).order_by(Registration.id)))


def test_a_delegate_registers_for_a_free_ticket(client, conference):
    ticket = factories.make_ticket(conference, name="Member city delegate", price_minor=0)
    page = client.get(URL)
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "Member city delegate" in html and "Free" in html

    response = submit(client, URL, form_data(ticket))
    assert response.status_code == 302
    done = client.get(response.headers["Location"])
    text = done.get_data(as_text=True)
    assert "Thank you for registering" in text and "Your place is confirmed" in text

    (registration,) = registrations()
    assert registration.status == RegistrationStatus.CONFIRMED
    assert registration.phone == "+821012345678"  # E.164, read as a Korean number from the country
    assert registration.local_name == "박민아"
    assert registration.interpretation_language == "ko"
    assert registration.privacy_consent_at is not None and registration.privacy_notice_version == "1"
    assert registration.photo_consent is False
    assert registration.payment_method == PaymentMethod.FREE
    mail = db.session.scalar(select(OutboxMessage).where(OutboxMessage.recipient == "mina@example.org"))
    assert mail is not None


def test_the_privacy_notice_is_shown_rendered_and_consent_is_required(client, conference):
    ticket = factories.make_ticket(conference)
    db.session.add(
        RegistrationPolicy(conference_id=conference.id, privacy_notice="We keep **your data** safe.")
    )
    db.session.commit()
    assert "<strong>your data</strong>" in client.get(URL).get_data(as_text=True)
    response = submit(client, URL, form_data(ticket, privacy_consent=None))
    assert response.status_code == 200
    assert "You need to agree to the privacy notice to register." in response.get_data(as_text=True)
    assert registrations() == []


def test_a_paid_ticket_without_stripe_asks_for_an_invoice_payment(client, conference):
    ticket = factories.make_ticket(conference, name="Observer", price_minor=50000, currency="KRW")
    db.session.add(
        RegistrationPolicy(conference_id=conference.id, invoice_instructions="Transfer to **Bank 123**.")
    )
    db.session.commit()
    assert "₩50,000" in client.get(URL).get_data(as_text=True)
    response = submit(client, URL, form_data(ticket))
    text = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "is confirmed once the organisers receive your payment of ₩50,000" in text
    assert "<strong>Bank 123</strong>" in text
    (registration,) = registrations()
    assert registration.status == RegistrationStatus.PENDING_PAYMENT
    assert registration.payment_method == PaymentMethod.INVOICE


def test_a_paid_ticket_with_stripe_offers_pay_now(app, client, conference):
    app.config["STRIPE_SECRET_KEY"] = "sk_test_x"
    ticket = factories.make_ticket(conference, price_minor=50000, currency="KRW")
    response = submit(client, URL, form_data(ticket))
    text = client.get(response.headers["Location"]).get_data(as_text=True)
    (registration,) = registrations()
    assert registration.payment_method == PaymentMethod.STRIPE
    assert "Pay now" in text and "/pay" in text


def test_the_organisers_questions_are_asked_and_answered(client, conference):
    ticket = factories.make_ticket(conference)
    questions = [
        Question(
            conference_id=conference.id,
            label="Field visit?",
            kind=QuestionKind.SINGLE_CHOICE,
            options=["Suwon", "Incheon"],
            required=True,
            position=1,
        ),
        Question(
            conference_id=conference.id,
            label="Topics",
            kind=QuestionKind.MULTIPLE_CHOICE,
            options=["Policy", "Practice", "Research"],
            position=2,
        ),
        Question(conference_id=conference.id, label="Anything else", kind=QuestionKind.LONG_TEXT, position=3),
        Question(
            conference_id=conference.id,
            label="I will attend the dinner",
            kind=QuestionKind.CHECKBOX,
            position=4,
        ),
        Question(
            conference_id=conference.id,
            label="Your badge name",
            kind=QuestionKind.SHORT_TEXT,
            required=True,
            position=5,
        ),
        Question(conference_id=conference.id, label="Retired", kind=QuestionKind.SHORT_TEXT, active=False),
    ]
    db.session.add_all(questions)
    db.session.commit()
    html = client.get(URL).get_data(as_text=True)
    assert "Field visit?" in html and "Practice" in html and "Retired" not in html

    missing = submit(client, URL, form_data(ticket))
    assert missing.status_code == 200
    assert missing.get_data(as_text=True).count("Please answer this question.") == 2

    ids = {q.label: q.id for q in questions}
    data = form_data(ticket)
    data |= {
        f"question_{ids['Field visit?']}": "Incheon",
        f"question_{ids['Topics']}": ["Research", "Policy"],
        f"question_{ids['Anything else']}": "Looking forward.",
        f"question_{ids['Your badge name']}": "Mina",
    }
    assert submit(client, URL, data).status_code == 302
    answers = {a.question.label: a.value for a in db.session.scalars(select(Answer))}
    assert answers == {
        "Field visit?": "Incheon",
        "Topics": ["Policy", "Research"],
        "Anything else": "Looking forward.",
        "I will attend the dinner": False,
        "Your badge name": "Mina",
    }


def test_the_register_button_shows_only_while_tickets_are_on_sale(client, conference):
    assert "/register" not in client.get("/c/aplc-2026/").get_data(as_text=True)
    factories.make_ticket(conference, access_code="VIP")  # hidden: no public button for it
    assert "/register" not in client.get("/c/aplc-2026/").get_data(as_text=True)
    factories.make_ticket(conference, name="Delegate")
    assert 'href="/c/aplc-2026/register"' in client.get("/c/aplc-2026/").get_data(as_text=True)


# Bad input


def test_a_second_registration_with_the_same_email_offers_to_resend_the_link(client, conference):
    ticket = factories.make_ticket(conference)
    services.register(conference, ticket, factories.delegate("mina@example.org"))
    response = submit(client, URL, form_data(ticket, email="MINA@example.org", given_name="Mina 2"))
    assert response.status_code == 200
    text = response.get_data(as_text=True)
    assert "This e-mail address is already registered for the conference." in text
    assert 'form="resend-link"' in text and 'id="resend-link"' in text
    assert 'value="Mina 2"' in text  # what was typed is kept
    assert len(registrations()) == 1

    sent = submit(client, "/c/aplc-2026/registration/resend", {"email": "mina@example.org"}, form_url=URL)
    assert "If mina@example.org is registered" in sent.get_data(as_text=True)
    mail = db.session.scalars(
        select(OutboxMessage).where(OutboxMessage.recipient == "mina@example.org")
    ).all()
    assert len(mail) == 2  # the first registration's, then the link


def test_resending_answers_the_same_for_an_unknown_address(client, conference):
    factories.make_ticket(conference)
    response = submit(client, "/c/aplc-2026/registration/resend", {"email": "nobody@example.org"})
    assert response.status_code == 200
    assert "If nobody@example.org is registered" in response.get_data(as_text=True)
    assert db.session.scalar(select(OutboxMessage)) is None
    bad = submit(client, "/c/aplc-2026/registration/resend", {"email": "not an address"})
    assert bad.status_code == 400
    assert "Enter an e-mail address like name@example.org." in bad.get_data(as_text=True)


def test_a_closed_sales_window_is_explained(client, conference):
    now = utcnow()
    closed = factories.make_ticket(conference, name="Early bird", sales_end=now - timedelta(days=1))
    factories.make_ticket(conference, name="Later", sales_start=now + timedelta(days=3))
    page = client.get(URL).get_data(as_text=True)
    assert "No tickets are on sale at the moment" in page and "Early bird" not in page

    factories.make_ticket(conference, name="Standard")
    response = submit(client, URL, form_data(closed))
    assert response.status_code == 200
    assert "Sales for this ticket closed on" in response.get_data(as_text=True)
    assert registrations() == []


def test_a_sold_out_ticket_offers_the_waiting_list(client, conference):
    ticket = factories.make_ticket(conference, name="Delegate", capacity=1)
    services.register(conference, ticket, factories.delegate("first@example.org"))
    assert "Full – join the waiting list" in client.get(URL).get_data(as_text=True)
    response = submit(client, URL, form_data(ticket))
    text = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "You are on the waiting list" in text
    assert registrations()[-1].status == RegistrationStatus.WAITLISTED


def test_an_access_code_reveals_a_hidden_ticket_and_a_wrong_one_is_told(client, conference):
    factories.make_ticket(conference, name="Delegate")
    vip = factories.make_ticket(conference, name="Guest pass", access_code="SPEAK-2026")
    assert "Guest pass" not in client.get(URL).get_data(as_text=True)

    wrong = client.get(URL + "?code=nope").get_data(as_text=True)
    assert "This code does not unlock any ticket" in wrong and "Guest pass" not in wrong
    assert 'value="nope"' in wrong

    right = client.get(URL + "?code=speak-2026").get_data(as_text=True)
    assert "Guest pass" in right
    response = submit(client, URL + "?code=speak-2026", form_data(vip, access_code="speak-2026"))
    assert response.status_code == 302
    assert registrations()[0].ticket_type_id == vip.id

    # The hidden ticket posted without its code is refused with a message, not a 500.
    tampered = submit(client, URL, form_data(vip, email="other@example.org", access_code="guess"))
    assert tampered.status_code == 200
    assert "This code does not unlock the ticket you chose." in tampered.get_data(as_text=True)
    assert len(registrations()) == 1


def test_an_unpublished_conference_has_no_registration(client, conference):
    factories.make_ticket(conference)
    conference.status = ConferenceStatus.DRAFT
    db.session.commit()
    assert client.get(URL).status_code == 404
    assert client.get(URL + "/delegation").status_code == 404
    assert client.post("/c/aplc-2026/registration/resend").status_code in (400, 404)


def test_closed_registration_shows_a_clear_page(client, conference):
    ticket = factories.make_ticket(conference)
    db.session.add(RegistrationPolicy(conference_id=conference.id, open=False))
    db.session.commit()
    page = client.get(URL)
    assert "Registration is closed" in page.get_data(as_text=True)
    response = submit(client, URL, form_data(ticket), form_url="/login")
    assert "Registration is closed" in response.get_data(as_text=True)
    assert registrations() == []


def test_the_form_comes_back_with_everything_typed(client, conference):
    ticket = factories.make_ticket(conference)
    data = form_data(ticket, email="not-an-email", phone="12", photo_consent="y")
    response = submit(client, URL, data)
    assert response.status_code == 200
    text = response.get_data(as_text=True)
    assert "Enter an e-mail address like name@example.org." in text
    assert "Enter a phone number with its country code" in text
    typed = ("Mina", "Park", "박민아", "Suwon City", "Director of Lifelong Learning", "not-an-email")
    for value in typed:
        assert f'value="{value}"' in text
    assert "Vegetarian</textarea>" in text
    assert '<option selected value="KR">' in text
    assert '<option selected value="member_city">' in text
    assert f'value="{ticket.id}" checked' in text
    assert 'checked id="photo_consent"' in text
    assert 'checked id="privacy_consent"' in text
    assert registrations() == []


def test_hostile_input_never_breaks_the_form(client, conference):
    ticket = factories.make_ticket(conference)
    hostile = "<script>alert(1)</script>"
    data = form_data(
        ticket,
        given_name=hostile,
        family_name="x" * 5000,
        organisation="\u202eevil\u0000",
        country="XX",
        category="emperor",
        interpretation_language="klingon",
        ticket_type="99999999999999999999",
        phone="+" + "9" * 100,
    )
    response = submit(client, URL, data)
    assert response.status_code == 200
    text = response.get_data(as_text=True)
    assert hostile not in text and "&lt;script&gt;" in text
    assert "Use at most 100 characters." in text
    assert "Choose a country from the list." in text
    assert registrations() == []
    for weird in ("?code=" + "x" * 500, "?ticket=abc", "?code=%00"):
        assert client.get(URL + weird).status_code == 200
    assert submit(client, URL, form_data(ticket, ticket_type="abc")).status_code == 200


def test_a_logged_in_user_is_linked_to_the_registration(client, auth, conference):
    user = factories.make_user("mina@example.org")
    auth.login("mina@example.org")
    ticket = factories.make_ticket(conference)
    submit(client, URL, form_data(ticket))
    assert registrations()[0].user_id == user.id


def test_resending_links_is_rate_limited(client, conference):
    factories.make_ticket(conference)
    url, data = "/c/aplc-2026/registration/resend", {"email": "x@example.org"}
    for _ in range(10):
        assert submit(client, url, data).status_code == 200
    assert submit(client, url, data).status_code == 429


def test_the_form_works_in_korean(client, conference):
    ticket = factories.make_ticket(conference, price_minor=50000)
    client.get("/lang/ko")
    page = client.get(URL)
    assert page.status_code == 200
    assert '<html lang="ko">' in page.get_data(as_text=True)
    response = submit(client, URL, form_data(ticket))
    assert response.status_code == 302
    assert registrations()[0].language == "ko"
    assert client.get(response.headers["Location"]).status_code == 200
