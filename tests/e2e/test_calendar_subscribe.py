"""A visitor subscribes to the programme and adds one session to their calendar."""

from __future__ import annotations

import re
import urllib.request

import vobject
from playwright.sync_api import expect

DEMO_SLUG = "aplc-founding-assembly"


def test_subscribe_to_the_programme_and_add_a_session(page, live_server):
    page.goto(f"/c/{DEMO_SLUG}/agenda")
    page.get_by_text("Subscribe to the programme").click()
    apple = page.get_by_role("link", name="Apple Calendar, Thunderbird and other apps")
    expect(apple).to_be_visible()
    webcal = apple.get_attribute("href")
    assert webcal == f"{live_server.replace('http://', 'webcal://')}/c/{DEMO_SLUG}/calendar.ics"
    google = page.get_by_role("link", name="Google Calendar").get_attribute("href")
    assert google.startswith("https://calendar.google.com/calendar/render?cid=webcal%3A%2F%2F")
    page.screenshot(path="test-artifacts/calendar_subscribe_menu.png")

    # What the calendar app would fetch: a feed another parser reads, with the demo's sessions.
    with urllib.request.urlopen(webcal.replace("webcal://", "http://")) as response:
        calendar = vobject.readOne(response.read().decode("utf-8"))
    assert len(calendar.vevent_list) > 10

    page.locator(".agenda-session a, a[href*='/agenda/sessions/']").first.click()
    expect(page.get_by_role("link", name="Add to Google Calendar")).to_have_attribute(
        "href", re.compile(r"^https://calendar\.google\.com/calendar/render\?action=TEMPLATE&text=")
    )
    download = page.get_by_role("link", name="Add to calendar")
    with page.expect_download() as info:
        download.click()
    assert info.value.suggested_filename.endswith(".ics")
