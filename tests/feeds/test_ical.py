"""Public iCalendar feeds, read back with a small strict RFC 5545 reader rather than the writer's own."""

from __future__ import annotations

from datetime import UTC, datetime

from conference.events.models import ConferenceFormat, ConferenceStatus
from conference.extensions import db
from tests import factories

STREAM = "https://stream.example.org/live/secret-room"


def unfold(data: bytes) -> list[str]:
    """RFC 5545 §3.1: every line ends with CRLF, is at most 75 octets, and continues on a line that
    starts with one space or tab. Returns the logical (unfolded) lines."""
    assert data.endswith(b"\r\n")
    physical = data[:-2].split(b"\r\n")
    logical: list[bytes] = []
    for line in physical:
        assert b"\n" not in line and b"\r" not in line, line
        assert len(line) <= 75, line
        if line[:1] in (b" ", b"\t"):
            assert logical, "a continuation line cannot come first"
            logical[-1] += line[1:]
        else:
            logical.append(line)
    return [line.decode("utf-8") for line in logical]  # folding may split a character; joined it decodes


def unescape(value: str) -> str:
    out, chars = [], iter(value)
    for char in chars:
        if char == "\\":
            nxt = next(chars)
            out.append("\n" if nxt in "nN" else nxt)
        else:
            out.append(char)
    return "".join(out)


def split_property(line: str) -> tuple[str, dict[str, str], str]:
    """NAME;PARAM=VALUE;...:VALUE (parameter values may be quoted and contain ':' or ';')."""
    i, in_quotes = 0, False
    while i < len(line):
        if line[i] == '"':
            in_quotes = not in_quotes
        elif line[i] == ":" and not in_quotes:
            break
        i += 1
    head, value = line[:i], line[i + 1 :]
    name, *params = head.split(";")
    parameters = {}
    for param in params:
        key, _, val = param.partition("=")
        parameters[key.upper()] = val.strip('"')
    return name.upper(), parameters, value


class Component(dict):
    def __init__(self, name: str):
        super().__init__()
        self.name = name
        self.params: dict[str, dict[str, str]] = {}
        self.children: list[Component] = []

    def walk(self, name: str) -> list[Component]:
        found = [self] if self.name == name else []
        for child in self.children:
            found += child.walk(name)
        return found


def parse(data: bytes) -> Component:
    stack: list[Component] = []
    root = None
    for line in unfold(data):
        name, params, value = split_property(line)
        if name == "BEGIN":
            component = Component(value)
            if stack:
                stack[-1].children.append(component)
            stack.append(component)
        elif name == "END":
            component = stack.pop()
            assert component.name == value
            root = component
        else:
            assert stack, line
            assert name not in stack[-1] or name in ("RDATE", "CATEGORIES"), f"repeated {name}"
            stack[-1][name] = value
            stack[-1].params[name] = params
    assert not stack and root is not None and root.name == "VCALENDAR"
    return root


def events_by_uid(calendar: Component) -> dict[str, Component]:
    return {event["UID"]: event for event in calendar.walk("VEVENT")}


def uid(conference, session) -> str:
    return f"session-{session.id}-{conference.slug}@localhost"


def get_feed(client, url: str) -> tuple[bytes, Component]:
    response = client.get(url)
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/calendar; charset=utf-8")
    return response.data, parse(response.data)


