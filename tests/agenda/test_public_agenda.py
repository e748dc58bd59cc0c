"""The public agenda: one day at a time, in the conference's time zone, published and cancelled only."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from conference.agenda.models import SessionStatus, SessionType
from conference.agenda.queries import UnknownDay, agenda_day, published_agenda
from conference.extensions import db
from tests import factories
from tests.conftest import count_queries


@pytest.fixture
def programme(conference):
    room = factories.make_room(conference, "Grand Hall", location="2F")
    track = factories.make_track(conference, "Policy & Governance", colour="#aa3300")
    mun = factories.make_person(conference, "Mun Seok-jin", honorific="Mr")
    kwak = factories.make_person(conference, "Kwak Sang Wook")
    sessions = {
        "opening": factories.make_session(
            conference,
            "Opening ceremony",
            room_id=room.id,
            track_id=track.id,
            languages="en,ko",
            people=[(mun, "chair"), (kwak, "speaker")],
        ),
        "parallel": factories.make_session(
            conference, "Parallel workshop", type=SessionType.WORKSHOP, minutes=90, languages="ko"
        ),
        "cancelled": factories.make_session(
            conference,
            "Cancelled panel",
            starts_at=datetime(2026, 12, 10, 2, tzinfo=UTC),
            type=SessionType.PANEL,
            status=SessionStatus.CANCELLED,
        ),
        "draft": factories.make_session(
            conference,
            "Secret draft",
            starts_at=datetime(2026, 12, 10, 3, tzinfo=UTC),
            status=SessionStatus.DRAFT,
        ),
        "day_two": factories.make_session(
            conference,
            "Closing ceremony",
            starts_at=datetime(2026, 12, 11, 7, tzinfo=UTC),
            type=SessionType.CLOSING,
        ),
    }
    factories.publish(conference)
    return sessions


def agenda(client, conference, day: str | None = None) -> str:
    url = f"/c/{conference.slug}/agenda/" + (f"?day={day}" if day else "")
    response = client.get(url)
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_agenda_names_the_time_zone_and_the_day(client, conference, programme):
    html = agenda(client, conference, "2026-12-10")
    assert "All times are Asia/Seoul (UTC+09:00)." in html
    assert "Thursday, December 10, 2026" in html
    assert "<h1>Agenda</h1>" in html


def test_day_tabs_link_each_day_and_mark_the_current_one(client, conference, programme):
    html = agenda(client, conference, "2026-12-11")
    assert f'href="/c/{conference.slug}/agenda/?day=2026-12-10"' in html
    assert f'href="/c/{conference.slug}/agenda/?day=2026-12-11" aria-current="page"' in html
    assert "Day 1" in html and "Day 2" in html and "Thu, Dec 10" in html and "Fri, Dec 11" in html


def test_sessions_show_in_seoul_time_grouped_by_start(client, conference, programme):
    html = agenda(client, conference, "2026-12-10")
    # 00:00 UTC is 9:00 in Seoul; the slot runs to the later end of its two sessions.
    assert (
        '<span class="slot-start">9:00\u202fAM</span> <span class="slot-end">– 10:30\u202fAM</span>' in html
    )
    slot = html[html.index("slot-start") : html.index("11:00\u202fAM")]
    assert "Opening ceremony" in slot and "Parallel workshop" in slot
    # Sessions ending earlier than their slot show their own times.
    assert "9:00\u202fAM – 10:00\u202fAM" in slot and "9:00\u202fAM – 10:30\u202fAM" in slot
    assert html.index("Opening ceremony") < html.index("Cancelled panel")


def test_session_cards_show_type_room_track_people_and_languages(client, conference, programme):
    html = agenda(client, conference, "2026-12-10")
    opening = programme["opening"]
    assert f'href="/c/{conference.slug}/agenda/sessions/{opening.id}">Opening ceremony</a>' in html
    assert "Opening</span>" in html and "Workshop</span>" in html
    assert "Grand Hall" in html and "English, Korean" in html
    assert 'style="--track: #aa3300"' in html and "Policy &amp; Governance" in html
    assert 'Mr Mun Seok-jin</a> <span class="role">Chair</span>' in html
    assert 'Kwak Sang Wook</a> <span class="role">Speaker</span>' in html


def test_cancelled_sessions_are_marked_and_drafts_never_shown(client, conference, programme):
    html = agenda(client, conference, "2026-12-10")
    card = html[html.index("Cancelled panel") - 500 : html.index("Cancelled panel")]
    assert "is-cancelled" in card and "Cancelled</span>" in card
    assert "Secret draft" not in html


def test_each_day_shows_only_its_own_sessions(client, conference, programme):
    html = agenda(client, conference, "2026-12-11")
    assert "Closing ceremony" in html and "Opening ceremony" not in html
    assert "4:00\u202fPM" in html  # 07:00 UTC


def test_day_follows_the_conference_zone_not_utc(client, conference):
    # 15:30 UTC on the 9th is 00:30 on the 10th in Seoul.
    factories.make_session(conference, "Midnight talk", starts_at=datetime(2026, 12, 9, 15, 30, tzinfo=UTC))
    factories.publish(conference)
    assert "Midnight talk" in agenda(client, conference, "2026-12-10")
    assert "Midnight talk" not in agenda(client, conference, "2026-12-11")


def test_default_day_is_the_first_day(client, conference, programme):
    html = agenda(client, conference)
    assert "Opening ceremony" in html and "Closing ceremony" not in html


def test_default_day_is_today_while_the_conference_runs(client, app):
    live = factories.make_conference(
        "live", start_date=date.today() - timedelta(days=3), end_date=date.today() + timedelta(days=3)
    )
    today = datetime.now(UTC).astimezone(live.tz).date()
    html = agenda(client, live)
    assert f'?day={today.isoformat()}" aria-current="page"' in html


def test_empty_day(client, conference, programme):
    factories.make_conference("empty", start_date=date(2027, 3, 1))
    html = client.get("/c/empty/agenda/").get_data(as_text=True)
    assert "No sessions are published for this day yet." in html


@pytest.mark.parametrize(
    "day", ["not-a-date", "2026-13-45", "2030-01-01", "2026-12-09", "2026-12-12", "2026-12-10%00x", "9" * 400]
)
def test_a_day_that_is_not_a_conference_day_is_not_found(client, conference, day):
    response = client.get(f"/c/{conference.slug}/agenda/?day={day}")
    assert response.status_code == 404
    assert "We could not find that page" in response.get_data(as_text=True)


def test_agenda_is_in_korean_for_a_korean_visitor(client, conference, programme):
    client.get("/lang/ko")
    html = agenda(client, conference, "2026-12-10")
    assert "2026년 12월 10일 목요일" in html
    assert factories.ko_time(9, 0) in html
    assert "12월 10일 (목)" in html
    assert "영어, 한국어" in html


def test_agenda_day_service(conference):
    now = datetime(2026, 12, 10, 20, tzinfo=UTC)  # already the 11th in Seoul
    assert agenda_day(conference, None, now) == date(2026, 12, 11)
    assert agenda_day(conference, None, datetime(2027, 1, 1, tzinfo=UTC)) == date(2026, 12, 10)
    assert agenda_day(conference, "2026-12-11", now) == date(2026, 12, 11)
    with pytest.raises(UnknownDay):
        agenda_day(conference, "2026-12-12", now)
    with pytest.raises(UnknownDay):
        agenda_day(conference, "yesterday", now)


def test_published_agenda_service_groups_by_start(conference, programme):
    slots = published_agenda(conference, date(2026, 12, 10))
    assert [[s.title for s in slot.sessions] for slot in slots] == [
        ["Opening ceremony", "Parallel workshop"],
        ["Cancelled panel"],
    ]
    assert not slots[0].ends_together and slots[1].ends_together


def _add_sessions(conference, count: int, offset: int) -> None:
    rooms = [factories.make_room(conference, f"Room {offset}-{n}") for n in range(3)]
    tracks = [factories.make_track(conference, f"Track {offset}-{n}") for n in range(2)]
    people = [factories.make_person(conference, f"Speaker {offset}-{n}") for n in range(4)]
    for n in range(count):
        factories.make_session(
            conference,
            f"Session {offset}-{n}",
            starts_at=datetime(2026, 12, 10, 0, tzinfo=UTC) + timedelta(minutes=2 * (n + offset)),
            room_id=rooms[n % 3].id,
            track_id=tracks[n % 2].id,
            people=[(people[n % 4], "speaker"), (people[(n + 1) % 4], "moderator")],
        )


@pytest.mark.parametrize("query", ["", "&q=speaker&track=1&language=en", "&day=all&tz=America/New_York"])
def test_agenda_query_count_does_not_grow_with_sessions(client, conference, query):
    url = f"/c/{conference.slug}/agenda/?day=2026-12-10{query}".replace("day=2026-12-10&day=all", "day=all")
    _add_sessions(conference, 10, offset=0)
    factories.publish(conference)
    # Warm first: a version's parsed programme is cached, and only the first request loads it.
    assert client.get(url).status_code == 200
    with count_queries() as with_ten:
        assert client.get(url).status_code == 200
    _add_sessions(conference, 290, offset=10)
    factories.publish(conference)
    html = client.get(f"/c/{conference.slug}/agenda/?day=2026-12-10").get_data(as_text=True)
    assert html.count('class="session-card') == 300
    assert client.get(url).status_code == 200
    with count_queries() as with_three_hundred:
        assert client.get(url).status_code == 200
    assert len(with_three_hundred) == len(with_ten)


# The published programme, not the working copy


def test_the_public_agenda_changes_only_when_published(client, conference, programme):
    opening = programme["opening"]
    opening.title = "Renamed in the builder"
    db.session.commit()
    factories.make_session(
        conference, "Added in the builder", starts_at=datetime(2026, 12, 10, 5, tzinfo=UTC)
    )
    html = agenda(client, conference, "2026-12-10")
    assert "Opening ceremony" in html and "Renamed in the builder" not in html
    assert "Added in the builder" not in html
    factories.publish(conference)
    html = agenda(client, conference, "2026-12-10")
    assert "Renamed in the builder" in html and "Added in the builder" in html


def test_cancelled_sessions_are_struck_through(client, conference, programme):
    html = agenda(client, conference, "2026-12-10")
    card = html[html.index('id="session-' + str(programme["cancelled"].id)) - 60 :]
    assert (
        card.startswith('<li class="session-card is-cancelled"')
        or 'class="session-card is-cancelled"' in card[:200]
    )
    css = client.get("/static/css/public.css").get_data(as_text=True)
    assert ".is-cancelled .session-title" in css and "line-through" in css


# Filters and search


@pytest.fixture
def festival(conference):
    hall = factories.make_room(conference, "Grand Hall")
    studio = factories.make_room(conference, "Studio B")
    policy = factories.make_track(conference, "Policy", colour="#aa3300")
    practice = factories.make_track(conference, "Practice", colour="#0055aa")
    ana = factories.make_person(conference, "Ana Santos", organisation="Quezon City")
    lee = factories.make_person(conference, "Lee Min-ho")
    base = datetime(2026, 12, 10, 0, tzinfo=UTC)
    sessions = {
        "keynote": factories.make_session(
            conference,
            "Keynote on lifelong learning",
            type=SessionType.KEYNOTE,
            room_id=hall.id,
            track_id=policy.id,
            languages="en,ko",
            people=[(ana, "speaker")],
        ),
        "workshop": factories.make_session(
            conference,
            "Mapping neighbourhoods",
            type=SessionType.WORKSHOP,
            room_id=studio.id,
            track_id=practice.id,
            languages="ko",
            abstract="Bring a **city map**.",
            starts_at=base + timedelta(hours=2),
        ),
        "panel": factories.make_session(
            conference,
            "Cities in conversation",
            type=SessionType.PANEL,
            room_id=hall.id,
            track_id=practice.id,
            languages="en",
            people=[(lee, "panelist")],
            starts_at=base + timedelta(hours=4),
        ),
    }
    factories.publish(conference)
    return {"hall": hall, "studio": studio, "policy": policy, "practice": practice, **sessions}


def titles(html: str) -> set[str]:
    names = {"Keynote on lifelong learning", "Mapping neighbourhoods", "Cities in conversation"}
    return {name for name in names if f">{name}</a>" in html}


def test_filter_by_track_room_type_and_language(client, conference, festival):
    url = f"/c/{conference.slug}/agenda/?day=2026-12-10"
    get = lambda query: client.get(url + query).get_data(as_text=True)  # noqa: E731
    assert titles(get(f"&track={festival['practice'].id}")) == {
        "Mapping neighbourhoods",
        "Cities in conversation",
    }
    assert titles(get(f"&room={festival['hall'].id}")) == {
        "Keynote on lifelong learning",
        "Cities in conversation",
    }
    assert titles(get("&type=workshop")) == {"Mapping neighbourhoods"}
    assert titles(get("&language=ko")) == {"Keynote on lifelong learning", "Mapping neighbourhoods"}
    both = get(f"&language=en&track={festival['practice'].id}")
    assert titles(both) == {"Cities in conversation"}
    assert "1 of 3 sessions match." not in both and "1 of 3 session matches." in both
    assert "Clear filters" in both
    # The filters stay selected and day tabs keep them.
    assert f'<option value="{festival["practice"].id}" selected>Practice</option>' in both
    assert '<option value="en" selected>English</option>' in both
    assert f"?day=2026-12-11&amp;track={festival['practice'].id}&amp;language=en" in both


def test_filters_offer_only_what_the_programme_uses(client, conference, festival):
    html = agenda(client, conference, "2026-12-10")
    assert ">Keynote</option>" in html and ">Workshop</option>" in html and ">Closing</option>" not in html
    assert ">Grand Hall</option>" in html and ">Korean</option>" in html
    assert 'type="search"' in html and 'name="q"' in html


def test_search_looks_at_titles_abstracts_and_people(client, conference, festival):
    url = f"/c/{conference.slug}/agenda/?day=2026-12-10&q="
    assert titles(client.get(url + "LIFELONG").get_data(as_text=True)) == {"Keynote on lifelong learning"}
    assert titles(client.get(url + "city+map").get_data(as_text=True)) == {"Mapping neighbourhoods"}
    assert titles(client.get(url + "Lee+Min").get_data(as_text=True)) == {"Cities in conversation"}
    assert titles(client.get(url + "quezon").get_data(as_text=True)) == {"Keynote on lifelong learning"}
    html = client.get(url + "nothing-like-this").get_data(as_text=True)
    assert titles(html) == set() and "No sessions on this day match your filters." in html
    assert 'value="nothing-like-this"' in html


@pytest.mark.parametrize(
    "query",
    [
        "track=abc",
        "track=-1",
        "room=99999999999999999999",
        "type=<script>",
        "language=%00",
        "q=" + "x" * 5000,
        "track=&room=&type=&language=&q=",
        "tz=%00",
    ],
)
def test_bad_filters_are_ignored_not_errors(client, conference, festival, query):
    response = client.get(f"/c/{conference.slug}/agenda/?day=2026-12-10&{query}")
    assert response.status_code == 200
    assert "<script>" not in response.get_data(as_text=True).split("<main")[1]


def test_filters_work_over_every_day_for_printing(client, conference, festival, programme):
    html = client.get(f"/c/{conference.slug}/agenda/?day=all").get_data(as_text=True)
    assert html.count('class="agenda-day"') == 2
    assert "Thursday, December 10, 2026" in html and "Friday, December 11, 2026" in html
    assert "Closing ceremony" in html and "Keynote on lifelong learning" in html
    assert 'href="/c/aplc-2026/agenda/?day=all" aria-current="page"' in html
    assert '<link rel="stylesheet" href="/static/css/print.css" media="print">' in html
    css = client.get("/static/css/print.css").get_data(as_text=True)
    assert ".agenda-day + .agenda-day { break-before: page; }" in css
    assert ".agenda-filters" in css and ".conference-nav" in css


# Time zones


def test_tz_switch_shows_the_viewers_zone_and_remembers_it(client, conference, programme):
    response = client.get(f"/c/{conference.slug}/agenda/?day=2026-12-10&tz=America/New_York")
    html = response.get_data(as_text=True)
    assert "All times are America/New_York (UTC-05:00), your time zone." in html
    # 09:00 in Seoul is 19:00 the evening before in New York: the slot says which day.
    assert '<span class="slot-date">Wed, Dec 9</span> <span class="slot-start">7:00\u202fPM</span>' in html
    assert "Show conference time (Asia/Seoul)" in html
    assert "agenda_tz=America/New_York" in response.headers["Set-Cookie"]

    # Next time, without ?tz=, the cookie decides; session pages too.
    html = agenda(client, conference, "2026-12-10")
    assert "All times are America/New_York" in html
    page = client.get(f"/c/{conference.slug}/agenda/sessions/{programme['opening'].id}").get_data(
        as_text=True
    )
    assert (
        "Your time</dt>" in page and "7:00\u202fPM – 8:00\u202fPM" in page and "Wednesday, December 9" in page
    )

    # Back to the conference's zone: the cookie is forgotten.
    response = client.get(f"/c/{conference.slug}/agenda/?day=2026-12-10&tz=conference")
    assert "All times are Asia/Seoul (UTC+09:00)." in response.get_data(as_text=True)
    assert "agenda_tz=;" in response.headers["Set-Cookie"]
    assert "All times are Asia/Seoul (UTC+09:00)." in agenda(client, conference, "2026-12-10")


@pytest.mark.parametrize("zone", ["Mars/Olympus_Mons", "../../etc/passwd", "", "x" * 300, "asia/seoul"])
def test_a_bad_zone_is_ignored(client, conference, programme, zone):
    response = client.get(f"/c/{conference.slug}/agenda/", query_string={"day": "2026-12-10", "tz": zone})
    assert response.status_code == 200
    assert "All times are Asia/Seoul (UTC+09:00)." in response.get_data(as_text=True)
    assert "Set-Cookie" not in response.headers or "agenda_tz" not in response.headers["Set-Cookie"]
    client.set_cookie("agenda_tz", zone or "bogus")
    assert "All times are Asia/Seoul (UTC+09:00)." in agenda(client, conference, "2026-12-10")


def test_a_bad_zone_keeps_an_earlier_good_choice(client, conference, programme):
    client.set_cookie("agenda_tz", "Europe/Paris")
    html = client.get(f"/c/{conference.slug}/agenda/?day=2026-12-10&tz=Nowhere/Land").get_data(as_text=True)
    assert "All times are Europe/Paris (UTC+01:00), your time zone." in html
    assert "1:00\u202fAM" in html  # 09:00 in Seoul


def test_the_switch_button_is_there_for_the_script(client, conference, programme):
    html = agenda(client, conference, "2026-12-10")
    assert "data-tz-mine hidden" in html and 'data-conference-zone="Asia/Seoul"' in html
    assert 'data-view-zone="Asia/Seoul"' in html
    assert '<script src="/static/js/agenda.js" defer></script>' in html
    script = client.get("/static/js/agenda.js").get_data(as_text=True)
    assert "resolvedOptions().timeZone" in script and "localStorage" in script and "agenda_tz" in script


# Now / next


def test_now_and_next_service(conference, programme):
    from conference.agenda.published import published_sessions
    from conference.agenda.queries import AgendaFilters, agenda_page, now_and_next

    sessions = published_sessions(conference.id)
    ids = {s.title: s.id for s in sessions}
    during_opening = datetime(2026, 12, 10, 0, 30, tzinfo=UTC)
    highlight = now_and_next(conference, sessions, during_opening)
    assert highlight.now == {ids["Opening ceremony"], ids["Parallel workshop"]}
    # The cancelled panel is nobody's "next", and tomorrow's closing is not "next" today.
    assert highlight.next == set()
    next_morning = datetime(2026, 12, 11, 1, 0, tzinfo=UTC)
    assert now_and_next(conference, sessions, next_morning).next == {ids["Closing ceremony"]}
    assert now_and_next(conference, sessions, next_morning).now == set()
    assert now_and_next(conference, sessions, datetime(2026, 12, 1, tzinfo=UTC)).next == set()
    page = agenda_page(conference, [date(2026, 12, 10)], AgendaFilters(), during_opening)
    assert ids["Opening ceremony"] in page.highlight.now


def test_now_and_next_are_highlighted_while_the_conference_runs(client, conference, programme, monkeypatch):
    from conference.agenda.views import public as views

    monkeypatch.setattr(views, "current_time", lambda: datetime(2026, 12, 11, 6, 30, tzinfo=UTC))
    html = agenda(client, conference)  # the default day is today: the 11th in Seoul
    closing = html[html.index(f'id="session-{programme["day_two"].id}"') - 80 :]
    assert "is-next" in closing[:200] and "Up next" in closing[:600]
    monkeypatch.setattr(views, "current_time", lambda: datetime(2026, 12, 11, 7, 30, tzinfo=UTC))
    html = agenda(client, conference)
    assert "On now" in html and "is-now" in html and "Up next" not in html
    monkeypatch.setattr(views, "current_time", lambda: datetime(2027, 1, 1, tzinfo=UTC))
    html = agenda(client, conference, "2026-12-11")
    assert "On now" not in html and "Up next" not in html


def test_each_row_has_a_slot_for_the_personal_controls(app, client, conference, programme):
    html = agenda(client, conference, "2026-12-10")
    assert html.count('class="session-card') == 3  # rendered with or without personal/_session_buttons.html
