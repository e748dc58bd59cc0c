"""An online delegate follows the "Watch online" link, finds the session on Live now and reaches the player;
a session that has not started yet shows the countdown in the viewer's time zone."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from conference.registration.links.tokens import join_token
from tests.e2e.conftest import ARTIFACTS
from tests.streaming.streams import delegate, live_conference


def test_online_delegate_reaches_the_player_and_sees_the_countdown(browser, live_server):
    live = live_conference()
    online = delegate(live.conference, "mina@example.org")
    slug = live.conference.slug
    context = browser.new_context(
        base_url=live_server,
        locale="en-GB",
        timezone_id="Europe/London",
        viewport={"width": 1280, "height": 900},
    )
    page = context.new_page()
    page.set_default_timeout(10_000)

    page.goto(f"/c/{slug}/live/?k={join_token(online)}")
    expect(page).to_have_url(re.compile(f"/c/{slug}/live/$"))  # the link is remembered, not kept
    expect(page.get_by_role("heading", name="Live now")).to_be_visible()
    expect(page.locator("[data-zone-note]")).to_have_text("Times are Europe/London.")  # the viewer's zone
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "live_now.png"), full_page=True)
    page.get_by_role("link", name="Join", exact=True).click()
    page.get_by_role("link", name="Floor").click()
    player = page.locator(".stream-player iframe")
    expect(player).to_have_attribute("src", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ")
    page.screenshot(path=str(ARTIFACTS / "live_player.png"), full_page=True)

    page.goto(f"/c/{slug}/live/{live.later.id}")
    countdown = page.locator("[data-countdown-value]")
    expect(countdown).to_have_text(re.compile(r"^0?2:4\d:\d\d$"))  # opens 15 minutes before, in ~2 h 45 min
    expect(page.locator("[data-countdown-local]")).to_contain_text("Europe/London")
    expect(countdown).not_to_have_text(countdown.text_content(), timeout=5_000)  # it ticks
    page.screenshot(path=str(ARTIFACTS / "live_countdown.png"), full_page=True)
    context.close()
