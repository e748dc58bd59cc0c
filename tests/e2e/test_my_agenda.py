"""A delegate saves a session from the public agenda (in place, no reload) and finds it in "my agenda"."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.e2e.conftest import log_in

DEMO_SLUG = "aplc-founding-assembly"


def test_bookmark_a_session_and_see_it_in_my_agenda(page):
    log_in(page)
    page.goto(f"/c/{DEMO_SLUG}/agenda/")
    first = page.locator(".session-card").filter(has=page.locator("button[aria-pressed='false']")).first
    card = page.locator(f"#{first.get_attribute('id')}")  # pinned: the filter above stops matching it
    title = card.locator(".session-title").inner_text().strip()
    button = card.get_by_role("button", name=re.compile("^Save"))
    expect(button).to_have_attribute("aria-pressed", "false")

    page.evaluate("window.notReloaded = true")
    button.click()
    expect(button).to_have_attribute("aria-pressed", "true")
    expect(button).to_contain_text("Saved")
    assert page.evaluate("window.notReloaded") is True  # toggled in place by bookmarks.js

    page.reload()  # saved on the server, not only on the page
    saved = (
        page.locator(".session-card")
        .filter(has_text=title)
        .first.get_by_role("button", name=re.compile("^Save"))
    )
    expect(saved).to_have_attribute("aria-pressed", "true")

    page.get_by_role("navigation", name="Conference").get_by_role("link", name="My agenda").click()
    expect(page).to_have_url(re.compile(f"/c/{DEMO_SLUG}/my-agenda$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("My agenda")
    expect(page.get_by_role("link", name=title, exact=True)).to_be_visible()
    expect(page.get_by_text("1 session saved.")).to_be_visible()

    # Removing it from "my agenda" works in place too; after a reload the list is empty.
    page.get_by_role("button", name=re.compile("^Saved")).click()
    expect(page.get_by_role("button", name=re.compile("^Save"))).to_have_attribute("aria-pressed", "false")
    page.reload()
    expect(page.get_by_text("No sessions saved yet")).to_be_visible()


def test_without_javascript_the_button_is_a_form_that_comes_back(browser, live_server):
    context = browser.new_context(base_url=live_server, locale="en-GB", java_script_enabled=False)
    page = context.new_page()
    try:
        log_in(page)
        page.goto(f"/c/{DEMO_SLUG}/agenda/")
        card = page.locator(".session-card").first
        title = card.locator(".session-title").inner_text().strip()
        card.get_by_role("button", name=re.compile("^Save")).click()
        expect(page).to_have_url(re.compile(f"/c/{DEMO_SLUG}/agenda/"))
        card = page.locator(".session-card").filter(has_text=title).first
        expect(card.get_by_role("button", name=re.compile("^Save"))).to_have_attribute("aria-pressed", "true")
    finally:
        context.close()
