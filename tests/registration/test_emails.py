"""What a delegate receives at each step: subject, text, HTML and the .ics, as the outbox holds them."""

from __future__ import annotations

import re
import socket
from datetime import UTC, date, datetime, timedelta
from email import message_from_bytes, policy

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.handlers import Sink
from icalendar import Calendar
from sqlalchemy import select

from conference.db_types import utcnow
from conference.extensions import db
from conference.mail.models import MessageStatus, OutboxMessage
from conference.payments.models import Payment, PaymentProvider, PaymentStatus, Refund
from conference.registration import emails, services
from conference.registration.links.tokens import registration_from_token
from conference.registration.models import PaymentMethod, Registration, RegistrationStatus
from conference.registration.policy import policy_for
from conference.registration.waitlist import release_and_offer
from tests import factories


def spaced(text: str) -> str:
    """Babel writes thin and narrow no-break spaces in dates and times; compare them as plain spaces."""
    return re.sub(r"[\u2009\u202f\xa0]", " ", text)


def outbox(to: str) -> list[OutboxMessage]:
    db.session.expire_all()
    query = select(OutboxMessage).where(OutboxMessage.recipient == to).order_by(OutboxMessage.id)
    return list(db.session.scalars(query))


def last_mail(to: str) -> OutboxMessage:
    messages = outbox(to)
    assert messages, f"no e-mail to {to}"
    return messages[-1]


def html_text(message: OutboxMessage) -> str:
    """The HTML part as a reader sees it: tags dropped, entities decoded, spaces collapsed."""
    import html

    return " ".join(spaced(html.unescape(re.sub(r"<[^>]+>", " ", message.body_html))).split())


def calendar_of(message: OutboxMessage) -> Calendar:
    [attachment] = message.attachments
    assert attachment["filename"].endswith(".ics")
    assert attachment["content_type"].startswith("text/calendar")
    return Calendar.from_ical(attachment["content"])


def the_event(message: OutboxMessage):
    [event] = calendar_of(message).walk("VEVENT")
    return event


def link_in(text: str) -> str:
    match = re.search(r"http://localhost(/c/[^/\s]+/registration/\S+)", text)
    assert match, text
    return match.group(1)


def register(conference, ticket, email="mina@example.org", **kwargs) -> Registration:
    details_keys = {"given_name", "family_name", "local_name", "honorific", "organisation", "city", "country"}
    details = {k: kwargs.pop(k) for k in list(kwargs) if k in details_keys}
    return services.register(conference, ticket, factories.delegate(email, **details), **kwargs)


@pytest.fixture
def free_ticket(conference):
    return factories.make_ticket(conference, "Member-city delegate", price_minor=0)


@pytest.fixture
def paid_ticket(conference):
    return factories.make_ticket(conference, "Observer", price_minor=150000, currency="KRW")


@pytest.fixture
def payment_page(app):
    """The card payment page's route (payments.pay), standing in when payments are not mounted."""
    if "payments.pay" not in app.view_functions:
        app.add_url_rule("/c/<slug>/pay/<token>", "payments.pay", lambda slug, token: "pay")


def test_confirmation_has_the_details_the_link_and_the_conference_as_an_all_day_event(
    app, client, conference, free_ticket
):
    registration = register(conference, free_ticket, honorific="Dr")
    message = last_mail("mina@example.org")

    assert message.subject == "Your registration for APLC 2026 is confirmed"
    assert message.language == "en"
    text = spaced(message.body_text)
    assert text.startswith("Dear Dr Mina Park,")
    for expected in (
        "Your registration for APLC Founding Assembly is confirmed.",
        "Dates: Dec 10 – 11, 2026",
        "Venue: Seodaemun-gu Office, Seoul, South Korea",
        "Ticket: Member-city delegate",
        f"Reference: {registration.reference}",
        "Questions? Write to info@example.org.",
    ):
        assert expected in text
    page = client.get(link_in(text))
    assert page.status_code == 200
    assert registration.reference in page.get_data(as_text=True)

    shown = html_text(message)
    assert "Your registration for APLC Founding Assembly is confirmed." in shown
    assert f"Reference {registration.reference}" in shown
    assert '<html lang="en">' in message.body_html
    assert f'href="http://localhost{link_in(text)}"' in message.body_html
    assert '<th scope="row"' in message.body_html

    event = the_event(message)
    assert event.decoded("dtstart") == date(2026, 12, 10)
    assert event.decoded("dtend") == date(2026, 12, 12)  # exclusive: the event covers the 10th and 11th
    assert str(event["summary"]) == "APLC Founding Assembly"
    assert str(event["location"]) == "Seodaemun-gu Office, Seoul, South Korea"
    assert str(event["url"]) == "http://localhost/c/aplc-2026/"
    assert str(calendar_of(message)["x-wr-timezone"]) == "Asia/Seoul"


