"""An organiser prints the demo's badges on A4 sheets and a delegate opens their own badge."""

from __future__ import annotations

import io
from pathlib import Path

import pypdfium2 as pdfium
import zxingcpp
from playwright.sync_api import expect
from sqlalchemy import select

from conference.badges.codes import badge_code
from conference.badges.queries import count_selected
from conference.badges.runs import BadgeSelection
from conference.events.models import Conference
from conference.extensions import db
from conference.registration.models import Registration, RegistrationStatus
from conference.registration.tokens import make_token
from tests.e2e.conftest import ARTIFACTS, log_in

DEMO_SLUG = "aplc-forum"  # the demo conference with sample delegates
BADGES = f"/c/{DEMO_SLUG}/manage/badges/"


def qr_codes(data: bytes) -> list[str]:
    document = pdfium.PdfDocument(io.BytesIO(data))
    found = []
    for page in document:
        found += [r.text for r in zxingcpp.read_barcodes(page.render(scale=3).to_pil())]
    return found


def test_an_organiser_prints_every_badge_on_a4_sheets(page, app, tmp_path):
    app.config["BADGE_FOLDER"] = str(tmp_path / "badges")
    conference = db.session.scalar(select(Conference).where(Conference.slug == DEMO_SLUG))
    expected = count_selected(conference, BadgeSelection())
    assert expected > 6

    log_in(page, next_url=BADGES)
    expect(page.get_by_role("heading", name="Badges", exact=True)).to_be_visible()
    page.get_by_label("4 × 3 in (102 × 76 mm)").check()
    page.get_by_label("A4 sheets with several badges and cut marks").check()
    page.get_by_role("button", name="Make the PDF").click()

    expect(page.get_by_role("heading", name="Your badges are ready")).to_be_visible()
    expect(page.get_by_text(f"{expected} of {expected} badges")).to_be_visible()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "badges-run-done.png"), full_page=True)
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the PDF").click()
    data = Path(download.value.path()).read_bytes()
    assert len(pdfium.PdfDocument(io.BytesIO(data))) == -(-expected // 6)
    assert len(qr_codes(data)) == expected

    page.goto(BADGES)
    expect(page.get_by_role("cell", name="Ready")).to_be_visible()


def test_a_delegate_downloads_their_badge_from_my_registration(page, app):
    registration = db.session.scalars(
        select(Registration)
        .join(Conference)
        .where(Conference.slug == DEMO_SLUG, Registration.status == RegistrationStatus.CONFIRMED)
        .order_by(Registration.id)
    ).first()
    page.goto(f"/c/{DEMO_SLUG}/registration/{make_token(registration)}")
    expect(page.get_by_role("heading", name="Your badge")).to_be_visible()
    page.get_by_role("heading", name="Your badge").scroll_into_view_if_needed()
    link = page.get_by_role("link", name="Download my badge (PDF)")
    response = page.request.get(link.get_attribute("href"))
    assert response.headers["content-type"] == "application/pdf"
    assert qr_codes(response.body()) == [badge_code(registration)]
