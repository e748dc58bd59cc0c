"""An organiser builds the programme on the timetable: drag, keys, the quick form, conflicts and undo."""

from __future__ import annotations

import re
from datetime import datetime, time
from pathlib import Path

from playwright.sync_api import expect
from sqlalchemy import select

from conference.agenda.models import Session
from conference.events.models import Conference
from conference.extensions import db
from tests import factories
from tests.e2e.conftest import log_in

DEMO_SLUG = "aplc-founding-assembly"
GRID = f"/c/{DEMO_SLUG}/manage/agenda/"
INTERACT_JS = Path(__file__).resolve().parents[2] / "static" / "vendor" / "interact.min.js"


def block(page, title: str):
    return page.locator(
        ".tt-block", has=page.locator(".tt-title", has_text=re.compile(f"^{re.escape(title)}$"))
    )


def column(page, room: str):
    room_id = page.locator(".tt-room-head", has_text=room).get_attribute("id").removeprefix("room-")
    return page.locator(f'.tt-col[data-room-id="{room_id}"]')


def in_room(page, room: str, title: str):
    return column(page, room).locator(".tt-block", has_text=title)


def test_organiser_drags_a_session_to_another_room_and_time_and_it_stays_after_reload(page):
    assert INTERACT_JS.exists(), "run `make install`: it copies interact.js from npm to static/vendor/"
    log_in(page, next_url=GRID)
    expect(page.get_by_role("heading", name="Timetable")).to_be_visible()
    opening = block(page, "Opening ceremony")
    expect(opening).to_have_attribute("data-start", "570")  # 09:30 in Seoul
    expect(in_room(page, "Grand Hall", "Opening ceremony")).to_have_count(1)

    target = column(page, "Conference Room B")
    target.scroll_into_view_if_needed()
    opening.scroll_into_view_if_needed()
    box = opening.bounding_box()
    target_box = target.bounding_box()
    ppm = 2  # pixels per minute, as in builder.css
    start_x, start_y = box["x"] + box["width"] / 2, box["y"] + 6
    end_x, end_y = target_box["x"] + target_box["width"] / 2, start_y + 90 * ppm  # 90 minutes later
    page.mouse.move(start_x, start_y)
    page.mouse.down()
    page.mouse.move(start_x + 10, start_y + 10, steps=3)
    page.mouse.move(end_x, end_y, steps=15)
    page.mouse.up()

    expect(page.locator("#builder-status")).to_contain_text("Moved “Opening ceremony” to Conference Room B")
    page.screenshot(path="test-artifacts/builder-after-drag.png", full_page=True)

    page.reload()
    moved = block(page, "Opening ceremony")
    expect(moved).to_have_attribute("data-start", "660")  # 11:00
    expect(moved).to_have_attribute("data-end", "680")  # the same 20 minutes
    expect(in_room(page, "Conference Room B", "Opening ceremony")).to_have_count(1)
    expect(moved.locator(".tt-time")).to_contain_text(re.compile(r"11:00\s?AM – 11:20\s?AM"))

    # Undo (the button) puts it back, and the page says so.
    page.get_by_role("button", name="Undo").click()
    expect(page.locator("#builder-status")).to_contain_text("is back where it was")
    expect(in_room(page, "Grand Hall", "Opening ceremony")).to_have_count(1)
    page.reload()
    expect(block(page, "Opening ceremony")).to_have_attribute("data-start", "570")


