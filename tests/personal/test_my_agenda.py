"""'My agenda': saved sessions in time order, in the viewer's zone, with overlaps, cancellations and seats."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest

from conference.agenda.models import SessionStatus
from conference.agenda.published import published_sessions
from conference.extensions import db
from conference.personal import bookmarks, seats
from conference.personal.bookmarks import Viewer
from conference.registration import services as registrations
from conference.registration.links.tokens import make_token
from tests import factories
from tests.conftest import submit

START = datetime(2026, 12, 10, 0, 0, tzinfo=UTC)  # 09:00 in Seoul


@pytest.fixture
def programme(conference):
    """Three sessions on day one, the second and third overlapping, and one on day two."""
    room = factories.make_room(conference, "Grand Hall")
    sessions = {
        "opening": factories.make_session(conference, "Opening ceremony", starts_at=START, room_id=room.id),
        "panel": factories.make_session(conference, "Panel: cities", starts_at=START + timedelta(hours=2)),
        "workshop": factories.make_session(
            conference,
            "Workshop: data",
            starts_at=START + timedelta(hours=2, minutes=30),
            seat_booking=True,
            capacity=10,
        ),
        "closing": factories.make_session(conference, "Closing", starts_at=START + timedelta(days=1)),
        "unsaved": factories.make_session(
            conference, "Nobody saved this", starts_at=START + timedelta(hours=4)
        ),
    }
    factories.publish(conference)
    return sessions


def save(conference, viewer: Viewer, *sessions) -> None:
    for session in sessions:
        bookmarks.set_bookmark(conference, session.id, viewer, True)


def my_agenda(client, conference, query: str = "") -> str:
    response = client.get(f"/c/{conference.slug}/my-agenda{query}")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_saved_sessions_are_listed_in_time_order_in_the_conference_zone(client, conference, programme, mina):
    save(conference, Viewer(user_id=mina.id), programme["closing"], programme["opening"], programme["panel"])
    html = my_agenda(client, conference)
    assert "Sessions saved by Mina Park." in html
    assert "3 sessions saved." in html
    assert html.index("Opening ceremony") < html.index("Panel: cities") < html.index("Closing")
    assert "Nobody saved this" not in html
    assert "Thursday, December 10, 2026" in html and "Friday, December 11, 2026" in html
    assert "9:00\u202fAM" in html and "Grand Hall" in html
    assert "All times are Asia/Seoul (UTC+09:00)." in html
    assert html.count('aria-pressed="true"') == 3


def test_the_viewer_zone_is_chosen_remembered_and_validated(client, conference, programme, mina):
    save(conference, Viewer(user_id=mina.id), programme["opening"])
    html = my_agenda(client, conference, "?tz=Europe/Paris")
    assert "1:00\u202fAM" in html and "Europe/Paris (UTC+01:00), your time zone" in html
    assert "Wednesday, December 10, 2026" not in html  # still the 10th in Paris
    assert "Show conference time (Asia/Seoul)" in html
    assert "1:00\u202fAM" in my_agenda(client, conference)  # remembered in the agenda_tz cookie
    html = my_agenda(client, conference, "?tz=Nowhere/Atlantis")
    assert "1:00\u202fAM" in html  # an unknown zone is ignored; the remembered one stays
    html = my_agenda(client, conference, "?tz=America/Los_Angeles")
    assert "Wednesday, December 9, 2026" in html and "4:00\u202fPM" in html  # the day before there
    html = my_agenda(client, conference, "?tz=conference")
    assert "9:00\u202fAM" in html and "your time zone" not in html


def test_overlapping_sessions_are_flagged(client, conference, programme, mina):
    save(conference, Viewer(user_id=mina.id), programme["opening"], programme["panel"], programme["workshop"])
    html = my_agenda(client, conference)
    assert "2 of them overlap another" in html
    assert html.count("Overlaps with") == 2
    text = re.sub(r"[ \n]+", " ", html)  # not split(): times hold narrow no-break spaces
    workshop, panel = programme["workshop"].id, programme["panel"].id
    assert f'Overlaps with <a href="#session-{workshop}">Workshop: data</a>' in text
    assert (
        f'Overlaps with <a href="#session-{panel}">Panel: cities</a> (11:00\u202fAM – 12:00\u202fPM)' in text
    )


def test_find_overlaps_ignores_cancelled_and_back_to_back_sessions(conference, programme):
    back_to_back = factories.make_session(conference, "Right after", starts_at=START + timedelta(hours=1))
    programme["panel"].status = SessionStatus.CANCELLED
    db.session.commit()
    factories.publish(conference)
    sessions = [s for s in published_sessions(conference.id) if s.id != programme["unsaved"].id]
    overlaps = bookmarks.find_overlaps(sessions)
    assert overlaps[programme["opening"].id] == []
    assert overlaps[back_to_back.id] == []
    assert overlaps[programme["panel"].id] == []  # cancelled: no longer competes for the time
    assert overlaps[programme["workshop"].id] == []


def test_a_cancelled_session_is_flagged_and_a_withdrawn_one_counted(client, conference, programme, mina):
    save(conference, Viewer(user_id=mina.id), programme["opening"], programme["panel"], programme["workshop"])
    programme["panel"].status = SessionStatus.CANCELLED
    programme["opening"].status = SessionStatus.DRAFT
    db.session.commit()
    assert "Opening ceremony" in my_agenda(client, conference)  # nothing changes before publishing
    factories.publish(conference)
    html = my_agenda(client, conference)
    assert "Cancelled</span>" in html and "This session has been cancelled." in html
    assert "Overlaps with" not in html
    assert "Opening ceremony" not in html
    assert "1 saved session is no longer in the programme." in html


def test_seat_status_is_shown_with_its_buttons(client, conference, programme, mina):
    ticket = factories.make_ticket(conference)
    registration = registrations.register(conference, ticket, factories.delegate("mina@example.org"))
    seats.book_seat(conference, programme["workshop"].id, registration)
    html = my_agenda(client, conference)
    assert "Workshop: data" in html  # a booked seat is in one's agenda, even unsaved
    save(conference, Viewer(user_id=mina.id), programme["workshop"])
    assert "Your seat is reserved" in html and "Cancel my seat" in html
    submit(
        client,
        f"/c/{conference.slug}/agenda/sessions/{programme['workshop'].id}/seat/cancel",
        {"next": f"/c/{conference.slug}/my-agenda"},
        form_url=f"/c/{conference.slug}/my-agenda",
    )
    html = my_agenda(client, conference)
    assert "Your seat in “Workshop: data” is cancelled." in html
    assert "10 of 10 seats left" in html and "Reserve a seat" in html


def test_the_registration_link_opens_the_delegates_own_agenda(client, conference, programme):
    ticket = factories.make_ticket(conference)
    registration = registrations.register(
        conference, ticket, factories.delegate("jun@example.org", given_name="Jun")
    )
    save(conference, Viewer(registration=registration), programme["closing"])
    url = f"/c/{conference.slug}/registration/{make_token(registration)}/agenda"
    response = client.get(url)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert f"Sessions saved by Jun Park (registration {registration.reference})." in html
    assert "Closing" in html
    assert response.headers["Referrer-Policy"] == "no-referrer"
    assert "no-store" in response.headers["Cache-Control"]
    assert f'action="/c/{conference.slug}/registration/' in html  # its buttons post back through the link


def test_broken_expired_and_foreign_links_show_the_link_page(app, client, conference, programme):
    ticket = factories.make_ticket(conference)
    registration = registrations.register(conference, ticket, factories.delegate())
    token = make_token(registration)
    broken = client.get(f"/c/{conference.slug}/registration/{token[:-2]}zz/agenda")
    assert broken.status_code == 404 and "This link is broken" in broken.get_data(as_text=True)
    assert client.get(f"/c/{conference.slug}/registration/%00%ff/agenda").status_code == 404
    other = factories.make_conference("other-2027")
    assert client.get(f"/c/{other.slug}/registration/{token}/agenda").status_code == 404
    assert client.get(f"/c/nowhere/registration/{token}/agenda").status_code == 404
    app.config["REGISTRATION_LINK_MAX_AGE"] = -1
    expired = client.get(f"/c/{conference.slug}/registration/{token}/agenda")
    assert expired.status_code == 410 and "This link has expired" in expired.get_data(as_text=True)


def test_anonymous_visitors_are_told_how_to_get_an_agenda(client, conference, programme):
    html = my_agenda(client, conference)
    assert "Log in or use your registration link to save sessions" in html
    assert f"/c/{conference.slug}/registration/resend" in html
    assert "My agenda</a>" not in html  # not in the menu for a visitor nobody knows


def test_an_empty_agenda_points_to_the_programme(client, conference, programme, mina):
    html = my_agenda(client, conference)
    assert "No sessions saved yet" in html and f'href="/c/{conference.slug}/agenda/"' in html


def test_links_to_my_agenda_in_the_menu_and_on_my_registration(client, conference, programme, auth):
    ticket = factories.make_ticket(conference)
    registration = registrations.register(conference, ticket, factories.delegate())
    token = make_token(registration)
    mine = client.get(f"/c/{conference.slug}/registration/{token}").get_data(as_text=True)
    assert f'href="/c/{conference.slug}/registration/{token}/agenda"' in mine and "Open my agenda" in mine
    factories.make_user("mina@example.org")
    auth.login("mina@example.org")
    home = client.get(f"/c/{conference.slug}/").get_data(as_text=True)
    assert f'<a href="/c/{conference.slug}/my-agenda">My agenda</a>' in home


def test_stored_titles_are_shown_as_text(client, conference, mina):
    hostile = factories.make_session(conference, '<script>alert("x")</script> Panel', starts_at=START)
    factories.publish(conference)
    save(conference, Viewer(user_id=mina.id), hostile)
    html = my_agenda(client, conference)
    assert "<script>alert" not in html and "&lt;script&gt;alert" in html
