"""Nobody but a confirmed delegate with online access ever receives a streaming URL or passcode.

Every page, feed, export and API answer that such a URL could leak into is fetched as each kind of
visitor, and every body is searched for the URLs, the video and meeting ids and the passcode.
"""

from __future__ import annotations

import pytest

from conference.extensions import db
from conference.personal.feed import feed_token
from conference.registration import services as registrations
from conference.registration.links.tokens import join_token, make_token
from conference.registration.models import RegistrationStatus
from tests import factories
from tests.streaming.streams import SECRETS, delegate, live_conference, open_link


@pytest.fixture
def live(app):
    return live_conference()


def urls_to_search(live, registration=None) -> list[str]:
    slug = live.conference.slug
    base = f"/c/{slug}"
    urls = [
        f"{base}/",
        f"{base}/live/",
        f"{base}/agenda",
        f"{base}/agenda?day=all",
        f"{base}/calendar.ics",
        f"{base}/schedule.xml",
        f"{base}/schedule.json",
        f"/api/v1/conferences/{slug}/sessions",
        f"/api/v1/conferences/{slug}/rooms",
    ]
    for session in (live.on_now, live.later, live.ended):
        urls += [
            f"{base}/agenda/sessions/{session.id}",
            f"{base}/agenda/sessions/{session.id}.ics",
            f"/api/v1/conferences/{slug}/sessions/{session.id}",
            f"{base}/live/{session.id}",
        ]
        for channel in (live.floor, live.korean):
            urls.append(f"{base}/live/{session.id}/{channel.id}")
    if registration is not None:
        urls += [
            f"{base}/registration/{make_token(registration)}",
            f"{base}/my/calendar/{feed_token(registration)}.ics",
        ]
    return urls


def assert_no_secret_in_any_answer(client, urls: list[str]) -> None:
    for url in urls:
        response = client.get(url, follow_redirects=True)
        assert response.status_code < 500, url
        body = response.get_data(as_text=True)
        for secret in SECRETS:
            assert secret not in body, f"{secret} leaked at {url}"


def test_an_anonymous_visitor_gets_no_streaming_url(client, live):
    assert_no_secret_in_any_answer(client, urls_to_search(live))


def test_a_delegate_without_online_access_gets_none(client, live):
    in_person = delegate(live.conference, "hall-only@example.org", online=False)
    open_link(client, in_person)
    assert_no_secret_in_any_answer(client, urls_to_search(live, in_person))
    join = client.get(f"/c/{live.conference.slug}/live/{live.on_now.id}")
    assert join.status_code == 403
    assert "Your ticket does not include online access" in join.get_data(as_text=True)


def test_an_unpaid_registration_gets_none(client, live):
    unpaid = delegate(live.conference, "unpaid@example.org", price_minor=50000)
    assert unpaid.status == RegistrationStatus.PENDING_PAYMENT
    open_link(client, unpaid)
    assert_no_secret_in_any_answer(client, urls_to_search(live, unpaid))
    assert "is not confirmed" in client.get(f"/c/{live.conference.slug}/live/{live.on_now.id}").get_data(
        as_text=True
    )


def test_a_cancelled_registration_gets_none(client, live):
    cancelled = delegate(live.conference, "gone@example.org")
    open_link(client, cancelled)
    registrations.cancel(cancelled, actor_id=None)
    assert_no_secret_in_any_answer(client, urls_to_search(live, cancelled))


def test_another_conferences_delegate_gets_none(client, live):
    other = factories.make_conference("other-2027")
    elsewhere = delegate(other, "elsewhere@example.org")
    foreign = client.get(f"/c/{live.conference.slug}/live/?k={join_token(elsewhere)}")
    assert foreign.status_code == 404
    factories.make_user("elsewhere@example.org")
    client.post("/login", data={"email": "elsewhere@example.org", "password": factories.PASSWORD})
    assert_no_secret_in_any_answer(client, urls_to_search(live))


def test_a_tampered_or_revoked_link_gets_none(client, live):
    online = delegate(live.conference, "mina@example.org")
    token = join_token(online)
    for bad in (token[:-2] + "xx", "not-a-token"):
        assert client.get(f"/c/{live.conference.slug}/live/?k={bad}").status_code == 404
    assert_no_secret_in_any_answer(client, urls_to_search(live))
    online.link_version += 1  # the delegate asked for new links: the old ones stop working
    db.session.commit()
    assert client.get(f"/c/{live.conference.slug}/live/?k={token}").status_code == 404


def test_the_online_delegate_does_get_them_and_only_on_the_player_page(client, live):
    online = delegate(live.conference, "mina@example.org")
    open_link(client, online)
    slug = live.conference.slug
    player = client.get(f"/c/{slug}/live/{live.on_now.id}/{live.korean.id}").get_data(as_text=True)
    assert "81234567890" in player and "APLC-5678" in player
    pages = [u for u in urls_to_search(live, online) if not u.rstrip("/").split("/")[-1].isdigit()]
    pages = [u for u in pages if f"/live/{live.ended.id}" not in u]
    assert_no_secret_in_any_answer(client, pages)


def test_mail_my_registration_and_personal_feed_link_to_join_pages(client, live):
    from conference.mail.models import OutboxMessage

    online = delegate(live.conference, "mina@example.org")
    mail = db.session.query(OutboxMessage).filter_by(recipient="mina@example.org").first()
    body = mail.body_text + mail.body_html
    assert f"/c/{live.conference.slug}/live/?k=" in body and "Watch the sessions online" in body
    assert not any(secret in body for secret in SECRETS)

    page = client.get(f"/c/{live.conference.slug}/registration/{make_token(online)}").get_data(as_text=True)
    assert "Go to Live now" in page and f"/c/{live.conference.slug}/live/?k=" in page

    feed = client.get(f"/c/{live.conference.slug}/my/calendar/{feed_token(online)}.ics")
    from conference.personal.bookmarks import Viewer, set_bookmark

    set_bookmark(live.conference, live.later.id, Viewer(registration=online), True)
    feed = client.get(f"/c/{live.conference.slug}/my/calendar/{feed_token(online)}.ics")
    text = feed.get_data(as_text=True).replace("\r\n ", "")
    assert f"Join online: http://localhost/c/{live.conference.slug}/live/{live.later.id}?k=" in text
    assert not any(secret in text for secret in SECRETS)
