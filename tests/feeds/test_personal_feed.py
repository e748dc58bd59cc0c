"""A delegate's personal calendar feed: what it holds, where it is shown, and how its address is retired."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest
import vobject

from conference.events.models import ConferenceStatus
from conference.extensions import db
from conference.personal.bookmarks import Viewer, set_bookmark
from conference.personal.seats import book_seat
from conference.registration import services as registrations
from conference.registration.links.tokens import make_token
from tests import factories
from tests.conftest import csrf_token

FEED_LINK = re.compile(r'value="(http://localhost/c/[^/"]+/my/calendar/[^"]+\.ics)"')


@pytest.fixture
def delegate(conference):
    ticket = factories.make_ticket(conference)
    return registrations.register(conference, ticket, factories.delegate("lim@seoul.example.org"))


@pytest.fixture
def chaired(conference, programme):
    chair = factories.make_person(conference, "Lim Hyun Mook (chair)", email="LIM@seoul.example.org")
    session = factories.make_session(
        conference,
        "Mayors' round table",
        starts_at=datetime(2026, 12, 11, 2, 0, tzinfo=UTC),
        room_id=programme["hall"].id,
        people=[(chair, "chair")],
    )
    factories.make_session(
        conference,
        "Workshop: city data",
        starts_at=datetime(2026, 12, 11, 5, 0, tzinfo=UTC),
        room_id=programme["small"].id,
        seat_booking=True,
        capacity=10,
    )
    factories.publish(conference)
    return session


def my_page(client, conference, registration) -> str:
    response = client.get(f"/c/{conference.slug}/registration/{make_token(registration)}")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def feed_url(client, conference, registration) -> str:
    match = FEED_LINK.search(my_page(client, conference, registration))
    assert match, "no feed address on 'my registration'"
    return match.group(1).removeprefix("http://localhost")


def summaries(data: bytes) -> list[str]:
    calendar = vobject.readOne(data.decode("utf-8"))
    return sorted(str(event.summary.value) for event in calendar.vevent_list)


def test_my_registration_offers_the_feed_to_every_calendar_app(client, conference, programme, delegate):
    html = my_page(client, conference, delegate)
    assert "Your agenda in your calendar" in html
    url = FEED_LINK.search(html).group(1)
    assert f'href="{url.replace("http://", "webcal://")}"' in html
    assert "https://calendar.google.com/calendar/render?cid=webcal%3A%2F%2Flocalhost%2Fc%2F" in html
    assert "https://outlook.live.com/calendar/0/addfromweb?url=http%3A%2F%2Flocalhost%2Fc%2F" in html
    assert f'href="{url}" download>Download the .ics file</a>' in html


def test_the_feed_holds_bookmarks_seats_and_what_the_delegate_chairs(
    client, conference, programme, delegate, chaired
):
    url = feed_url(client, conference, delegate)
    empty = client.get(url)
    assert empty.status_code == 200
    assert summaries(empty.data) == ["Mayors' round table"]  # matched by e-mail address, any case
    assert empty.headers["Cache-Control"] in ("private, max-age=300", "max-age=300, private")

    set_bookmark(conference, programme["workshop"].id, Viewer(registration=delegate), True)
    workshop = next(s for s in conference.sessions if s.title == "Workshop: city data")
    book_seat(conference, workshop.id, delegate)
    response = client.get(url, headers={"If-None-Match": empty.headers["ETag"]})

    assert response.status_code == 200  # a new bookmark is a new feed, without any publishing
    assert summaries(response.data) == ["Mayors' round table", "Workshop on practice", "Workshop: city data"]
    calendar = vobject.readOne(response.get_data(as_text=True))
    assert str(calendar.contents["x-wr-calname"][0].value) == "APLC 2026 · my agenda"
    assert b"stream.example.org" not in response.data


def test_bookmarks_made_with_the_delegates_account_count_too(client, conference, programme, delegate):
    user = factories.make_user("lim@seoul.example.org")
    delegate.user_id = user.id
    db.session.commit()
    set_bookmark(conference, programme["keynote"].id, Viewer(user_id=user.id), True)
    assert len(summaries(client.get(feed_url(client, conference, delegate)).data)) == 1


def test_a_new_address_retires_the_old_one(client, conference, programme, delegate):
    old = feed_url(client, conference, delegate)
    mine = f"/c/{conference.slug}/registration/{make_token(delegate)}"
    token = csrf_token(client, mine)

    response = client.post(f"{mine}/calendar/reissue", data={"csrf_token": token}, follow_redirects=True)

    assert "Your calendar feed has a new address" in response.get_data(as_text=True)
    new = feed_url(client, conference, delegate)
    assert new != old
    assert client.get(old).status_code == 404
    assert client.get(new).status_code == 200


def test_reissuing_needs_the_csrf_token_and_a_valid_link(client, conference, programme, delegate):
    mine = f"/c/{conference.slug}/registration/{make_token(delegate)}"
    assert client.post(f"{mine}/calendar/reissue").status_code == 400
    token = csrf_token(client, mine)
    broken = f"/c/{conference.slug}/registration/not-a-token/calendar/reissue"
    assert client.post(broken, data={"csrf_token": token}).status_code == 404
    assert delegate.calendar_feed_version == 1


def test_bad_tokens_are_all_the_same_404(client, conference, programme, delegate):
    url = feed_url(client, conference, delegate)
    token = url.rsplit("/", 1)[1].removesuffix(".ics")
    other = factories.make_conference("other-2027", status=ConferenceStatus.PUBLISHED)
    base = f"/c/{conference.slug}/my/calendar"
    bodies = []
    for bad in (
        f"{base}/{token[:-2]}xx.ics",  # tampered
        f"{base}/not-a-token.ics",  # unknown
        f"/c/{other.slug}/my/calendar/{token}.ics",  # another conference
    ):
        response = client.get(bad)
        assert response.status_code == 404, bad
        bodies.append(response.get_data(as_text=True).replace(bad.rsplit("/", 1)[1], "…"))
    assert bodies[0] == bodies[1]  # nothing tells a tampered token from an unknown one


def test_a_cancelled_registration_has_no_feed(client, conference, programme, delegate):
    url = feed_url(client, conference, delegate)
    registrations.cancel(delegate, actor_id=None)
    assert client.get(url).status_code == 404


def test_an_unpublished_conference_has_no_personal_feed(client, conference, programme, delegate):
    url = feed_url(client, conference, delegate)
    conference.status = ConferenceStatus.DRAFT
    db.session.commit()
    assert client.get(url).status_code == 404