def test_the_event_uid_is_the_same_in_every_confirmation_for_a_conference(app, conference, free_ticket):
    register(conference, free_ticket, "a@example.org")
    register(conference, free_ticket, "b@example.org")
    uids = {str(the_event(last_mail(to))["uid"]) for to in ("a@example.org", "b@example.org")}
    assert uids == {f"conference-{conference.id}-aplc-2026@localhost"}


def test_with_published_sessions_the_event_spans_the_programme_in_the_conference_zone(
    app, conference, free_ticket
):
    factories.make_session(conference, "Opening", starts_at=datetime(2026, 12, 10, 0, 30, tzinfo=UTC))
    factories.make_session(
        conference, "Closing", starts_at=datetime(2026, 12, 11, 7, 0, tzinfo=UTC), minutes=90
    )
    register(conference, free_ticket)
    message = last_mail("mina@example.org")
    event = the_event(message)
    start, end = event.decoded("dtstart"), event.decoded("dtend")
    assert (start.isoformat(), end.isoformat()) == ("2026-12-10T09:30:00+09:00", "2026-12-11T17:30:00+09:00")
    assert event["dtstart"].params["TZID"] == "Asia/Seoul"
    assert "BEGIN:VTIMEZONE" in message.attachments[0]["content"]


def test_a_korean_delegate_gets_korean_dates_and_amounts_and_a_korean_html_page(app, conference, paid_ticket):
    register(conference, paid_ticket, language="ko")
    message = last_mail("mina@example.org")
    assert message.language == "ko"
    assert '<html lang="ko">' in message.body_html
    assert "2026년 12월 10일~11일" in spaced(message.body_text)
    assert "₩150,000" in spaced(message.body_text)
    assert "대한민국" in spaced(message.body_text)  # the venue's country, named in Korean


def test_an_unknown_language_falls_back_to_the_conference_language(app, conference, free_ticket):
    register(conference, free_ticket, language="xx")
    assert last_mail("mina@example.org").language == "en"


def test_payment_by_invoice_gives_the_amount_the_reference_and_the_organisers_instructions(
    app, conference, paid_ticket
):
    policy = policy_for(conference)
    policy.invoice_instructions = "Bank: Woori Bank\nAccount: 1002-123-456789 <APLC & Co>"
    db.session.commit()
    registration = register(conference, paid_ticket)
    assert registration.payment_method == PaymentMethod.INVOICE
    message = last_mail("mina@example.org")

    assert message.subject == "Complete your payment for APLC 2026"
    text = spaced(message.body_text)
    assert "Your place at APLC Founding Assembly is reserved. Complete your payment to confirm it." in text
    assert "Amount due: ₩150,000" in text
    assert "Bank: Woori Bank\nAccount: 1002-123-456789 <APLC & Co>" in text
    assert f"Please quote your reference {registration.reference} with your payment." in text
    assert "Account: 1002-123-456789 &lt;APLC &amp; Co&gt;" in message.body_html
    assert message.attachments == []


def test_a_card_payment_gives_the_pay_link_and_how_long_the_place_is_held(
    app, conference, paid_ticket, payment_page
):
    start = datetime(2026, 11, 20, 1, 0, tzinfo=UTC)
    registration = register(conference, paid_ticket, online_payments=True, now=start)
    assert registration.payment_method == PaymentMethod.STRIPE
    message = last_mail("mina@example.org")
    # The link's token carries the second it was signed: compare what it opens, not its text.
    found = re.search(
        r"Pay ₩150,000 now:\n(http://localhost/c/aplc-2026/registration/([^/\s]+)/pay)\n",
        spaced(message.body_text),
    )
    assert found, message.body_text
    pay, token = found.groups()
    assert registration_from_token(token).id == registration.id
    # 30 minutes after 10:00 in Seoul, said in Seoul's time with the zone named.
    assert "held for you until November 20, 2026, 10:30 AM (South Korea Time)" in spaced(message.body_text)
    assert f'href="{pay}"' in message.body_html
    assert "Pay ₩150,000 now" in html_text(message)


