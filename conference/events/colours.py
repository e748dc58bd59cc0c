"""The conference's brand colour on the page: text that reads on it, links that read on white (WCAG)."""

from __future__ import annotations

INK = "#1b2430"  # the site's text colour (plenary.css --ink)
WHITE = "#ffffff"


def _luminance(colour: str) -> float | None:
    """WCAG relative luminance of a #rrggbb colour, or None if it is not one."""
    try:
        channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    except (TypeError, ValueError, IndexError):
        return None
    if len(colour) != 7 or not colour.startswith("#"):
        return None
    red, green, blue = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast_ratio(first: str, second: str) -> float:
    """WCAG contrast ratio between two #rrggbb colours (1 to 21); 1 if either is not a colour."""
    a, b = _luminance(first), _luminance(second)
    if a is None or b is None:
        return 1.0
    return (max(a, b) + 0.05) / (min(a, b) + 0.05)


def text_colour_on(background: str) -> str:
    """White or the site's ink, whichever reads better on the given #rrggbb background."""
    if _luminance(background) is None:
        return WHITE
    return WHITE if contrast_ratio(WHITE, background) >= contrast_ratio(INK, background) else INK


def link_colour(brand: str) -> str:
    """The brand colour for links on white when it meets WCAG AA (4.5:1), else the site's ink."""
    return brand if contrast_ratio(brand, WHITE) >= 4.5 else INK