def test_organiser_creates_a_clash_sees_the_conflict_and_fixes_it_with_the_keyboard(page):
    log_in(page, next_url=GRID)
    expect(page.get_by_role("heading", name="Timetable")).to_be_visible()
    expect(page.locator("#conflicts-heading")).to_have_text("No conflicts")

    page.get_by_role("link", name="New session").click()
    dialog = page.get_by_role("dialog")
    expect(dialog).to_be_visible()
    dialog.get_by_label("Title").fill("Press briefing")
    dialog.get_by_label("Room").select_option(label="Grand Hall")
    dialog.get_by_label("Starts at").fill("09:35")
    dialog.get_by_label("Ends at").fill("09:30")
    dialog.get_by_role("button", name="Save").click()
    expect(dialog.get_by_text("The session must end after it starts.")).to_be_visible()  # the server said so
    dialog.get_by_label("Ends at").fill("10:05")
    dialog.get_by_role("button", name="Save").click()
    expect(dialog).to_be_hidden()

    briefing = block(page, "Press briefing")
    expect(briefing).to_have_class(re.compile("has-conflict"))
    expect(briefing).to_have_class(re.compile("status-draft"))
    expect(block(page, "Opening ceremony")).to_have_class(re.compile("has-conflict"))
    expect(page.locator("#conflicts")).to_contain_text("are both in Grand Hall at the same time")
    expect(page.locator("#conflicts-heading")).to_have_text(re.compile(r"^\d+ conflicts?$"))
    page.screenshot(path="test-artifacts/builder-conflict.png", full_page=True)

    # The new block has the focus: arrow right moves it to the next room and the clash is gone.
    expect(briefing).to_be_focused()
    page.keyboard.press("ArrowRight")
    expect(page.locator("#builder-status")).to_contain_text("Moved “Press briefing” to Conference Room A")
    expect(in_room(page, "Conference Room A", "Press briefing")).to_have_count(1)
    expect(block(page, "Opening ceremony")).not_to_have_class(re.compile("has-conflict"))
    # Down moves it 5 minutes later; Shift+Down makes it 5 minutes longer.
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Shift+ArrowDown")
    expect(page.locator("#builder-status")).to_contain_text("now runs")
    expect(block(page, "Press briefing")).to_have_attribute("data-start", "580")  # 09:40
    expect(block(page, "Press briefing")).to_have_attribute("data-end", "615")  # 10:15
    # Ctrl+Z undoes the last change.
    page.keyboard.press("Control+z")
    expect(page.locator("#builder-status")).to_contain_text("has its earlier times again")
    expect(block(page, "Press briefing")).to_have_attribute("data-end", "610")

    # Edit in place: Enter opens the quick form on the focused block.
    block(page, "Press briefing").focus()
    page.keyboard.press("Enter")
    expect(dialog.get_by_label("Title")).to_have_value("Press briefing")
    dialog.get_by_label("Status").select_option(label="Published")
    dialog.get_by_role("button", name="Save").click()
    expect(block(page, "Press briefing")).to_have_class(re.compile("status-published"))
    page.reload()
    expect(block(page, "Press briefing")).to_have_attribute("data-status", "published")


def test_a_session_without_a_room_is_dragged_from_the_list_onto_a_room(page):
    conference = db.session.scalar(select(Conference).where(Conference.slug == DEMO_SLUG))
    first_day = conference.start_date
    starts_at = datetime.combine(first_day, time(16, 0), tzinfo=conference.tz)  # 16:00 in Seoul
    loose = factories.make_session(conference, "Poster walk", starts_at=starts_at, minutes=30)
    log_in(page, next_url=GRID)
    expect(page.get_by_role("heading", name="Timetable")).to_be_visible()
    poster = block(page, "Poster walk")
    expect(page.locator("#roomless-list").locator(".tt-block", has_text="Poster walk")).to_have_count(1)
    expect(page.get_by_text("Drag one onto a room's column")).to_be_visible()

    target = column(page, "Seminar Room")
    target.scroll_into_view_if_needed()
    first = int(page.locator("#timetable").get_attribute("data-first"))
    ppm = 2
    drop_at = 10 * 60 + 30  # 10:30: high in the scrolled grid, away from the edge that scrolls it
    poster.scroll_into_view_if_needed()
    box = poster.bounding_box()
    grab_x, grab_y = box["x"] + box["width"] / 2, box["y"] + 6
    # Carry the block's top edge to 10:30 in the Seminar Room's column.
    page.mouse.move(grab_x, grab_y)
    page.mouse.down()
    page.mouse.move(grab_x + 10, grab_y - 10, steps=3)
    target_box = target.bounding_box()
    top = target_box["y"]
    scrolled = "() => document.querySelector('.tt-scroll').scrollTop"
    before = page.evaluate(scrolled)
    page.mouse.move(target_box["x"] + target_box["width"] / 2, top + (drop_at - first) * ppm + 6, steps=20)
    page.mouse.up()
    # Crossing the grid's lower edge may scroll it (as it does for a person): the block lands that much later.
    drop_at += round((page.evaluate(scrolled) - before) / ppm / 5) * 5

    expect(page.locator("#builder-status")).to_contain_text("Moved “Poster walk” to Seminar Room")
    expect(in_room(page, "Seminar Room", "Poster walk")).to_have_count(1)
    expect(page.locator(".tt-roomless")).to_be_hidden()  # the list is empty now
    page.reload()
    placed = block(page, "Poster walk")
    start = int(placed.get_attribute("data-start"))
    assert abs(start - drop_at) <= 5 and start % 5 == 0, (start, drop_at)  # within a slot of the drop
    expect(placed).to_have_attribute("data-end", str(start + 30))  # it keeps its length
    db.session.expire_all()
    assert db.session.get(Session, loose.id).room.name == "Seminar Room"