def test_approval_flow_mails_received_then_approved_with_next_steps(app, conference, organiser):
    ticket = factories.make_ticket(conference, "Member-city delegate", requires_approval=True)
    paid = factories.make_ticket(conference, "Approved observer", requires_approval=True, price_minor=90000)
    free = register(conference, ticket, "free@example.org")
    owing = register(conference, paid, "owing@example.org")

    received = last_mail("free@example.org")
    assert received.subject == "We received your registration for APLC 2026"
    assert "The organisers will review it and write to you." in received.body_text
    assert "Once it is approved, we will ask you to pay ₩90,000." in last_mail("owing@example.org").body_text

    services.approve(free, actor_id=organiser.id)
    approved = last_mail("free@example.org")
    assert approved.subject == "Your registration for APLC 2026 was approved"
    assert "The organisers approved your registration." in approved.body_text
    assert "is confirmed." in approved.body_text
    assert the_event(approved)["uid"]

    services.approve(owing, actor_id=organiser.id)
    owes = last_mail("owing@example.org")
    assert "To confirm your place, please complete your payment." in owes.body_text
    assert "Amount due: ₩90,000" in owes.body_text
    assert owes.attachments == []


def test_rejection_is_polite_and_says_whom_to_ask(app, conference, organiser):
    ticket = factories.make_ticket(conference, requires_approval=True)
    registration = register(conference, ticket)
    services.reject(registration, actor_id=organiser.id)
    message = last_mail("mina@example.org")
    assert message.subject == "Your registration for APLC 2026"
    assert "We are sorry: the organisers could not accept your registration." in spaced(message.body_text)
    assert "If you have questions, write to info@example.org." in spaced(message.body_text)


def test_waitlist_offer_and_expiry(app, conference):
    ticket = factories.make_ticket(conference, "Workshop seat", capacity=1)
    holder = register(conference, ticket, "holder@example.org")
    waiting = register(conference, ticket, "waiting@example.org")

    waitlisted = last_mail("waiting@example.org")
    assert waitlisted.subject == "You are on the waiting list for APLC 2026"
    assert "Workshop seat is full at the moment, so you are on the waiting list." in waitlisted.body_text

    cancelled_at = datetime(2026, 11, 20, 3, 0, tzinfo=UTC)  # 12:00 in Seoul
    services.cancel(holder, actor_id=None, now=cancelled_at)
    assert last_mail("holder@example.org").subject == "Your registration for APLC 2026 is cancelled"
    offer = last_mail("waiting@example.org")
    assert offer.subject == "A place is free for you at APLC 2026"
    assert "Accept it before November 22, 2026, 12:00 PM (South Korea Time)" in spaced(offer.body_text)
    assert "Accept your place:" in spaced(offer.body_text)
    assert "Accept your place" in html_text(offer)

    release_and_offer(ticket, now=cancelled_at + timedelta(hours=49))
    db.session.refresh(waiting)
    assert waiting.status == RegistrationStatus.EXPIRED
    expired = last_mail("waiting@example.org")
    assert expired.subject == "Your place at APLC 2026 was released"
    assert "The time to take up your place has passed" in spaced(expired.body_text)
    assert "http://localhost/c/aplc-2026/" in spaced(expired.body_text)


def _paid(registration: Registration, amount: int, provider=PaymentProvider.MANUAL) -> Payment:
    payment = Payment(
        registration_id=registration.id,
        provider=provider,
        status=PaymentStatus.SUCCEEDED,
        amount_minor=amount,
        currency=registration.currency,
        receipt_number="APLC-2026-0007",
        note="Invoice 2026/114",
        succeeded_at=datetime(2026, 11, 21, 6, 15, tzinfo=UTC),
    )
    registration.amount_paid_minor = amount
    db.session.add(payment)
    db.session.commit()
    return payment


def test_receipt_shows_the_payment(app, conference, paid_ticket):
    registration = register(conference, paid_ticket)
    payment = _paid(registration, 150000)
    emails.send(registration, "receipt", payment=payment)
    message = last_mail("mina@example.org")
    assert message.subject == "Payment receipt for APLC 2026"
    text = spaced(message.body_text)
    for expected in (
        "Thank you: we received your payment.",
        "Amount paid: ₩150,000",
        "Payment method: Invoice or on site",
        "Paid on: November 21, 2026, 3:15 PM (South Korea Time)",
        "Receipt number: APLC-2026-0007",
        "Note: Invoice 2026/114",
    ):
        assert expected in text


def test_refund_shows_what_was_returned(app, conference, paid_ticket):
    registration = register(conference, paid_ticket)
    payment = _paid(registration, 150000, PaymentProvider.STRIPE)
    refund = Refund(payment_id=payment.id, amount_minor=75000, reason="Cancelled before the deadline")
    registration.amount_refunded_minor = 75000
    db.session.add(refund)
    db.session.commit()
    emails.send(registration, "refund", refund=refund)
    message = last_mail("mina@example.org")
    assert message.subject == "Refund for your registration at APLC 2026"
    text = spaced(message.body_text)
    assert "Refund: ₩75,000" in text
    assert "Refunded in total: ₩75,000" in text
    assert "Originally paid: ₩150,000" in text
    assert "Reason: Cancelled before the deadline" in text
    assert "goes back to the card you paid with" in text


