"""Compressed responses (Flask-Compress) for what venues' Wi-Fi carries most: feeds, exports, the JSON APIs,
the scanners' registration list and the static files.

HTML pages are left alone on purpose: they hold CSRF tokens next to text a visitor can put in the page, the
mix a BREACH attack needs. What is compressed here carries no such secret.
"""

from __future__ import annotations

from flask import Flask, Response, request

from conference.extensions import compress

COMPRESSED_BLUEPRINTS = frozenset({"ical", "frab", "api_v1", "checkin_api"})
MIMETYPES = [
    "application/javascript",
    "application/json",
    "application/xml",
    "image/svg+xml",
    "text/calendar",
    "text/css",
    "text/javascript",
    "text/xml",
]
# The suffixes Flask-Compress gives a strong ETag ("abc" → "abc:gzip"); feeds compare without them.
ETAG_SUFFIXES = ("", ":zstd", ":br", ":gzip", ":deflate")


def init_compression(app: Flask) -> None:
    app.config.setdefault("COMPRESS_REGISTER", False)  # only the responses chosen below
    app.config.setdefault("COMPRESS_MIMETYPES", MIMETYPES)
    # gzip level 1: a 1,000-session feed goes from 560-770 KiB to 37-74 KiB in about 1 ms more; level 6
    # saves another quarter of that for twice the time (bench/feeds.py).
    app.config.setdefault("COMPRESS_LEVEL", 1)
    # What fits in one TCP packet gains nothing (a scan's answer, a small API page).
    app.config.setdefault("COMPRESS_MIN_SIZE", 1400)
    compress.init_app(app)

    @app.after_request
    def _compress(response: Response) -> Response:
        if request.blueprint in COMPRESSED_BLUEPRINTS or request.endpoint == "static":
            return compress.after_request(response)
        return response
