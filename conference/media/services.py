"""Uploaded images: checked by content, stripped of metadata, re-encoded and resized."""

from __future__ import annotations

import secrets
from pathlib import Path
from typing import IO

from flask_babel import lazy_gettext as _l
from PIL import Image, ImageOps, UnidentifiedImageError
from werkzeug.datastructures import FileStorage

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
ACCEPTED_FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}
Image.MAX_IMAGE_PIXELS = 40_000_000  # refuse decompression bombs early


class InvalidImage(ValueError):
    """The upload is not an image we accept; the message is shown to the user."""


def save_image(stream: IO[bytes], folder: str | Path, max_side: int = 1200) -> str:
    """Validate an uploaded image, re-encode it without metadata, and return its stored file name."""
    data = stream.read(MAX_UPLOAD_BYTES + 1)
    if len(data) > MAX_UPLOAD_BYTES:
        raise InvalidImage(_l("The image is larger than 5 MB."))
    from io import BytesIO

    try:
        with Image.open(BytesIO(data)) as probe:
            kind = probe.format
            probe.verify()
        image = Image.open(BytesIO(data))
        image.load()
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as exc:
        raise InvalidImage(_l("This file is not an image we can read (use JPEG, PNG or WebP).")) from exc
    if kind not in ACCEPTED_FORMATS:
        raise InvalidImage(_l("Use a JPEG, PNG or WebP image."))
    image = ImageOps.exif_transpose(image)
    image.thumbnail((max_side, max_side))
    has_alpha = image.mode in ("RGBA", "LA") or (image.mode == "P" and "transparency" in image.info)
    image = image.convert("RGBA" if has_alpha else "RGB")
    name = f"{secrets.token_hex(12)}.{'png' if has_alpha else 'jpg'}"
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    # A fresh save writes no EXIF, XMP or ICC data from the original.
    if has_alpha:
        image.save(folder / name, "PNG", optimize=True)
    else:
        image.save(folder / name, "JPEG", quality=85, optimize=True, progressive=True)
    return name


def stored_image(
    upload: FileStorage | None,
    *,
    remove: bool,
    current: str | None,
    folder: str | Path,
    max_side: int = 1200,
) -> str | None:
    """The image file name to keep: a new upload (checked: may raise InvalidImage), none, or the current."""
    if upload is not None:
        return save_image(upload.stream, folder, max_side=max_side)
    if remove:
        return None
    return current