def test_send_all_finds_the_payment_and_refund_itself(app, conference, paid_ticket):
    registration = register(conference, paid_ticket)
    payment = _paid(registration, 150000)
    db.session.add(Refund(payment_id=payment.id, amount_minor=30000))
    registration.amount_refunded_minor = 30000
    db.session.commit()
    emails.send_all([(registration.id, "receipt"), (registration.id, "refund")])
    receipt, refund = outbox("mina@example.org")[-2:]
    assert "Receipt number: APLC-2026-0007" in spaced(receipt.body_text)
    assert "Refund: ₩30,000" in spaced(refund.body_text)


def test_link_mail_opens_the_registration(app, client, conference, free_ticket):
    registration = register(conference, free_ticket)
    emails.send(registration, "link")
    message = last_mail("mina@example.org")
    assert message.subject == "Your registration for APLC 2026"
    assert "Here is the link to your registration." in spaced(message.body_text)
    assert client.get(link_in(spaced(message.body_text))).status_code == 200


def test_names_and_titles_are_escaped_in_html(app, free_ticket, conference):
    conference.title = "Cities & <Citizens>"
    db.session.commit()
    register(conference, free_ticket, given_name="<script>alert(1)</script>", organisation="A & B")
    message = last_mail("mina@example.org")
    assert "<script>" not in message.body_html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in message.body_html
    assert "Cities &amp; &lt;Citizens&gt;" in message.body_html
    assert "Dear <script>alert(1)</script> Park," in spaced(message.body_text)  # plain text is not HTML


def test_online_ticket_mentions_streams_and_no_venue(app, conference):
    ticket = factories.make_ticket(
        conference, "Online participant", attendance="online", includes_streaming=True
    )
    register(conference, ticket)
    text = last_mail("mina@example.org").body_text
    assert "Attendance: Online" in text
    assert "Venue:" not in text
    assert "the link below opens the streams" in text


@pytest.mark.parametrize("language", ["en", "ko"])
@pytest.mark.parametrize("kind", emails.KINDS)
def test_every_kind_renders_in_every_language(app, conference, paid_ticket, kind, language, payment_page):
    registration = register(conference, paid_ticket, language=language, online_payments=True)
    registration.hold_expires_at = utcnow() + timedelta(hours=48)
    payment = _paid(registration, 150000, PaymentProvider.STRIPE)
    refund = Refund(payment_id=payment.id, amount_minor=150000)
    db.session.add(refund)
    db.session.commit()
    email = emails.render(registration, kind, payment=payment, refund=refund)
    assert email.subject and email.language == language
    assert registration.reference in email.text and registration.reference in email.html
    assert email.html.startswith("<!doctype html>")
    assert f'<html lang="{language}">' in email.html


def test_an_unknown_kind_is_refused(app, conference, free_ticket):
    registration = register(conference, free_ticket)
    with pytest.raises(ValueError):
        emails.render(registration, "party")


class Recorder(Sink):
    def __init__(self) -> None:
        self.envelopes: list = []

    async def handle_DATA(self, server, session, envelope):
        self.envelopes.append(envelope)
        return "250 OK"


def test_over_smtp_the_confirmation_is_text_and_html_with_the_ics_attached(app, conference, free_ticket):
    recorder = Recorder()
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    controller = Controller(recorder, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=port, MAIL_USE_TLS=False)
        register(conference, free_ticket, given_name="민아", family_name="박", language="ko")
    finally:
        controller.stop()
    assert last_mail("mina@example.org").status == MessageStatus.SENT
    [envelope] = recorder.envelopes
    email = message_from_bytes(envelope.content, policy=policy.default)
    assert email["To"] == "mina@example.org"
    assert email["Content-Language"] == "ko"
    assert "민아" in email.get_body(("plain",)).get_content()
    assert "민아" in email.get_body(("html",)).get_content()
    [attachment] = list(email.iter_attachments())
    assert attachment.get_content_type() == "text/calendar"
    assert attachment.get_filename() == "aplc-2026.ics"
    assert "SUMMARY:APLC Founding Assembly" in attachment.get_content()


def test_a_korean_delegate_is_greeted_by_the_name_in_hangul(app, conference, free_ticket):
    register(
        conference, free_ticket, given_name="Mina", family_name="Park", local_name="박민아", language="ko"
    )
    message = last_mail("mina@example.org")
    assert message.body_text.startswith("박민아 님께")
    register(conference, free_ticket, "joon@example.org", given_name="Joon", family_name="Kim")
    assert last_mail("joon@example.org").body_text.startswith("Dear Joon Kim,")
