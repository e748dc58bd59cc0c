"""Badge PDFs: one badge per page in a chosen size, or several on A4 sheets with cut marks.

Everything here works on plain data (`BadgeContent`, `Branding`), so the same code makes a delegate's own
badge, an organiser's bulk run and the benchmark. The QR code is drawn as vectors, one path per badge.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import qrcode
from qrcode.constants import ERROR_CORRECT_M
from qrcode.util import MODE_ALPHA_NUM, QRData
from reportlab.lib.colors import Color, HexColor, white
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import inch, mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from conference.badges.fonts import Fonts, load_fonts
from conference.badges.typesetting import TextStyle, draw_block, fit

INK = HexColor("#1b2126")
MUTED = HexColor("#4d5861")
RULE = HexColor("#d5dbe0")
DEFAULT_COLOUR = "#1f5f8b"
SHEET_MARGIN = 3 * mm  # the badges' grid on an A4 sheet keeps at least this far from the paper's edge
CUT_MARK = 5 * mm
CUT_GAP = 1 * mm
QR_MASK = 2


@dataclass(frozen=True)
class BadgeSize:
    width: float  # points
    height: float

    @property
    def portrait(self) -> bool:
        return self.height >= self.width


A6 = BadgeSize(105 * mm, 148 * mm)
FOUR_BY_THREE = BadgeSize(4 * inch, 3 * inch)


@dataclass(frozen=True)
class BadgeContent:
    name: str
    local_name: str
    position: str
    organisation: str
    place: str  # "Suwon, Republic of Korea"
    category: str  # the ticket's name, on the band
    colour: str  # the ticket's badge colour, "#rrggbb"
    code: str  # the signed badge code in the QR


@dataclass(frozen=True)
class Branding:
    title: str
    colour: str = DEFAULT_COLOUR
    logo: Path | None = None


@dataclass(frozen=True)
class SheetGrid:
    columns: int
    rows: int
    page: tuple[float, float]
    left: float
    bottom: float

    @property
    def per_sheet(self) -> int:
        return self.columns * self.rows


def sheet_grid(size: BadgeSize) -> SheetGrid | None:
    """How badges of this size sit on A4 (portrait or landscape, whichever holds more); None if none fit."""
    best: SheetGrid | None = None
    for page in (A4, landscape(A4)):
        columns = int((page[0] - 2 * SHEET_MARGIN) // size.width)
        rows = int((page[1] - 2 * SHEET_MARGIN) // size.height)
        if columns * rows and (best is None or columns * rows > best.per_sheet):
            left = (page[0] - columns * size.width) / 2
            bottom = (page[1] - rows * size.height) / 2
            best = SheetGrid(columns, rows, page, left, bottom)
    return best


def colour(value: str, default: str = DEFAULT_COLOUR) -> Color:
    try:
        return HexColor(value if value and value.startswith("#") and len(value) == 7 else default)
    except ValueError:
        return HexColor(default)


def text_colour_on(background: Color) -> Color:
    luminance = 0.2126 * background.red + 0.7152 * background.green + 0.0722 * background.blue
    return INK if luminance > 0.6 else white


def qr_matrix(code: str) -> list[list[bool]]:
    """The code's QR modules (no quiet zone), alphanumeric mode, error correction M.

    The mask is fixed: searching all eight for the lowest penalty took two thirds of a 2,000-badge run,
    readers decode any mask, and mask 2 scores best on average for badge codes (lowest penalty on
    300 random codes, and the best of the eight for a third of them).
    """
    qr = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=0, mask_pattern=QR_MASK)
    qr.add_data(QRData(code.encode("ascii"), mode=MODE_ALPHA_NUM))
    qr.make(fit=True)
    return qr.get_matrix()


def draw_qr(canvas: Canvas, matrix: list[list[bool]], x: float, y: float, side: float) -> None:
    """The QR code as one filled path: a rectangle per run of dark modules in each row."""
    count = len(matrix)
    module = side / count
    path = canvas.beginPath()
    for row_index, row in enumerate(matrix):
        top = y + side - (row_index + 1) * module
        column = 0
        while column < count:
            if not row[column]:
                column += 1
                continue
            start = column
            while column < count and row[column]:
                column += 1
            path.rect(x + start * module, top, (column - start) * module, module)
    canvas.setFillColor(INK)
    canvas.drawPath(path, stroke=0, fill=1)


class BadgeRenderer:
    """Draws badges of one size and one conference's branding; fonts and logo are loaded once."""

    def __init__(self, size: BadgeSize, branding: Branding, fonts: Fonts | None = None) -> None:
        self.size = size
        self.branding = branding
        self.fonts = fonts or load_fonts()
        self.logo = ImageReader(str(branding.logo)) if branding.logo and branding.logo.is_file() else None
        # Type grows with the badge, but slower than its area (a larger badge gets more white space).
        reference = A6 if size.portrait else FOUR_BY_THREE
        self.scale = min(size.width / reference.width, size.height / reference.height) ** 0.5 * (
            1.0 if size.portrait else 0.78
        )
        self.styles = self._styles()
        w, h = size.width, size.height
        self.pad = min(w, h) * 0.075
        self.logo_height = h * (0.085 if size.portrait else 0.13)
        self.header_bottom = h - self.pad - self.logo_height - self.pad * 0.45
        self.band_height = h * (0.115 if size.portrait else 0.15)
        self._forms: tuple[Canvas | None, dict[str, str]] = (None, {})

    def _styles(self) -> dict[str, TextStyle]:
        regular, bold = self.fonts.regular, self.fonts.bold
        return {
            "title": TextStyle(bold, 10.5, 7, INK, max_lines=2, leading=1.2),
            "name": TextStyle(bold, 27, 9, INK, max_lines=2, leading=1.12, wrap_below=0.7),
            "local_name": TextStyle(bold, 17, 8, INK, max_lines=1),
            "position": TextStyle(regular, 10.5, 6.5, MUTED, max_lines=2),
            "organisation": TextStyle(bold, 11.5, 7, INK, max_lines=2),
            "place": TextStyle(regular, 10.5, 6.5, MUTED, max_lines=1),
            "category": TextStyle(bold, 15, 7, white, max_lines=1),
        }

    def draw(self, canvas: Canvas, badge: BadgeContent, x: float = 0, y: float = 0) -> None:
        """Draw one badge with its lower-left corner at (x, y)."""
        w, pad = self.size.width, self.pad
        canvas.saveState()
        canvas.translate(x, y)
        # The header and each category's band are the same on many badges: drawn once, then reused.
        canvas.doForm(self._form(canvas, "badge-header", self._draw_header))
        band_key = f"badge-band-{badge.colour}-{badge.category}"
        canvas.doForm(self._form(canvas, band_key, lambda c: self._draw_band(c, badge)))
        header_bottom, band_height = self.header_bottom, self.band_height
        top, bottom = header_bottom - pad * 0.6, band_height + pad * 0.7
        matrix = qr_matrix(badge.code)
        if self.size.portrait:
            side = min(w * 0.42, (top - bottom) * 0.48)
            # At least three modules of quiet zone between the code and the (dark) band.
            qr_y = band_height + max(pad * 0.7, 3 * side / len(matrix))
            draw_qr(canvas, matrix, (w - side) / 2, qr_y, side)
            self._draw_text(canvas, badge, pad, qr_y + side + pad * 0.6, top, w - 2 * pad, "centre")
        else:
            side = min(w * 0.36, (header_bottom - band_height) * len(matrix) / (len(matrix) + 6))
            middle = (header_bottom + band_height) / 2
            draw_qr(canvas, matrix, w - pad - side, middle - side / 2, side)
            self._draw_text(canvas, badge, pad, bottom, top, w - 3 * pad - side, "left")
        canvas.restoreState()

    def _form(self, canvas: Canvas, key: str, paint: Callable[[Canvas], None]) -> str:
        if self._forms[0] is not canvas:
            self._forms = (canvas, {})
        names = self._forms[1]
        if key not in names:
            names[key] = f"F{len(names)}"
            canvas.beginForm(names[key], 0, 0, self.size.width, self.size.height)
            paint(canvas)
            canvas.endForm()
        return names[key]

    def _draw_header(self, canvas: Canvas) -> None:
        """Logo and conference name across the top, a rule in the conference's colour below."""
        w, pad = self.size.width, self.pad
        top, logo_height = self.size.height - pad, self.logo_height
        logo_width = 0.0
        if self.logo is not None:
            image_w, image_h = self.logo.getSize()
            logo_width = min(w * 0.32, logo_height * image_w / image_h)
            canvas.drawImage(
                self.logo,
                pad,
                top - logo_height,
                logo_width,
                logo_height,
                preserveAspectRatio=True,
                anchor="w",
                mask="auto",
            )
            logo_width += pad * 0.6
        title = fit(self.branding.title, self.styles["title"], w - 2 * pad - logo_width, self.scale)
        if title is not None:
            draw_block(
                canvas,
                title,
                x=pad + logo_width,
                top=top - logo_height / 2 + title.height / 2,
                width=w - 2 * pad - logo_width,
                align="left" if self.logo is not None else "centre",
            )
        canvas.setStrokeColor(colour(self.branding.colour))
        canvas.setLineWidth(max(1.2, 2 * self.scale))
        canvas.line(pad, self.header_bottom, w - pad, self.header_bottom)

    def _draw_band(self, canvas: Canvas, badge: BadgeContent) -> None:
        """The band across the bottom in the ticket's colour, with the category."""
        width, height, pad = self.size.width, self.band_height, self.pad
        background = colour(badge.colour)
        canvas.setFillColor(background)
        canvas.rect(0, 0, width, height, stroke=0, fill=1)
        style = self.styles["category"]
        style = TextStyle(style.chain, style.max_size, style.min_size, text_colour_on(background))
        label = fit(badge.category.upper(), style, width - 2 * pad, self.scale)
        if label is not None:
            draw_block(canvas, label, x=pad, top=(height + label.height) / 2, width=width - 2 * pad)

    def _draw_text(
        self,
        canvas: Canvas,
        badge: BadgeContent,
        x: float,
        bottom: float,
        top: float,
        width: float,
        align: str,
    ) -> None:
        """Name, local name, position, organisation and place, shrunk together if they overflow."""
        fields = [
            ("name", badge.name),
            ("local_name", badge.local_name),
            ("position", badge.position),
            ("organisation", badge.organisation),
            ("place", badge.place),
        ]
        available = top - bottom
        scale = self.scale
        for _attempt in range(4):
            blocks = [(key, fit(text, self.styles[key], width, scale)) for key, text in fields]
            blocks = [(key, block) for key, block in blocks if block is not None]
            gaps = [self._gap_after(key, scale) for key, _ in blocks]
            height = sum(block.height for _, block in blocks) + sum(gaps[:-1])
            if height <= available:
                break
            scale *= max(0.6, available / height)
        y = top - max(0.0, (available - height) / 2) if self.size.portrait else top
        for (_key, block), gap in zip(blocks, gaps, strict=True):
            y = draw_block(canvas, block, x=x, top=y, width=width, align=align) - gap

    def _gap_after(self, key: str, scale: float) -> float:
        return {"name": 5, "local_name": 8, "position": 2, "organisation": 2}.get(key, 0) * scale