def test_conference_feed(client, conference, programme):
    data, calendar = get_feed(client, f"/c/{conference.slug}/calendar.ics")
    assert calendar["VERSION"] == "2.0"
    assert calendar["PRODID"].startswith("-//Plenary//")
    assert calendar["X-WR-CALNAME"] == "APLC 2026"
    assert calendar["X-WR-TIMEZONE"] == "Asia/Seoul"
    assert calendar["REFRESH-INTERVAL"] == "PT1H"
    assert calendar.params["REFRESH-INTERVAL"] == {"VALUE": "DURATION"}
    assert calendar["X-PUBLISHED-TTL"] == "PT1H"
    [zone] = calendar.walk("VTIMEZONE")
    assert zone["TZID"] == "Asia/Seoul"

    events = events_by_uid(calendar)
    keynote, workshop = programme["keynote"], programme["workshop"]
    assert set(events) == {uid(conference, s) for s in (keynote, workshop, programme["cancelled"])}
    event = events[uid(conference, keynote)]
    title = "학습도시의 미래: 서울에서 본 아시아-태평양 평생학습 네트워크의 과제와 전망"
    assert event["SUMMARY"] == title  # longer than one line: folded, joined back intact
    assert event["DTSTART"] == "20261210T100000" and event.params["DTSTART"] == {"TZID": "Asia/Seoul"}
    assert event["DTEND"] == "20261210T110000" and event.params["DTEND"] == {"TZID": "Asia/Seoul"}
    assert event["DTSTAMP"].endswith("Z")
    assert event["SEQUENCE"] == str(programme["version"].number)
    assert event["LAST-MODIFIED"] == programme["version"].published_at.strftime("%Y%m%dT%H%M%SZ")
    assert event["STATUS"] == "CONFIRMED"
    assert event["CATEGORIES"] == "Keynote,Policy"
    url = f"http://localhost/c/{conference.slug}/agenda/sessions/{keynote.id}"
    assert event["URL"] == url
    description = unescape(event["DESCRIPTION"])
    assert "Why cities learn, R&D included." in description  # plain text: no Markdown, no entities
    assert "Speaker: Lim Hyun Mook (Seoul Institute)" in description
    assert (
        unescape(event["LOCATION"])
        == "Grand Hall, 2F, main building, Seodaemun-gu Office, Seoul, South Korea"
    )

    cancelled = events[uid(conference, programme["cancelled"])]
    assert cancelled["STATUS"] == "CANCELLED"  # kept, so subscribers see it struck out
    assert b"Secret draft" not in data
    assert STREAM.encode() not in data and b"stream" not in data.lower()


def test_track_and_room_feeds(client, conference, programme):
    _, calendar = get_feed(client, f"/c/{conference.slug}/tracks/{programme['policy'].id}/calendar.ics")
    assert set(events_by_uid(calendar)) == {uid(conference, programme[k]) for k in ("keynote", "cancelled")}
    assert calendar["X-WR-CALNAME"] == "APLC 2026 · Policy"

    _, calendar = get_feed(client, f"/c/{conference.slug}/rooms/{programme['small'].id}/calendar.ics")
    assert set(events_by_uid(calendar)) == {uid(conference, programme[k]) for k in ("workshop", "cancelled")}
    assert calendar["X-WR-CALNAME"] == "APLC 2026 · Room 201"

    # A track with no published session yet: an empty but valid calendar.
    empty = factories.make_track(conference, "Later")
    _, calendar = get_feed(client, f"/c/{conference.slug}/tracks/{empty.id}/calendar.ics")
    assert calendar.walk("VEVENT") == []


def test_moved_session_keeps_its_uid_and_sequence_increases(client, conference, programme):
    url = f"/c/{conference.slug}/calendar.ics"
    _, before = get_feed(client, url)
    keynote = programme["keynote"]
    old = events_by_uid(before)[uid(conference, keynote)]

    keynote.starts_at = datetime(2026, 12, 11, 2, 0, tzinfo=UTC)
    keynote.ends_at = datetime(2026, 12, 11, 3, 0, tzinfo=UTC)
    keynote.room_id = programme["small"].id
    db.session.commit()
    _, unchanged = get_feed(client, url)  # not published yet: the feed still shows the old time
    assert events_by_uid(unchanged)[uid(conference, keynote)]["DTSTART"] == old["DTSTART"]

    assert factories.publish(conference) is not None
    _, after = get_feed(client, url)
    new = events_by_uid(after)[uid(conference, keynote)]
    assert set(events_by_uid(after)) == set(events_by_uid(before))
    assert new["DTSTART"] == "20261211T110000"
    assert int(new["SEQUENCE"]) > int(old["SEQUENCE"])
    assert new["LAST-MODIFIED"] >= old["LAST-MODIFIED"]
    assert unescape(new["LOCATION"]).startswith("Room 201")


