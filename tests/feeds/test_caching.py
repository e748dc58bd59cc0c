"""HTTP caching of feeds and exports: ETag, Last-Modified, 304 without rendering, new bytes on publish."""

from __future__ import annotations

import pytest
import vobject

from conference.extensions import db
from conference.feeds import frab
from conference.feeds.views import ical as ical_views
from tests import factories

FEEDS = ("calendar.ics", "schedule.xml", "schedule.json")


def feed_urls(conference, programme) -> list[str]:
    base = f"/c/{conference.slug}"
    return [
        f"{base}/calendar.ics",
        f"{base}/schedule.xml",
        f"{base}/schedule.json",
        f"{base}/tracks/{programme['policy'].id}/calendar.ics",
        f"{base}/rooms/{programme['hall'].id}/calendar.ics",
        f"{base}/agenda/sessions/{programme['keynote'].id}.ics",
        f"/api/v1/conferences/{conference.slug}/sessions",
    ]


@pytest.fixture
def builds(monkeypatch):
    """Counts the renders of every feed (the builders stay the real ones)."""
    calls: list[str] = []

    def counting(name, real):
        def wrapper(*args, **kwargs):
            calls.append(name)
            return real(*args, **kwargs)

        return wrapper

    monkeypatch.setattr(ical_views, "build_calendar", counting("ical", ical_views.build_calendar))
    monkeypatch.setattr(frab, "build_xml", counting("xml", frab.build_xml))
    monkeypatch.setattr(frab, "build_json", counting("json", frab.build_json))
    return calls


def test_every_feed_and_export_carries_validators_and_answers_304(client, conference, programme):
    for url in feed_urls(conference, programme):
        first = client.get(url)
        assert first.status_code == 200, url
        etag = first.headers["ETag"]
        assert etag.startswith('"') and "public" in first.headers["Cache-Control"], url
        assert "max-age=300" in first.headers["Cache-Control"], url

        again = client.get(url, headers={"If-None-Match": etag})
        assert again.status_code == 304, url
        assert again.data == b"" and again.headers["ETag"] == etag, url

        if "/api/" not in url:
            assert first.headers["Last-Modified"].endswith(" GMT"), url
            since = client.get(url, headers={"If-Modified-Since": first.headers["Last-Modified"]})
            assert since.status_code == 304, url


def test_rendered_once_then_served_from_cache_and_304_renders_nothing(client, conference, programme, builds):
    for name in FEEDS:
        url = f"/c/{conference.slug}/{name}"
        first = client.get(url)
        second = client.get(url)
        assert first.data == second.data and first.headers["ETag"] == second.headers["ETag"]
        client.get(url, headers={"If-None-Match": first.headers["ETag"]})
    assert builds == ["ical", "xml", "json"]


def test_publishing_again_changes_the_feed_and_its_etag(client, conference, programme, builds):
    url = f"/c/{conference.slug}/calendar.ics"
    first = client.get(url)
    programme["workshop"].title = "Workshop: practice in learning cities"
    db.session.commit()
    assert client.get(url, headers={"If-None-Match": first.headers["ETag"]}).status_code == 304  # unpublished

    factories.publish(conference)
    after = client.get(url, headers={"If-None-Match": first.headers["ETag"]})

    assert after.status_code == 200 and after.headers["ETag"] != first.headers["ETag"]
    titles = {str(event.summary.value) for event in vobject.readOne(after.get_data(as_text=True)).vevent_list}
    assert "Workshop: practice in learning cities" in titles
    assert builds == ["ical", "ical"]


def test_each_language_has_its_own_copy(client, conference, programme):
    url = f"/c/{conference.slug}/calendar.ics"
    english = client.get(url)
    korean = client.get(url, headers={"Accept-Language": "ko"})
    assert english.headers["ETag"] != korean.headers["ETag"]
    assert "Accept-Language" in english.headers["Vary"]
    assert "CATEGORIES:기조연설" in korean.get_data(as_text=True).replace("\r\n ", "")


def test_a_feed_read_by_another_parser(client, conference, programme):
    """vobject (Radicale's parser) reads what icalendar wrote: zone, times, Korean, cancelled status."""
    calendar = vobject.readOne(client.get(f"/c/{conference.slug}/calendar.ics").get_data(as_text=True))
    assert calendar.vtimezone.tzid.value == "Asia/Seoul"
    events = {str(e.summary.value): e for e in calendar.vevent_list}
    keynote = next(e for title, e in events.items() if title.startswith("학습도시의 미래"))
    assert keynote.dtstart.value.utcoffset().total_seconds() == 9 * 3600
    assert keynote.dtstart.value.hour == 10
    assert events["Cancelled panel"].status.value == "CANCELLED"
    assert int(keynote.sequence.value) == programme["version"].number
