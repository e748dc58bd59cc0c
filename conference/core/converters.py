"""URL converters: `<id:name>` is an integer that fits a database id, so a huge number is a 404, not a 500."""

from __future__ import annotations

from flask import Flask
from werkzeug.routing import IntegerConverter

MAX_ID = 2**31 - 1  # PostgreSQL's integer; a larger id cannot exist and would overflow the query


class IdConverter(IntegerConverter):
    def __init__(self, url_map, **kwargs) -> None:
        super().__init__(url_map, max=MAX_ID, **kwargs)


def init_app(app: Flask) -> None:
    app.url_map.converters["id"] = IdConverter
