"""How often an organiser's wall display (the check-in dashboard, the stream board) reloads its figures."""

from __future__ import annotations

from flask import request

FASTEST, SLOWEST = 2, 600  # seconds


def refresh_seconds(default: int) -> int:
    """The pace a page asks for with ?refresh=60, kept between 2 s and 10 minutes; else `default`."""
    value = request.args.get("refresh", "")
    return min(max(int(value), FASTEST), SLOWEST) if value.isdigit() and len(value) < 6 else default
