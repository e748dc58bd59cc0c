"""'My registration': the signed link, details and answers, editing, cancelling, waitlist offers, payment."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select

from conference.audit.models import AuditEntry
from conference.db_types import utcnow
from conference.extensions import db
from conference.mail.models import OutboxMessage
from conference.payments import services as payments
from conference.registration import services
from conference.registration.links.tokens import make_token
from conference.registration.models import (
    Question,
    QuestionKind,
    RegistrationPolicy,
    RegistrationStatus,
)
from tests import factories
from tests.conftest import submit


def link(registration) -> str:
    return f"/c/{registration.conference.slug}/registration/{make_token(registration)}"


def paid_registration(conference, **policy):
    db.session.add(RegistrationPolicy(conference_id=conference.id, **policy))
    db.session.commit()
    ticket = factories.make_ticket(conference, name="Observer", price_minor=50000, currency="KRW")
    registration = services.register(conference, ticket, factories.delegate())
    payments.record_manual_payment(registration, 50000, actor_id=None, note="INV-1")
    db.session.refresh(registration)
    return registration


def test_the_link_shows_details_ticket_amounts_and_answers(client, conference):
    question = Question(conference_id=conference.id, label="Field visit?", kind=QuestionKind.SHORT_TEXT)
    db.session.add(question)
    db.session.commit()
    ticket = factories.make_ticket(conference, name="Member city delegate")
    registration = services.register(
        conference,
        ticket,
        factories.delegate(organisation="Suwon City", phone="+821012345678", answers={question.id: "Suwon"}),
    )
    page = client.get(link(registration))
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    for expected in ("Mina Park", registration.reference, "Member city delegate", "Confirmed", "Suwon City"):
        assert expected in text
    assert "Field visit?" in text and "Suwon" in text and "+821012345678" in text


def test_payments_and_receipts_are_listed(client, conference):
    registration = paid_registration(conference)
    text = client.get(link(registration)).get_data(as_text=True)
    assert registration.status == RegistrationStatus.CONFIRMED
    assert "₩50,000" in text and "Payments and receipts" in text
    assert registration.payments[0].receipt_number in text


def test_pending_payment_by_invoice_shows_the_instructions(client, conference):
    db.session.add(RegistrationPolicy(conference_id=conference.id, invoice_instructions="Pay to *Bank 1*"))
    db.session.commit()
    ticket = factories.make_ticket(conference, price_minor=120000)
    registration = services.register(conference, ticket, factories.delegate())
    text = client.get(link(registration)).get_data(as_text=True)
    assert "<em>Bank 1</em>" in text and "₩120,000" in text and "Pay now" not in text


def test_pending_payment_by_card_links_to_pay_now(client, conference):
    ticket = factories.make_ticket(conference, price_minor=120000)
    registration = services.register(conference, ticket, factories.delegate(), online_payments=True)
    text = client.get(link(registration)).get_data(as_text=True)
    assert "Pay now" in text
    assert 'href="/c/aplc-2026/registration/' in text and '/pay"' in text


def test_a_tampered_link_is_a_broken_link_page(client, conference):
    registration = services.register(conference, factories.make_ticket(conference), factories.delegate())
    url = link(registration)
    response = client.get(url[:-3] + ("aaa" if not url.endswith("aaa") else "bbb"))
    assert response.status_code == 404
    assert "This link is broken" in response.get_data(as_text=True)
    assert client.get("/c/aplc-2026/registration/not-a-token").status_code == 404
    assert client.get(url + "/edit").status_code == 200
    assert client.get(url[:-2] + "xx/cancel").status_code == 404


def test_a_link_for_another_conference_is_broken(client, conference):
    other = factories.make_conference("other-2027", title="Other")
    registration = services.register(other, factories.make_ticket(other), factories.delegate())
    response = client.get(f"/c/aplc-2026/registration/{make_token(registration)}")
    assert response.status_code == 404


def test_a_revoked_link_is_broken(client, conference):
    registration = services.register(conference, factories.make_ticket(conference), factories.delegate())
    url = link(registration)
    registration.link_version += 1
    db.session.commit()
    assert client.get(url).status_code == 404


def test_an_expired_link_offers_to_send_a_new_one(app, client, conference):
    registration = services.register(conference, factories.make_ticket(conference), factories.delegate())
    url = link(registration)
    app.config["REGISTRATION_LINK_MAX_AGE"] = -1
    response = client.get(url)
    assert response.status_code == 410
    text = response.get_data(as_text=True)
    assert "This link has expired" in text and 'name="email"' in text
    app.config["REGISTRATION_LINK_MAX_AGE"] = 3600
    sent = submit(client, "/c/aplc-2026/registration/resend", {"email": "mina@example.org"})
    assert "If mina@example.org is registered" in sent.get_data(as_text=True)
    newest = db.session.scalars(select(OutboxMessage).order_by(OutboxMessage.id.desc())).first()
    assert newest.recipient == "mina@example.org"
    assert "/c/aplc-2026/registration/" in newest.body_text


def test_editing_details_and_answers_is_saved_and_audited(client, conference):
    question = Question(
        conference_id=conference.id,
        label="Topics",
        kind=QuestionKind.MULTIPLE_CHOICE,
        options=["Policy", "Practice"],
        required=True,
    )
    db.session.add(question)
    db.session.commit()
    registration = services.register(
        conference,
        factories.make_ticket(conference),
        factories.delegate(
            organisation="Suwon", city="Suwon", category="member_city", answers={question.id: ["Policy"]}
        ),
    )
    url = link(registration) + "/edit"
    page = client.get(url).get_data(as_text=True)
    assert 'value="Suwon"' in page and 'checked id="question_' in page

    data = {
        "given_name": "Mina",
        "family_name": "Park-Kim",
        "organisation": "Suwon City Hall",
        "city": "Suwon",
        "country": "KR",
        "category": "member_city",
        "phone": "+82 31 228 2114",
        "interpretation_language": "en",
        f"question_{question.id}": ["Practice"],
        "email": "attacker@example.org",  # not a field of this form: ignored
    }
    response = submit(client, url, data)
    assert response.status_code == 302
    db.session.refresh(registration)
    assert registration.family_name == "Park-Kim"
    assert registration.organisation == "Suwon City Hall"
    assert registration.phone == "+82312282114"
    assert registration.email == "mina@example.org"
    assert [a.value for a in registration.answers] == [["Practice"]]
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "registration.updated"))
    assert entry.before["family_name"] == "Park" and entry.after["family_name"] == "Park-Kim"
    assert entry.after["answers"] == {str(question.id): ["Practice"]}
    assert "Your changes are saved." in client.get(response.headers["Location"]).get_data(as_text=True)


def test_editing_with_bad_input_keeps_what_was_typed(client, conference):
    registration = services.register(conference, factories.make_ticket(conference), factories.delegate())
    url = link(registration) + "/edit"
    response = submit(
        client,
        url,
        {
            "given_name": "",
            "family_name": "<b>Park</b>",
            "organisation": "o" * 300,
            "city": "Seoul",
            "country": "ZZ",
            "category": "member_city",
            "phone": "not a phone",
        },
    )
    assert response.status_code == 200
    text = response.get_data(as_text=True)
    assert "This field is required." in text
    assert "Use at most 200 characters." in text
    assert "Choose a country from the list." in text
    assert "Enter a phone number with its country code" in text
    assert 'value="&lt;b&gt;Park&lt;/b&gt;"' in text and 'value="not a phone"' in text
    db.session.refresh(registration)
    assert registration.family_name == "Park"


def test_cancelling_shows_the_refund_policy_then_refunds_and_frees_the_place(client, conference):
    registration = paid_registration(conference, refund_percent=50, refund_deadline=date(2099, 1, 1))
    registration.ticket_type.capacity = 1
    db.session.commit()
    waiting = services.register(conference, registration.ticket_type, factories.delegate("b@example.org"))
    assert waiting.status == RegistrationStatus.WAITLISTED
    url = link(registration) + "/cancel"
    page = client.get(url).get_data(as_text=True)
    assert "refund 50% of what was paid for cancellations until" in page
    assert "If you cancel now, ₩25,000 is refunded" in page

    response = submit(client, url)
    assert response.status_code == 302
    db.session.refresh(registration)
    assert registration.status == RegistrationStatus.CANCELLED
    assert registration.amount_refunded_minor == 25000
    assert "Your registration is cancelled." in client.get(response.headers["Location"]).get_data(
        as_text=True
    )
    db.session.refresh(waiting)
    assert waiting.status == RegistrationStatus.OFFERED
    # Cancelling twice is harmless.
    again = client.get(url)
    assert again.status_code == 302


def test_after_the_refund_deadline_nothing_is_refunded(client, conference):
    registration = paid_registration(conference, refund_percent=100, refund_deadline=date(2000, 1, 1))
    page = client.get(link(registration) + "/cancel").get_data(as_text=True)
    assert "If you cancel now, nothing is refunded." in page
    submit(client, link(registration) + "/cancel")
    db.session.refresh(registration)
    assert registration.status == RegistrationStatus.CANCELLED
    assert registration.amount_refunded_minor == 0


def test_a_full_refund_ends_the_registration_as_refunded(client, conference):
    registration = paid_registration(conference)
    submit(client, link(registration) + "/cancel")
    db.session.refresh(registration)
    assert registration.status == RegistrationStatus.REFUNDED
    assert registration.amount_refunded_minor == 50000


def test_a_waitlisted_delegate_accepts_an_offer(client, conference):
    ticket = factories.make_ticket(conference, capacity=1)
    holder = services.register(conference, ticket, factories.delegate("a@example.org"))
    waiting = services.register(conference, ticket, factories.delegate("b@example.org"))
    assert "Accept the place" not in client.get(link(waiting)).get_data(as_text=True)
    services.cancel(holder, actor_id=None)
    db.session.refresh(waiting)
    page = client.get(link(waiting)).get_data(as_text=True)
    assert waiting.status == RegistrationStatus.OFFERED and "Accept the place" in page
    response = submit(client, link(waiting) + "/accept", form_url=link(waiting))
    assert "The place is yours." in client.get(response.headers["Location"]).get_data(as_text=True)
    db.session.refresh(waiting)
    assert waiting.status == RegistrationStatus.CONFIRMED


def test_an_expired_offer_cannot_be_accepted(client, conference):
    ticket = factories.make_ticket(conference, capacity=1)
    holder = services.register(conference, ticket, factories.delegate("a@example.org"))
    waiting = services.register(conference, ticket, factories.delegate("b@example.org"))
    services.cancel(holder, actor_id=None)
    db.session.refresh(waiting)
    waiting.hold_expires_at = utcnow() - timedelta(minutes=1)
    db.session.commit()
    assert "Accept the place" not in client.get(link(waiting)).get_data(as_text=True)
    response = submit(client, link(waiting) + "/accept", form_url="/login")
    text = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "This offer is no longer open" in text


def test_an_ended_registration_cannot_be_edited(client, conference):
    registration = services.register(conference, factories.make_ticket(conference), factories.delegate())
    services.cancel(registration, actor_id=None)
    response = client.get(link(registration) + "/edit")
    assert response.status_code == 302
    text = client.get(link(registration)).get_data(as_text=True)
    assert "can no longer be changed" in text and "Cancel my registration" not in text


def test_stored_html_is_shown_as_text(client, conference):
    registration = services.register(
        conference,
        factories.make_ticket(conference),
        factories.delegate(given_name="<img src=x onerror=alert(1)>", dietary_needs="<script>x</script>"),
    )
    text = client.get(link(registration)).get_data(as_text=True)
    assert "<script>x</script>" not in text and "<img src=x" not in text
    assert "&lt;script&gt;x&lt;/script&gt;" in text
