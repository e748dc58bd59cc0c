"""Seat booking in workshops: reserve, waitlist, cancel, promote; never over capacity, even concurrently."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select

from conference.agenda.models import SessionStatus, SessionType
from conference.audit.models import AuditEntry
from conference.extensions import db
from conference.mail.models import OutboxMessage
from conference.personal import seats
from conference.personal.models import SeatBooking, SeatStatus
from conference.personal.seats import NotInProgramme, SeatProblem, SeatRefused
from conference.registration import services as registrations
from conference.registration.links.tokens import make_token
from conference.registration.models import Registration, RegistrationStatus
from conference.registration.queries import registration_for_user
from tests import factories
from tests.conftest import csrf_token


def make_workshop(conference, capacity: int = 2, title: str = "Workshop: city data", **values):
    return factories.make_session(
        conference,
        title,
        starts_at=datetime(2026, 12, 10, 5, 0, tzinfo=UTC),  # 14:00 in Seoul
        type=SessionType.WORKSHOP,
        seat_booking=True,
        capacity=capacity,
        **values,
    )


@pytest.fixture
def workshop(conference):
    session = make_workshop(conference)
    factories.publish(conference)
    return session


@pytest.fixture
def ticket(conference):
    return factories.make_ticket(conference, name="Delegate")


def confirmed(conference, ticket, email: str, **values) -> Registration:
    registration = registrations.register(conference, ticket, factories.delegate(email, **values))
    assert registration.status == RegistrationStatus.CONFIRMED
    return registration


def held(session_id: int) -> dict[SeatStatus, int]:
    rows = db.session.execute(
        select(SeatBooking.status, func.count())
        .where(SeatBooking.session_id == session_id)
        .group_by(SeatBooking.status)
    )
    return dict(rows.all())


# The service


def test_seats_go_to_the_first_delegates_then_the_waitlist_in_order(conference, ticket, workshop):
    a, b, c, d = (confirmed(conference, ticket, f"{n}@example.org") for n in "abcd")
    statuses = [seats.book_seat(conference, workshop.id, r).status for r in (a, b, c, d)]
    assert statuses == [
        SeatStatus.RESERVED,
        SeatStatus.RESERVED,
        SeatStatus.WAITLISTED,
        SeatStatus.WAITLISTED,
    ]
    assert seats.waitlist_positions(c.id) == {workshop.id: 1}
    assert seats.waitlist_positions(d.id) == {workshop.id: 2}
    assert seats.seat_counts(conference.id)[workshop.id] == seats.SeatCount(reserved=2, waitlisted=2)
    actions = db.session.scalars(select(AuditEntry.action).where(AuditEntry.object_type == "SeatBooking"))
    assert sorted(actions) == ["seat.reserved", "seat.reserved", "seat.waitlisted", "seat.waitlisted"]


def test_booking_twice_keeps_the_one_seat(conference, ticket, workshop):
    a = confirmed(conference, ticket, "a@example.org")
    first = seats.book_seat(conference, workshop.id, a)
    again = seats.book_seat(conference, workshop.id, a)
    assert again.id == first.id and again.status == SeatStatus.RESERVED
    assert held(workshop.id) == {SeatStatus.RESERVED: 1}


def test_a_cancelled_seat_goes_to_the_first_on_the_waitlist_who_is_emailed(conference, ticket, workshop):
    a, b, c, d = (confirmed(conference, ticket, f"{n}@example.org") for n in "abcd")
    for registration in (a, b, c, d):
        seats.book_seat(conference, workshop.id, registration)

    cancelled = seats.cancel_seat(conference, workshop.id, a)

    assert cancelled.status == SeatStatus.CANCELLED
    assert seats.seats_of(c.id)[workshop.id].status == SeatStatus.RESERVED
    assert seats.seats_of(d.id)[workshop.id].status == SeatStatus.WAITLISTED
    assert seats.waitlist_positions(d.id) == {workshop.id: 1}
    assert held(workshop.id) == {SeatStatus.RESERVED: 2, SeatStatus.WAITLISTED: 1, SeatStatus.CANCELLED: 1}
    mail = db.session.scalar(select(OutboxMessage).where(OutboxMessage.subject.contains("You have a seat")))
    assert mail.recipient == "c@example.org"
    assert "Workshop: city data" in mail.subject
    assert "2:00\u202fPM" in mail.body_text and "Asia/Seoul" in mail.body_text
    assert f"/c/{conference.slug}/agenda/sessions/{workshop.id}" in mail.body_text


def test_leaving_the_waitlist_promotes_nobody_and_cancelling_nothing_is_none(conference, ticket, workshop):
    a, b, c = (confirmed(conference, ticket, f"{n}@example.org") for n in "abc")
    for registration in (a, b, c):
        seats.book_seat(conference, workshop.id, registration)
    assert seats.cancel_seat(conference, workshop.id, c).status == SeatStatus.CANCELLED
    assert seats.cancel_seat(conference, workshop.id, c) is None
    assert held(workshop.id) == {SeatStatus.RESERVED: 2, SeatStatus.CANCELLED: 1}


def test_rebooking_after_cancelling_joins_the_back_of_the_waitlist(conference, ticket, workshop):
    a, b, c, d = (confirmed(conference, ticket, f"{n}@example.org") for n in "abcd")
    for registration in (a, b, c):
        seats.book_seat(conference, workshop.id, registration)
    seats.cancel_seat(conference, workshop.id, c)  # c leaves the waitlist
    seats.book_seat(conference, workshop.id, d)
    assert seats.book_seat(conference, workshop.id, c).status == SeatStatus.WAITLISTED
    assert seats.waitlist_positions(c.id) == {workshop.id: 2}


def test_more_seats_published_go_to_the_waitlist_before_newcomers(conference, ticket, workshop):
    a, b, c, d = (confirmed(conference, ticket, f"{n}@example.org") for n in "abcd")
    for registration in (a, b, c):
        seats.book_seat(conference, workshop.id, registration)
    workshop.capacity = 3
    db.session.commit()
    factories.publish(conference)

    assert seats.book_seat(conference, workshop.id, d).status == SeatStatus.WAITLISTED
    assert seats.seats_of(c.id)[workshop.id].status == SeatStatus.RESERVED


def test_only_confirmed_registrations_of_the_conference_book_seats(conference, ticket, workshop):
    pending = registrations.register(
        conference, factories.make_ticket(conference, name="Paid", price_minor=50000), factories.delegate()
    )
    assert pending.status == RegistrationStatus.PENDING_PAYMENT
    with pytest.raises(SeatRefused) as refused:
        seats.book_seat(conference, workshop.id, pending)
    assert refused.value.problem == SeatProblem.NOT_REGISTERED

    other = factories.make_conference("other-2027")
    stranger = confirmed(other, factories.make_ticket(other), "x@example.org")
    with pytest.raises(SeatRefused):
        seats.book_seat(conference, workshop.id, stranger)
    assert held(workshop.id) == {}


def test_sessions_without_seat_booking_cancelled_or_unpublished_take_no_seats(conference, ticket):
    talk = factories.make_session(conference, "Plenary", capacity=100)
    gone = make_workshop(conference, title="Cancelled workshop", status=SessionStatus.CANCELLED)
    draft = make_workshop(conference, title="Draft workshop", status=SessionStatus.DRAFT)
    factories.publish(conference)
    a = confirmed(conference, ticket, "a@example.org")

    with pytest.raises(SeatRefused) as refused:
        seats.book_seat(conference, talk.id, a)
    assert refused.value.problem == SeatProblem.NO_SEAT_BOOKING
    with pytest.raises(SeatRefused) as refused:
        seats.book_seat(conference, gone.id, a)
    assert refused.value.problem == SeatProblem.SESSION_CANCELLED
    with pytest.raises(NotInProgramme):
        seats.book_seat(conference, draft.id, a)
    with pytest.raises(NotInProgramme):
        seats.book_seat(conference, 999_999, a)


def test_the_published_capacity_counts_not_the_unpublished_edit(conference, ticket, workshop):
    workshop.capacity = 1
    db.session.commit()  # not published: the public still sees two seats
    a, b = (confirmed(conference, ticket, f"{n}@example.org") for n in "ab")
    assert seats.book_seat(conference, workshop.id, a).status == SeatStatus.RESERVED
    assert seats.book_seat(conference, workshop.id, b).status == SeatStatus.RESERVED


def test_a_logged_in_user_is_matched_to_a_registration_by_account_or_email(conference, ticket):
    user = factories.make_user("Mina@Example.org")
    by_email = confirmed(conference, ticket, "mina@example.org")
    assert registration_for_user(conference.id, user).id == by_email.id
    nobody = factories.make_user("nobody@example.org")
    assert registration_for_user(conference.id, nobody) is None
    linked = confirmed(conference, ticket, "work@example.org")
    linked.user_id = nobody.id
    db.session.commit()
    assert registration_for_user(conference.id, nobody).id == linked.id


def test_thirty_concurrent_delegates_fill_exactly_ten_seats(app, conference, ticket):
    workshop = make_workshop(conference, capacity=10)
    factories.publish(conference)
    delegates = [confirmed(conference, ticket, f"delegate{n}@example.org").id for n in range(30)]
    conference_id, session_id = conference.id, workshop.id

    def book(registration_id: int) -> str:
        with app.app_context():
            from conference.events.models import Conference

            conf = db.session.get(Conference, conference_id)
            registration = db.session.get(Registration, registration_id)
            status = seats.book_seat(conf, session_id, registration).status.value
            db.session.remove()
            return status

    with ThreadPoolExecutor(max_workers=15) as pool:
        statuses = list(pool.map(book, delegates))

    assert statuses.count("reserved") == 10
    assert statuses.count("waitlisted") == 20
    db.session.expire_all()
    assert held(session_id) == {SeatStatus.RESERVED: 10, SeatStatus.WAITLISTED: 20}

    # Ten concurrent cancellations hand exactly ten seats to the waitlist, in order.
    reserved = db.session.scalars(
        select(SeatBooking.registration_id).where(
            SeatBooking.session_id == session_id, SeatBooking.status == SeatStatus.RESERVED
        )
    ).all()

    def cancel(registration_id: int) -> None:
        with app.app_context():
            from conference.events.models import Conference

            conf = db.session.get(Conference, conference_id)
            seats.cancel_seat(conf, session_id, db.session.get(Registration, registration_id))
            db.session.remove()

    with ThreadPoolExecutor(max_workers=10) as pool:
        list(pool.map(cancel, reserved))
    db.session.expire_all()
    assert held(session_id) == {SeatStatus.RESERVED: 10, SeatStatus.WAITLISTED: 10, SeatStatus.CANCELLED: 10}


# Through the web


def session_url(conference, session) -> str:
    return f"/c/{conference.slug}/agenda/sessions/{session.id}"


def post(client, url: str, page: str, **data):
    return client.post(url, data={"csrf_token": csrf_token(client, page), **data})


def test_a_logged_in_delegate_reserves_then_cancels_a_seat_from_the_session_page(
    client, auth, conference, ticket, workshop
):
    factories.make_user("mina@example.org")
    confirmed(conference, ticket, "mina@example.org")
    auth.login("mina@example.org")
    page = session_url(conference, workshop)
    html = client.get(page).get_data(as_text=True)
    assert "2 of 2 seats left" in html and "Reserve a seat" in html

    response = post(client, f"{page}/seat", page, next=page)
    assert response.status_code == 303 and response.headers["Location"] == page
    html = client.get(page).get_data(as_text=True)
    assert "Your seat in “Workshop: city data” is reserved." in html
    assert "Your seat is reserved" in html and "Cancel my seat" in html
    assert 'aria-pressed="true"' in html  # a booked seat is saved to one's agenda

    response = post(client, f"{page}/seat/cancel", page, next=page)
    html = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Your seat in “Workshop: city data” is cancelled." in html
    assert "2 of 2 seats left" in html


def test_a_full_workshop_offers_the_waitlist_and_says_where_one_stands(
    client, auth, conference, ticket, workshop
):
    for n in "ab":
        seats.book_seat(conference, workshop.id, confirmed(conference, ticket, f"{n}@example.org"))
    factories.make_user("mina@example.org")
    confirmed(conference, ticket, "mina@example.org")
    auth.login("mina@example.org")
    page = session_url(conference, workshop)
    html = client.get(page).get_data(as_text=True)
    assert "Full: waitlist open" in html and "Join the waitlist" in html

    post(client, f"{page}/seat", page)
    html = client.get(page).get_data(as_text=True)
    assert "you are number 1 on the waitlist" in html
    assert "On the waitlist (number 1)" in html and "Leave the waitlist" in html
    post(client, f"{page}/seat/cancel", page)
    assert "You have left the waitlist" in client.get(page).get_data(as_text=True)


def test_a_seat_without_a_registration_is_refused_with_a_clear_message(client, auth, conference, workshop):
    factories.make_user("guest@example.org")
    auth.login("guest@example.org")
    page = session_url(conference, workshop)
    html = client.get(page).get_data(as_text=True)
    assert "Seats are for delegates with a confirmed registration." in html
    assert "Reserve a seat" not in html

    response = post(client, f"{page}/seat", page)
    assert response.status_code == 303
    html = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Register for the conference, or open the link in your registration e-mail" in html
    assert held(workshop.id) == {}
    response = post(client, f"{page}/seat/cancel", page)
    assert "You had no seat" in client.get(response.headers["Location"]).get_data(as_text=True)


def test_a_delegate_books_a_seat_through_their_registration_link(client, conference, ticket, workshop):
    registration = confirmed(conference, ticket, "mina@example.org")
    token = make_token(registration)
    agenda = f"/c/{conference.slug}/registration/{token}/agenda"
    url = f"/c/{conference.slug}/registration/{token}/agenda/sessions/{workshop.id}/seat"
    assert "No sessions saved yet" in client.get(agenda).get_data(as_text=True)
    response = post(client, url, session_url(conference, workshop), next=agenda)
    assert response.status_code == 303 and response.headers["Location"] == agenda
    assert seats.seats_of(registration.id)[workshop.id].status == SeatStatus.RESERVED
    html = client.get(agenda).get_data(as_text=True)
    assert "Workshop: city data" in html and "Your seat is reserved" in html


def test_seat_requests_with_bad_input(client, conference, ticket, workshop):
    registration = confirmed(conference, ticket, "mina@example.org")
    token = make_token(registration)
    agenda = f"/c/{conference.slug}/registration/{token}/agenda"
    page = session_url(conference, workshop)
    client.get(agenda)  # the link remembered: the session page has forms
    form = csrf_token(client, page)
    base = f"/c/{conference.slug}/registration"
    tampered = f"{base}/{token[:-2]}xx/agenda/sessions/{workshop.id}/seat"
    assert client.post(tampered, data={"csrf_token": form}).status_code == 404
    unknown = f"{base}/{token}/agenda/sessions/999999/seat"
    assert client.post(unknown, data={"csrf_token": form}).status_code == 404
    assert client.post(f"{base}/{token}/agenda/sessions/{workshop.id}/seat").status_code == 400  # no CSRF
    assert held(workshop.id) == {}

    fresh = client.application.test_client()  # another browser: nobody logged in, no link opened
    response = fresh.post(f"{page}/seat", data={"csrf_token": csrf_token(fresh, "/login")})
    assert response.status_code == 303 and "/login" in response.headers["Location"]
