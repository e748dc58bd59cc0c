"""The check-in page on a phone: a badge scanned through the camera gets green, then amber; with the server
gone the page goes on deciding locally and queues the scans, and sends them once when it is back."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta

from playwright.sync_api import expect
from sqlalchemy import func, select

from conference.checkin import services, tokens
from conference.checkin.models import CheckIn, Scan
from conference.extensions import db
from tests.e2e import checkin_fixtures
from tests.e2e.checkin_fixtures import DEMO_SLUG, badge_image, code_of, delegates_at_the_door
from tests.e2e.conftest import ARTIFACTS, log_in

camera_browser = checkin_fixtures.camera_browser
checkin_server = checkin_fixtures.checkin_server

PHONE = {"width": 390, "height": 844}
STAFF = ("staff@plenary.example.org", "demo-staff-2026")
PAGE = f"/c/{DEMO_SLUG}/checkin/"


def phone_page(browser, base_url: str):
    context = browser.new_context(
        base_url=base_url,
        locale="en-GB",
        viewport=PHONE,
        device_scale_factor=2,
        has_touch=True,
        is_mobile=True,
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    return page


def choose_entrance(page) -> None:
    page.get_by_role("button", name=re.compile("Main entrance")).click()
    expect(page.locator("#ci-point-label")).to_have_text("Main entrance")


def snapshot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"checkin-{name}.png"), animations="disabled")


def result(page):
    return page.get_by_role("alertdialog")


def wedge_scan(page, code: str, answer: bool = True) -> float:
    """Type a code as a USB scanner does (code, Enter); the milliseconds until the answer shows.

    `answer=False` when no answer will show (a refused device): then it only types. page.evaluate has no
    timeout of its own, so the wait gives up after 10 s rather than hang the suite."""
    return page.evaluate(
        """async ([code, answer]) => {
          const input = document.querySelector("#ci-code");
          input.focus();
          input.value = code;
          const start = performance.now();
          input.form.requestSubmit();
          while (answer && document.querySelector("#ci-result").hidden) {
            if (performance.now() - start > 10000) throw new Error("no answer shown within 10 s");
            await new Promise((resolve) => setTimeout(resolve, 5));
          }
          return performance.now() - start;
        }""",
        [code, answer],
    )


def dismiss(page) -> None:
    result(page).get_by_role("button", name="Next").click()
    expect(result(page)).to_be_hidden()


def checkins(registration_id: int) -> int:
    query = select(func.count(CheckIn.id)).where(CheckIn.registration_id == registration_id)
    return db.session.scalar(query.where(CheckIn.point == "entrance"))


def scans(registration_id: int) -> list[Scan]:
    db.session.expire_all()
    return db.session.scalars(
        select(Scan).where(Scan.registration_id == registration_id).order_by(Scan.id)
    ).all()


def test_a_badge_shown_to_the_camera_gets_green_then_amber(camera_browser, checkin_server):
    (delegate,) = delegates_at_the_door(1)
    code, name = code_of(delegate), delegate.display_name
    chromium = camera_browser(badge_image(code, name, delegate.ticket_type.badge_colour))
    page = phone_page(chromium, checkin_server.url)
    log_in(page, *STAFF, next_url=PAGE)
    choose_entrance(page)

    expect(result(page)).to_be_visible(timeout=15_000)  # the camera films the badge
    expect(result(page)).to_have_attribute("data-colour", "green")
    expect(result(page).get_by_role("heading", name="Welcome")).to_be_visible()
    expect(result(page).get_by_text(name, exact=True)).to_be_visible()
    expect(result(page).get_by_text(delegate.ticket_type.name)).to_be_visible()
    expect(page.locator("#ci-recent-list li").first).to_contain_text("Sent")  # the server agreed
    snapshot(page, "green")
    assert checkins(delegate.id) == 1

    # A second phone at the same door films the same badge: already checked in, when and by whom.
    second = page.context.new_page()
    second.goto(PAGE)  # the scan point is remembered: straight to the scanner
    expect(result(second)).to_have_attribute("data-colour", "amber", timeout=15_000)
    expect(result(second).get_by_role("heading", name="Already checked in")).to_be_visible()
    expect(result(second)).to_contain_text("by Demo Check-in Staff")
    expect(second.locator("#ci-recent-list li").first).to_contain_text("Sent")  # recorded, not only shown
    snapshot(second, "amber")

    # The first phone, still filming the badge, did not scan it again.
    expect(page.locator("#ci-recent-list li")).to_have_count(1)
    assert checkins(delegate.id) == 1
    assert [s.result.value for s in scans(delegate.id)] == ["ok", "already_checked_in"]
    page.context.close()


def test_a_forged_badge_is_red_with_a_sound_and_search_checks_in_by_hand(browser, checkin_server):
    first, second = delegates_at_the_door(2)
    page = phone_page(browser, checkin_server.url)
    page.add_init_script("window.beeps = []")
    log_in(page, *STAFF, next_url=PAGE)
    choose_entrance(page)
    expect(page.locator("#checkin")).to_have_attribute("data-connection", "online")
    page.evaluate(
        """() => { const start = OscillatorNode.prototype.start;
                   OscillatorNode.prototype.start = function (...args) {
                     window.beeps.push(this.frequency.value); return start.apply(this, args); }; }"""
    )
    page.locator("#ci-code").press("Enter")  # a key press lets the page start its sound

    forged = code_of(first)[:-4] + "AAAA"
    assert wedge_scan(page, forged) < 300
    expect(result(page)).to_have_attribute("data-colour", "red")
    expect(result(page).get_by_role("heading", name="Invalid badge")).to_be_visible()
    expect(result(page).get_by_role("button", name="Undo check-in")).to_be_hidden()
    assert page.evaluate("window.beeps") == [196, 147]  # the low buzz of a red answer
    snapshot(page, "red")
    dismiss(page)

    page.get_by_role("button", name="Search by name").click()
    page.get_by_label("Name, e-mail or reference").fill(second.family_name)
    page.get_by_role("button", name=re.compile(re.escape(second.display_name))).first.click()
    expect(result(page)).to_have_attribute("data-colour", "green")
    expect(result(page)).to_contain_text(second.display_name)
    assert page.evaluate("window.beeps").count(1046) == 1

    result(page).get_by_role("button", name="Undo check-in").click()
    expect(page.get_by_role("status").filter(has_text="Check-in undone")).to_be_visible()
    expect(page.locator("#ci-recent-list li").first).to_contain_text("Undone")
    expect(page.locator("#ci-queue")).to_be_hidden()
    assert checkins(second.id) == 0
    assert [s.undone_at is not None for s in scans(second.id)] == [True]
    page.context.close()


def test_offline_scans_are_queued_and_sent_once_when_the_server_is_back(browser, checkin_server):
    first, second = delegates_at_the_door(2)
    page = phone_page(browser, checkin_server.url)
    log_in(page, *STAFF, next_url=PAGE)
    choose_entrance(page)
    expect(page.locator("#checkin")).to_have_attribute("data-connection", "online")
    expect(page.locator("#ci-cache-note")).to_contain_text("registrations on this device")
    # The service worker has kept the page and its files: it opens again without the server.
    page.wait_for_function(
        """async () => navigator.serviceWorker.controller !== null
             && (await (await caches.open("plenary-checkin-v1")).keys()).length >= 10"""
    )

    checkin_server.stop()
    page.reload()
    expect(page.locator("#ci-point-label")).to_have_text("Main entrance")
    assert wedge_scan(page, code_of(first)) < 300
    expect(result(page)).to_have_attribute("data-colour", "green")
    expect(result(page)).to_contain_text(first.display_name)
    expect(result(page)).to_contain_text("it will be sent when the connection is back")
    expect(page.locator("#checkin")).to_have_attribute("data-connection", "offline")
    dismiss(page)

    wedge_scan(page, code_of(first))  # again, at once: this device knows it let them in
    expect(result(page)).to_have_attribute("data-colour", "amber")
    expect(result(page)).to_contain_text("by Demo Check-in Staff")
    dismiss(page)
    wedge_scan(page, code_of(second))
    expect(result(page)).to_have_attribute("data-colour", "green")
    dismiss(page)

    expect(page.locator("#ci-queue")).to_have_text("3 to send")
    expect(page.locator("#ci-recent-list li").filter(has_text="Waiting to send")).to_have_count(3)
    snapshot(page, "offline")

    # The server comes back; the first answer it sends is lost on the way, so the page sends that scan
    # again: the server recognises its id and counts it once.
    lost = []

    def lose_first_answer(route):
        if route.request.method == "POST" and not lost:
            lost.append(route.request.post_data_json["id"])
            route.fetch()  # the server records it ...
            route.abort("connectionreset")  # ... and the answer never arrives
        else:
            route.continue_()

    page.route("**/api/checkin/v1/**/scans", lose_first_answer)
    # Meanwhile another phone, online, let the second delegate in: the first scan to reach the server wins.
    another_phone_scans(second)
    checkin_server.start()
    expect(page.locator("#ci-queue")).to_be_hidden(timeout=20_000)
    expect(page.locator("#checkin")).to_have_attribute("data-connection", "online")
    expect(page.locator("#ci-recent-list li").filter(has_text="Sent")).to_have_count(3)
    expect(page.locator("#ci-recent-list li").first).to_have_attribute("data-colour", "amber")
    expect(page.get_by_role("status").filter(has_text="Server's answer for")).to_contain_text(
        f"{second.display_name}: Already checked in"
    )
    snapshot(page, "synced")

    assert lost, "no answer was lost: the resend was not tested"
    assert checkins(first.id) == 1
    assert checkins(second.id) == 1
    assert [s.result.value for s in scans(first.id)] == ["ok", "already_checked_in"]
    assert [s.result.value for s in scans(second.id)] == ["ok", "already_checked_in"]  # both recorded
    page.context.close()


def another_phone_scans(registration) -> None:
    now = datetime.now(UTC)
    services.record_scan(
        registration.conference,
        client_id="gate-c-phone-1",
        code=code_of(registration),
        point="entrance",
        scanned_at=now,
        by_device="Gate C phone",
        now=now,
    )


def test_the_servers_answer_replaces_the_devices_own(browser, checkin_server):
    (delegate,) = delegates_at_the_door(1)
    page = phone_page(browser, checkin_server.url)
    log_in(page, *STAFF, next_url=PAGE)
    choose_entrance(page)
    expect(page.locator("#ci-cache-note")).to_contain_text("registrations on this device")
    another_phone_scans(delegate)  # a moment ago, before this page's next sync

    held = []
    page.route("**/api/checkin/v1/**/scans", lambda route: held.append(route))  # answered when the test says
    wedge_scan(page, code_of(delegate))
    expect(result(page)).to_have_attribute("data-colour", "green")  # at once, from the list on the phone
    for _ in range(200):  # the page sends the scan within moments; 10 s at most
        if held:
            break
        page.wait_for_timeout(50)
    held[0].continue_()
    expect(result(page)).to_have_attribute("data-colour", "amber")  # then the server's word
    expect(result(page)).to_contain_text("by Gate C phone")
    expect(result(page).get_by_role("button", name="Undo check-in")).to_be_hidden()
    expect(page.get_by_role("button", name="Undo last check-in")).to_be_disabled()
    assert checkins(delegate.id) == 1
    page.context.close()


def test_a_paired_phone_scans_without_an_account_until_its_pairing_is_revoked(browser, checkin_server):
    (delegate,) = delegates_at_the_door(1)
    now = datetime.now(UTC)
    device = services.create_token(
        delegate.conference, label="Gate B phone", lifetime=timedelta(hours=4), by_user_id=None, now=now
    )
    bearer = json.dumps(tokens.bearer_token(device))
    page = phone_page(browser, checkin_server.url)
    page.add_init_script(f"localStorage.setItem('plenary.checkin.token.{DEMO_SLUG}', {bearer})")
    page.goto(PAGE)
    choose_entrance(page)
    expect(page.get_by_text("Scanning as Gate B phone")).to_be_visible()
    wedge_scan(page, code_of(delegate))
    expect(result(page)).to_have_attribute("data-colour", "green")
    expect(page.locator("#ci-recent-list li").first).to_contain_text("Sent")
    dismiss(page)
    checkin = db.session.scalar(select(CheckIn).where(CheckIn.registration_id == delegate.id))
    assert checkin.checked_in_by == "Gate B phone"

    services.revoke_token(device, by_user_id=None, now=datetime.now(UTC))
    wedge_scan(page, code_of(delegate), answer=False)
    expect(page.get_by_role("heading", name="Pair this device or log in")).to_be_visible()
    expect(page.get_by_text("This device's pairing was revoked")).to_be_visible()
    expect(page.get_by_text("1 scan not sent yet is kept on this device.")).to_be_visible()
    # A revoked phone keeps nobody's data.
    page.wait_for_function(
        """(name) => new Promise((resolve, reject) => {
             const open = indexedDB.open(name);
             open.onerror = () => reject(open.error);
             open.onsuccess = () => {
               const db = open.result;
               const count = db.transaction("registrations").objectStore("registrations").count();
               count.onsuccess = () => { db.close(); resolve(count.result === 0); };
               count.onerror = () => reject(count.error);
             };
           })""",
        arg=f"plenary-checkin-{DEMO_SLUG}",
    )
    assert len(scans(delegate.id)) == 1
    page.context.close()
