"""A delegate's own badge and certificate, from "my registration" and the confirmation e-mail."""

from __future__ import annotations

import re

from sqlalchemy import select

from conference.badges.codes import badge_code
from conference.checkin.models import CheckIn
from conference.db_types import utcnow
from conference.extensions import db
from conference.mail.models import OutboxMessage
from conference.registration import services as registration_services
from conference.registration.links.tokens import make_token
from conference.registration.models import Attendance
from tests import factories
from tests.badges.conftest import confirm, qr_codes, text_of


def mine(registration) -> str:
    return f"/c/{registration.conference.slug}/registration/{make_token(registration)}"


def check_in(registration) -> None:
    db.session.add(
        CheckIn(
            conference_id=registration.conference_id,
            registration_id=registration.id,
            point="entrance",
            checked_in_at=utcnow(),
            checked_in_by="Door 1",
        )
    )
    db.session.commit()


def test_my_registration_links_to_my_badge_whose_qr_is_mine(client, delegate):
    page = client.get(mine(delegate)).get_data(as_text=True)
    assert "Your badge" in page and "Download my badge (PDF)" in page
    href = re.search(r'href="([^"]+)"[^>]*>Download my badge', page).group(1)
    response = client.get(href)
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert qr_codes(response.data) == [badge_code(delegate)]
    assert "no-store" in response.headers["Cache-Control"]


def test_the_confirmation_email_links_to_the_badge(client, delegate):
    message = db.session.scalars(select(OutboxMessage).order_by(OutboxMessage.id.desc())).first()
    assert "Download your badge" in message.body_text
    url = re.search(r"http://localhost(/c/\S+/badge/\S+)", message.body_text).group(1)
    assert url in message.body_html
    assert qr_codes(client.get(url).data) == [badge_code(delegate)]


def test_an_unconfirmed_registration_has_no_badge(client, conference):
    ticket = factories.make_ticket(conference, requires_approval=True)
    pending = registration_services.register(conference, ticket, factories.delegate())
    assert "Download my badge" not in client.get(mine(pending)).get_data(as_text=True)
    response = client.get(f"/c/{conference.slug}/badge/{make_token(pending)}")
    assert response.status_code == 404
    assert "Badges are for confirmed delegates" in response.get_data(as_text=True)


def test_an_online_delegate_has_no_badge(client, conference):
    online = factories.make_ticket(conference, name="Online", attendance=Attendance.ONLINE)
    registration = confirm(conference, online)
    assert client.get(f"/c/{conference.slug}/badge/{make_token(registration)}").status_code == 404


def test_a_cancelled_registrations_badge_is_gone(client, conference, delegate):
    link = f"/c/{conference.slug}/badge/{make_token(delegate)}"
    registration_services.cancel(delegate, actor_id=None)
    assert client.get(link).status_code == 404


def test_a_broken_link_is_not_found(client, conference):
    assert client.get(f"/c/{conference.slug}/badge/not-a-token").status_code == 404
    assert client.get(f"/c/{conference.slug}/certificate/not-a-token").status_code == 404


def test_no_certificate_before_attending(client, conference, delegate):
    assert "certificate" not in client.get(mine(delegate)).get_data(as_text=True).lower()
    response = client.get(f"/c/{conference.slug}/certificate/{make_token(delegate)}")
    assert response.status_code == 404
    assert "once you have checked in" in response.get_data(as_text=True)


def test_a_delegate_who_checked_in_gets_a_certificate(client, delegate, all_fonts):
    check_in(delegate)
    page = client.get(mine(delegate)).get_data(as_text=True)
    href = re.search(r'href="([^"]+)"[^>]*>Download my certificate', page).group(1)
    response = client.get(href)
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    text = text_of(response.data)
    for expected in (
        "Certificate of attendance",
        "Mina Park",
        "박민아",
        "APLC Founding Assembly",
        delegate.reference,
    ):
        assert expected in text, expected


def test_the_certificate_is_in_the_delegates_language(client, conference, ticket, all_fonts):
    registration = registration_services.register(
        conference, ticket, factories.delegate(local_name="박민아"), language="ko"
    )
    check_in(registration)
    text = text_of(client.get(f"/c/{conference.slug}/certificate/{make_token(registration)}").data)
    assert "2026" in text and "12월" in text  # the dates, in Korean
    assert text.index("박민아") < text.index("Mina Park")  # Korean readers see their name in Hangul first


def test_joining_a_stream_online_also_earns_a_certificate(client, conference, delegate, all_fonts):
    from conference.streaming.services import record_join

    session = factories.make_session(conference, "Opening ceremony")
    record_join(delegate, session.id, None)
    response = client.get(f"/c/{conference.slug}/certificate/{make_token(delegate)}")
    assert response.status_code == 200 and "Certificate of attendance" in text_of(response.data)
