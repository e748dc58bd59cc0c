"""Steps shared by the timetable builder tests: the CSRF token, and JSON posts as the page sends them."""

from __future__ import annotations

import re

GRID = "/c/aplc-2026/manage/agenda/"
CSRF_ATTRIBUTE = re.compile(r'data-csrf="([^"]+)"')


def builder_token(client, url: str = GRID) -> str:
    page = client.get(url)
    assert page.status_code == 200, page.status_code
    return CSRF_ATTRIBUTE.search(page.get_data(as_text=True)).group(1)


def post_json(client, path: str, body: object, token: str | None = None):
    """POST a change the way the builder page's script does: JSON with the X-CSRFToken header."""
    token = token or builder_token(client)
    return client.post(GRID + path, json=body, headers={"X-CSRFToken": token, "Accept": "application/json"})
