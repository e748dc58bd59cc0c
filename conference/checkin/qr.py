"""A QR code as inline SVG, drawn on the server with the `qrcode` package (no script needed to show it)."""

from __future__ import annotations

import re

import qrcode
import qrcode.image.svg
from markupsafe import Markup, escape

_SIZE = re.compile(r'^<svg width="[^"]*" height="[^"]*"')


def qr_svg(data: str, label: str) -> Markup:
    """The QR code of `data` as an <svg> element, named `label` for screen readers."""
    code = qrcode.QRCode(
        error_correction=qrcode.constants.ERROR_CORRECT_M,
        border=4,
        image_factory=qrcode.image.svg.SvgPathImage,
    )
    code.add_data(data)
    code.make(fit=True)
    svg = code.make_image().to_string(encoding="unicode")
    svg = _SIZE.sub(f'<svg class="pair-qr" role="img" aria-label="{escape(label)}"', svg, count=1)
    return Markup(svg.replace("<path ", '<path shape-rendering="crispEdges" ', 1))
