"""A visitor's first minutes: the demo conference, Korean, a speaker, signing up and logging in."""

from __future__ import annotations

import re

from playwright.sync_api import expect

DEMO_SLUG = "aplc-founding-assembly"


def test_visitor_reads_the_demo_conference_in_korean_and_opens_a_speaker(page):
    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    page.get_by_role("link", name=re.compile("APLC Founding Assembly")).first.click()
    expect(page).to_have_url(re.compile(f"/c/{DEMO_SLUG}/$"))
    expect(page.get_by_text("One Asia-Pacific Learning Cities").first).to_be_visible()
    expect(page.get_by_text("Asia/Seoul").first).to_be_visible()

    page.get_by_role("link", name="한국어").click()
    expect(page.locator("html")).to_have_attribute("lang", "ko")
    # "Speakers" in the conference menu
    expect(page.get_by_role("link", name="연사", exact=True)).to_be_visible()

    page.get_by_role("link", name="연사", exact=True).click()
    page.get_by_role("link", name=re.compile("David Atchoarena")).first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("David Atchoarena")
    expect(page.get_by_text("UNESCO Institute for Lifelong Learning").first).to_be_visible()

    page.reload()  # the language choice is remembered
    expect(page.locator("html")).to_have_attribute("lang", "ko")


def test_visitor_signs_up_logs_out_and_logs_in(page):
    page.goto("/signup")
    page.get_by_label(re.compile("name", re.I)).first.fill("Ayesha Rahman")
    page.get_by_label(re.compile("e-?mail", re.I)).fill("ayesha@example.org")
    page.get_by_label(re.compile("^password", re.I)).fill("a long enough password")
    page.get_by_label(re.compile("confirm|repeat", re.I)).fill("a long enough password")
    page.get_by_role("button", name=re.compile("sign up|create", re.I)).click()
    expect(page.get_by_text("Ayesha Rahman").first).to_be_visible()

    page.get_by_role("button", name=re.compile("log out", re.I)).click()
    expect(page.get_by_role("link", name=re.compile("log in", re.I)).first).to_be_visible()

    page.get_by_role("link", name=re.compile("log in", re.I)).first.click()
    page.get_by_label(re.compile("e-?mail", re.I)).fill("AYESHA@example.org")
    page.get_by_label(re.compile("^password", re.I)).fill("a long enough password")
    page.get_by_role("button", name=re.compile("log in", re.I)).click()
    expect(page.get_by_text("Ayesha Rahman").first).to_be_visible()


def test_signup_with_bad_input_keeps_what_was_typed(page):
    page.goto("/signup")
    page.get_by_label(re.compile("name", re.I)).first.fill("Kim Min-jun")
    page.get_by_label(re.compile("e-?mail", re.I)).fill("not-an-email")
    page.get_by_label(re.compile("^password", re.I)).fill("short")
    page.get_by_label(re.compile("confirm|repeat", re.I)).fill("short")
    # Skip the browser's own checks so the server's messages are what the user sees.
    page.evaluate("document.querySelectorAll('form').forEach(f => f.noValidate = true)")
    page.get_by_role("button", name=re.compile("sign up|create", re.I)).click()
    expect(page.locator(".error").first).to_be_visible()
    expect(page.get_by_label(re.compile("name", re.I)).first).to_have_value("Kim Min-jun")
