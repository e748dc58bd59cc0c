"""A contact registers a delegation in the browser, adding a delegate block with delegation.js."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests import factories


def test_contact_adds_a_delegate_row_and_registers_the_group(page):
    conference = factories.make_conference("e2e-delegations", title="Delegations Forum", short_name="DF")
    factories.make_ticket(conference, name="City delegate pass")
    page.goto("/c/e2e-delegations/register/delegation")
    rows = page.locator("[data-delegate-row]")
    expect(rows).to_have_count(3)

    page.get_by_role("button", name="Add another delegate").click()
    expect(rows).to_have_count(4)  # cloned in the page: no round trip, nothing typed is lost
    fourth = rows.nth(3)
    expect(fourth.get_by_role("group").first).to_be_visible()
    expect(fourth.locator("legend").first).to_contain_text("4")
    expect(fourth.locator("[name='delegates-3-given_name']")).to_have_value("")

    page.get_by_label(re.compile("City delegate pass")).check()
    page.get_by_label("City or organisation").fill("Suwon City")
    page.locator("#country").select_option("KR")
    page.get_by_label("Your name").fill("Lee Jae-won")
    page.locator("#contact_email").fill("contact@example.org")

    first = rows.nth(0)
    first.locator("[name='delegates-0-given_name']").fill("Mina")
    first.locator("[name='delegates-0-family_name']").fill("Park")
    first.locator("[name='delegates-0-email']").fill("mina@example.org")
    first.locator("[name='delegates-0-category']").select_option("member_city")
    fourth.locator("[name='delegates-3-given_name']").fill("Joon")
    fourth.locator("[name='delegates-3-family_name']").fill("Kim")
    fourth.locator("[name='delegates-3-email']").fill("joon@example.org")
    fourth.locator("[name='delegates-3-category']").select_option("government")
    fourth.get_by_label("Korean").check()
    page.get_by_label(re.compile("Every delegate I register")).check()
    page.get_by_role("button", name="Register the delegation").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Delegation: Suwon City")
    expect(page.get_by_role("cell", name="Mina Park", exact=True)).to_be_visible()
    expect(page.get_by_role("cell", name="Joon Kim", exact=True)).to_be_visible()
    expect(page.get_by_text("2 delegates are registered")).to_be_visible()
