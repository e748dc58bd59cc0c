"""Fonts for badges and certificates: Latin, Korean, Chinese/Japanese and Thai, embedded in every PDF.

ReportLab embeds TrueType-outline fonts only (Debian's Noto CJK is CFF and cannot be embedded), so the
faces come from these Debian packages, installed by `.ci/run` and by `apt-get install` on a server:
fonts-dejavu-core fonts-nanum fonts-wqy-zenhei fonts-thai-tlwg. Each piece of text is split into runs,
one font per run, picked from a fallback chain by which code points each font has. The fonts are read and
registered once per process and reused by every PDF.
"""

from __future__ import annotations

import logging
import os
import threading
from dataclasses import dataclass
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

log = logging.getLogger(__name__)

DEBIAN_PACKAGES = ("fonts-dejavu-core", "fonts-nanum", "fonts-wqy-zenhei", "fonts-thai-tlwg")
FONT_DIRS = ("/usr/share/fonts/truetype", "/usr/local/share/fonts", "/usr/share/fonts")
INSTALL_HINT = "apt-get install " + " ".join(DEBIAN_PACKAGES)
CACHE_SIZE = 20_000  # texts whose runs and widths a chain remembers


@dataclass(frozen=True)
class Face:
    name: str  # the name registered with ReportLab
    file: str  # relative to one of the font folders
    package: str  # the Debian package that ships it
    subfont_index: int = 0


# Regular and bold of each script; wqy-zenhei has no bold, so both weights share it.
FACES = {
    "latin": (
        Face("Plenary-Latin", "dejavu/DejaVuSans.ttf", "fonts-dejavu-core"),
        Face("Plenary-Latin-Bold", "dejavu/DejaVuSans-Bold.ttf", "fonts-dejavu-core"),
    ),
    "korean": (
        Face("Plenary-Korean", "nanum/NanumGothic.ttf", "fonts-nanum"),
        Face("Plenary-Korean-Bold", "nanum/NanumGothicBold.ttf", "fonts-nanum"),
    ),
    "cjk": (
        Face("Plenary-CJK", "wqy/wqy-zenhei.ttc", "fonts-wqy-zenhei"),
        Face("Plenary-CJK", "wqy/wqy-zenhei.ttc", "fonts-wqy-zenhei"),
    ),
    "thai": (
        Face("Plenary-Thai", "tlwg/Garuda.ttf", "fonts-thai-tlwg"),
        Face("Plenary-Thai-Bold", "tlwg/Garuda-Bold.ttf", "fonts-thai-tlwg"),
    ),
}
# Used when DejaVu is missing: built into every PDF reader, Latin only.
BUILTIN = ("Helvetica", "Helvetica-Bold")


def _is_hangul(char: str) -> bool:
    code = ord(char)
    return 0xAC00 <= code <= 0xD7A3 or 0x1100 <= code <= 0x11FF or 0x3130 <= code <= 0x318F


def _font_dirs() -> list[Path]:
    extra = os.environ.get("PLENARY_FONT_DIRS", "")
    return [Path(d) for d in (*extra.split(os.pathsep), *FONT_DIRS) if d]


def find_font_file(relative: str) -> Path | None:
    for folder in _font_dirs():
        for candidate in (folder / relative, folder / Path(relative).name):
            if candidate.is_file():
                return candidate
    return None


class FontChain:
    """One weight's fonts in fallback order; splits text into (font name, text) runs."""

    def __init__(self, fonts: dict[str, TTFont | None], builtin: str) -> None:
        self.builtin = builtin
        available = {script: font for script, font in fonts.items() if font is not None}
        latin = available.get("latin")
        # Han characters read as Hanja in a Korean name and as Hanzi/Kanji otherwise.
        self._korean_first = [available[s] for s in ("latin", "korean", "cjk", "thai") if s in available]
        self._cjk_first = [available[s] for s in ("latin", "cjk", "korean", "thai") if s in available]
        self.base = latin.fontName if latin is not None else builtin
        self._runs: dict[str, tuple[tuple[str, str], ...]] = {}
        self._widths: dict[str, float] = {}

    def runs(self, text: str) -> tuple[tuple[str, str], ...]:
        """The text in (font name, text) runs; remembered, as a bulk run sets the same words many times."""
        found = self._runs.get(text)
        if found is None:
            if len(self._runs) > CACHE_SIZE:
                self._runs.clear()
            found = self._runs[text] = tuple(self._split(text))
        return found

    def width(self, text: str, size: float) -> float:
        # TrueType widths scale linearly with the size: measure once at 1 pt.
        unit = self._widths.get(text)
        if unit is None:
            if len(self._widths) > CACHE_SIZE:
                self._widths.clear()
            unit = self._widths[text] = sum(
                pdfmetrics.stringWidth(part, font, 1.0) for font, part in self.runs(text)
            )
        return unit * size

    def _split(self, text: str) -> list[tuple[str, str]]:
        chain = self._korean_first if any(_is_hangul(c) for c in text) else self._cjk_first
        runs: list[tuple[str, str]] = []
        current = None
        start = 0
        for index, char in enumerate(text):
            code = ord(char)
            # Spaces, digits, punctuation and marks stay in the current font, so a name stays in one run;
            # letters go to the first font of the chain that has them (Latin after Hangul: back to Latin).
            if current is not None and code in current.face.charToGlyph and not char.isalpha():
                continue
            chosen = next((font for font in chain if code in font.face.charToGlyph), None)
            if chosen is None:
                chosen = current  # no font has it: leave it in the run it is in (drawn as missing)
            if chosen is not current:
                if index > start:
                    runs.append((current.fontName if current else self.base, text[start:index]))
                start = index
                current = chosen
        if start < len(text):
            runs.append((current.fontName if current else self.base, text[start:]))
        return runs


@dataclass
class Fonts:
    regular: FontChain
    bold: FontChain
    missing_packages: list[str]


_lock = threading.Lock()
_loaded: Fonts | None = None


def load_fonts() -> Fonts:
    """Read and register the fonts once per process; what is missing is logged and reported."""
    global _loaded
    with _lock:
        if _loaded is None:
            _loaded = _load()
        return _loaded


def _load() -> Fonts:
    weights: tuple[dict[str, TTFont | None], dict[str, TTFont | None]] = ({}, {})
    missing: list[str] = []
    registered: dict[str, TTFont] = {}
    for script, faces in FACES.items():
        for weight, face in enumerate(faces):
            font = registered.get(face.name) or _register(face)
            if font is None:
                if face.package not in missing:
                    missing.append(face.package)
            else:
                registered[face.name] = font
            weights[weight][script] = font
    if missing:
        log.warning(
            "Badge fonts missing (%s): names in those scripts print as empty boxes. Install them: %s",
            ", ".join(missing),
            INSTALL_HINT,
        )
    return Fonts(
        regular=FontChain(weights[0], BUILTIN[0]),
        bold=FontChain(weights[1], BUILTIN[1]),
        missing_packages=missing,
    )


def _register(face: Face) -> TTFont | None:
    path = find_font_file(face.file)
    if path is None:
        return None
    try:
        font = TTFont(face.name, str(path), subfontIndex=face.subfont_index)
    except Exception:  # a broken or CFF-outline file: treat it as missing
        log.exception("cannot read the font %s", path)
        return None
    pdfmetrics.registerFont(font)
    return font
