"""The certificate of attendance as an A4 PDF, in the delegate's language, drawn with the badges' fonts."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

from flask_babel import force_locale
from flask_babel import gettext as _
from reportlab.lib.colors import Color, HexColor
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from conference.badges.content import branding
from conference.badges.fonts import load_fonts
from conference.badges.pdf import INK, MUTED, colour
from conference.badges.typesetting import TextStyle, draw_block, fit
from conference.certificates.queries import attended
from conference.db_types import utcnow
from conference.i18n.formatting import country_name, date_range, local_date
from conference.registration.models import Registration

LANGUAGES = ("en", "ko")


class NotAttended(Exception):
    """Certificates are for delegates who attended."""


def certificate_pdf(registration: Registration, *, today: date | None = None) -> bytes:
    """The certificate as a one-page PDF in the registration's language; NotAttended if they did not."""
    if not attended(registration):
        raise NotAttended()
    language = registration.language if registration.language in LANGUAGES else "en"
    output = io.BytesIO()
    with force_locale(language):
        _draw(output, registration, language, today or utcnow().astimezone(registration.conference.tz).date())
    return output.getvalue()


def _names(registration: Registration, language: str) -> tuple[str, str]:
    """The name in large type and the one under it: Korean readers see theirs in Hangul first."""
    latin, local = registration.display_name, registration.local_name
    if language == "ko" and _is_korean(local):
        return local, latin
    return latin, local


def _is_korean(text: str) -> bool:
    return any(0xAC00 <= ord(char) <= 0xD7A3 for char in text)


PAGE = landscape(A4)
TEXT_LEFT = 35 * mm
TEXT_WIDTH = PAGE[0] - 2 * TEXT_LEFT
FOOTER_TOP = 30 * mm


def _draw(output: io.BytesIO, registration: Registration, language: str, issued: date) -> None:
    brand = branding(registration.conference)
    accent = colour(brand.colour)
    canvas = Canvas(output, pagesize=PAGE, pageCompression=1)
    canvas.setTitle(_("Certificate of attendance") + f" · {registration.display_name}")
    canvas.setCreator("Plenary")
    _frame(canvas, accent)
    top = _logo(canvas, brand.logo, PAGE[1] - 30 * mm)
    blocks = [
        (fit(text, style, TEXT_WIDTH), gap) for text, style, gap in _wording(registration, language, accent)
    ]
    blocks = [(block, gap) for block, gap in blocks if block is not None]
    # The text sits in the middle of the space between the logo and the footer.
    height = sum(block.height + gap for block, gap in blocks)
    y = top - max(0.0, (top - FOOTER_TOP - 15 * mm - height) / 2)
    for block, gap in blocks:
        y = draw_block(canvas, block, x=TEXT_LEFT, top=y, width=TEXT_WIDTH) - gap
    _footer(canvas, registration, issued)
    canvas.save()


def _frame(canvas: Canvas, accent: Color) -> None:
    """A double frame in the conference's colour."""
    width, height = PAGE
    canvas.setStrokeColor(accent)
    canvas.setLineWidth(3)
    canvas.rect(12 * mm, 12 * mm, width - 24 * mm, height - 24 * mm)
    canvas.setLineWidth(0.8)
    canvas.rect(15 * mm, 15 * mm, width - 30 * mm, height - 30 * mm)


def _logo(canvas: Canvas, path: Path | None, top: float) -> float:
    """The conference's logo centred at the top; returns the y under it."""
    if path is None:
        return top
    logo = ImageReader(str(path))
    logo_w, logo_h = logo.getSize()
    box_h = 20 * mm
    box_w = min(80 * mm, box_h * logo_w / logo_h)
    canvas.drawImage(logo, (PAGE[0] - box_w) / 2, top - box_h, box_w, box_h, mask="auto")
    return top - box_h - 6 * mm


def _wording(registration: Registration, language: str, accent: Color) -> list[tuple[str, TextStyle, float]]:
    """What the certificate says, line by line: (text, style, space after)."""
    conference = registration.conference
    fonts = load_fonts()
    regular, bold = fonts.regular, fonts.bold
    name, other_name = _names(registration, language)
    venue = (conference.venue_name, conference.venue_city, country_name(conference.venue_country))
    when_and_where = [
        date_range(conference.start_date, conference.end_date),
        ", ".join(p for p in venue if p),
    ]
    details = [part for part in (registration.position, registration.organisation) if part]
    return [
        (conference.title, TextStyle(bold, 15, 9, MUTED, max_lines=2), 10),
        (_("Certificate of attendance"), TextStyle(bold, 34, 16, accent), 12),
        (_("This is to certify that"), TextStyle(regular, 14, 9, INK), 8),
        (name, TextStyle(bold, 30, 14, INK, max_lines=2), 2),
        (other_name, TextStyle(bold, 18, 10, MUTED), 4),
        (" · ".join(details), TextStyle(regular, 12, 8, MUTED, max_lines=2), 10),
        (_("attended %(title)s", title=conference.title), TextStyle(regular, 15, 9, INK, max_lines=2), 4),
        (" · ".join(filter(None, when_and_where)), TextStyle(regular, 13, 8, INK, max_lines=2), 0),
    ]


def _footer(canvas: Canvas, registration: Registration, issued: date) -> None:
    line = _(
        "Issued on %(date)s · Reference %(reference)s",
        date=local_date(issued, "long"),
        reference=registration.reference,
    )
    block = fit(line, TextStyle(load_fonts().regular, 10, 7, MUTED), TEXT_WIDTH)
    if block is not None:
        draw_block(canvas, block, x=TEXT_LEFT, top=FOOTER_TOP, width=TEXT_WIDTH)
    canvas.setStrokeColor(HexColor("#d5dbe0"))
    canvas.setLineWidth(0.6)
    canvas.line(PAGE[0] / 2 - 60 * mm, FOOTER_TOP + 3 * mm, PAGE[0] / 2 + 60 * mm, FOOTER_TOP + 3 * mm)
