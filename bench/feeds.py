"""Build and serve times of the calendar feed and the frab exports on a generated conference.

    .venv/bin/python bench/feeds.py                       # 1,000 sessions, SQLite
    .venv/bin/python bench/feeds.py --database both

Generates a conference of N sessions over 3 days in 12 rooms (a third of the sessions with two speakers,
the rest with one) and publishes it (bench/agenda.py's generator). Through the Flask test client (routing,
queries, rendering; no network) it times, per feed:
  cold    the cache emptied before every request: the feed is rendered from the published version;
  cached  the same request again: the rendered bytes come from the cache;
  304     a conditional GET with the ETag: answered before anything is rendered (checked, not assumed);
and counts the SQL queries of a cold request at 100 and at N sessions (they must not grow).
"""

from __future__ import annotations

import argparse
import logging
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from agenda import QueryCounter, ensure_postgresql_database, generate, make_app  # noqa: E402

DEFAULT_POSTGRESQL = "postgresql://postgres@127.0.0.1:5432/bench"
TARGET_COLD_MS = {"calendar.ics": 100, "schedule.xml": 80, "schedule.json": 100}
TARGET_CACHED_MS = 5


def one_third_with_two(rng) -> int:
    return 2 if rng.random() < 1 / 3 else 1


def timed(client, url: str, repeat: int, before=None, headers=None) -> tuple[list[float], object]:
    samples, response = [], None
    for _ in range(repeat):
        if before:
            before()
        started = time.perf_counter()
        response = client.get(url, headers=headers or {})
        samples.append((time.perf_counter() - started) * 1000)
    return samples, response


def median(samples: list[float]) -> float:
    return statistics.median(samples)


def p90(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[max(int(len(ordered) * 0.9) - 1, 0)]


def run(database: str, url: str, sizes: list[int], repeat: int) -> None:
    from flask_migrate import upgrade

    from conference.extensions import cache, db
    from conference.feeds import frab
    from conference.feeds.views import ical as ical_views

    renders: list[str] = []

    def counting(name, real):
        def wrapper(*args, **kwargs):
            renders.append(name)
            return real(*args, **kwargs)

        return wrapper

    ical_views.build_calendar = counting("ical", ical_views.build_calendar)
    frab.build_xml = counting("xml", frab.build_xml)
    frab.build_json = counting("json", frab.build_json)

    instance = Path(tempfile.mkdtemp(prefix="plenary-bench-"))
    app = make_app(url, instance)
    with app.app_context():
        db.drop_all()
        with db.engine.begin() as conn:
            conn.exec_driver_sql("DROP TABLE IF EXISTS alembic_version")
        upgrade()
        counter = QueryCounter(db.engine)
    print(f"\n{database}: milliseconds over {repeat} requests (median / p90), SQL queries of a cold request")
    print(
        f"{'sessions':>8}  {'feed':<14} {'cold':>13} {'cached':>13} {'304':>13} {'queries':>8} {'KiB':>6}"
        f" {'cached, gzip':>13} {'gz KiB':>6}"
    )
    for size in sizes:
        slug = f"feeds-{size}"
        with app.app_context():
            generate(slug, size, speakers=one_third_with_two)
        client = app.test_client()

        def empty_cache():
            with app.app_context():
                cache.clear()

        for name in ("calendar.ics", "schedule.xml", "schedule.json"):
            feed = f"/c/{slug}/{name}"
            warm = client.get(feed)  # parses the published version once, as the first request would
            assert warm.status_code == 200, f"{feed}: {warm.status_code}"
            empty_cache()
            before = counter.count
            client.get(feed)
            queries = counter.count - before

            cold, response = timed(client, feed, repeat, before=empty_cache)
            cached, _ = timed(client, feed, repeat)
            rendered = len(renders)
            not_modified, answer = timed(
                client, feed, repeat, headers={"If-None-Match": response.headers["ETag"]}
            )
            assert answer.status_code == 304 and len(renders) == rendered, "a 304 rendered the feed"
            # What a calendar app or browser gets: the cached feed, gzipped on the way out.
            packed, packed_response = timed(client, feed, repeat, headers={"Accept-Encoding": "gzip"})
            assert packed_response.headers["Content-Encoding"] == "gzip"
            print(
                f"{size:>8}  {name:<14} {median(cold):>6.1f} /{p90(cold):>5.1f} {median(cached):>6.2f} /"
                f"{p90(cached):>5.2f} {median(not_modified):>6.2f} /{p90(not_modified):>5.2f}"
                f" {queries:>8} {len(response.data) / 1024:>6.0f}"
                f" {median(packed):>6.2f} /{p90(packed):>5.2f} {len(packed_response.data) / 1024:>6.0f}"
            )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database", choices=["sqlite", "postgresql", "both"], default="sqlite")
    parser.add_argument("--sessions", default="100,1000", help="comma-separated conference sizes")
    parser.add_argument("--repeat", type=int, default=21)
    parser.add_argument("--postgresql-url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_POSTGRESQL))
    args = parser.parse_args()
    logging.disable(logging.WARNING)
    sizes = [int(n) for n in args.sessions.split(",")]
    print(f"Python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} CPUs")
    print(
        "targets at 1,000 sessions: cold "
        + ", ".join(f"{name} < {ms} ms" for name, ms in TARGET_COLD_MS.items())
        + f"; cached < {TARGET_CACHED_MS} ms; 304 without rendering"
    )
    if args.database in ("sqlite", "both"):
        path = Path(tempfile.mkdtemp(prefix="plenary-bench-")) / "bench.sqlite3"
        run("sqlite", f"sqlite:///{path}", sizes, args.repeat)
    if args.database in ("postgresql", "both"):
        ensure_postgresql_database(args.postgresql_url)
        from conference.config import normalise_database_url

        run("postgresql", normalise_database_url(args.postgresql_url), sizes, args.repeat)


if __name__ == "__main__":
    main()
