"""A delegate registers for a free ticket and for a paid one (paid against localstripe), gets the
confirmation in the outbox and opens "my registration" from its link."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import select

from conference.extensions import db
from conference.mail.models import OutboxMessage
from tests.conftest import _empty_tables, make_test_app
from tests.stripe_fake import WEBHOOK_SECRET, localstripe, localstripe_server  # noqa: F401

FORUM = "aplc-forum"
LINK = re.compile(r"https?://[^/\s]+(/c/aplc-forum/registration/\S+)")


@pytest.fixture
def app(_schema, database_url, tmp_path, localstripe):  # noqa: F811
    """The suite's app with Stripe switched on and pointed at localstripe."""
    app = make_test_app(database_url, tmp_path, **localstripe.app_config())
    with app.app_context():
        yield app
        db.session.remove()
        _empty_tables()
        db.engine.dispose()


@pytest.fixture
def stripe_webhooks(live_server, localstripe) -> Iterator[None]:  # noqa: F811
    localstripe.register_webhook(live_server + "/stripe/webhook", WEBHOOK_SECRET)
    yield
    localstripe.register_webhook(live_server + "/stripe/webhook", WEBHOOK_SECRET, events=["none"])


def fill_delegate(page: Page, given: str, family: str, email: str) -> None:
    page.get_by_label(re.compile("^Given name")).fill(given)
    page.get_by_label(re.compile("^Family name")).fill(family)
    page.get_by_label(re.compile("^E-mail")).fill(email)
    page.get_by_label(re.compile("^Organisation")).fill("Suwon City Hall")
    page.get_by_label(re.compile("^City")).fill("Suwon")
    page.get_by_label(re.compile("^Country")).select_option("KR")
    page.get_by_label(re.compile("^Delegate category")).select_option("observer")
    page.get_by_label(re.compile("^I have read the privacy notice")).check()


def outbox_link(email: str, subject_part: str) -> str:
    # The mail is written just after the change it announces is committed: allow it a moment.
    deadline = time.monotonic() + 10
    while True:
        db.session.expire_all()
        messages = db.session.scalars(select(OutboxMessage).where(OutboxMessage.recipient == email)).all()
        matching = [m for m in messages if subject_part in m.subject]
        if matching or time.monotonic() > deadline:
            break
        time.sleep(0.1)
    assert matching, f"no mail to {email} about {subject_part!r}: {[m.subject for m in messages]}"
    match = LINK.search(matching[-1].body_text)
    assert match, matching[-1].body_text
    return match.group(1)  # the path: mails link to BASE_URL, the live server has its own port


def test_delegate_registers_free_then_paid_and_opens_my_registration(page, live_server, stripe_webhooks):
    page.goto(f"/c/{FORUM}/")
    page.get_by_role("link", name=re.compile("^Register")).first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Register for")

    # A free online ticket: confirmed at once.
    page.get_by_label(re.compile("Online participant")).check()
    fill_delegate(page, "Mina", "Park", "mina.park@example.org")
    page.get_by_role("button", name="Register", exact=True).click()
    expect(page.get_by_text(re.compile("confirmed", re.I)).first).to_be_visible()

    link = outbox_link("mina.park@example.org", "confirmed")
    page.goto(link)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Your registration")
    expect(page.get_by_text("Mina Park").first).to_be_visible()
    expect(page.get_by_text("Online participant").first).to_be_visible()

    # A paid observer ticket in KRW, paid by card on localstripe; only the webhook confirms it.
    page.goto(f"/c/{FORUM}/register")
    page.locator("li.ticket-option", has_text="Observer").get_by_role("radio").check()
    fill_delegate(page, "Joon", "Kim", "joon.kim@example.org")
    page.get_by_role("button", name="Register", exact=True).click()
    page.get_by_role("link", name=re.compile("Pay now", re.I)).first.click()
    expect(page.get_by_text("₩150,000").first).to_be_visible()

    card = page.locator("#card-element input")
    expect(card.first).to_be_visible()
    for index, value in enumerate(["4242424242424242", "12", "30", "123", "04524"]):
        card.nth(index).fill(value)
    page.locator("#pay-button").click()
    expect(page.get_by_text(re.compile("confirmed", re.I)).first).to_be_visible(timeout=20_000)

    link = outbox_link("joon.kim@example.org", "confirmed")
    page.goto(link)
    expect(page.get_by_text("Joon Kim").first).to_be_visible()
    expect(page.get_by_text("₩150,000").first).to_be_visible()
