"""An organiser watches the stream board: it shows each room's channels and updates itself after a join."""

from __future__ import annotations

import re

from playwright.sync_api import expect
from sqlalchemy import select

from conference.agenda.models import Room, Session
from conference.events.queries import conference_by_slug
from conference.extensions import db
from conference.registration.models import Registration, RegistrationStatus, TicketType
from conference.streaming.models import StreamChannel
from conference.streaming.services import record_join
from tests.e2e.conftest import ARTIFACTS, log_in

SLUG = "aplc-forum"
BOARD = f"/c/{SLUG}/manage/streaming/board"


def an_online_delegate(conference) -> Registration:
    return db.session.scalar(
        select(Registration)
        .join(TicketType, Registration.ticket_type_id == TicketType.id)
        .where(
            Registration.conference_id == conference.id,
            Registration.status == RegistrationStatus.CONFIRMED,
            TicketType.includes_streaming.is_(True),
        )
        .order_by(Registration.id)
        .limit(1)
    )


def test_the_board_shows_each_rooms_channels_and_updates_after_a_join(page):
    forum = conference_by_slug(SLUG)
    hall = db.session.scalar(select(Room).where(Room.conference_id == forum.id, Room.name == "Main Hall"))
    talk = db.session.scalar(
        select(Session).where(Session.room_id == hall.id).order_by(Session.starts_at).limit(1)
    )
    floor = db.session.scalar(
        select(StreamChannel).where(StreamChannel.room_id == hall.id, StreamChannel.label == "Floor")
    )

    log_in(page, next_url=f"{BOARD}?refresh=2")
    expect(page.get_by_role("heading", name="Stream board")).to_be_visible()
    room = page.locator(f"#board-room-{hall.id}")
    expect(room.get_by_role("heading", name="Main Hall")).to_be_visible()
    expect(room.get_by_text(talk.title).first).to_be_visible()  # the next session
    expect(room.locator(".stream-board-channels li")).to_have_count(3)
    expect(room.get_by_text("Korean interpretation")).to_be_visible()
    expect(room.locator(".stream-provider", has_text="YouTube")).to_have_count(1)
    expect(room.locator(".stream-provider", has_text="Zoom")).to_have_count(2)
    expect(room.locator('[data-joins="recent"]')).to_have_text("0")
    expect(page.locator("#stream-joins-recent")).to_have_text("0")
    stamp = page.locator(".stream-updated").text_content()

    record_join(an_online_delegate(forum), talk.id, floor)

    # No reload: the page asks board.json again by itself.
    expect(room.locator('[data-joins="recent"]')).to_have_text("1", timeout=10_000)
    expect(room.locator('[data-joins="lately"]')).to_have_text("1")
    expect(page.locator("#stream-joins-recent")).to_have_text("1")
    expect(page.locator(".stream-updated")).not_to_have_text(stamp)
    expect(page.locator("#stream-refresh-problem")).to_be_hidden()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "stream-board.png"), full_page=True)


def test_the_channels_page_shows_provider_badges_and_checks(page):
    log_in(page, next_url=f"/c/{SLUG}/manage/streaming/")
    expect(page.get_by_role("heading", name="Streaming", exact=True)).to_be_visible()
    hall = page.locator(".stream-room", has=page.get_by_role("heading", name="Main Hall"))
    expect(hall.locator(".stream-channel")).to_have_count(3)
    expect(hall.locator(".stream-url-known")).to_have_count(3)
    expect(page.get_by_role("link", name="Streaming", exact=True)).to_have_attribute("aria-current", "page")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "stream-channels.png"), full_page=True)


def test_an_organiser_adds_interpretation_to_two_rooms_for_one_day_in_bulk(page):
    forum = conference_by_slug(SLUG)
    log_in(page, next_url=f"/c/{SLUG}/manage/streaming/bulk")
    first = page.locator("fieldset.stream-bulk-row").nth(0)
    first.get_by_label("Label").fill("Sign language")
    first.get_by_label("Stream address (URL)").fill("https://stream.example.org/sign")
    second = page.locator("fieldset.stream-bulk-row").nth(1)
    second.get_by_label("Label").fill("Chinese interpretation")
    second.get_by_label("Stream address (URL)").fill("http://zoom.us/j/123")
    page.get_by_label("Workshop Room 1").check()
    page.get_by_label("Every day").uncheck()
    page.get_by_label(forum.start_date.strftime("%A, %B %-d, %Y")).check()
    page.get_by_role("button", name="Add the channels").click()

    expect(page.get_by_text("Please correct the fields marked below.")).to_be_visible()
    expect(second.get_by_text("Use an https:// address.")).to_be_visible()
    expect(first.get_by_label("Label")).to_have_value("Sign language")  # nothing typed is lost
    expect(page.get_by_label("Workshop Room 1")).to_be_checked()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "stream-bulk-error.png"), full_page=True)

    second.get_by_label("Stream address (URL)").fill("https://zoom.us/j/91234567890")
    page.get_by_label("Workshop Room 2").check()
    page.get_by_role("button", name="Add the channels").click()
    expect(page.get_by_text("4 channels were added.")).to_be_visible()
    room = page.locator(".stream-room", has=page.get_by_role("heading", name="Workshop Room 2"))
    expect(room.locator(".stream-channel", has_text="Sign language")).to_contain_text("Unknown provider")
    expect(room.locator(".stream-channel", has_text="Chinese interpretation")).to_contain_text("Zoom")


def test_recordings_of_the_past_assembly(page):
    log_in(page, next_url="/c/aplc-founding-assembly/manage/streaming/recordings")
    expect(page.get_by_role("link", name="Recordings")).to_have_attribute("aria-current", "page")
    opening = page.locator(".stream-recording", has=page.get_by_role("heading", name="Opening ceremony"))
    expect(opening.get_by_label("Recording of “Floor”")).to_have_value(
        re.compile(r"^https://www\.youtube\.com/")
    )
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "stream-recordings.png"), full_page=False)
