"""Organisers build the programme: sessions entered in the conference's local time, with their people."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select

from conference.agenda.models import PersonRole, Session, SessionStatus, SessionType
from conference.audit.models import AuditEntry
from conference.extensions import db
from tests import factories
from tests.conftest import count_queries, submit

SESSIONS = "/c/aplc-2026/manage/sessions/"
NEW = "/c/aplc-2026/manage/sessions/new"


def session_data(**changes) -> dict:
    """A valid session form: 09:00–10:30 on the first day in Seoul, no people."""
    return {
        "title": "Opening ceremony",
        "abstract": "Welcome to **Seoul**.",
        "type": "opening",
        "track_id": "",
        "room_id": "",
        "day": "2026-12-10",
        "starts_at_time": "09:00",
        "ends_at_time": "10:30",
        "language_codes": ["en", "ko"],
        "capacity": "",
        "status": "published",
    } | changes


def people_rows(*rows: tuple[object, str, str]) -> dict:
    data = {}
    for index, (person_id, role, order) in enumerate(rows):
        data |= {
            f"people-{index}-person_id": str(person_id),
            f"people-{index}-role": role,
            f"people-{index}-position": order,
        }
    return data


def the_session() -> Session | None:
    db.session.expire_all()
    return db.session.scalar(select(Session))


def test_a_session_is_created_in_local_time_with_its_people(client, conference, signed_in):
    room = factories.make_room(conference, "Grand Hall")
    track = factories.make_track(conference, "Policy")
    mun = factories.make_person(conference, "Mun Seok-jin")
    kim = factories.make_person(conference, "Kim Min-ji")
    data = session_data(room_id=str(room.id), track_id=str(track.id), capacity="250")
    data |= people_rows(
        (kim.id, "speaker", "2"), ("", "speaker", ""), (mun.id, "chair", "1"), (mun.id, "speaker", "3")
    )
    response = submit(client, NEW, data, follow_redirects=True)
    html = response.get_data(as_text=True)
    assert "The session “Opening ceremony” was saved." in html
    assert "Thursday, December 10, 2026" in html
    assert "9:00\u202fAM – 10:30\u202fAM" in html
    assert "Grand Hall" in html and "Policy" in html and "Published" in html
    session = the_session()
    assert session.starts_at == datetime(2026, 12, 10, 0, 0, tzinfo=UTC)  # 09:00 in Seoul
    assert session.ends_at == datetime(2026, 12, 10, 1, 30, tzinfo=UTC)
    assert (session.room_id, session.track_id, session.capacity) == (room.id, track.id, 250)
    assert (session.type, session.status, session.languages) == (
        SessionType.OPENING,
        SessionStatus.PUBLISHED,
        "en,ko",
    )
    assert [(link.person.full_name, link.role) for link in session.people] == [
        ("Mun Seok-jin", PersonRole.CHAIR),
        ("Kim Min-ji", PersonRole.SPEAKER),
        ("Mun Seok-jin", PersonRole.SPEAKER),
    ]
    actions = list(db.session.scalars(select(AuditEntry.action).order_by(AuditEntry.id)))
    assert actions == ["session.created", "session.people_changed"]
    assert client.get("/c/aplc-2026/agenda/").status_code == 200


def test_the_edit_form_shows_local_times_and_people(client, conference, signed_in):
    person = factories.make_person(conference, "Mun Seok-jin")
    session = factories.make_session(
        conference,
        starts_at=datetime(2026, 12, 11, 5, 15, tzinfo=UTC),
        minutes=45,
        people=[(person, "moderator")],
    )
    html = client.get(f"{SESSIONS}{session.id}").get_data(as_text=True)
    assert 'value="2026-12-11"' in html
    assert 'value="14:15"' in html and 'value="15:00"' in html
    assert f'<option selected value="{person.id}">Mun Seok-jin</option>' in html
    assert '<option selected value="moderator">' in html
    assert html.count('name="people-') >= 3 * 6  # room for more people


def test_editing_keeps_unchanged_people_and_records_the_new_line_up(client, conference, signed_in):
    mun = factories.make_person(conference, "Mun Seok-jin")
    kim = factories.make_person(conference, "Kim Min-ji")
    session = factories.make_session(conference, people=[(mun, "speaker"), (kim, "speaker")])
    data = session_data(title="Opening") | people_rows((kim.id, "speaker", ""), (mun.id, "speaker", ""))
    assert submit(client, f"{SESSIONS}{session.id}", data).status_code == 302
    session = the_session()
    assert session.title == "Opening"
    assert [link.person.full_name for link in session.people] == ["Kim Min-ji", "Mun Seok-jin"]
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "session.people_changed"))
    assert entry.before["people"] == ["Mun Seok-jin (speaker)", "Kim Min-ji (speaker)"]
    assert entry.after["people"] == ["Kim Min-ji (speaker)", "Mun Seok-jin (speaker)"]

    submit(client, f"{SESSIONS}{session.id}", session_data(title="Opening"))
    assert the_session().people == []


def test_sessions_are_grouped_by_local_day(client, conference, signed_in):
    # 23:30 UTC on the 10th is already the 11th in Seoul.
    factories.make_session(conference, "Late night", starts_at=datetime(2026, 12, 10, 23, 30, tzinfo=UTC))
    factories.make_session(
        conference, "Morning", starts_at=datetime(2026, 12, 10, 0, 0, tzinfo=UTC), status=SessionStatus.DRAFT
    )
    html = client.get(SESSIONS).get_data(as_text=True)
    assert (
        html.index("Thursday, December 10, 2026")
        < html.index("Morning")
        < html.index("Friday, December 11, 2026")
    )
    assert html.index("Friday, December 11, 2026") < html.index("Late night")
    assert "Draft" in html


def test_a_session_is_deleted_after_confirming(client, conference, signed_in):
    session = factories.make_session(conference, people=[(factories.make_person(conference), "speaker")])
    url = f"{SESSIONS}{session.id}/delete"
    assert "Delete the session “Opening ceremony”?" in client.get(url).get_data(as_text=True)
    response = submit(client, url, follow_redirects=True)
    assert "The session “Opening ceremony” was deleted." in response.get_data(as_text=True)
    assert the_session() is None
    assert db.session.scalar(select(AuditEntry.action)) == "session.deleted"


@pytest.fixture
def new_york(app, organiser):
    """A conference in New York, where clocks change: forward on 8 March 2026, back on 1 November."""
    conference = factories.make_conference(
        "ny-2026", timezone="America/New_York", start_date=date(2026, 3, 7)
    )
    factories.grant(organiser, conference, "organiser")
    return conference


def test_a_time_skipped_by_daylight_saving_is_refused(client, new_york, signed_in):
    data = session_data(day="2026-03-08", starts_at_time="02:30", ends_at_time="03:30")
    response = submit(client, "/c/ny-2026/manage/sessions/new", data)
    html = response.get_data(as_text=True)
    assert "This time does not exist in America/New_York on that day (the clocks change)." in html
    assert 'id="starts_at_time-error"' in html and 'value="02:30"' in html
    assert the_session() is None


def test_a_session_across_the_spring_change_is_converted_per_offset(client, new_york, signed_in):
    data = session_data(day="2026-03-08", starts_at_time="01:30", ends_at_time="03:30")
    assert submit(client, "/c/ny-2026/manage/sessions/new", data).status_code == 302
    session = the_session()
    assert session.starts_at == datetime(2026, 3, 8, 6, 30, tzinfo=UTC)  # EST, UTC-5
    assert session.ends_at == datetime(2026, 3, 8, 7, 30, tzinfo=UTC)  # EDT, UTC-4


def test_a_repeated_autumn_time_is_taken_at_its_first_occurrence(client, new_york, signed_in):
    data = session_data(day="2026-11-01", starts_at_time="01:15", ends_at_time="01:45")
    assert submit(client, "/c/ny-2026/manage/sessions/new", data).status_code == 302
    session = the_session()
    assert session.starts_at == datetime(2026, 11, 1, 5, 15, tzinfo=UTC)  # still EDT, UTC-4
    assert session.ends_at == datetime(2026, 11, 1, 5, 45, tzinfo=UTC)


def test_editing_keeps_the_second_of_two_repeated_times(client, new_york, signed_in):
    # 06:30 UTC on 1 November is 01:30 EST, the second time the clocks show 01:30 that night.
    session = factories.make_session(new_york, starts_at=datetime(2026, 11, 1, 6, 30, tzinfo=UTC), minutes=30)
    html = client.get(f"/c/ny-2026/manage/sessions/{session.id}").get_data(as_text=True)
    assert 'value="01:30"' in html and 'value="02:00"' in html
    data = session_data(title="Night owls", day="2026-11-01", starts_at_time="01:30", ends_at_time="02:00")
    assert submit(client, f"/c/ny-2026/manage/sessions/{session.id}", data).status_code == 302
    saved = the_session()
    assert (saved.title, saved.starts_at) == ("Night owls", datetime(2026, 11, 1, 6, 30, tzinfo=UTC))
    assert saved.ends_at == datetime(2026, 11, 1, 7, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"title": ""}, "title", "This field is required."),
        ({"title": "x" * 5000}, "title", "Field cannot be longer than 300 characters."),
        ({"abstract": "x" * 20_001}, "abstract", "Field cannot be longer than 20000 characters."),
        ({"type": "party"}, "type", "Choose one of the options in the list."),
        ({"status": "secret"}, "status", "Choose one of the options in the list."),
        ({"day": "2026-13-45"}, "day", "Not a valid date value."),
        ({"day": ""}, "day", "This field is required."),
        ({"day": "2031-01-01"}, "day", "Choose a day within a year of the conference."),
        ({"day": "0001-01-01"}, "day", "Choose a day within a year of the conference."),
        ({"starts_at_time": "25:99"}, "starts_at_time", "Not a valid time value."),
        ({"starts_at_time": ""}, "starts_at_time", "This field is required."),
        ({"ends_at_time": "abc"}, "ends_at_time", "Not a valid time value."),
        ({"ends_at_time": "08:00"}, "ends_at_time", "The session must end after it starts."),
        ({"ends_at_time": "09:00"}, "ends_at_time", "The session must end after it starts."),
        ({"capacity": "0"}, "capacity", "Number must be between 1 and 1000000."),
        ({"capacity": "abc"}, "capacity", "Not a valid integer value."),
        ({"capacity": "99999999999999999999"}, "capacity", "Number must be between 1 and 1000000."),
        ({"language_codes": ["en", "xx"]}, "language_codes", "Choose languages from the list."),
        ({"track_id": "abc"}, "track_id", "Choose one of the options in the list."),
        ({"room_id": "999999"}, "room_id", "Choose a room of this conference."),
        ({"room_id": "99999999999999999999"}, "room_id", "Choose one of the options in the list."),
    ],
)
def test_bad_input_is_refused_next_to_its_field(client, conference, signed_in, changes, field, message):
    response = submit(client, NEW, session_data(**changes))
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert message in html
    assert f'id="{field}-error"' in html
    value = next(iter(changes.values()))
    if isinstance(value, str) and value and field not in ("type", "status", "track_id", "room_id"):
        assert value in html if field == "abstract" else f'value="{value}"' in html
    assert the_session() is None


def test_tracks_rooms_and_people_of_another_conference_are_refused(client, conference, signed_in):
    other = factories.make_conference("other-2026")
    track, room, person = (
        factories.make_track(other),
        factories.make_room(other),
        factories.make_person(other),
    )
    data = session_data(track_id=str(track.id), room_id=str(room.id)) | people_rows(
        (person.id, "speaker", "")
    )
    html = submit(client, NEW, data).get_data(as_text=True)
    assert "Choose a track of this conference." in html
    assert "Choose a room of this conference." in html
    assert "Choose a person of this conference." in html and 'id="people-0-person_id-error"' in html
    assert the_session() is None


def test_the_same_person_in_the_same_role_twice_is_refused(client, conference, signed_in):
    person = factories.make_person(conference)
    data = session_data() | people_rows(
        (person.id, "speaker", ""), (person.id, "chair", ""), (person.id, "speaker", "")
    )
    html = submit(client, NEW, data).get_data(as_text=True)
    assert "This person already has this role in the session." in html
    assert 'id="people-2-person_id-error"' in html and 'id="people-1-person_id-error"' not in html
    assert the_session() is None


def test_bad_people_rows_are_refused(client, conference, signed_in):
    person = factories.make_person(conference)
    data = session_data() | people_rows((person.id, "juggler", "x"), ("abc", "speaker", "-1"))
    html = submit(client, NEW, data).get_data(as_text=True)
    assert 'id="people-0-role-error"' in html and 'id="people-0-position-error"' in html
    assert 'id="people-1-person_id-error"' in html
    assert the_session() is None


def test_html_in_a_title_is_shown_escaped(client, conference, signed_in):
    submit(client, NEW, session_data(title="<script>alert('x')</script>"))
    html = client.get(SESSIONS).get_data(as_text=True)
    assert "<script>alert('x')</script>" not in html
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in html


def test_the_session_list_takes_the_same_queries_however_long(client, conference, signed_in):
    room, track = factories.make_room(conference), factories.make_track(conference)

    def add_sessions(count: int) -> None:
        for number in range(count):
            person = factories.make_person(conference, f"Speaker {number}")
            factories.make_session(
                conference, f"Talk {number}", room_id=room.id, track_id=track.id, people=[(person, "speaker")]
            )

    add_sessions(2)
    with count_queries() as few:
        client.get(SESSIONS)
    add_sessions(10)
    with count_queries() as many:
        client.get(SESSIONS)
    assert len(many) == len(few)


def test_materials_seat_booking_and_expected_attendance_are_saved(client, conference, signed_in):
    data = session_data(
        capacity="30",
        expected_attendance="25",
        seat_booking="y",
        materials_text="Slides | https://example.org/slides.pdf\nHandout | https://example.org/handout",
    )
    assert submit(client, NEW, data).status_code == 302
    session = the_session()
    assert session.seat_booking is True
    assert session.expected_attendance == 25
    assert session.materials == [
        {"label": "Slides", "url": "https://example.org/slides.pdf"},
        {"label": "Handout", "url": "https://example.org/handout"},
    ]
    page = client.get(f"/c/aplc-2026/manage/sessions/{session.id}").get_data(as_text=True)
    assert "Slides | https://example.org/slides.pdf" in page


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"materials_text": "Slides without a link"}, "Line 1: write “Label | https://…”."),
        (
            {"seat_booking": "y", "capacity": ""},
            "Give the session a capacity to let delegates reserve seats.",
        ),
        ({"expected_attendance": "0"}, "Number must be between 1 and 1000000."),
    ],
)
def test_bad_materials_or_seats_are_refused_next_to_the_field(
    client, conference, signed_in, changes, message
):
    response = submit(client, NEW, session_data(**changes), form_url=NEW)
    assert response.status_code == 200
    assert message in response.get_data(as_text=True)
    assert the_session() is None
