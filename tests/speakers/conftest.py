"""Helpers for the organiser-page tests: images to upload."""

from __future__ import annotations

from io import BytesIO

import pytest
from PIL import Image


def png_bytes(size: tuple[int, int] = (60, 40), colour: str = "#1f5f8b") -> bytes:
    buffer = BytesIO()
    Image.new("RGB", size, colour).save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def png():
    """A small valid PNG, as the (stream, filename) pair the test client uploads."""
    return lambda name="logo.png": (BytesIO(png_bytes()), name)