def test_online_conference_says_online(client, conference, programme):
    conference.format = ConferenceFormat.ONLINE
    db.session.commit()
    _, calendar = get_feed(client, f"/c/{conference.slug}/calendar.ics")
    assert {event["LOCATION"] for event in calendar.walk("VEVENT")} == {"Online"}


def test_sessions_in_an_online_only_room_of_a_hybrid_conference_say_online(client, conference, programme):
    programme["small"].online = True
    db.session.commit()
    factories.publish(conference)
    _, calendar = get_feed(client, f"/c/{conference.slug}/calendar.ics")
    locations = {str(event["SUMMARY"]): unescape(event["LOCATION"]) for event in calendar.walk("VEVENT")}
    assert locations["Workshop on practice"] == locations["Cancelled panel"] == "Online"
    assert locations[programme["keynote"].title].startswith("Grand Hall, 2F, main building")
    page = client.get(f"/c/{conference.slug}/agenda/sessions/{programme['workshop'].id}")
    assert '<dd>Room 201 <span class="tag">Online only</span>' in page.get_data(as_text=True)


def test_every_line_is_folded_and_ends_with_crlf(client, conference, programme):
    long_abstract = "서울 평생학습 " * 80 + "\n\nA second paragraph with a very long line " * 10
    programme["workshop"].abstract = long_abstract
    db.session.commit()
    factories.publish(conference)
    data = client.get(f"/c/{conference.slug}/calendar.ics").data
    lines = data.split(b"\r\n")
    assert lines[-1] == b""
    assert all(len(line) <= 75 and b"\n" not in line for line in lines)
    parse(data)


def test_feeds_not_found(client, conference, programme):
    other = factories.make_conference("other-2027")
    foreign_track = factories.make_track(other, "Elsewhere")
    foreign_room = factories.make_room(other, "Elsewhere")
    for url in (
        "/c/nowhere/calendar.ics",
        f"/c/{conference.slug}/tracks/999/calendar.ics",
        f"/c/{conference.slug}/rooms/999/calendar.ics",
        f"/c/{conference.slug}/tracks/{foreign_track.id}/calendar.ics",
        f"/c/{conference.slug}/rooms/{foreign_room.id}/calendar.ics",
        f"/c/{conference.slug}/rooms/99999999999/calendar.ics",
    ):
        assert client.get(url).status_code == 404, url

    conference.status = ConferenceStatus.DRAFT
    db.session.commit()
    for url in (
        f"/c/{conference.slug}/calendar.ics",
        f"/c/{conference.slug}/tracks/{programme['policy'].id}/calendar.ics",
        f"/c/{conference.slug}/rooms/{programme['hall'].id}/calendar.ics",
    ):
        assert client.get(url).status_code == 404, url


def test_builder_takes_plain_arguments_and_is_repeatable(app, conference, programme):
    # The same version gives the same bytes (what an ETag cache needs). Labels and the country name
    # follow the locale, which the app selects from a request, hence the request context.
    from conference.agenda.published import latest_version, published_sessions
    from conference.feeds.ical import build_calendar

    version = latest_version(conference.id)
    sessions = published_sessions(conference.id)
    with app.test_request_context():
        first = build_calendar(conference, sessions, version, "APLC 2026", "https://plenary.example.org/")
        again = build_calendar(conference, sessions, version, "APLC 2026", "https://plenary.example.org/")
    assert first == again
    events = events_by_uid(parse(first))
    assert f"session-{programme['keynote'].id}-{conference.slug}@plenary.example.org" in events
    assert b"URL:https://plenary.example.org/c/aplc-2026/agenda/sessions/" in first
