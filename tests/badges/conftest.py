"""Badge fixtures: confirmed delegates with names in several scripts, and PDF readers for the tests."""

from __future__ import annotations

import io
import os

import pypdfium2 as pdfium
import pytest
import zxingcpp

from conference.badges.fonts import INSTALL_HINT, load_fonts
from conference.registration import services as registration_services
from tests import factories


@pytest.fixture(autouse=True)
def badge_folder(app, tmp_path):
    app.config["BADGE_FOLDER"] = str(tmp_path / "badges")
    return tmp_path / "badges"


@pytest.fixture
def all_fonts():
    """Korean, Chinese, Japanese and Thai faces are installed (.ci/run installs them; a failure under CI)."""
    missing = load_fonts().missing_packages
    if missing:
        message = f"badge fonts missing ({', '.join(missing)}): {INSTALL_HINT}"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)


@pytest.fixture
def ticket(conference):
    return factories.make_ticket(conference, name="Member-city delegate", badge_colour="#1f5f8b")


def confirm(conference, ticket, email="mina@example.org", **details):
    details.setdefault("organisation", "Suwon City")
    details.setdefault("position", "Director of Lifelong Learning")
    details.setdefault("city", "Suwon")
    return registration_services.register(conference, ticket, factories.delegate(email, **details))


@pytest.fixture
def delegate(conference, ticket):
    return confirm(conference, ticket, local_name="박민아")


def pages(data: bytes, scale: float = 2) -> list:
    document = pdfium.PdfDocument(io.BytesIO(data))
    return [page.render(scale=scale).to_pil() for page in document]


def page_count(data: bytes) -> int:
    return len(pdfium.PdfDocument(io.BytesIO(data)))


def qr_codes(data: bytes, scale: float = 2) -> list[str]:
    """Every QR code a real decoder finds on the rasterised pages, page by page."""
    found = []
    for image in pages(data, scale):
        found += [result.text for result in zxingcpp.read_barcodes(image) if result.format.name == "QRCode"]
    return found


def text_of(data: bytes) -> str:
    document = pdfium.PdfDocument(io.BytesIO(data))
    return "\n".join(page.get_textpage().get_text_range() for page in document)
