"""Feeds, exports, the JSON APIs and static files travel compressed; HTML pages (CSRF tokens) never do."""

from __future__ import annotations

import gzip

import brotli

from tests.feeds.test_caching import builds, feed_urls  # noqa: F401 - the fixture is used by name

GZIP = {"Accept-Encoding": "gzip"}


def test_every_feed_comes_gzipped_and_a_compressed_copy_still_gets_304_without_rendering(
    client,
    conference,
    programme,
    builds,  # noqa: F811
):
    compressed = []
    for url in feed_urls(conference, programme):
        plain = client.get(url)
        packed = client.get(url, headers=GZIP)
        if len(plain.data) < 1400:  # one packet: sent as it is
            assert "Content-Encoding" not in packed.headers and packed.data == plain.data, url
            continue
        assert packed.headers["Content-Encoding"] == "gzip", url
        compressed.append(url.rsplit("/", 1)[-1])
        assert "Accept-Encoding" in packed.headers["Vary"], url
        assert gzip.decompress(packed.data) == plain.data, url
        assert len(packed.data) < len(plain.data), url
        etag = packed.headers["ETag"]
        assert etag.endswith(':gzip"'), url
        again = client.get(url, headers=GZIP | {"If-None-Match": etag})
        assert again.status_code == 304 and again.data == b"", url
    assert {"calendar.ics", "schedule.xml", "schedule.json", "sessions"} <= set(compressed)
    assert sorted(builds) == [
        "ical",
        "ical",
        "ical",
        "ical",
        "json",
        "xml",
    ]  # one render each, none for a 304


def test_brotli_when_the_browser_prefers_it(client, conference, programme):
    response = client.get(f"/c/{conference.slug}/schedule.json", headers={"Accept-Encoding": "br, gzip"})
    assert response.headers["Content-Encoding"] == "br"
    assert brotli.decompress(response.data).startswith(b"{")


def test_html_pages_are_never_compressed(client, conference, programme):
    for url in (f"/c/{conference.slug}/", f"/c/{conference.slug}/agenda/", "/login"):
        response = client.get(url, headers=GZIP)
        assert response.status_code == 200, url
        assert "Content-Encoding" not in response.headers, url
        assert b"<html" in response.data, url


def test_static_files_come_compressed_and_revalidate(client):
    browser = {"Accept-Encoding": "gzip, deflate, br, zstd"}
    plain = client.get("/static/vendor/jsQR.js")
    response = client.get("/static/vendor/jsQR.js", headers=browser)
    assert response.status_code == 200 and response.headers["Content-Encoding"] in ("zstd", "br", "deflate")
    body = response.get_data()
    assert len(body) < len(plain.get_data()) / 2
    again = client.get(
        "/static/vendor/jsQR.js", headers=browser | {"If-None-Match": response.headers["ETag"]}
    )
    assert again.status_code == 304
    for r in (plain, response, again):
        r.close()
