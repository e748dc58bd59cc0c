"""A visitor abroad switches the agenda to their own time zone, and it stays that way."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import ARTIFACTS

DEMO_SLUG = "aplc-founding-assembly"


@pytest.fixture
def new_york_page(browser, live_server, request):
    context = browser.new_context(
        base_url=live_server,
        locale="en-US",
        timezone_id="America/New_York",
        viewport={"width": 1280, "height": 900},
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
    context.close()


def first_time(page) -> str:
    return page.locator(".slot-start").first.inner_text()


def test_switch_the_agenda_to_the_browsers_zone_and_back(new_york_page):
    page = new_york_page
    page.goto(f"/c/{DEMO_SLUG}/agenda/")
    note = page.locator(".tz-note")
    expect(note).to_contain_text("All times are Asia/Seoul")
    seoul_time = first_time(page)

    switch = page.get_by_role("button", name=re.compile("Show in my time zone"))
    expect(switch).to_contain_text("America/New_York")
    switch.click()
    expect(note).to_contain_text("All times are America/New_York")
    expect(note).to_contain_text("your time zone")
    new_york_time = first_time(page)
    assert new_york_time != seoul_time
    expect(page.locator(".slot-date").first).to_be_visible()  # the evening before, in New York
    expect(page.get_by_role("button", name=re.compile("Show in my time zone"))).to_be_hidden()

    # Remembered: a plain visit (no ?tz=) and a reload render in New York time on the server.
    page.goto(f"/c/{DEMO_SLUG}/agenda/")
    expect(note).to_contain_text("America/New_York")
    page.reload()
    expect(note).to_contain_text("America/New_York")
    assert first_time(page) == new_york_time

    # Even without the cookie, the browser's memory brings the choice back.
    page.context.clear_cookies()
    page.goto(f"/c/{DEMO_SLUG}/agenda/")
    expect(note).to_contain_text("America/New_York")

    # A session page shows both times.
    page.locator(".session-title a").first.click()
    expect(page.get_by_text("Your time")).to_be_visible()
    expect(page.locator(".viewer-time")).to_contain_text("America/New_York")

    page.goto(f"/c/{DEMO_SLUG}/agenda/")
    page.get_by_role("link", name=re.compile("Show conference time")).click()
    expect(note).to_contain_text("All times are Asia/Seoul")
    page.reload()
    expect(note).to_contain_text("All times are Asia/Seoul")
    assert first_time(page) == seoul_time


def test_session_page_adds_the_browsers_time(new_york_page):
    page = new_york_page
    page.goto(f"/c/{DEMO_SLUG}/agenda/")
    page.locator(".session-title a").first.click()
    # No zone chosen: the script adds the time in the browser's zone next to Seoul's.
    expect(page.locator("[data-browser-time]")).to_be_visible()
    expect(page.locator("[data-browser-time]")).to_contain_text("America/New_York")
    expect(page.get_by_role("link", name="Add to calendar")).to_be_visible()


def test_filters_and_print_view(page):
    page.goto(f"/c/{DEMO_SLUG}/agenda/")
    total = page.locator(".session-card").count()
    page.get_by_label("Search").fill("learning")
    page.get_by_role("button", name="Filter").click()
    expect(page.locator(".filter-count")).to_be_visible()
    assert 0 < page.locator(".session-card").count() <= total
    page.get_by_role("link", name="Whole programme (for printing)").click()
    page.emulate_media(media="print")
    expect(page.locator(".agenda-filters")).to_be_hidden()
    expect(page.locator(".conference-nav")).to_be_hidden()
    expect(page.locator(".agenda-day").first).to_be_visible()
    page.screenshot(path=str(ARTIFACTS / "agenda_print.png"), full_page=True)
