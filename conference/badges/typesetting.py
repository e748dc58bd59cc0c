"""Setting text on a badge or certificate: shrink to fit, wrap onto two lines, draw runs of mixed fonts."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.colors import Color
from reportlab.pdfgen.canvas import Canvas

from conference.badges.fonts import FontChain

ELLIPSIS = "…"


@dataclass(frozen=True)
class TextStyle:
    chain: FontChain
    max_size: float
    min_size: float
    colour: Color
    max_lines: int = 1
    leading: float = 1.18  # line height as a multiple of the size
    wrap_below: float = 0.85  # wrap onto a second line once one line would shrink below this share


@dataclass(frozen=True)
class SetText:
    """Text fitted to a width: its lines and the one size they share."""

    lines: tuple[str, ...]
    size: float
    style: TextStyle

    @property
    def height(self) -> float:
        return self.size * self.style.leading * len(self.lines)


def _fit_size(chain: FontChain, lines: list[str], max_size: float, width: float) -> float:
    widest = max(chain.width(line, max_size) for line in lines)
    return max_size if widest <= width else max_size * width / widest


def _two_lines(text: str, chain: FontChain, size: float) -> list[str] | None:
    """Split at the space that makes the longer half shortest; None when there is no space."""
    best: tuple[float, list[str]] | None = None
    for index, char in enumerate(text):
        if char != " ":
            continue
        halves = [text[:index].strip(), text[index + 1 :].strip()]
        if not all(halves):
            continue
        longest = max(chain.width(half, size) for half in halves)
        if best is None or longest < best[0]:
            best = (longest, halves)
    return best[1] if best else None


def _shorten(text: str, chain: FontChain, size: float, width: float) -> str:
    while text and chain.width(text + ELLIPSIS, size) > width:
        text = text[:-1]
    return text.rstrip() + ELLIPSIS


def fit(text: str, style: TextStyle, width: float, scale: float = 1.0) -> SetText | None:
    """The largest size (up to the style's maximum) at which the text fits the width; long text wraps
    onto a second line when that lets it stay bigger, and is cut short only below the minimum size."""
    text = " ".join(text.split())
    if not text:
        return None
    max_size, min_size = style.max_size * scale, style.min_size * scale
    lines = [text]
    size = _fit_size(style.chain, lines, max_size, width)
    if style.max_lines >= 2 and size < max_size * style.wrap_below:
        halves = _two_lines(text, style.chain, max_size)
        if halves is not None:
            wrapped = _fit_size(style.chain, halves, max_size, width)
            if wrapped > size:
                lines, size = halves, wrapped
    if size < min_size:
        size = min_size
        lines = [
            line if style.chain.width(line, size) <= width else _shorten(line, style.chain, size, width)
            for line in lines
        ]
    return SetText(tuple(lines), size, style)


def draw_line(canvas: Canvas, chain: FontChain, text: str, size: float, x: float, y: float) -> None:
    """Draw one line from its left end at baseline y, switching fonts between runs."""
    for font, part in chain.runs(text):
        canvas.setFont(font, size)
        canvas.drawString(x, y, part)
        x += canvas.stringWidth(part, font, size)


def draw_block(
    canvas: Canvas, block: SetText, *, x: float, top: float, width: float, align: str = "centre"
) -> float:
    """Draw fitted text below `top`, aligned in the width; returns the y just under it."""
    chain, size = block.style.chain, block.size
    canvas.setFillColor(block.style.colour)
    y = top
    for line in block.lines:
        y -= size * block.style.leading
        baseline = y + size * (block.style.leading - 0.93)
        line_width = chain.width(line, size)
        left = x + (width - line_width) / 2 if align == "centre" else x
        draw_line(canvas, chain, line, size, left, baseline)
    return y
