"""The organisers' check-in dashboard follows the doors live; a phone is paired from the QR it shows."""

from __future__ import annotations

import io
import json
import urllib.request
from datetime import timedelta

import zxingcpp
from PIL import Image
from playwright.sync_api import expect
from sqlalchemy import select

from conference.badges.codes import badge_code
from conference.checkin import services as checkin_services
from conference.checkin import tokens
from conference.db_types import utcnow
from conference.events.queries import conference_by_slug
from conference.extensions import db
from conference.registration.models import Attendance, Registration, RegistrationStatus, TicketType
from tests.e2e.conftest import log_in

FORUM = "aplc-forum"
API = f"/api/checkin/v1/c/{FORUM}"


def expected_delegate(conference_id: int) -> Registration:
    return db.session.scalars(
        select(Registration)
        .join(TicketType)
        .where(
            Registration.conference_id == conference_id,
            Registration.status == RegistrationStatus.CONFIRMED,
            TicketType.attendance == Attendance.IN_PERSON,
            Registration.amount_paid_minor >= Registration.amount_due_minor,
        )
        .order_by(Registration.id)
    ).first()


def post_json(url: str, body: dict, bearer: str) -> dict:
    request = urllib.request.Request(
        url,
        data=json.dumps(body).encode(),
        headers={"Content-Type": "application/json", "Authorization": f"Bearer {bearer}"},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=5) as response:
        return json.load(response)


def test_the_dashboard_updates_after_a_scan_posted_through_the_api(page, live_server):
    forum = conference_by_slug(FORUM)
    device = checkin_services.create_token(
        forum, label="Gate B", lifetime=timedelta(hours=2), by_user_id=None, now=utcnow()
    )
    bearer = tokens.bearer_token(device)
    delegate = expected_delegate(forum.id)
    name = f"{delegate.given_name} {delegate.family_name}"

    log_in(page)
    page.goto(f"/c/{FORUM}/manage/checkin/?refresh=2")
    arrived = page.locator("#checkin-arrived")
    expect(arrived).to_have_text("0")
    expect(page.get_by_text("No badge has been scanned yet.")).to_be_visible()
    page.evaluate("window.notReloaded = true")

    answer = post_json(f"{live_server}{API}/scans", {"id": "e2e-1", "code": badge_code(delegate)}, bearer)
    assert answer["result"] == "ok"

    expect(arrived).to_have_text("1", timeout=8_000)
    recent = page.locator(".checkin-recent")
    expect(recent).to_contain_text(name)
    expect(recent).to_contain_text("Gate B")
    expect(page.locator(".chart")).to_be_visible()  # the arrivals chart appears with the first arrival
    assert page.evaluate("window.notReloaded") is True  # refreshed in place by live-board.js


def test_an_organiser_pairs_a_phone_from_the_qr_code(browser, page, live_server):
    log_in(page)
    page.goto(f"/c/{FORUM}/manage/checkin/devices")
    page.get_by_label("Name of the device or volunteer").fill("Side door phone")
    page.get_by_role("button", name="Create pairing code").click()
    expect(page.get_by_text("“Side door phone” can now be paired")).to_be_visible()

    # Read the QR code off the screen, as the phone's camera would.
    shot = Image.open(io.BytesIO(page.locator(".pair-qr").screenshot()))
    [found] = zxingcpp.read_barcodes(shot)
    assert found.text.startswith(f"{live_server}/c/{FORUM}/checkin/pair/")

    phone = browser.new_context(viewport={"width": 390, "height": 844}, locale="en-GB")
    try:
        phone_page = phone.new_page()
        phone_page.goto(found.text)
        phone_page.wait_for_url(f"{live_server}/c/{FORUM}/checkin/")
        stored = phone_page.evaluate(f"localStorage.getItem('plenary.checkin.token.{FORUM}')")
        assert stored
        whoami = phone_page.request.get(
            f"{live_server}{API}/whoami", headers={"Authorization": f"Bearer {stored}"}
        )
        assert whoami.ok and whoami.json()["name"] == "Side door phone"
    finally:
        phone.close()
    page.goto(f"/c/{FORUM}/manage/checkin/devices")
    expect(page.locator(".checkin-devices")).to_contain_text("Paired")
