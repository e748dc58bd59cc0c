"""Organisers give rooms their streaming channels, for every day or one day, one by one or in bulk."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from conference.audit.models import AuditEntry
from conference.extensions import db
from conference.streaming.models import StreamChannel
from tests import factories
from tests.conftest import submit

PAGE = "/c/aplc-2026/manage/streaming/"
FLOOR = "https://www.youtube.com/watch?v=abcdefghijk"
ZOOM = "https://zoom.us/j/81234567890"


@pytest.fixture
def hall(conference):
    return factories.make_room(conference, "Grand Hall", position=1)


def channels() -> list[StreamChannel]:
    return list(db.session.scalars(select(StreamChannel).order_by(StreamChannel.room_id, StreamChannel.id)))


def actions() -> list[str]:
    return list(db.session.scalars(select(AuditEntry.action).order_by(AuditEntry.id)))


def channel(room, label: str = "Floor", url: str = FLOOR, **values) -> StreamChannel:
    made = StreamChannel(conference_id=room.conference_id, room_id=room.id, label=label, url=url, **values)
    db.session.add(made)
    db.session.commit()
    return made


def test_add_edit_and_delete_a_room_channel(client, conference, signed_in, hall):
    new = f"{PAGE}rooms/{hall.id}/channels/new"
    form = client.get(new).get_data(as_text=True)
    assert "New channel for “Grand Hall”" in form
    response = submit(
        client,
        new,
        {"label": "Korean interpretation", "url": ZOOM, "passcode": "APLC-1", "day": "all", "position": "2"},
        follow_redirects=True,
    )
    html = response.get_data(as_text=True)
    assert "The channel “Korean interpretation” was saved." in html
    assert ZOOM in html and "APLC-1" in html and "Zoom" in html and "Every day" in html
    saved = channels()[0]
    assert (saved.room_id, saved.session_id, saved.day, saved.passcode, saved.position) == (
        hall.id, None, None, "APLC-1", 2,
    )  # fmt: skip

    edit = f"{PAGE}channels/{saved.id}"
    assert 'value="Korean interpretation"' in client.get(edit).get_data(as_text=True)
    submit(
        client,
        edit,
        {"label": "Korean", "url": ZOOM, "passcode": "", "day": "2026-12-11", "recording_url": FLOOR},
    )
    db.session.expire_all()
    saved = db.session.get(StreamChannel, saved.id)
    assert (saved.label, saved.passcode, saved.day, saved.recording_url) == (
        "Korean",
        "",
        date(2026, 12, 11),
        FLOOR,
    )
    html = client.get(PAGE).get_data(as_text=True)
    assert "Dec 11, 2026" in html and "On Dec 11, 2026 this room uses only that day" not in html

    confirm = client.get(f"{edit}/delete").get_data(as_text=True)
    assert "Delete the channel “Korean” of “Grand Hall”?" in confirm
    response = submit(client, f"{edit}/delete")
    assert response.headers["Location"] == f"{PAGE}#room-{hall.id}"
    assert channels() == []
    assert actions() == ["stream_channel.created", "stream_channel.updated", "stream_channel.deleted"]
    # The audit log shows that the links changed, never the links themselves.
    logged = " ".join(str((entry.before, entry.after)) for entry in db.session.scalars(select(AuditEntry)))
    assert ZOOM not in logged and FLOOR not in logged and "APLC-1" not in logged
    assert "'recording_url': 'sha256:" in logged


def test_the_channels_page_lists_each_room_with_its_channels_and_their_checks(
    client, conference, signed_in, hall
):
    seminar = factories.make_room(conference, "Seminar Room", position=2)
    factories.make_room(conference, "Foyer", position=3)
    channel(hall, "Floor", FLOOR)
    channel(hall, "English", "https://stream.example.org/live/english", day=date(2026, 12, 11))
    channel(seminar, "Old link", "http://insecure.example.org/live")
    html = client.get(PAGE).get_data(as_text=True)
    assert html.index("Grand Hall") < html.index("Seminar Room") < html.index("Foyer")
    assert "YouTube" in html
    # An https address of a provider Plenary does not know: amber, opened in a new tab.
    assert "Unknown provider: delegates will open it in a new tab." in html
    assert "stream-url-unknown_provider" in html
    # One that cannot be used: red, with the reason.
    assert "Use an https:// address." in html and "stream-url-problem" in html
    assert "On Dec 11, 2026 this room uses only that day's channels." in html
    assert "No channels: sessions here have no stream unless they have their own." in html


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("label", "", "This field is required."),
        ("label", "x" * 101, "Field cannot be longer than 100 characters."),
        ("url", "", "This field is required."),
        ("url", "http://www.youtube.com/watch?v=abcdefghijk", "Use an https:// address."),
        ("url", "javascript:alert(1)", "Use an https:// address."),
        ("url", "https://localhost", "This is not a valid web address."),
        ("url", "https://zoom.us/j/1 2", "A web address cannot contain spaces."),
        ("url", "https://" + "a" * 1000 + ".org", "Field cannot be longer than 1000 characters."),
        ("recording_url", "ftp://files.example.org/x.mp4", "Use an https:// address."),
        ("passcode", "p" * 101, "Field cannot be longer than 100 characters."),
        ("day", "2031-01-01", "Choose one of the options in the list."),
        ("position", "first", "Not a valid integer value."),
    ],
)
def test_bad_channel_input_is_refused_next_to_the_field_and_kept(
    client, conference, signed_in, hall, field, value, message
):
    data = {"label": "Floor", "url": FLOOR, "passcode": "kept-passcode", "day": "all", "position": "0"}
    response = submit(client, f"{PAGE}rooms/{hall.id}/channels/new", data | {field: value})
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert f'id="{field}-error"' in html and message in html.split(f'id="{field}-error"')[1][:300]
    assert "kept-passcode" in html or field == "passcode"
    if value and field != "day":
        assert value.replace("&", "&amp;") in html or value[:50] in html
    assert channels() == []


def test_a_channel_of_an_unknown_provider_is_saved_with_a_warning(client, conference, signed_in, hall):
    response = submit(
        client,
        f"{PAGE}rooms/{hall.id}/channels/new",
        {"label": "Sign language", "url": "https://stream.example.org/sign", "day": "all"},
        follow_redirects=True,
    )
    html = response.get_data(as_text=True)
    assert "Plenary does not know this provider: delegates will get the address to open in a new tab." in html
    assert channels()[0].url == "https://stream.example.org/sign"


def test_bulk_adds_the_same_channels_to_several_rooms_on_several_days(client, conference, signed_in, hall):
    seminar = factories.make_room(conference, "Seminar Room", position=2)
    foyer = factories.make_room(conference, "Foyer", position=3)
    channel(hall, "Existing", FLOOR)
    form = client.get(f"{PAGE}bulk").get_data(as_text=True)
    assert "Thursday, December 10, 2026" in form and "Friday, December 11, 2026" in form
    rows = {
        "rows-0-label": "Floor",
        "rows-0-url": FLOOR,
        "rows-1-label": "English interpretation",
        "rows-1-url": ZOOM,
        "rows-1-passcode": "EN-1",
        "rows-2-label": "Korean interpretation",
        "rows-2-url": "https://zoom.us/j/81234567891",
        "rows-2-passcode": "KO-1",
    }
    response = submit(
        client,
        f"{PAGE}bulk",
        rows | {"rooms": [str(hall.id), str(seminar.id)], "days": ["2026-12-10", "2026-12-11"]},
        follow_redirects=True,
    )
    assert "12 channels were added." in response.get_data(as_text=True)
    made = [c for c in channels() if c.label != "Existing"]
    assert {c.room_id for c in made} == {hall.id, seminar.id} and foyer.id not in {c.room_id for c in made}
    assert {c.day for c in made} == {date(2026, 12, 10), date(2026, 12, 11)}
    hall_day_one = [c for c in made if c.room_id == hall.id and c.day == date(2026, 12, 10)]
    assert [(c.label, c.passcode, c.position) for c in hall_day_one] == [
        ("Floor", "", 0),
        ("English interpretation", "EN-1", 1),
        ("Korean interpretation", "KO-1", 2),
    ]
    assert actions().count("stream_channel.created") == 12


def test_bulk_for_every_day_can_replace_what_the_rooms_had(client, conference, signed_in, hall):
    seminar = factories.make_room(conference, "Seminar Room", position=2)
    old = channel(hall, "Old floor", FLOOR).id
    day_one = channel(hall, "Day one only", FLOOR, day=date(2026, 12, 10)).id
    kept = channel(seminar, "Seminar floor", FLOOR).id
    submit(
        client,
        f"{PAGE}bulk",
        {
            "rows-0-label": "Floor",
            "rows-0-url": ZOOM,
            "rooms": [str(hall.id)],
            "days": ["all"],
            "replace": "y",
        },
    )
    left = {(c.room_id, c.label, c.day) for c in channels()}
    assert left == {
        (hall.id, "Floor", None),
        (hall.id, "Day one only", date(2026, 12, 10)),
        (seminar.id, "Seminar floor", None),
    }
    db.session.expire_all()
    assert db.session.get(StreamChannel, old) is None
    assert db.session.get(StreamChannel, day_one) is not None and db.session.get(StreamChannel, kept)
    assert actions() == ["stream_channel.deleted", "stream_channel.created"]


def test_bulk_without_replace_adds_after_the_existing_channels(client, conference, signed_in, hall):
    channel(hall, "Floor", FLOOR, position=4)
    submit(
        client,
        f"{PAGE}bulk",
        {"rows-0-label": "Sign language", "rows-0-url": ZOOM, "rooms": [str(hall.id)], "days": ["all"]},
    )
    assert [(c.label, c.position) for c in channels()] == [("Floor", 4), ("Sign language", 5)]


@pytest.mark.parametrize(
    ("data", "error_id", "message"),
    [
        ({"rooms": []}, "rooms-error", "Choose at least one room."),
        ({"days": []}, "days-error", "Choose every day or at least one day."),
        (
            {"days": ["all", "2026-12-10"]},
            "days-error",
            "Choose either every day or particular days, not both.",
        ),
        ({"days": ["2027-01-01"]}, "days-error", "Choose one of the options in the list."),
        ({"rows-0-label": ""}, "rows-0-label-error", "Give the channel a label."),
        ({"rows-0-url": ""}, "rows-0-url-error", "Give the channel's address."),
        ({"rows-0-url": "http://zoom.us/j/1"}, "rows-0-url-error", "Use an https:// address."),
        (
            {
                "rows-0-label": "",
                "rows-0-url": "",
                "rows-0-passcode": "",
                "rows-1-label": "",
                "rows-1-url": "",
            },
            "rows-0-label-error",
            "Fill in at least one channel.",
        ),
    ],
)
def test_bad_bulk_input_is_refused_next_to_the_field_and_kept(
    client, conference, signed_in, hall, data, error_id, message
):
    base = {
        "rows-0-label": "Floor",
        "rows-0-url": FLOOR,
        "rows-0-passcode": "kept-1",
        "rows-1-label": "English",
        "rows-1-url": ZOOM,
        "rooms": [str(hall.id)],
        "days": ["all"],
    }
    response = submit(client, f"{PAGE}bulk", base | data)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert f'id="{error_id}"' in html and message in html.split(f'id="{error_id}"')[1][:200]
    if data.get("rows-1-url", ZOOM):
        assert 'value="English"' in html and ZOOM in html  # what was typed is still there
    if data.get("rooms") != []:
        assert 'checked id="rooms-0"' in html
    assert channels() == []


def test_the_join_window_setting(client, conference, signed_in):
    assert 'value="15"' in client.get(PAGE).get_data(as_text=True)
    response = submit(
        client, f"{PAGE}settings", {"stream_open_minutes": "30"}, form_url=PAGE, follow_redirects=True
    )
    assert "Join buttons now open 30 minutes before each session." in response.get_data(as_text=True)
    db.session.expire_all()
    assert conference.stream_open_minutes == 30
    assert actions() == ["conference.streaming_updated"]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("", "This field is required."),
        ("241", "Number must be between 0 and 240."),
        ("-5", "Number must be between 0 and 240."),
        ("soon", "Not a valid integer value."),
    ],
)
def test_a_bad_join_window_is_refused_at_the_field(client, conference, signed_in, hall, value, message):
    channel(hall)
    response = submit(client, f"{PAGE}settings", {"stream_open_minutes": value}, form_url=PAGE)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert 'id="stream_open_minutes-error"' in html and message in html
    assert f'value="{value}"' in html or not value
    assert "Grand Hall" in html and FLOOR in html  # the rest of the page is still there
    db.session.expire_all()
    assert conference.stream_open_minutes == 15
