"""HTTP caching for feeds and exports: render once per published version, answer 304 without rendering.

A feed's bytes depend only on what its key names (the conference's version number and last change, the
language, the host, the feed's own subject), so the ETag is a hash of the key: a conditional GET is
answered from the key alone, before anything is built or read from the cache. Publishing a new version
changes the key, which is the invalidation; old entries age out of the cache.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Hashable
from datetime import datetime

from flask import Response, current_app, request
from flask_babel import get_locale
from werkzeug.http import is_resource_modified

from conference.agenda.models import AgendaVersion
from conference.core.compression import ETAG_SUFFIXES
from conference.events.models import Conference
from conference.extensions import cache

# Bump when a builder's output changes shape, so deployed caches and clients' copies are replaced.
FORMAT_REVISION = 2


def feed_etag(parts: tuple[Hashable, ...]) -> str:
    key = repr((FORMAT_REVISION, str(get_locale()), request.host_url, *parts))
    return hashlib.sha256(key.encode()).hexdigest()[:32]


def last_modified(conference: Conference, version: AgendaVersion | None) -> datetime:
    """The later of the last publication and the last change to the conference's own details."""
    moments = [conference.updated_at] + ([version.published_at] if version is not None else [])
    return max(moments).replace(microsecond=0)


def _client_copy(etag: str, modified: datetime) -> str | None:
    """The ETag of the client's copy when it is current; compressed copies carry ":gzip" and the like."""
    for suffix in ETAG_SUFFIXES:
        if not is_resource_modified(request.environ, etag=etag + suffix, last_modified=modified):
            return etag + suffix
    return None


def cached_response(
    parts: tuple[Hashable, ...],
    modified: datetime,
    render: Callable[[], bytes | str],
    *,
    content_type: str,
    filename: str | None = None,
    private: bool = False,
) -> Response:
    """The feed from the cache (rendered on a miss), or 304 when the client's copy is current."""
    etag = feed_etag(parts)
    held = _client_copy(etag, modified)
    if held is not None:
        response = Response(status=304)
        etag = held  # as the client knows it, compressed or not
    else:
        key = f"feed:{etag}"
        body = cache.get(key)
        if body is None:
            body = render()
            body = body.encode() if isinstance(body, str) else body
            cache.set(key, body)
        response = Response(body, content_type=content_type)
        if filename:
            # inline: a browser following the link offers the calendar app or viewer rather than a save.
            response.headers["Content-Disposition"] = f'inline; filename="{filename}"'
    response.set_etag(etag)
    response.last_modified = modified
    response.cache_control.max_age = current_app.config["FEED_MAX_AGE"]
    # Personal feeds may sit in the subscriber's own cache, never in a shared one.
    if private:
        response.cache_control.private = True
    else:
        response.cache_control.public = True
    # The language comes from the browser or the switcher's cookie.
    response.vary.update(("Accept-Language", "Cookie"))
    return response