def write_badges(
    output: IO[bytes],
    badges: Iterable[BadgeContent],
    branding: Branding,
    size: BadgeSize,
    *,
    sheets: bool = False,
    progress: Callable[[int], None] | None = None,
    title: str = "Badges",
) -> int:
    """Write a PDF of the badges, one per page or several per A4 sheet; returns how many were drawn."""
    renderer = BadgeRenderer(size, branding)
    grid = sheet_grid(size) if sheets else None
    if sheets and grid is None:
        raise ValueError("badges of this size do not fit on an A4 sheet")
    page = grid.page if grid else (size.width, size.height)
    canvas = Canvas(output, pagesize=page, pageCompression=1)
    canvas.setTitle(title)
    canvas.setCreator("Plenary")
    count = 0
    for badge in badges:
        if grid is None:
            if count:
                canvas.showPage()
            renderer.draw(canvas, badge)
        else:
            slot = count % grid.per_sheet
            if slot == 0 and count:
                canvas.showPage()
            if slot == 0:
                _cut_marks(canvas, grid, size)
            column, row = slot % grid.columns, slot // grid.columns
            x = grid.left + column * size.width
            y = grid.bottom + (grid.rows - 1 - row) * size.height
            renderer.draw(canvas, badge, x, y)
        count += 1
        if progress is not None:
            progress(count)
    if count == 0:
        canvas.setFont(renderer.fonts.regular.base, 10)
        canvas.drawString(20, page[1] - 30, "No badges.")
    canvas.save()
    return count


def _cut_marks(canvas: Canvas, grid: SheetGrid, size: BadgeSize) -> None:
    """Short lines in the margins on every cutting line of the grid, clear of the badges."""
    right = grid.left + grid.columns * size.width
    top = grid.bottom + grid.rows * size.height
    canvas.saveState()
    canvas.setStrokeColor(INK)
    canvas.setLineWidth(0.4)
    side_mark = min(CUT_MARK, grid.left - CUT_GAP)
    end_mark = min(CUT_MARK, grid.bottom - CUT_GAP)
    if end_mark > 0:
        for column in range(grid.columns + 1):
            x = grid.left + column * size.width
            canvas.line(x, top + CUT_GAP, x, top + CUT_GAP + end_mark)
            canvas.line(x, grid.bottom - CUT_GAP, x, grid.bottom - CUT_GAP - end_mark)
    if side_mark > 0:
        for row in range(grid.rows + 1):
            y = grid.bottom + row * size.height
            canvas.line(grid.left - CUT_GAP, y, grid.left - CUT_GAP - side_mark, y)
            canvas.line(right + CUT_GAP, y, right + CUT_GAP + side_mark, y)
    canvas.restoreState()
